// The API under the customs workbench, over HTTP: inspection outcomes after a hold (customs and admin only, an event
// for their subscriptions only), checking a declaration before filing, and the queue's filters. The local runtime
// runs in this process; webhook receivers on 127.0.0.1 verify every signature with `standardwebhooks`.
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { useApiRuntime } from '../helpers/e2e';
import { expectProblem } from '../helpers/problems';
import { startReceiver } from './webhooks-receiver';

jest.setTimeout(60_000);

const runtime = useApiRuntime({ shop: { role: 'platform', tenantId: 'bench-shop' }, postFR: { role: 'post', country: 'FR' }, customsFR: { role: 'customs', country: 'FR' } });
const { keys, key, receivers } = runtime;
let { api } = runtime;
beforeAll(() => void ({ api } = runtime));
const nextId = s10Sequence(62_000_000);

async function declared(d: object): Promise<string> {
  const itemId = nextId();
  expect((await api.post('/v1/parcels', key('shop'), { ...d, itemId })).status).toBe(202);
  await api.awaitAssessed([itemId], key('customsFR'));
  return itemId;
}

describe('inspection outcomes', () => {
  it('after a hold: 201, in the history for customs only, delivered to customs subscriptions only', async () => {
    const hooks = { customs: await startReceiver(), post: await startReceiver() };
    receivers.push(hooks.customs, hooks.post);
    const customsSub = (await api.post('/v1/webhooks', key('customsFR'), { url: hooks.customs.url, events: ['parcel.inspected'] })).body;
    const postSub = await api.post('/v1/webhooks', key('postFR'), { url: hooks.post.url, events: ['parcel.inspected'] });
    const itemId = await declared(ENGINE_VERDICTS.HELD_FOR_INSPECTION());

    const r = await api.post(`/v1/parcels/${itemId}/outcomes`, key('customsFR'), { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'], notes: 'cannabis oil, 30 ml' });

    expect(r).toMatchObject({ status: 201, body: { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'], notes: 'cannabis oil, 30 ml', recordedBy: keys.customsFR!.id } });
    expectProblem(postSub, 403, 'FORBIDDEN'); // a post may not even ask for it
    const [event] = await waitFor(
      () => hooks.customs.verified(customsSub.secret).filter((e) => e.data.itemId === itemId).length > 0 && hooks.customs.verified(customsSub.secret),
      'the inspection event',
      20_000,
    );
    expect(event).toMatchObject({ type: 'parcel.inspected', data: { itemId, status: 'HELD_FOR_INSPECTION' } });
    const history = async (who: string) => (await api.get(`/v1/parcels/${itemId}`, key(who))).body.history as { type: string; result?: string }[];
    expect((await history('customsFR')).filter((h) => h.type === 'parcel.inspected')).toEqual([
      expect.objectContaining({ result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'], notes: 'cannabis oil, 30 ml' }),
    ]);
    expect((await history('shop')).map((h) => h.type)).not.toContain('parcel.inspected');
  });

  it('refuses an outcome for a parcel never held (409 NOT_HELD) and one that does not say what was found (400)', async () => {
    const released = await declared(ENGINE_VERDICTS.RELEASED());
    const held = await declared(ENGINE_VERDICTS.HELD_FOR_INSPECTION());

    expectProblem(await api.post(`/v1/parcels/${released}/outcomes`, key('customsFR'), { result: 'NOTHING_FOUND' }), 409, 'NOT_HELD');
    const vague = await api.post(`/v1/parcels/${held}/outcomes`, key('customsFR'), { result: 'FOUND' });
    expectProblem(vague, 400, 'INVALID_REQUEST');
    expect(vague.body.errors).toEqual([expect.objectContaining({ pointer: '/findings' })]);
    expectProblem(await api.post(`/v1/parcels/${held}/outcomes`, key('customsFR'), { result: 'NOTHING_FOUND', findings: ['SMUGGLED'] }), 400, 'INVALID_REQUEST');
  });
});

describe('checking a declaration before filing', () => {
  it('answers every error, or every data-quality finding, with pointers, and stores nothing', async () => {
    const itemId = nextId();
    const vague = { ...ENGINE_VERDICTS.INFORMATION_REQUESTED(), itemId };
    const broken = { ...vague, currency: 'XXY', contents: [{ ...vague.contents[0]!, hsCode: '999999' }] };

    const findings = await api.post('/v1/declarations/check', key('shop'), vague);
    const errors = await api.post('/v1/declarations/check', key('postFR'), broken);

    expect(findings).toMatchObject({ status: 200, body: { valid: true, errors: [], findings: [{ ruleId: 'DESCRIPTION_GENERIC', pointer: '/contents/0/description', message: expect.any(String) }] } });
    expect(errors.body.valid).toBe(false);
    expect(errors.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/contents/0/hsCode', '/currency']);
    expectProblem(await api.get(`/v1/parcels/${itemId}`, key('shop')), 404, 'NOT_FOUND');
    expectProblem(await api.post('/v1/declarations/check', key('customsFR'), vague), 403, 'FORBIDDEN');
  });
});

describe('the queue filters', () => {
  it('by origin, by rule (customs only) and by receipt period', async () => {
    const from = new Date().toISOString();
    const held = await declared(ENGINE_VERDICTS.HELD_FOR_INSPECTION());
    const released = await declared(ENGINE_VERDICTS.RELEASED());
    const to = new Date().toISOString();
    const list = async (who: string, q: string) => {
      const r = await api.get(`/v1/parcels?limit=100&includeDeclaration=false&${q}`, key(who));
      expect(r.status).toBe(200);
      return (r.body.items as { itemId: string }[]).map((p) => p.itemId);
    };

    expect(await list('customsFR', 'ruleId=RESTRICTED_KEYWORD_CANNABIS')).toContain(held);
    expect(await list('customsFR', 'ruleId=RESTRICTED_KEYWORD_CANNABIS')).not.toContain(released);
    expect((await list('customsFR', `receivedFrom=${from}&receivedTo=${to}`)).sort()).toEqual([held, released].sort());
    expect(await list('customsFR', `receivedTo=${from}`)).not.toContain(held);
    expect(await list('customsFR', 'originCountry=DE')).toEqual(expect.arrayContaining([held, released]));
    expect(await list('customsFR', 'originCountry=CN')).not.toContain(held);
    expectProblem(await api.get('/v1/parcels?ruleId=RESTRICTED_KEYWORD_CANNABIS', key('shop')), 403, 'FORBIDDEN');
    expectProblem(await api.get('/v1/parcels?ruleId=NOT_A_RULE', key('customsFR')), 400, 'INVALID_REQUEST');
  });
});

it('GET /v1/whoami tells a key what it is', async () => {
  expect(await api.get('/v1/whoami', key('customsFR'))).toMatchObject({ status: 200, body: { keyId: keys.customsFR!.id, role: 'customs', country: 'FR' } });
});
