// The subscriptions table over the embedded DynamoDB: getMany (what a batch of webhook attempts reads at once)
// answers as get does, for each id in its order.
import { provisionTable } from '#infra/local/provision';
import { WebhookSubscriptionStore, webhookSubscriptionsTable } from '#shared/store/webhook-subscription-store';
import { subscription } from '#test/kit/webhooks';
import { type TestDynamo, startTestDynamo } from './dynamo';

let db: TestDynamo;
let store: WebhookSubscriptionStore;

beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, webhookSubscriptionsTable('subscriptions'));
  store = new WebhookSubscriptionStore(db.doc, 'subscriptions');
});
afterAll(() => db?.close());

describe('webhook subscriptions', () => {
  it('getMany reads each id as get does, in its order, an id asked twice once, a missing one undefined', async () => {
    for (const id of ['wh_a', 'wh_b', 'wh_c']) await store.put(subscription({ id }));
    await store.disable('wh_b', 'the endpoint answered 410 Gone', new Date().toISOString());
    const got = await store.getMany(['wh_c', 'wh_none', 'wh_b', 'wh_a', 'wh_c']);
    expect(got.map((s) => s?.id)).toEqual(['wh_c', undefined, 'wh_b', 'wh_a', 'wh_c']);
    expect(got[2]).toEqual(await store.get('wh_b'));
    expect(got[2]).toMatchObject({ status: 'disabled' });
  });
});
