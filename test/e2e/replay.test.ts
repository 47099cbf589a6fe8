// What-if replay through the API, over the local runtime (the replay queue and consumer included): live traffic
// with a split shipment, outcomes recorded on the holds, then a stricter candidate document replayed over the period,
// polled until done, and its figures checked against a count made here. A replay changes no parcel and sends no
// webhook: a customs subscription to every event sees only the traffic's own events.
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { loadRulesConfig } from '#shared/risk/index';
import type { ApiClient } from '../helpers/api-client';
import { expectProblem } from '../helpers/problems';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import { startApiRuntime } from '../helpers/webhook-runtime';
import { type TrafficKind, replayTraffic, stricterRuleset } from '../fixtures/replay-traffic';
import { type Receiver, startReceiver } from './webhooks-receiver';

jest.setTimeout(90_000);

let rt: LocalRuntime;
let api: ApiClient;
let adminKey: string;
let receiver: Receiver;
let secret: string;
let keys: Record<string, { id: string; key: string }> = {};
const nextId = s10Sequence(73_000_000);
const key = (name: string) => keys[name]!.key;
const sent = new Map<string, { kind: TrafficKind; live: string }>();
let from: string;
let to: string;

beforeAll(async () => {
  ({ rt, api, keys, adminKey } = await startApiRuntime(
    { topology, log: memoryLog(), queueVisibilitySeconds: 2, scheduleIntervalMs: 500, idlePollMs: 20 },
    { shop: { role: 'platform', tenantId: 'replay-shop' }, postFR: { role: 'post', country: 'FR' }, customsFR: { role: 'customs', country: 'FR' }, customsDE: { role: 'customs', country: 'DE' } },
  ));
  receiver = await startReceiver();
  const sub = await api.post('/v1/webhooks', key('customsFR'), { url: receiver.url, events: ['parcel.received', 'parcel.assessed', 'customs.response.issued', 'parcel.rejected', 'parcel.inspected'] });
  expect(sub.status).toBe(201);
  secret = sub.body.secret;
  from = new Date().toISOString();
  for (const { kind, declaration } of replayTraffic(nextId)) {
    expect((await api.post('/v1/parcels', key('shop'), declaration)).status).toBe(202);
    // Each assessed before the next is sent, as a split shipment's parts arrive: hours apart, not in one batch.
    const live = await waitFor(
      async () => {
        const s = (await api.get(`/v1/parcels/${declaration.itemId}`, key('customsFR'))).body?.status;
        return s !== 'RECEIVED' && s;
      },
      `${declaration.itemId} to be assessed`,
      20_000,
    );
    sent.set(declaration.itemId, { kind, live });
  }
  to = new Date().toISOString();
  // Outcomes on the holds: the first cannabis parcel FOUND, the other holds NOTHING_FOUND.
  const holds = [...sent].filter(([, s]) => s.live === 'HELD_FOR_INSPECTION').map(([id]) => id);
  for (const [i, id] of holds.entries()) {
    const body = i === 0 ? { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] } : { result: 'NOTHING_FOUND' };
    expect((await api.post(`/v1/parcels/${id}/outcomes`, key('customsFR'), body)).status).toBe(201);
  }
});
afterAll(async () => {
  await receiver?.close();
  await rt?.close();
});

type Replay = { status: string; progress: Record<string, number | boolean>; result?: any; changes?: { items: { itemId: string }[]; cursor?: string } };
const poll = (id: string, who: string) =>
  waitFor(
    async () => {
      const r = await api.get(`/v1/rule-lab/replays/${id}`, key(who));
      expect(r.status).toBe(200);
      return r.body.status === 'DONE' && (r.body as Replay);
    },
    `replay ${id} to be done`,
    30_000,
    100,
  );

/** Every parcel as customs sees it, to compare before and after. */
const parcels = async () => (await api.get('/v1/parcels?limit=100&destinationCountry=FR', adminKey)).body.items;

describe('POST /v1/rule-lab/replays', () => {
  it("replays a stricter candidate: the figures match the test's count; no parcel changes, no webhook is sent", async () => {
    const before = await parcels();
    const inspected = [...sent.keys()].filter((id) => sent.get(id)!.live === 'HELD_FOR_INSPECTION');
    // Every event of the traffic delivered first: each response, and each outcome.
    await waitFor(
      () =>
        new Set(
          receiver
            .verified(secret)
            .filter((e) => e.type === 'customs.response.issued')
            .map((e) => e.data.itemId),
        ).size === sent.size,
      'the responses delivered',
      20_000,
    );
    await waitFor(() => receiver.verified(secret).filter((e) => e.type === 'parcel.inspected').length === inspected.length, 'the outcomes delivered', 20_000);
    const delivered = receiver.received.length;

    const r = await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: stricterRuleset(), from, to });
    expect(r.status).toBe(202);
    expect(r.headers.get('location')).toBe(`/v1/rule-lab/replays/${r.body.id}`);
    const done = await poll(r.body.id, 'customsFR');

    const n = (k: TrafficKind) => [...sent.values()].filter((s) => s.kind === k).length;
    const live = (code: string) => [...sent.values()].filter((s) => s.live === code).length;
    expect(done.progress).toEqual({ parcelsDone: sent.size, parcelsTotal: sent.size, pagesDone: 1, pagesTotal: 1, planned: true });
    const result = done.result;
    expect(result.parcels).toBe(sent.size);
    // Gifts go from an information request to a hold; cannabis from a hold to DO_NOT_LOAD; the rest stays.
    expect(result.confusion.INFORMATION_REQUESTED).toEqual({ RELEASED: 0, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: n('gift'), DO_NOT_LOAD: 0 });
    expect(result.confusion.HELD_FOR_INSPECTION).toEqual({ RELEASED: 0, INFORMATION_REQUESTED: 0, HELD_FOR_INSPECTION: 1, DO_NOT_LOAD: n('cannabis') });
    expect(result.confusion.RELEASED.RELEASED).toBe(live('RELEASED'));
    expect(result.changed).toBe(n('gift') + n('cannabis'));
    expect(result.holdRate.current).toBeCloseTo(live('HELD_FOR_INSPECTION') / sent.size);
    expect(result.holdRate.change).toBeCloseTo(n('gift') / sent.size);
    expect(result.outcomes.found).toEqual({ total: 1, currentlyHeld: 1, stillHeld: 1, released: 0 });
    expect(result.outcomes.nothingFound).toEqual({ total: inspected.length - 1, currentlyHeld: inspected.length - 1, stillHeld: inspected.length - 1, avoided: 0 });
    expect(result.topRules.addedHolds).toEqual([{ ruleId: 'DESCRIPTION_GENERIC', holds: n('gift') }]);
    expect(done.changes!.items.map((c) => c.itemId).sort()).toEqual(
      [...sent]
        .filter(([, s]) => s.kind === 'gift' || s.kind === 'cannabis')
        .map(([id]) => id)
        .sort(),
    );
    expect(done.changes!.cursor).toBeUndefined();

    expect(await parcels()).toEqual(before);
    // A parcel sent after the replay is delivered; nothing the replay did is.
    const sentinel = { ...replayTraffic(nextId)[0]!.declaration };
    expect((await api.post('/v1/parcels', key('shop'), sentinel)).status).toBe(202);
    await waitFor(() => receiver.verified(secret).some((e) => e.type === 'customs.response.issued' && e.data.itemId === sentinel.itemId), 'the sentinel delivered', 20_000);
    expect(
      new Set(
        receiver
          .verified(secret)
          .slice(delivered)
          .map((e) => e.data.itemId),
      ),
    ).toEqual(new Set([sentinel.itemId]));
  });

  it('replays the active ruleset by version: nothing changes, the split shipment included', async () => {
    expect([...sent.values()].filter((s) => s.kind === 'split').map((s) => s.live)).toEqual(['RELEASED', 'RELEASED', 'HELD_FOR_INSPECTION']);
    const r = await api.post('/v1/rule-lab/replays', adminKey, { ruleset: loadRulesConfig('eu-west-1').rulesetVersion, from, to, destinationCountry: 'FR' });
    expect(r.status).toBe(202);

    const done = await poll(r.body.id, 'customsFR');

    expect(done.result.parcels).toBe(sent.size);
    expect(done.result.changed).toBe(0);
    expect(done.changes).toEqual({ items: [] });
  });

  it('refuses bad requests with pointers, other roles and countries; hides a replay from other countries', async () => {
    const period = { from, to };
    const bad = await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: { ...stricterRuleset(), levels: { medium: -1 } }, from: 'yesterday', to });
    expectProblem(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/from']);
    const badDoc = await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: { ...stricterRuleset(), levels: { medium: -1 } }, ...period });
    expectProblem(badDoc, 400, 'INVALID_REQUEST');
    expect(badDoc.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/ruleset/levels/medium', '/ruleset/levels/high']));
    const unknown = await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: '2001-01-01.1', ...period });
    expectProblem(unknown, 404, 'NOT_FOUND');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/ruleset' })]);
    expectProblem(await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: '2001-01-01.1', from: to, to: from }), 400, 'INVALID_REQUEST');
    expectProblem(await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: '2001-01-01.1', ...period, destinationCountry: 'DE' }), 403, 'FORBIDDEN');
    expectProblem(await api.post('/v1/rule-lab/replays', key('shop'), { ruleset: '2001-01-01.1', ...period }), 403, 'FORBIDDEN');
    expectProblem(await api.post('/v1/rule-lab/replays', key('postFR'), { ruleset: '2001-01-01.1', ...period }), 403, 'FORBIDDEN');

    const mine = await api.post('/v1/rule-lab/replays', key('customsFR'), { ruleset: loadRulesConfig('eu-west-1').rulesetVersion, ...period });
    expect(mine.status).toBe(202);
    expectProblem(await api.get(`/v1/rule-lab/replays/${mine.body.id}`, key('customsDE')), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/v1/rule-lab/replays/${mine.body.id}`, key('postFR')), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/v1/rule-lab/replays/${mine.body.id}?cursor=zzz`, key('customsFR')), 400, 'INVALID_CURSOR');
    expectProblem(await api.get('/v1/rule-lab/replays/rpl_AAAAAAAAAAAAAAAAAAAAAA', key('customsFR')), 404, 'NOT_FOUND');
    expect((await api.get(`/v1/rule-lab/replays/${mine.body.id}`, adminKey)).status).toBe(200);
    await poll(mine.body.id, 'customsFR');
  });
});
