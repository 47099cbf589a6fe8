// What-if replay throughput: a replay of the shipped ruleset over N stored FR parcels of a closed day (assessed by
// the live stage first; two days ago by the clock the seeding runs on), run end to end (plan steps and pages through the embedded SQS replay queue, parcels and counters in the
// embedded DynamoDB, REPLAY_WORKERS consumers at once, like the event source's concurrency), beside the risk engine
// alone on the same parcels. Once read parcel by parcel (the day not packed yet), then, after the day aggregator ran
// and wrote the day's replay pack (shared/rule-lab/replay-packs.ts, a directory here), in rounds from the pack (assessParcel with the history in memory). Also what each part costs on its own: the
// storage reads (the keys-only index walk, BatchGetItem of the projected items, the recipient-index facts of the
// period a page reads around itself, and for comparison one recipient-history query per parcel, which a page makes
// per recipient only for a busy destination) and the replay's compute without storage. DynamoDB (dynalite) and SQS
// (local-aws-sqs) run in child processes, as they are not on the consumer's CPU in AWS; the figures also give this
// process's CPU time per parcel (the consumer's share).
// `npm run bench -- lab`; BENCH_REPLAY_PARCELS (default 10,000: a day of a small post; 2000 is mostly a replay's fixed cost), REPLAY_WORKERS (4), LAB_REPLAY_ROUNDS (5), LAB_REPLAY_CPU_PROFILE.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { provision } from '#infra/local/provision';
import { topology } from '#infra/topology';
import type { Principal } from '#shared/auth/principal';
import { validateDeclaration, type Declaration } from '#shared/ead/index';
import { assessQueuedParcel } from '#shared/parcels/assess';
import { amendmentTimes } from '#shared/parcels/parcel';
import { submitDeclarations } from '#shared/parcels/submit';
import { InMemoryRecipientHistory, type RiskEngine, assessParcel, createRiskEngine, loadRulesConfig, recipientFingerprint } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { type ReplayPorts, runReplayMessage, startReplay } from '#shared/rule-lab/replay';
import { historyFactOf, judgedDeclaration, replayParcel, type ReplaySource } from '#shared/rule-lab/replay-parcel';
import { PeriodHistory } from '#shared/rule-lab/replay-history';
import { shippedRulesets } from '#shared/rule-lab/replay-request';
import { readReplay } from '#shared/rule-lab/replay-view';
import { QUEUES } from '#shared/resources';
import { ParcelStore } from '#shared/store/parcel-store';
import { sendBatch } from '#shared/store/queue';
import { ReplayParcelReader, ReplayStore } from '#shared/store/replay-store';
import { mapLimit } from '#shared/util';
import { aggregateDays } from '#shared/rule-lab/performance-aggregate';
import { dayEnd, dayStart } from '#shared/rule-lab/performance-days';
import { type PackBlobs, decodePart, readManifest } from '#shared/rule-lab/replay-packs';
import { directoryPackBlobs } from '#shared/store/pack-blobs';
import { PerformanceDayStoreDynamo } from '#shared/store/performance-day-store';
import { ParcelPeriodReader } from '#shared/store/parcel-period-reader';
import { labTraffic } from './lab-traffic';
import { printFigure } from './report';

const N = Number(process.env.BENCH_REPLAY_PARCELS ?? 10_000);
const WORKERS = Number(process.env.REPLAY_WORKERS ?? 4);
const ROUNDS = Number(process.env.LAB_REPLAY_ROUNDS ?? 5);
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const cpuSeconds = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** A CPU profile of this process while it replays (LAB_REPLAY_CPU_PROFILE=<file>: the last round's replay, not the engine's passes beside it; for `chrome://inspect` or speedscope). */
async function replayProfiler(file: string | undefined): Promise<<T>(fn: () => Promise<T>) => Promise<T>> {
  if (!file) return (fn) => fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  return async (fn) => {
    await session.post('Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
    }
  };
}

/** A service in a child process on a loopback port (its script sends the port); it exits when this process goes (the IPC channel closes). */
async function startChild(service: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const script = `${service}.then((s) => process.send(s.address().port)); process.on('disconnect', () => process.exit(0));`;
  const child = fork('-e', [script], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`${service} exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** dynalite, as infra/local/services.ts starts it. */
export const startDynaliteChild = () =>
  startChild("new Promise((r) => { const s = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }); s.listen(0, '127.0.0.1', () => r(s)); })");
/**
 * local-aws-sqs, as infra/local/services.ts starts it. Its long poll scans the queue every 10 ms for each waiting
 * receive: in this process that was the emulator's work counted as the consumer's (in AWS the event source polls).
 */
const startSqsChild = () =>
  startChild(
    "require('local-aws-sqs').createSqsServer({ port: 0, hostname: '127.0.0.1', region: 'eu-west-1', accountId: '000000000000', emulateQueueCreationLifecycle: false, emulateLazyQueues: false, validateDlqDestination: true })",
  );

interface Bench {
  sqs: SQSClient;
  replayQueue: string;
  store: ParcelStore;
  reader: ReplayParcelReader;
  ports: ReplayPorts;
  engine: RiskEngine;
  rulesetVersion: string;
  from: string;
  to: string;
}
const CUSTOMS_FR: Principal = { keyId: 'key_bench_customs', role: 'customs', country: 'FR' };
const now = () => new Date().toISOString();
/** The seeding's day: two days ago, closed (the aggregator packs it). */
const SEED_DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

/** Live traffic of SEED_DAY from 08:00 on, a millisecond apart: stored and assessed by the live stage, one at a time (each split part sees the ones before it). */
async function seed(store: ParcelStore, engine: RiskEngine): Promise<{ from: string; to: string }> {
  let t = Date.parse(`${SEED_DAY}T08:00:00.000Z`);
  const clock = () => new Date(t++);
  const shop: Principal = { keyId: 'key_bench', role: 'platform', tenantId: 'bench-shop' };
  const all = labTraffic(N);
  const live = { store, engine, events: { publish: async () => undefined }, now: clock };
  // As the pipeline runs: a batch of 100 accepted, then assessed (each parcel a few milliseconds after its receipt).
  for (let i = 0; i < all.length; i += 100) {
    const batch = all.slice(i, i + 100);
    await submitDeclarations(batch, shop, { store, enqueue: async () => [], now: clock, servedDestinations: new Set(['FR']) });
    for (const d of batch) await assessQueuedParcel(JSON.stringify({ itemId: d.itemId, version: 1 }), live);
  }
  return { from: dayStart(SEED_DAY), to: dayEnd(SEED_DAY) };
}

/** The risk engine alone (assessParcel, history in memory), and the replay's compute without storage: per CPU-second. */
async function inMemory(b: Bench): Promise<{ engineAlone(): Promise<number>; computeAlone(): Promise<number> }> {
  const keys = (await b.reader.periodPage('FR', b.from, b.to, undefined, N)).items.map((k) => k.itemId);
  const parcels: ReplaySource[] = [];
  for (let i = 0; i < keys.length; i += 100) parcels.push(...(await b.reader.parcels(keys.slice(i, i + 100))));
  const history = new InMemoryRecipientHistory();
  for (const p of parcels) history.record(recipientFingerprint(p.declaration.recipient), { itemId: p.itemId, valueEur: b.engine.valueEur(p.declaration) ?? 0, receivedAt: p.receivedAt });
  const period = new PeriodHistory(parcels.flatMap((p) => historyFactOf(p) ?? []));
  const declarations = parcels.map((p) => ({ d: validateDeclaration(p.declaration), p })).filter((x): x is { d: { ok: true; declaration: Declaration }; p: ReplaySource } => x.d.ok);
  return {
    engineAlone: async () => {
      const c0 = process.cpuUsage();
      for (const { d, p } of declarations) await assessParcel(b.engine, d.declaration, history, p.assessment!.assessedAt, { amendments: amendmentTimes(p) });
      return declarations.length / cpuSeconds(c0);
    },
    computeAlone: async () => {
      const c0 = process.cpuUsage();
      for (const p of parcels) {
        const j = judgedDeclaration(p);
        if (j) await replayParcel(b.engine, p, j, (at) => period.asOf(at));
      }
      return parcels.length / cpuSeconds(c0);
    },
  };
}

/**
 * ROUNDS rounds, each the engine alone (the better of two passes) right before and after two replays (the better one), so that the two
 * sides of a ratio ran under the same load (the machine is shared); the round of the median ratio is reported.
 */
async function rounds(
  b: Bench,
  profiled: Awaited<ReturnType<typeof replayProfiler>>,
  count: number,
): Promise<{ base: number; compute: number; rates: { wall: number; cpu: number }; ratios: number[] }> {
  const m = await inMemory(b);
  await m.engineAlone();
  await m.computeAlone();
  const done: { base: number; compute: number; rates: { wall: number; cpu: number } }[] = [];
  for (let r = 0; r < count; r++) {
    const before = Math.max(await m.engineAlone(), await m.engineAlone());
    // The better of two replays, as the engine's side is the better of its passes: a major collection of this
    // process's heap (the seeding, the parcels in memory) landing in one run is not the replay's cost.
    const first = await replayOnce(b);
    const second = await profiled(() => replayOnce(b));
    const rates = first.cpu > second.cpu ? first : second;
    const base = Math.max(before, await m.engineAlone(), await m.engineAlone());
    done.push({ base, compute: Math.max(await m.computeAlone(), await m.computeAlone()), rates });
  }
  const ratio = (x: (typeof done)[number]) => x.rates.cpu / x.base;
  done.sort((x, y) => ratio(x) - ratio(y));
  return { ...done[Math.floor(done.length / 2)]!, ratios: done.map(ratio) };
}

/** One replay of the shipped ruleset, end to end, WORKERS consumers taking one message at a time from the queue. */
async function replayOnce(b: Bench): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const started = await startReplay(CUSTOMS_FR, { ruleset: b.rulesetVersion, from: b.from, to: b.to }, b.ports);
  if ('code' in started) throw new Error(started.detail);
  // Consumers long-poll the queue (in AWS the event source mapping polls, not the consumer), and the one that finishes
  // a message reads the replay's status: the figure is the replay's work until it is DONE, not a poll loop's. Polls
  // are not aborted but left to end (an aborted long poll would still take a message of the next replay at the
  // emulator and hide it for a visibility timeout).
  let done: { wall: number; cpu: number } | undefined;
  const worker = async () => {
    while (!done) {
      const received = await b.sqs.send(new ReceiveMessageCommand({ QueueUrl: b.replayQueue, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      for (const m of received.Messages ?? []) {
        await runReplayMessage(m.Body!, b.ports);
        await b.sqs.send(new DeleteMessageCommand({ QueueUrl: b.replayQueue, ReceiptHandle: m.ReceiptHandle! }));
        const r = await readReplay(CUSTOMS_FR, started.id, undefined, b.ports);
        if (r.outcome === 'found' && r.view.status === 'DONE') {
          if (r.view.result!.changed !== 0 || r.view.result!.parcels !== N) throw new Error(`a replay of the shipped ruleset changed ${r.view.result!.changed} of ${r.view.result!.parcels}`);
          done = { wall: N / seconds(t0), cpu: N / cpuSeconds(c0) };
        }
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return done!;
}

/** Each storage read alone: parcels/s by the wall clock, and per CPU-second of this process. */
async function reads(b: Bench) {
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    return { wall: N / seconds(t0), cpu: N / cpuSeconds(c0) };
  };
  let ks: string[] = [];
  let got: ReplaySource[] = [];
  const keys = await timed(async () => (ks = (await b.reader.periodPage('FR', b.from, b.to, undefined, N)).items.map((k) => k.itemId)));
  const items = await timed(
    async () =>
      (got = (
        await mapLimit(
          Array.from({ length: Math.ceil(ks.length / 100) }, (_, i) => ks.slice(i * 100, i * 100 + 100)),
          WORKERS,
          (c) => b.reader.parcels(c),
        )
      ).flat()),
  );
  const history = await timed(() =>
    mapLimit(got, 16, (p) => b.reader.recentByRecipient(recipientFingerprint(p.declaration.recipient), b.engine.historySince(p.assessment!.assessedAt), p.assessment!.assessedAt)),
  );
  const facts = await timed(() => b.reader.historyAround('FR', b.from, b.to, new Set(), N + 1));
  return { keys, items, history, facts };
}

type Measured = Awaited<ReturnType<typeof rounds>>;

/** The day read parcel by parcel (before the aggregator packed it), and the aggregator's packing. */
function printUnpacked(unpacked: Measured, packing: { seconds: number; parts: number; bytes: number; json: number }): void {
  console.log(`  ${N} FR parcels of a closed day, ${WORKERS} consumers, DynamoDB and SQS in child processes; "per CPU-s": this process's CPU time`);
  printFigure({
    name: 'replay read parcel by parcel (the day not packed yet), per CPU-s of the consumer',
    value: unpacked.rates.cpu,
    unit: 'parcels/s',
    baseline: { name: 'risk engine alone, per CPU-s', value: unpacked.base },
  });
  printFigure({
    name: `the day aggregator's run (aggregate and replay pack of the day: ${packing.parts} object(s), ${Math.round(packing.bytes / N)} B a parcel, ${Math.round(packing.json / N)} B of JSON)`,
    value: N / packing.seconds,
    unit: 'parcels/s',
    baseline: undefined,
  });
}

function print({ base, compute, rates, ratios }: Measured, r: Awaited<ReturnType<typeof reads>>): void {
  console.log(`  ${ROUNDS} rounds from the day's pack, replay per CPU-s over the engine alone beside it: ${ratios.map((x) => x.toFixed(2)).join(', ')}; the median round:`);
  printFigure({
    name: 'replay end to end (queue, pages, counters), wall clock',
    value: rates.wall,
    unit: 'parcels/s',
    baseline: { name: 'risk engine alone, per CPU-s', value: base },
    target: '≥ 0.5',
  });
  printFigure({ name: 'replay end to end, per CPU-s of the consumer', value: rates.cpu, unit: 'parcels/s', baseline: { name: 'risk engine alone, per CPU-s', value: base }, target: '≥ 0.5' });
  printFigure({
    name: 'replay compute without storage (assess, compare, history from the period in memory), per CPU-s',
    value: compute,
    unit: 'parcels/s',
    baseline: { name: 'risk engine alone, per CPU-s', value: base },
  });
  for (const [name, f] of [
    ['period keys (keys-only index)', r.keys],
    ['BatchGetItem of the projected items', r.items],
    ['recipient-index facts of the period (what a page reads around itself)', r.facts],
    ['recipient history, one Query per parcel (the busy-destination fallback, per recipient)', r.history],
  ] as const) {
    printFigure({ name: `storage alone: ${name}, wall clock`, value: f.wall, unit: 'parcels/s', baseline: { name: 'per CPU-s', value: f.cpu } });
  }
}

/** The day aggregator's run over the seeded day (its aggregate, then its replay pack), and the pack it wrote. */
async function packSeedDay(doc: DynamoDBDocumentClient, store: ParcelStore, blobs: PackBlobs): Promise<{ seconds: number; parts: number; bytes: number; json: number }> {
  const t0 = performance.now();
  const run = await aggregateDays({
    parcels: new ParcelPeriodReader(doc, 'parcels', store, 8, true),
    days: new PerformanceDayStoreDynamo(doc, 'performance-days'),
    now: () => new Date(),
    lookbackDays: 7,
    packs: { blobs, parcels: new ReplayParcelReader(doc, 'parcels', store, true) },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (!run.walked.includes(SEED_DAY)) throw new Error(`the aggregator did not walk ${SEED_DAY}`);
  const manifest = await readManifest(blobs, 'FR', SEED_DAY);
  if (!manifest || manifest.parts.reduce((n, p) => n + p.count, 0) !== N) throw new Error(`the pack of ${SEED_DAY} does not hold the ${N} parcels`);
  const objects = await Promise.all(manifest.parts.map(async (p) => (await blobs.get(p.key))!));
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  return { seconds, parts: manifest.parts.length, bytes: sum(objects.map((o) => o.length)), json: sum(objects.map((o) => JSON.stringify(decodePart(o)).length)) };
}

export async function runReplayBench(): Promise<void> {
  const packDir = mkdtempSync(join(tmpdir(), 'ead-bench-packs-'));
  const dynamo = await startDynaliteChild();
  const sqsService = await startSqsChild();
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials });
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: sqsService.endpoint, credentials });
  try {
    const blobs = directoryPackBlobs(packDir);
    const provisioned = await provision({ ...topology, queues: topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: 5 })) }, { ddb, sqs });
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const store = new ParcelStore(doc, 'parcels');
    const shipped = loadRulesConfig('eu-west-1');
    const engine = createRiskEngine({ config: shipped, screener: loadDefaultScreener() });
    const replayQueue = provisioned.queues[QUEUES.replay]!.url;
    const reader = new ReplayParcelReader(doc, 'parcels', store);
    const ports: ReplayPorts = {
      replays: new ReplayStore(doc, 'replays'),
      parcels: reader,
      rulesets: shippedRulesets(shipped),
      enqueue: async (m) => {
        if ((await sendBatch(sqs, replayQueue, m)).length > 0) throw new Error('replay messages not queued');
      },
      engineFor: () => engine,
      now,
      packs: { blobs, days: new PerformanceDayStoreDynamo(doc, 'performance-days') },
    };
    const b: Bench = { sqs, replayQueue, store, reader, ports, engine, rulesetVersion: shipped.rulesetVersion, ...(await seed(store, engine)) };
    const profiled = await replayProfiler(process.env.LAB_REPLAY_CPU_PROFILE);
    const unpacked = await rounds(b, profiled, 1);
    printUnpacked(unpacked, await packSeedDay(doc, store, blobs));
    // One replay from the pack unmeasured: the rounds compare the packed path warm with the engine warm.
    await replayOnce(b);
    const measured = await rounds(b, profiled, ROUNDS);
    print(measured, await reads(b));
  } finally {
    rmSync(packDir, { recursive: true, force: true });
    ddb.destroy();
    sqs.destroy();
    await sqsService.close();
    await dynamo.close();
  }
}
