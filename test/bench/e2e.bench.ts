// End to end on the local runtime: parcels POSTed through the API until their customs response arrives, signed, at
// a real webhook receiver on 127.0.0.1 that verifies each with standardwebhooks. Beside it, in the same run, the
// embedded services' floor for the same parcels (each one's message sent, received and deleted, its item written:
// floor.ts) and the least work the contract's guarantees need of them (`leastWork`), and where the CPU went: per
// thread (main: gateway, handlers, pollers, receiver; the DynamoDB and SQS threads), then per stage of the main thread (cpu-meter.ts) in a shorter run with the meter on.
// `npm run bench -- e2e`; BENCH_PARCELS (default 2000), BENCH_BATCH (100), BENCH_SENDERS (4), BENCH_SERVICE_THREADS=0,
// BENCH_LEAST_IN_FLIGHT (32).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { availableParallelism } from 'node:os';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { currentStage, startCpuMeter, stopCpuMeter } from '#infra/local/cpu-meter';
import type { Log } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { threadCpu, type ThreadCpu } from '#infra/local/service-host';
import { regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { tableEnvVar } from '#infra/topology-types';
import { hashApiKey, newApiKey } from '#shared/auth/keys';
import { QUEUES, TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { documentClient } from '#shared/store/clients';
import { validDeclaration } from '../fixtures/declarations';
import { ApiClient } from '../helpers/api-client';
import { s10 } from '../helpers/s10';
import { type LeastWork, chunks, floor, inParallel, leastWork, scanAll } from './floor';
import { countSdkRequests } from './sdk-requests';
import { percentile, printFigure } from './report';

const N = Number(process.env.BENCH_PARCELS ?? 2000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const METERED = Math.max(100, Math.round(N / 4));
// Single-item writes in flight at once in the least-work measure (the pipeline has 4 senders' batches of 100 in flight).
const LEAST_IN_FLIGHT = Number(process.env.BENCH_LEAST_IN_FLIGHT ?? 32);

// ---- every SDK request made in this process (the handlers', the pollers'), except by the bench's own clients ----
const meter = countSdkRequests(notePublished, currentStage);
const { counts, excluded } = meter;

/** When the assess stage's events of each parcel were on the publish queue (its SendMessageBatch answered). */
const publishedAt = new Map<string, number>();
function notePublished(command: object, sent: unknown): void {
  const input = (command as { input?: { QueueUrl?: string; Entries?: { MessageBody?: string }[] } }).input;
  if (!(command instanceof SendMessageBatchCommand) || !input?.QueueUrl?.endsWith(`/${QUEUES.publish}`)) return;
  const itemIds = (input.Entries ?? [])
    .map((e) => (JSON.parse(e.MessageBody ?? '{}') as { event?: { type?: string; data?: { itemId?: string } } }).event)
    .filter((e) => e?.type === 'customs.response.issued')
    .map((e) => e!.data!.itemId!);
  void (sent as Promise<unknown>).then(
    () => {
      const now = Date.now();
      for (const id of itemIds) if (!publishedAt.has(id)) publishedAt.set(id, now);
    },
    () => undefined,
  );
}

const quietLog: Log = { info: () => undefined, error: (line, err) => console.error(`[local] ERROR ${line}`, err ?? '') };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A receiver that verifies every delivery on arrival and notes when each parcel's customs response came. */
interface Receiver {
  url: string;
  secret: string;
  arrived: Map<string, number>;
  /** When each parcel's customs response was issued (the event's data). */
  issued: Map<string, number>;
  invalid: number;
  close(): Promise<void>;
}

async function startVerifyingReceiver(): Promise<Receiver> {
  const r: Receiver = { url: '', secret: '', arrived: new Map(), issued: new Map(), invalid: 0, close: async () => undefined };
  let wh: Webhook | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        wh ??= new Webhook(r.secret);
        const e = wh.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as { type: string; data: { itemId: string; customsResponse: { issuedAt: string } } };
        if (e.type === 'customs.response.issued' && !r.arrived.has(e.data.itemId)) {
          r.arrived.set(e.data.itemId, Date.now());
          r.issued.set(e.data.itemId, Date.parse(e.data.customsResponse.issuedAt));
        }
      } catch {
        r.invalid++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
  return r;
}

interface Run {
  /** When each parcel's POST was sent (client time). */
  postedAt: Map<string, number>;
  seconds: number;
  latencies: number[];
  /** POST → customs response issued; issued → its event on the publish queue (the rest of the assess batch); then → receipt (fan-out, the attempt). Per parcel, sorted. */
  toResponse: number[];
  toPublished: number[];
  toReceipt: number[];
}

async function until(probe: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** POSTs a batch; on a 5xx or 429 sends it again, as the contract tells clients to (the first POST's time counts). */
async function post(api: ApiClient, key: string, ids: string[], postedAt: Map<string, number>): Promise<void> {
  const at = Date.now();
  for (const id of ids) postedAt.set(id, at);
  for (let tries = 1; ; tries++) {
    const r = await api.post('/v1/parcel-batches', key, { parcels: ids.map((itemId) => validDeclaration({ itemId })) });
    if ((r.status >= 500 || r.status === 429) && tries < 5) continue;
    // A parcel sent again may be assessed already: any answer but a refusal will do then.
    if (r.status >= 300 || r.body.results.some((x: { status: string }) => (tries === 1 ? x.status !== 'RECEIVED' : x.status === 'REJECTED')))
      throw new Error(`batch refused: ${r.status} ${r.text.slice(0, 300)}`);
    return;
  }
}

/** Sends `ids` from `senders` concurrent clients (or at `rate` parcels/s in batches of 10) and waits for every receipt. */
async function measure(api: ApiClient, key: string, hooks: Receiver, ids: string[], pace?: { rate: number }): Promise<Run> {
  const postedAt = new Map<string, number>();
  const t0 = Date.now();
  if (pace) {
    const tick = (10 / pace.rate) * 1000;
    const inflight: Promise<void>[] = [];
    for (const [i, b] of chunks(ids, 10).entries()) {
      const wait = t0 + i * tick - Date.now();
      if (wait > 0) await sleep(wait);
      inflight.push(post(api, key, b, postedAt));
    }
    await Promise.all(inflight);
  } else await inParallel(chunks(ids, BATCH), SENDERS, (b) => post(api, key, b, postedAt));
  await until(() => ids.every((id) => hooks.arrived.has(id)), `${ids.length} verified webhooks`, 600_000);
  const last = Math.max(...ids.map((id) => hooks.arrived.get(id)!));
  const sorted = (f: (id: string) => number) => ids.map(f).sort((a, b) => a - b);
  return {
    postedAt,
    seconds: (last - t0) / 1000,
    latencies: sorted((id) => hooks.arrived.get(id)! - postedAt.get(id)!),
    toResponse: sorted((id) => hooks.issued.get(id)! - postedAt.get(id)!),
    toPublished: sorted((id) => (publishedAt.get(id) ?? NaN) - hooks.issued.get(id)!),
    toReceipt: sorted((id) => hooks.arrived.get(id)! - (publishedAt.get(id) ?? NaN)),
  };
}

interface CpuSnapshot {
  process: NodeJS.CpuUsage;
  main: ReturnType<typeof threadCpu>;
  dynamodb: ThreadCpu;
  sqs: ThreadCpu;
}
const snapshot = async (rt: LocalRuntime): Promise<CpuSnapshot> => ({ process: process.cpuUsage(), main: threadCpu(), dynamodb: await rt.services.dynamodb.cpu(), sqs: await rt.services.sqs.cpu() });
const threadMs = (a: Partial<ThreadCpu>, b: Partial<ThreadCpu>) => (b.userMs ?? 0) + (b.systemMs ?? 0) - (a.userMs ?? 0) - (a.systemMs ?? 0);

const processMs = (a: CpuSnapshot, b: CpuSnapshot) => (b.process.user + b.process.system - a.process.user - a.process.system) / 1000;

function printCpu(before: CpuSnapshot, after: CpuSnapshot, parcels: number, seconds: number): void {
  const total = processMs(before, after);
  const rows: [string, number][] = [
    ['main thread (gateway, handlers with their SDK clients, pollers, the receiver)', threadMs(before.main, after.main)],
    ['dynamodb thread (dynalite)', threadMs(before.dynamodb, after.dynamodb)],
    ['sqs thread (local-aws-sqs)', threadMs(before.sqs, after.sqs)],
  ];
  const named = rows.reduce((s, [, ms]) => s + ms, 0);
  rows.push(['other threads (GC, libuv pool)', Math.max(0, total - named)]);
  console.log(`  CPU per parcel at saturation: ${(total / parcels).toFixed(2)} ms in all, ${(total / 1000 / seconds).toFixed(2)} cores busy on average`);
  for (const [name, ms] of rows) console.log(`    ${name}: ${(ms / parcels).toFixed(2)} ms/parcel (${((100 * ms) / total).toFixed(0)} %)`);
}

function printStages(stages: Map<string, number>, parcels: number): void {
  const total = [...stages.values()].reduce((a, b) => a + b, 0);
  console.log(`  main thread per stage (${parcels} parcels, meter on): ${(total / parcels).toFixed(2)} ms/parcel`);
  for (const [stage, ms] of [...stages].sort((a, b) => b[1] - a[1])) console.log(`    ${stage}: ${(ms / parcels).toFixed(3)} ms/parcel (${((100 * ms) / total).toFixed(0)} %)`);
}

interface Results {
  sat: Run;
  paced: Run;
  rate: number;
  f: Awaited<ReturnType<typeof floor>>;
  floorCpu: number;
  least: LeastWork;
  leastCpu: number;
  before: CpuSnapshot;
  after: CpuSnapshot;
  stages: Map<string, number>;
  invalid: number;
}

function printResults(r: Results): void {
  printFigure({
    name: 'end to end, POST to verified webhook receipt',
    value: N / r.sat.seconds,
    unit: 'parcels/s',
    baseline: { name: 'embedded services floor (send + receive/delete + BatchWriteItem of the same parcels)', value: N / r.f.seconds },
    target: 'ratio >= 0.5',
  });
  console.log(
    `    floor split: send ${r.f.sqsSend.toFixed(2)} s, receive+delete ${r.f.sqsReceive.toFixed(2)} s, BatchWriteItem ${r.f.ddbWrite.toFixed(2)} s; invalid signatures at the receiver: ${r.invalid}`,
  );
  printFigure({
    name: `least work the contract's guarantees need (per parcel 3 conditional single-item writes, ${LEAST_IN_FLIGHT} in flight, and 1 batched; 2 queue hops; no code of ours)`,
    value: N / r.least.seconds,
    unit: 'parcels/s',
    baseline: { name: 'the floor', value: N / r.f.seconds },
    target: 'the ratio is the ceiling of the one above',
  });
  // Even with every core busy on it alone, the least work moves no more than the cores' time over its CPU per parcel.
  const cores = availableParallelism();
  console.log(
    `    least work split: queue hops ${r.least.sqs.toFixed(2)} s, writes ${r.least.ddb.toFixed(2)} s; its CPU ${(r.leastCpu / N).toFixed(2)} ms per parcel (every thread), so at most ${Math.round((cores * 1000 * N) / r.leastCpu)} parcels/s on ${cores} cores: ${((cores * 1000 * r.f.seconds) / r.leastCpu).toFixed(2)} of the floor`,
  );
  printFigure({ name: 'end to end beside that least work', value: N / r.sat.seconds, unit: 'parcels/s', baseline: { name: 'least work', value: N / r.least.seconds } });
  printFigure({ name: `latency p50 at saturation (${N} in flight), POST → receipt`, value: percentile(r.sat.latencies, 50), unit: 'ms' });
  printFigure({ name: 'latency p99 at saturation', value: percentile(r.sat.latencies, 99), unit: 'ms' });
  printFigure({ name: `latency p50 below saturation (${r.rate} parcels/s)`, value: percentile(r.paced.latencies, 50), unit: 'ms' });
  printFigure({ name: 'latency p99 below saturation', value: percentile(r.paced.latencies, 99), unit: 'ms', target: '< 2,000 ms' });
  const p = (xs: number[]) => `p50 ${percentile(xs, 50)} ms, p99 ${percentile(xs, 99)} ms`;
  console.log(
    `    below saturation: POST → customs response issued ${p(r.paced.toResponse)}; issued → event on the publish queue ${p(r.paced.toPublished)}; → verified receipt ${p(r.paced.toReceipt)}`,
  );
  // CPU time does not depend on how much of the machine other processes take: the steadier comparison here.
  printFigure({ name: 'CPU per parcel, end to end (every thread)', value: processMs(r.before, r.after) / N, unit: 'ms', baseline: { name: "the floor's CPU per parcel", value: r.floorCpu / N } });
  printCpu(r.before, r.after, N, r.sat.seconds);
  const perParcel = [...counts].sort().map(([k, v]) => `${k} ${(v / N).toFixed(2)}`);
  const total = (svc: string) => [...counts].filter(([k]) => k.startsWith(svc)).reduce((a, [, v]) => a + v, 0) / N;
  console.log(`  requests per parcel, submit to webhook: DynamoDB ${total('dynamodb').toFixed(2)}, SQS ${total('sqs').toFixed(2)} (${perParcel.join(', ')})`);
  for (const [stage, c] of [...meter.byStage].sort())
    console.log(
      `    ${stage}: ${[...c]
        .sort()
        .map(([k, v]) => `${k} ${(v / N).toFixed(2)}`)
        .join(', ')}`,
    );
  printStages(r.stages, METERED);
}

export async function run(): Promise<void> {
  const rt = await startLocalRuntime({
    topology,
    log: quietLog,
    cpuStages: true,
    // BENCH_SERVICE_THREADS=0: the services in the main thread, as before they had threads (to compare).
    serviceThreads: process.env.BENCH_SERVICE_THREADS !== '0',
    env: {
      ...regionEnv(regionConfig('eu-west-1')),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      API_KEY_RATE_PER_SECOND: '10000',
      API_KEY_BURST: '10000',
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    },
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: rt.dynamodbEndpoint, credentials });
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials });
  excluded.add(ddb).add(sqs);
  const hooks = await startVerifyingReceiver();
  try {
    const admin = newApiKey();
    await new ApiKeyStore(documentClient(), rt.env[tableEnvVar(TABLES.apiKeys)]!).put({
      id: 'key_bench_admin',
      keyHash: hashApiKey(admin.key),
      role: 'admin',
      createdAt: new Date().toISOString(),
      createdBy: 'bench',
    });
    const api = new ApiClient(rt.url);
    const platform = await api.createKey(admin.key, { role: 'platform', tenantId: 'bench-e2e' });
    const sub = await api.post('/v1/webhooks', platform.key, { url: hooks.url, events: ['customs.response.issued'] });
    if (sub.status !== 201) throw new Error(`subscribe: ${sub.status} ${sub.text}`);
    hooks.secret = sub.body.secret;
    console.log(`  (${N} parcels in batches of ${BATCH} from ${SENDERS} senders, each to one subscription; services on threads ${rt.services.dynamodb.threadId}, ${rt.services.sqs.threadId})`);

    // Warm-up (module loading, the screener index, JIT), not counted.
    await measure(
      api,
      platform.key,
      hooks,
      Array.from({ length: 200 }, (_, i) => s10(91_000_000 + i)),
    );

    // 1. Saturation.
    const ids = Array.from({ length: N }, (_, i) => s10(11_000_000 + i));
    const before = await snapshot(rt);
    meter.counting = true;
    const sat = await measure(api, platform.key, hooks, ids);
    meter.counting = false;
    const after = await snapshot(rt);

    // 2. The floor for the same parcels, in the same run.
    const wanted = new Set(ids);
    const items = (await scanAll(ddb, rt.env[tableEnvVar(TABLES.parcels)]!)).filter((i) => wanted.has(String(i.itemId?.S)));
    const floorBefore = await snapshot(rt);
    const f = await floor(
      { ddb, sqs },
      items,
      ids.map((itemId) => JSON.stringify({ itemId, version: 1 })),
      SENDERS,
    );
    const floorCpu = processMs(floorBefore, await snapshot(rt));
    const leastBefore = await snapshot(rt);
    const least = await leastWork(
      { ddb, sqs },
      items,
      ids.map((itemId) => JSON.stringify({ itemId, version: 1 })),
      { senders: SENDERS, inFlight: LEAST_IN_FLIGHT, webhooks: true },
    );
    const leastCpu = processMs(leastBefore, await snapshot(rt));

    // 3. Below saturation: a steady 40 % of the measured rate for about 6 s.
    const rate = Math.max(5, Math.round((0.4 * N) / sat.seconds));
    const paced = await measure(
      api,
      platform.key,
      hooks,
      Array.from({ length: Math.max(20, rate * 6) }, (_, i) => s10(21_000_000 + i)),
      { rate },
    );

    // 4. Where the main thread's time goes, by stage (the meter slows it: not timed).
    startCpuMeter();
    await measure(
      api,
      platform.key,
      hooks,
      Array.from({ length: METERED }, (_, i) => s10(31_000_000 + i)),
    );
    const stages = stopCpuMeter();

    printResults({ sat, paced, rate, f, floorCpu, least, leastCpu, before, after, stages, invalid: hooks.invalid });
  } finally {
    await hooks.close();
    ddb.destroy();
    sqs.destroy();
    await rt.close();
  }
}
