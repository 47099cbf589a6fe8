// What-if replay over the embedded DynamoDB and SQS: traffic submitted and assessed by the live stages (the test
// moves the messages itself, one at a time, so the split shipment's parts are assessed in order), outcomes recorded,
// then replays run by the same domain functions the replay consumer calls, from the real replay queue.
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Principal } from '#shared/auth/principal';
import { type AssessPorts, assessQueuedParcel } from '#shared/parcels/assess';
import { recordOutcome } from '#shared/parcels/outcomes';
import { submitDeclarations } from '#shared/parcels/submit';
import { type RiskEngine, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { type ReplayPorts, runReplayMessage, startReplay } from '#shared/rule-lab/replay';
import { shippedRulesets } from '#shared/rule-lab/replay-request';
import { type ReplayView, readReplay } from '#shared/rule-lab/replay-view';
import { ParcelStore } from '#shared/store/parcel-store';
import { ReplayParcelReader, ReplayStore } from '#shared/store/replay-store';
import { sendBatch } from '#shared/store/queue';
import { QUEUES } from '#shared/resources';
import { type TrafficKind, mixedRuleset, replayTraffic, splitPart } from '#test/fixtures/replay-traffic';
import { ENGINE_VERDICTS } from '#test/fixtures/risk-declarations';
import { s10Sequence } from '#test/helpers/s10';
import { NO_EVENTS, useIngestAssess } from '#test/helpers/pipeline-services';
import { PRINCIPALS } from '#test/kit/auth';

jest.setTimeout(60_000);

const t = useIngestAssess({ servedDestinations: ['FR', 'DE'], events: NO_EVENTS });
let { sqs, doc, provisioned } = t;
let ports: ReplayPorts;
const nextId = s10Sequence(71_000_000);
const { platform: shop, customs: customsFR, admin } = PRINCIPALS;
const customsDE: Principal = { keyId: 'key_customs_de', role: 'customs', country: 'DE' };
const shipped = loadRulesConfig('eu-west-1');
const now = () => new Date().toISOString();
const clock = () => new Date();
const queueUrl = (name: string) => provisioned.queues[name]!.url;
/** What live traffic left: kind and live response per itemId. */
const traffic = new Map<string, { kind: TrafficKind; live: string }>();
let from: string;
let to: string;

async function receive(name: string): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl(name), MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
  );
  return Messages;
}
const remove = (name: string, m: Message) => sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(name), ReceiptHandle: m.ReceiptHandle! }));

beforeAll(async () => {
  ({ sqs, doc, provisioned } = t);
  const store = t.store;
  const engines = new Map<string, RiskEngine>();
  ports = {
    replays: new ReplayStore(doc, 'replays'),
    parcels: new ReplayParcelReader(doc, 'parcels', store),
    rulesets: shippedRulesets(shipped),
    enqueue: async (m) => void expect(await sendBatch(sqs, queueUrl(QUEUES.replay), m)).toEqual([]),
    engineFor: (meta) => engines.get(meta.id) ?? engines.set(meta.id, createRiskEngine({ config: meta.candidate, screener: loadDefaultScreener() })).get(meta.id)!,
    now,
  };
  await sendTraffic(store);
});

/** Live traffic through the real submit and assess stages, each parcel assessed before the next is sent. */
async function sendTraffic(store: ParcelStore): Promise<void> {
  const { submitPorts, assessPorts } = t;
  const assessAll = async () => {
    for (let ms = await receive(QUEUES.assess); ms.length > 0; ms = await receive(QUEUES.assess)) {
      for (const m of ms) {
        await assessQueuedParcel(m.Body!, assessPorts);
        await remove(QUEUES.assess, m);
      }
    }
  };
  from = now();
  for (const { kind, declaration } of replayTraffic(nextId)) {
    await submitDeclarations([declaration], shop, submitPorts);
    await assessAll();
    traffic.set(declaration.itemId, { kind, live: (await store.get(declaration.itemId))!.status });
  }
  // An amendment: a gift made precise is released (version 2 is what a replay judges).
  const amended = replayTraffic(nextId).find((t) => t.kind === 'gift')!.declaration;
  await submitDeclarations([amended], shop, submitPorts);
  await assessAll();
  await submitDeclarations([{ ...ENGINE_VERDICTS.RELEASED(), itemId: amended.itemId }], shop, submitPorts);
  await assessAll();
  traffic.set(amended.itemId, { kind: 'clean', live: (await store.get(amended.itemId))!.status });
  // Outcomes on the holds: the first cannabis parcel FOUND, the others NOTHING_FOUND; the held split part FOUND.
  const decisionPorts = { store, events: { publish: async () => undefined }, now: clock };
  const cannabis = [...traffic].filter(([, t]) => t.kind === 'cannabis').map(([id]) => id);
  const splitHeld = [...traffic].filter(([, t]) => t.kind === 'split' && t.live === 'HELD_FOR_INSPECTION').map(([id]) => id);
  for (const [i, id] of [...cannabis, ...splitHeld].entries()) {
    const result = i === 0 || splitHeld.includes(id) ? 'FOUND' : 'NOTHING_FOUND';
    expect(await recordOutcome(customsFR, id, { result, findings: result === 'FOUND' ? ['PROHIBITED_OR_RESTRICTED'] : [] }, decisionPorts)).toMatchObject({ outcome: 'recorded' });
  }
  // Traffic to another destination, which a replay of FR must not read.
  await submitDeclarations(
    [
      {
        ...ENGINE_VERDICTS.INFORMATION_REQUESTED(),
        itemId: nextId(),
        destinationCountry: 'DE',
        recipient: { name: 'Jonas Becker', address: { lines: ['Hauptstrasse 1'], city: 'Berlin', postcode: '10115', countryCode: 'DE' }, phone: '+49301111111' },
      },
    ],
    shop,
    submitPorts,
  );
  await assessAll();
  to = now();
}

/** Runs the replay queue until the replay is done: every message through the consumer's domain function. */
async function runToEnd(id: string, seen: Message[] = []): Promise<ReplayView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ms = await receive(QUEUES.replay);
    for (const m of ms) {
      await runReplayMessage(m.Body!, ports, { redelivered: Number(m.Attributes?.ApproximateReceiveCount ?? 1) > 1 });
      await remove(QUEUES.replay, m);
      seen.push(m);
    }
    const r = await readReplay(admin, id, undefined, ports);
    if (r.outcome === 'found' && r.view.status === 'DONE' && ms.length === 0) return r.view;
    if (Date.now() > deadline) throw new Error(`replay ${id} not done in 30 s: ${JSON.stringify(r)}`);
  }
}

const snapshot = async () => ((await doc.send(new ScanCommand({ TableName: 'parcels' }))).Items ?? []).sort((a, b) => (a.itemId < b.itemId ? -1 : 1));

describe('a replay of the active ruleset', () => {
  it('changes nothing, the split shipment included: a diagonal table over every FR parcel of the period', async () => {
    const live = [...traffic.values()];
    // The traffic is what the test says it is: the third part of the split shipment was held because of the two before.
    expect(live.filter((t) => t.kind === 'split').map((t) => t.live)).toEqual(['RELEASED', 'RELEASED', 'HELD_FOR_INSPECTION']);
    const started = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, from, to }, ports);
    if ('code' in started) throw new Error(started.detail);

    const view = await runToEnd(started.id);

    expect(view.progress).toEqual({ parcelsDone: traffic.size, parcelsTotal: traffic.size, pagesDone: 1, pagesTotal: 1, planned: true });
    expect(view.result!.parcels).toBe(traffic.size);
    expect(view.result!.changed).toBe(0);
    expect(view.changes).toEqual({ items: [] });
    const diagonal = Object.fromEntries(Object.entries(view.result!.confusion).map(([row, cols]) => [row, cols[row as keyof typeof cols]]));
    const count = (code: string) => live.filter((t) => t.live === code).length;
    expect(diagonal).toEqual({ RELEASED: count('RELEASED'), INFORMATION_REQUESTED: count('INFORMATION_REQUESTED'), HELD_FOR_INSPECTION: count('HELD_FOR_INSPECTION'), DO_NOT_LOAD: 0 });
    expect(view.result!.holdRate.change).toBe(0);
    expect(view.result!.currentRulesetVersions).toEqual([shipped.rulesetVersion]);
  });

  it('sees the history live saw when parcels were assessed in another order than received', async () => {
    const store = new ParcelStore(doc, 'parcels');
    const periodFrom = now();
    const parts = [splitPart(nextId()), splitPart(nextId()), splitPart(nextId())].map((d) => ({ ...d, recipient: { ...d.recipient, name: 'Agnès Varda' } }));
    const enqueue = async (m: { itemId: string }[]) => m.map((x) => x.itemId);
    for (const d of parts) await submitDeclarations([d], shop, { store, enqueue, now: clock, servedDestinations: new Set(['FR']) });
    // Received A, B, C; assessed C, B, A: only A saw two parcels before it (live held A alone).
    const assessPorts: AssessPorts = { store, engine: createRiskEngine({ config: shipped, screener: loadDefaultScreener() }), events: { publish: async () => undefined }, now: clock };
    for (const d of [...parts].reverse()) await assessQueuedParcel(JSON.stringify({ itemId: d.itemId, version: 1 }), assessPorts);
    expect(await Promise.all(parts.map(async (d) => (await store.get(d.itemId))!.status))).toEqual(['HELD_FOR_INSPECTION', 'RELEASED', 'RELEASED']);
    const started = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, from: periodFrom, to: now() }, ports);
    if ('code' in started) throw new Error(started.detail);

    const view = await runToEnd(started.id);

    expect(view.result!.parcels).toBe(3);
    expect(view.result!.changed).toBe(0);
    expect(view.result!.confusion.HELD_FOR_INSPECTION.HELD_FOR_INSPECTION).toBe(1);
  });
});

describe('a replay of a candidate document', () => {
  it('counts the changes, the outcomes and the rules as the test counts them; writes no parcel, queues no event', async () => {
    const before = await snapshot();
    const started = await startReplay(customsFR, { ruleset: mixedRuleset() as unknown as Record<string, unknown>, from, to }, ports);
    if ('code' in started) throw new Error(started.detail);

    const view = await runToEnd(started.id);

    const kinds = [...traffic.values()];
    const n = (k: TrafficKind) => kinds.filter((t) => t.kind === k).length;
    const r = view.result!;
    expect(r.confusion.INFORMATION_REQUESTED.HELD_FOR_INSPECTION).toBe(n('gift'));
    expect(r.confusion.HELD_FOR_INSPECTION.RELEASED).toBe(n('cannabis'));
    expect(r.confusion.HELD_FOR_INSPECTION.HELD_FOR_INSPECTION).toBe(1); // the split shipment's third part
    expect(r.changed).toBe(n('gift') + n('cannabis'));
    expect(r.holds).toEqual({ current: n('cannabis') + 1, candidate: n('gift') + 1, added: n('gift'), removed: n('cannabis') });
    expect(r.holdRate.change).toBeCloseTo((n('gift') - n('cannabis')) / traffic.size);
    // Outcomes: one cannabis FOUND (released by the candidate), the split part FOUND (still held), the rest NOTHING_FOUND (avoided).
    expect(r.outcomes.found).toEqual({ total: 2, currentlyHeld: 2, stillHeld: 1, released: 1 });
    expect(r.outcomes.nothingFound).toEqual({ total: n('cannabis') - 1, currentlyHeld: n('cannabis') - 1, stillHeld: 0, avoided: n('cannabis') - 1 });
    expect(r.topRules.addedHolds).toEqual([{ ruleId: 'DESCRIPTION_GENERIC', holds: n('gift') }]);
    expect(r.topRules.removedHolds).toEqual([{ ruleId: 'RESTRICTED_KEYWORD_CANNABIS', holds: n('cannabis') }]);
    expect(view.changes!.items.map((c) => c.itemId).sort()).toEqual(
      [...traffic]
        .filter(([, t]) => t.kind === 'gift' || t.kind === 'cannabis')
        .map(([id]) => id)
        .sort(),
    );
    expect(await snapshot()).toEqual(before);
    expect(await receive(QUEUES.publish)).toEqual([]);
  });

  it('counts a redelivered page or plan step once', async () => {
    const started = await startReplay(admin, { ruleset: mixedRuleset() as unknown as Record<string, unknown>, from, to, destinationCountry: 'FR' }, ports);
    if ('code' in started) throw new Error(started.detail);
    const seen: Message[] = [];
    const first = await runToEnd(started.id, seen);

    for (const m of seen) expect(await runReplayMessage(m.Body!, ports, { redelivered: true })).toMatchObject({ outcome: 'skipped' });

    const again = await readReplay(admin, started.id, undefined, ports);
    expect(again).toEqual({ outcome: 'found', view: first });
    expect(seen.map((m) => JSON.parse(m.Body!).kind).sort()).toEqual(['page', 'plan']);
  });

  it('pages the changed parcels with a cursor', async () => {
    const big = Array.from({ length: 60 }, () => ({ ...ENGINE_VERDICTS.INFORMATION_REQUESTED(), itemId: nextId() }));
    const store = new ParcelStore(doc, 'parcels');
    // Stored and assessed like live traffic, in one batch (no split shipments among them).
    const periodFrom = now();
    await submitDeclarations(big, shop, { store, enqueue: async (m) => (await sendBatch(sqs, queueUrl(QUEUES.assess), m)).map((x) => x.itemId), now: clock, servedDestinations: new Set(['FR']) });
    const assessPorts: AssessPorts = { store, engine: createRiskEngine({ config: shipped, screener: loadDefaultScreener() }), events: { publish: async () => undefined }, now: clock };
    for (let ms = await receive(QUEUES.assess); ms.length > 0; ms = await receive(QUEUES.assess))
      for (const m of ms) {
        await assessQueuedParcel(m.Body!, assessPorts);
        await remove(QUEUES.assess, m);
      }
    const started = await startReplay(customsFR, { ruleset: mixedRuleset() as unknown as Record<string, unknown>, from: periodFrom, to: now() }, ports);
    if ('code' in started) throw new Error(started.detail);
    const first = await runToEnd(started.id);
    expect(first.changes!.items).toHaveLength(50);

    const second = await readReplay(customsFR, started.id, first.changes!.next, ports);

    if (second.outcome !== 'found') throw new Error('not found');
    expect(second.view.changes!.next).toBeUndefined();
    // A position of this replay's changes is no position of another's.
    const other = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, from: periodFrom, to: now() }, ports);
    if ('code' in other) throw new Error(other.detail);
    expect(await readReplay(customsFR, other.id, first.changes!.next, ports)).toMatchObject({ outcome: 'refused', code: 'INVALID_CURSOR' });
    expect([...first.changes!.items, ...second.view.changes!.items].map((c) => c.itemId).sort()).toEqual(big.map((d) => d.itemId).sort());
  });
});

describe('the replay store', () => {
  it('reads the candidate of a replay once, and the meta item without it after, with the plan as it is now', async () => {
    const started = await startReplay(customsFR, { ruleset: mixedRuleset() as unknown as Record<string, unknown>, from, to }, ports);
    if ('code' in started) throw new Error(started.detail);
    const gets: Record<string, unknown>[] = [];
    const watched = { send: (c: { input: Record<string, unknown> }) => (c instanceof GetCommand && gets.push(c.input), doc.send(c as GetCommand)) } as unknown as typeof doc;
    const store = new ReplayStore(watched, 'replays');
    const first = (await store.get(started.id))!;
    expect(first.candidate).toEqual(mixedRuleset());
    await runToEnd(started.id);

    const later = (await store.get(started.id))!;

    expect(gets.map((g) => g.ProjectionExpression === undefined)).toEqual([true, false]);
    expect(later).toEqual(await new ReplayStore(doc, 'replays').get(started.id));
    expect(later).toMatchObject({ candidate: first.candidate, planned: true, planStep: first.planStep + 1 });
    expect(await store.get('rpl_AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });
});

describe('who may replay and read', () => {
  it('refuses other roles, other countries, unknown versions and bad documents, with pointers', async () => {
    const period = { from, to };
    expect(await startReplay(shop, { ruleset: shipped.rulesetVersion, ...period }, ports)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await startReplay(customsFR, { ruleset: shipped.rulesetVersion, ...period, destinationCountry: 'DE' }, ports)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await startReplay(admin, { ruleset: shipped.rulesetVersion, ...period }, ports)).toMatchObject({ code: 'INVALID_REQUEST', errors: [{ pointer: '/destinationCountry' }] });
    expect(await startReplay(customsFR, { ruleset: '2000-01-01.1', ...period }, ports)).toMatchObject({ code: 'NOT_FOUND', errors: [{ pointer: '/ruleset' }] });
    const bad = { ...mixedRuleset(), levels: { medium: 'high' }, extra: 1 } as unknown as Record<string, unknown>;
    const refused = await startReplay(customsFR, { ruleset: bad, ...period }, ports);
    expect(refused).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(('errors' in refused ? refused.errors! : []).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/ruleset/levels/medium', '/ruleset/extra']));

    const started = await startReplay(customsFR, { ruleset: shipped.rulesetVersion, ...period }, ports);
    if ('code' in started) throw new Error(started.detail);
    expect(await readReplay(customsDE, started.id, undefined, ports)).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND' });
    expect(await readReplay(shop, started.id, undefined, ports)).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND' });
    expect(await readReplay(customsFR, 'rpl_nope', undefined, ports)).toMatchObject({ outcome: 'refused', code: 'NOT_FOUND' });
    // (A cursor that is no cursor at all is the API's to refuse: test/e2e/replay.test.ts.)
    expect(await readReplay(customsFR, started.id, { after: 'x' }, ports)).toMatchObject({ outcome: 'refused', code: 'INVALID_CURSOR' });
    expect(await readReplay(customsFR, started.id, { replay: started.id, after: 7 }, ports)).toMatchObject({ outcome: 'refused', code: 'INVALID_CURSOR' });
    expect(await readReplay(customsFR, started.id, undefined, ports)).toMatchObject({ outcome: 'found', view: { status: 'PLANNING', progress: { parcelsDone: 0 } } });
    await runToEnd(started.id);
  });
});
