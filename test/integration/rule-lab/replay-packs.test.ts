// Replay packs over the embedded DynamoDB and SQS and a real directory: live traffic of a closed day (three days ago
// by the clock the stages run on), the day aggregator packing it in objects of 4 parcels (so that the split
// shipments' parts fall in different objects), then replays from the packs beside the same replays read parcel by
// parcel: the same counts and the same changed parcels. A write to a parcel of the day makes it read parcel by parcel
// until the aggregator packs it again; an object gone while a replay is planned is read over its range.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { assessQueuedParcel } from '#shared/parcels/assess';
import { recordOutcome } from '#shared/parcels/outcomes';
import { submitDeclarations } from '#shared/parcels/submit';
import { type RiskEngine, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { aggregateDays } from '#shared/rule-lab/performance-aggregate';
import { dayEnd, dayMarker, dayStart } from '#shared/rule-lab/performance-days';
import { type ReplayPorts, runReplayMessage, startReplay } from '#shared/rule-lab/replay';
import { type PackManifest, decodePart, packDay, packedSource, readManifest } from '#shared/rule-lab/replay-packs';
import { shippedRulesets } from '#shared/rule-lab/replay-request';
import { type ReplayView, readReplay } from '#shared/rule-lab/replay-view';
import { directoryPackBlobs } from '#shared/store/pack-blobs';
import { ParcelPeriodReader } from '#shared/store/parcel-period-reader';
import { PerformanceDayStoreDynamo } from '#shared/store/performance-day-store';
import { ReplayParcelReader, ReplayStore } from '#shared/store/replay-store';
import { sendBatch } from '#shared/store/queue';
import { QUEUES } from '#shared/resources';
import { replayTraffic, stricterRuleset } from '#test/fixtures/replay-traffic';
import { s10Sequence } from '#test/helpers/s10';
import { NO_EVENTS, useIngestAssess } from '#test/helpers/pipeline-services';
import { PRINCIPALS } from '#test/kit/auth';

jest.setTimeout(60_000);

const t = useIngestAssess({ servedDestinations: ['FR'], events: NO_EVENTS });
const { platform: shop, customs: customsFR } = PRINCIPALS;
const shipped = loadRulesConfig('eu-west-1');
const nextId = s10Sequence(73_000_000);
const DAY = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
const NEXT_DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const PER_PART = 4;
const dir = mkdtempSync(join(tmpdir(), 'ead-packs-test-'));
const blobs = directoryPackBlobs(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let packed: ReplayPorts;
let unpacked: ReplayPorts;
let days: PerformanceDayStoreDynamo;
/** FR parcels of DAY, in order of receipt. */
const dayParcels: string[] = [];

const queueUrl = () => t.provisioned.queues[QUEUES.replay]!.url;
async function receive(): Promise<Message[]> {
  const { Messages = [] } = await t.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
  );
  return Messages;
}

/** Live traffic at `start` on, a second apart by the stages' clock: each parcel accepted, then assessed. */
async function sendTraffic(start: string, rounds: number): Promise<string[]> {
  let at = Date.parse(start);
  const clock = () => new Date((at += 1000));
  const ids: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { declaration } of replayTraffic(nextId)) {
      await submitDeclarations([declaration], shop, { ...t.submitPorts, now: clock });
      const { Messages = [] } = await t.sqs.send(new ReceiveMessageCommand({ QueueUrl: t.queueUrl(QUEUES.assess), MaxNumberOfMessages: 10 }));
      for (const m of Messages) {
        await assessQueuedParcel(m.Body!, { ...t.assessPorts, now: clock });
        await t.sqs.send(new DeleteMessageCommand({ QueueUrl: t.queueUrl(QUEUES.assess), ReceiptHandle: m.ReceiptHandle! }));
      }
      ids.push(declaration.itemId);
    }
  }
  return ids;
}

/** The day aggregator's run, by its clock `nowMs`: aggregates and packs of every closed day it has work for. */
const aggregate = (nowMs = Date.now()) =>
  aggregateDays({
    parcels: new ParcelPeriodReader(t.doc, 'parcels', t.store, 8, true),
    days,
    now: () => new Date(nowMs),
    lookbackDays: 7,
    packs: { blobs, parcels: new ReplayParcelReader(t.doc, 'parcels', t.store, true), parcelsPerPart: PER_PART },
  });

beforeAll(async () => {
  days = new PerformanceDayStoreDynamo(t.doc, 'performance-days');
  const engines = new Map<string, RiskEngine>();
  unpacked = {
    replays: new ReplayStore(t.doc, 'replays'),
    parcels: new ReplayParcelReader(t.doc, 'parcels', t.store),
    rulesets: shippedRulesets(shipped),
    enqueue: async (m) => void expect(await sendBatch(t.sqs, queueUrl(), m)).toEqual([]),
    engineFor: (meta) => engines.get(meta.id) ?? engines.set(meta.id, createRiskEngine({ config: meta.candidate, screener: loadDefaultScreener() })).get(meta.id)!,
    now: () => new Date().toISOString(),
  };
  packed = { ...unpacked, packs: { blobs, days } };
  dayParcels.push(...(await sendTraffic(`${DAY}T10:00:00.000Z`, 2)));
  await sendTraffic(`${NEXT_DAY}T10:00:00.000Z`, 1);
  const run = await aggregate();
  expect(run.walked).toEqual(expect.arrayContaining([DAY, NEXT_DAY]));
  expect(run.packed).toEqual(expect.arrayContaining([`${DAY} FR`, `${NEXT_DAY} FR`]));
});

/** A replay run to its end through the replay queue, with the kinds of the messages it took. */
async function replay(ports: ReplayPorts, request: { ruleset: string | Record<string, unknown>; from: string; to: string }, beforePages?: () => Promise<void>) {
  const started = await startReplay(customsFR, request, ports);
  if ('code' in started) throw new Error(started.detail);
  return runToEnd(started.id, ports, beforePages);
}

async function runToEnd(id: string, ports: ReplayPorts, beforePages?: () => Promise<void>) {
  const kinds: string[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ms = await receive();
    for (const m of ms) {
      const kind = (JSON.parse(m.Body!) as { kind: string }).kind;
      if (kind !== 'plan' && beforePages && !kinds.some((k) => k !== 'plan')) await beforePages();
      await runReplayMessage(m.Body!, ports, { receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) });
      await t.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(), ReceiptHandle: m.ReceiptHandle! }));
      kinds.push(kind);
    }
    const r = await readReplay(customsFR, id, undefined, ports);
    if (r.outcome === 'found' && r.view.status === 'DONE' && ms.length === 0) return { view: r.view, kinds };
    if (Date.now() > deadline) throw new Error(`replay ${id} not done in 30 s`);
  }
}

/** What two replays must share: the parcels counted and the result (not the pages: a pack page holds more parcels than a page of keys). */
const figures = (v: ReplayView) => ({ parcels: [v.progress.parcelsDone, v.progress.parcelsTotal], result: v.result });

const manifest = async (): Promise<PackManifest> => (await readManifest(blobs, 'FR', DAY))!;

describe('the day aggregator', () => {
  it("packs a destination's closed day in objects of parcelsPerPart parcels, in order of receipt, with what a replay reads of them", async () => {
    const m = await manifest();
    expect(m.parts.map((p) => p.count)).toEqual([4, 4, 4, 4, 4]);
    const objects = await Promise.all(m.parts.map(async (p) => decodePart((await blobs.get(p.key))!)));
    const inPack = objects.flat();
    expect(inPack.map((p) => p.itemId)).toEqual(dayParcels);
    m.parts.forEach((p, i) => expect([p.first, p.last]).toEqual([objects[i]![0]!.position, objects[i]!.at(-1)!.position]));
    const stored = await unpacked.parcels.parcels(dayParcels);
    expect(inPack).toEqual([...stored].sort((a, b) => (a.position < b.position ? -1 : 1)).map(packedSource));
    // What a replay reads, and no more: no issued responses in the history, no messages in the hits.
    expect(inPack.flatMap((p) => p.history.map((h) => h.type))).not.toContain('customs.response.issued');
    expect(inPack.flatMap((p) => p.assessment!.hits).every((h) => Object.keys(h).sort().join() === 'critical,points,ruleId')).toBe(true);
    expect(inPack.some((p) => p.assessment!.hits.length > 0)).toBe(true);
  });
});

describe('a day too large for a pack', () => {
  it('gets none: what was written is deleted, no manifest points at it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ead-packs-test-'));
    try {
      const small = directoryPackBlobs(other);
      const reader = new ReplayParcelReader(t.doc, 'parcels', t.store, true);
      // 20 parcels in objects of 4 is 5 objects: with at most 2, the pack is given up.
      expect(await packDay(reader, small, 'FR', DAY, new Date().toISOString(), 4, 2)).toBeUndefined();
      expect(readdirSync(other, { recursive: true }).filter((f) => String(f).endsWith('.deflate'))).toEqual([]);
      expect(await readManifest(small, 'FR', DAY)).toBeUndefined();
      expect((await packDay(reader, small, 'FR', DAY, new Date().toISOString(), 4, 5))?.parts.map((p) => p.count)).toEqual([4, 4, 4, 4, 4]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves its day walked but not packed, so a replay reads it parcel by parcel rather than as a day without parcels', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
    const ids = await sendTraffic(`${old}T10:00:00.000Z`, 1);
    const run = await aggregateDays({
      parcels: new ParcelPeriodReader(t.doc, 'parcels', t.store, 8, true),
      days,
      now: () => new Date(),
      lookbackDays: 8,
      packs: { blobs, parcels: new ReplayParcelReader(t.doc, 'parcels', t.store, true), parcelsPerPart: 4, maxParts: 2 },
    });
    expect(run.walked).toEqual([old]);
    expect(run.packed ?? []).toEqual([]);
    expect((await days.states([old])).get(old)).toMatchObject({ walkedAt: expect.any(String) });
    expect((await days.states([old])).get(old)!.packed).toBe(false);
    const r = await replay(packed, { ruleset: shipped.rulesetVersion, from: dayStart(old), to: dayEnd(old) });
    expect(r.kinds).not.toContain('pack');
    expect(r.view.result).toMatchObject({ parcels: ids.length, changed: 0 });
  });
});

describe('a day walked before packs were written', () => {
  it('is packed by a later run of an aggregator that writes packs, once, and then replays from its pack', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const ids = await sendTraffic(`${old}T10:00:00.000Z`, 1);
    const reader = new ParcelPeriodReader(t.doc, 'parcels', t.store, 8, true);
    const withoutPacks = await aggregateDays({ parcels: reader, days, now: () => new Date(), lookbackDays: 10 });
    expect(withoutPacks.walked).toContain(old);
    expect((await days.states([old])).get(old)!.packed).toBeUndefined();
    const later = () =>
      aggregateDays({ parcels: reader, days, now: () => new Date(), lookbackDays: 10, packs: { blobs, parcels: new ReplayParcelReader(t.doc, 'parcels', t.store, true), parcelsPerPart: PER_PART } });
    const run = await later();
    expect(run.walked).toEqual([]);
    expect(run.packed).toEqual([`${old} FR`]);
    expect((await days.states([old])).get(old)!.packed).toBe(true);
    expect((await later()).packed).toBeUndefined();
    const r = await replay(packed, { ruleset: shipped.rulesetVersion, from: dayStart(old), to: dayEnd(old) });
    expect(r.kinds.filter((k) => k !== 'plan')).toEqual(Array(Math.ceil(ids.length / PER_PART)).fill('pack'));
    expect(r.view.result).toMatchObject({ parcels: ids.length, changed: 0 });
  });
});

describe('a replay of a packed day', () => {
  const period = { from: dayStart(DAY), to: dayEnd(DAY) };

  it('reads one object per page and comes out as the replay read parcel by parcel: the active ruleset changes nothing', async () => {
    const fromPacks = await replay(packed, { ruleset: shipped.rulesetVersion, ...period });
    const byParcel = await replay(unpacked, { ruleset: shipped.rulesetVersion, ...period });
    expect(fromPacks.kinds.filter((k) => k !== 'plan')).toEqual(Array(5).fill('pack'));
    expect(byParcel.kinds).not.toContain('pack');
    expect(fromPacks.view.result).toMatchObject({ parcels: 20, changed: 0 });
    expect(figures(fromPacks.view)).toEqual(figures(byParcel.view));
  });

  it('with a stricter candidate, the same changed parcels and counts; a period around the day reads the rest parcel by parcel', async () => {
    const wider = { from: new Date(Date.parse(dayStart(DAY)) - 43_200_000).toISOString(), to: new Date().toISOString() };
    for (const p of [period, wider]) {
      const fromPacks = await replay(packed, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...p });
      const byParcel = await replay(unpacked, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...p });
      expect(fromPacks.view.result!.changed).toBeGreaterThan(0);
      expect(figures(fromPacks.view)).toEqual(figures(byParcel.view));
      // The next day was packed too: both days whole in the wider period are read from their packs.
      expect(fromPacks.kinds.filter((k) => k === 'pack')).toHaveLength(p === period ? 5 : 5 + 3);
    }
  });

  it('an object gone while the replay was planned (a newer pack replaced it) is read parcel by parcel over its range', async () => {
    const m = await manifest();
    const gone = m.parts[2]!;
    const kept = (await blobs.get(gone.key))!;
    const fromPacks = await replay(packed, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...period }, () => blobs.delete([gone.key]));
    await blobs.put(gone.key, kept);
    const byParcel = await replay(unpacked, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...period });
    expect(figures(fromPacks.view)).toEqual(figures(byParcel.view));
  });

  it('a plan step run again after a crash plans the day as its first run did, though the day was marked dirty in between', async () => {
    const store = packed.replays as ReplayStore;
    let crashed = false;
    // The first run queues its pages, then dies before recording itself (a fault put in the real store).
    const crashing: ReplayPorts = {
      ...packed,
      replays: Object.assign(Object.create(store) as ReplayStore, {
        recordPlanStep: async () => {
          crashed = true;
          throw new Error('the function died');
        },
      }),
    };
    const started = await startReplay(customsFR, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...period }, packed);
    if ('code' in started) throw new Error(started.detail);
    const [plan] = await receive();
    await expect(runReplayMessage(plan!.Body!, crashing)).rejects.toThrow('the function died');
    expect(crashed).toBe(true);
    await days.markChanged(DAY, 'FR', new Date(Date.now() + 5 * 60_000).toISOString());
    // The plan step comes back after its visibility timeout, with the pages its first run queued.
    const run = await runToEnd(started.id, packed);
    expect(run.kinds.filter((k) => k === 'pack')).toHaveLength(10);
    const byParcel = await replay(unpacked, { ruleset: stricterRuleset() as unknown as Record<string, unknown>, ...period });
    expect(figures(run.view)).toEqual(figures(byParcel.view));
  });

  it('a write to one of its parcels makes the day read parcel by parcel, until the aggregator packs it again with the write', async () => {
    const before = await manifest();
    const held = [];
    for (const id of dayParcels) if ((await t.store.get(id))!.status === 'HELD_FOR_INSPECTION') held.push(id);
    const changes = dayMarker(days, () => Date.now());
    const outcome = await recordOutcome(customsFR, held[0]!, { result: 'FOUND', findings: ['PROHIBITED_OR_RESTRICTED'] }, { store: t.store, events: NO_EVENTS, now: () => new Date(), changes });
    expect(outcome).toMatchObject({ outcome: 'recorded' });

    const dirty = await replay(packed, { ruleset: shipped.rulesetVersion, ...period });
    expect(dirty.kinds).not.toContain('pack');
    expect(dirty.view.result!.outcomes.found.total).toBe(1);

    // The mark settles (its window and the settle time past, by the aggregator's clock): the day is packed again.
    expect((await aggregate(Date.now() + 15 * 60_000)).recomputed).toContain(`${DAY} FR`);
    const after = await manifest();
    expect(after.coveredAt > before.coveredAt).toBe(true);
    for (const p of before.parts) expect(await blobs.get(p.key)).toBeUndefined();
    const fresh = await replay(packed, { ruleset: shipped.rulesetVersion, ...period });
    expect(fresh.kinds.filter((k) => k !== 'plan')).toEqual(Array(5).fill('pack'));
    expect(figures(fresh.view)).toEqual(figures(dirty.view));
  });
});
