// The subscription and deliveries-log use cases over the in-memory ports of test/kit: listing pages only the
// caller's own and refuses a cursor of another listing; deleting needs ownership; the log pages newest first.
import { listDeliveries } from '#shared/webhooks/deliveries';
import { deleteSubscription, listSubscriptions } from '#shared/webhooks/subscriptions';
import { PRINCIPALS } from '#test/kit/auth';
import { InMemoryDeliveries, InMemorySubscriptions, T0, subscription } from '#test/kit/webhooks';

const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const shop1 = [1, 2, 3].map((i) => subscription({ id: `wh_${i}`, owner: 'platform#shop-1', ownerTenantId: 'shop-1', createdAt: at(i) }));
const shop2 = subscription({ id: 'wh_9', owner: 'platform#shop-2', ownerTenantId: 'shop-2' });

describe('listSubscriptions', () => {
  it("pages the caller's own subscriptions, newest first, and nobody else's", async () => {
    const store = new InMemorySubscriptions([...shop1, shop2]);
    const first = await listSubscriptions(PRINCIPALS.platform, 2, undefined, store);
    if ('refused' in first) throw new Error(first.detail);
    expect(first.items.map((s) => s.id)).toEqual(['wh_3', 'wh_2']);
    const second = await listSubscriptions(PRINCIPALS.platform, 2, first.next, store);
    if ('refused' in second) throw new Error(second.detail);
    expect([second.items.map((s) => s.id), second.next]).toEqual([['wh_1'], undefined]);
  });

  it("refuses another owner's position as a cursor (INVALID_CURSOR), reading nothing", async () => {
    const store = new InMemorySubscriptions([...shop1, shop2]);
    const theirs = await listSubscriptions(PRINCIPALS.platform, 1, undefined, store);
    if ('refused' in theirs) throw new Error(theirs.detail);
    expect(await listSubscriptions(PRINCIPALS.otherPlatform, 1, theirs.next, store)).toEqual({ refused: 'INVALID_CURSOR', detail: 'use the cursor of a previous page as it was given' });
  });
});

describe('deleteSubscription', () => {
  it('deletes an own subscription; another owner gets NOT_FOUND and it stays', async () => {
    const store = new InMemorySubscriptions([...shop1]);
    expect(await deleteSubscription(PRINCIPALS.otherPlatform, 'wh_1', store)).toEqual({ refused: 'NOT_FOUND', detail: 'no webhook wh_1 that this key may see' });
    expect(store.items.has('wh_1')).toBe(true);
    expect(await deleteSubscription(PRINCIPALS.platform, 'wh_1', store)).toMatchObject({ id: 'wh_1' });
    expect(store.items.has('wh_1')).toBe(false);
    expect(await deleteSubscription(PRINCIPALS.admin, 'wh_2', store)).toMatchObject({ id: 'wh_2' });
  });
});

describe('listDeliveries', () => {
  it("pages the log newest first, without the cycle, and refuses another subscription's position", async () => {
    const log = new InMemoryDeliveries();
    for (let i = 1; i <= 3; i++)
      await log.logAttempt(
        'wh_1',
        { eventId: `evt_${i}`, eventType: 'customs.response.issued', itemId: 'CP000000015DE', cycle: 0, attempt: 1, attemptedAt: at(i), latencyMs: 5, statusCode: 204, outcome: 'delivered' },
        0,
      );
    await log.logAttempt('wh_2', { eventId: 'evt_x', eventType: 'customs.response.issued', itemId: 'CP000000015DE', cycle: 0, attempt: 1, attemptedAt: at(9), latencyMs: 5, outcome: 'delivered' }, 0);

    const page = await listDeliveries(shop1[0]!, 2, undefined, log);
    if ('refused' in page) throw new Error(page.detail);
    expect(page.items.map((a) => a.eventId)).toEqual(['evt_3', 'evt_2']);
    expect(page.items[0]).not.toHaveProperty('cycle');
    expect(await listDeliveries(shop1[1]!, 2, page.next, log)).toEqual({ refused: 'INVALID_CURSOR', detail: 'use the cursor of a previous page as it was given' });
    const rest = await listDeliveries(shop1[0]!, 2, page.next, log);
    if ('refused' in rest) throw new Error(rest.detail);
    expect(rest.items.map((a) => a.eventId)).toEqual(['evt_1']);
  });
});
