// The pipeline's sustained throughput and latency on one machine (local runtime in this process),
// beside the embedded services' own floor measured in the same run on the same number of items:
// raw SendMessageBatch + ReceiveMessage/DeleteMessageBatch of the same messages + BatchWriteItem of the same items.
// And the least work the contract's guarantees need of the same services (floor.ts `leastWork`): the floor's ratio
// that no pipeline keeping them can pass. Also counts the DynamoDB and SQS requests the pipeline made per parcel.
// `npm run bench -- pipeline`; BENCH_PARCELS (default 2000), BENCH_BATCH (100), BENCH_SENDERS (4), BENCH_SERVICE_THREADS=0,
// BENCH_LEAST_IN_FLIGHT (32).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Log } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { newApiKey } from '#shared/auth/keys';
import type { Parcel } from '#shared/parcels/parcel';
import { QUEUES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { ParcelStore } from '#shared/store/parcel-store';
import { validDeclaration } from '../fixtures/declarations';
import { ApiClient } from '../helpers/api-client';
import { s10 } from '../helpers/s10';
import { chunks, floor, inParallel, leastWork, scanAll } from './floor';
import { countSdkRequests } from './sdk-requests';
import { percentile, printFigure } from './report';

const N = Number(process.env.BENCH_PARCELS ?? 2000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const LEAST_IN_FLIGHT = Number(process.env.BENCH_LEAST_IN_FLIGHT ?? 32);

// ---- counting every SDK request made in this process, except by the bench's own clients ----
const meter = countSdkRequests();
const { counts, excluded } = meter;

const quietLog: Log = { info: () => undefined, error: (line, err) => console.error(`[local] ERROR ${line}`, err ?? '') };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Clients {
  ddb: DynamoDBClient;
  sqs: SQSClient;
  store: ParcelStore;
}

async function queueEmpty(c: Clients, url: string): Promise<boolean> {
  const { Attributes: a } = await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(a?.ApproximateNumberOfMessages) + Number(a?.ApproximateNumberOfMessagesNotVisible) === 0;
}

/** Waits until every parcel has a customs response; returns them. */
async function waitAssessed(c: Clients, rt: LocalRuntime, ids: string[], timeoutMs: number): Promise<Parcel[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await queueEmpty(c, rt.queueUrls[QUEUES.assess]!)) {
      const parcels = await c.store.getMany(ids);
      if (parcels.length === ids.length && parcels.every((p) => p.status !== 'RECEIVED')) return parcels;
    }
    if (Date.now() > deadline) throw new Error('parcels not assessed in time');
    await sleep(200);
  }
}

/** POSTs the declarations in batches from `senders` concurrent clients; returns the client time before the first POST. */
async function send(api: ApiClient, key: string, ids: string[], senders: number, batch: number): Promise<number> {
  const t0 = Date.now();
  await inParallel(chunks(ids, batch), senders, async (batchIds) => {
    const r = await api.post('/v1/parcel-batches', key, { parcels: batchIds.map((itemId) => validDeclaration({ itemId })) });
    if (r.status >= 300 || r.body.results.some((x: { status: string }) => x.status !== 'RECEIVED')) throw new Error(`batch refused: ${r.status} ${r.text.slice(0, 300)}`);
  });
  return t0;
}

const latencies = (ps: Parcel[]) => ps.map((p) => Date.parse(p.customsResponse!.issuedAt) - Date.parse(p.receivedAt)).sort((a, b) => a - b);

export async function run(): Promise<void> {
  const rt = await startLocalRuntime({
    topology,
    log: quietLog,
    // BENCH_SERVICE_THREADS=0: the services in the main thread, as before they had threads (to compare).
    serviceThreads: process.env.BENCH_SERVICE_THREADS !== '0',
    // The bench measures the pipeline, not the per-key throttle.
    env: { ...regionEnv(regionConfig('eu-west-1')), POWERTOOLS_LOG_LEVEL: 'ERROR', API_KEY_RATE_PER_SECOND: '10000', API_KEY_BURST: '10000' },
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: rt.dynamodbEndpoint, credentials });
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  for (const c of [ddb, sqs, doc]) excluded.add(c);
  const c: Clients = { ddb, sqs, store: new ParcelStore(doc, 'parcels') };
  try {
    const admin = newApiKey();
    await new ApiKeyStore(doc, 'api-keys').put({ id: 'key_bench_admin', keyHash: admin.keyHash, role: 'admin', createdAt: new Date().toISOString(), createdBy: 'bench' });
    const api = new ApiClient(rt.url);
    const platform = await api.createKey(admin.key, { role: 'platform', tenantId: 'bench-shop' });

    // Warm-up (module loading, the screener index, JIT): 200 parcels, not counted.
    const warm = Array.from({ length: 200 }, (_, i) => s10(90_000_000 + i));
    await send(api, platform.key, warm, SENDERS, BATCH);
    await waitAssessed(c, rt, warm, 120_000);

    // 1. Saturation: N parcels as fast as the senders go.
    console.log(
      `  (${N} parcels in batches of ${BATCH}, ${SENDERS} concurrent senders; process: batch ${topology.eventSources[0]!.batchSize}, window ${topology.eventSources[0]!.maxBatchingWindowSeconds} s, concurrency ${topology.eventSources[0]!.maxConcurrency})`,
    );
    const ids = Array.from({ length: N }, (_, i) => s10(10_000_000 + i));
    counts.clear();
    meter.counting = true;
    const t0 = await send(api, platform.key, ids, SENDERS, BATCH);
    const ingestSeconds = (Date.now() - t0) / 1000;
    const parcels = await waitAssessed(c, rt, ids, 600_000);
    meter.counting = false;
    const lastIssued = Math.max(...parcels.map((p) => Date.parse(p.customsResponse!.issuedAt)));
    const pipelineSeconds = (lastIssued - t0) / 1000;
    const lat = latencies(parcels);
    const perParcel = new Map([...counts].map(([k, v]) => [k, v / N]));
    const sum = (prefix: string) => [...perParcel].filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + v, 0);

    // 2. The floor: the same messages and items through the embedded services directly.
    const items = (await scanAll(c.ddb, 'parcels')).filter((i) => ids.includes(String(i.itemId?.S)));
    const f = await floor(
      c,
      items,
      ids.map((itemId) => JSON.stringify({ itemId, version: 1 })),
      SENDERS,
    );
    const least = await leastWork(
      c,
      items,
      ids.map((itemId) => JSON.stringify({ itemId, version: 1 })),
      { senders: SENDERS, inFlight: LEAST_IN_FLIGHT, webhooks: false },
    );

    // 3. Below saturation: a steady 40% of the measured rate for ~6 s, in batches of 10.
    const rate = Math.max(5, Math.round((0.4 * N) / pipelineSeconds));
    const paced = Array.from({ length: Math.max(20, rate * 6) }, (_, i) => s10(20_000_000 + i));
    const tick = (10 / rate) * 1000;
    const start = Date.now();
    const inflight: Promise<unknown>[] = [];
    for (const [i, b] of chunks(paced, 10).entries()) {
      const wait = start + i * tick - Date.now();
      if (wait > 0) await sleep(wait);
      inflight.push(send(api, platform.key, b, 1, 10));
    }
    await Promise.all(inflight);
    const pacedLat = latencies(await waitAssessed(c, rt, paced, 120_000));

    console.log(`  ingest answered all ${N} in ${ingestSeconds.toFixed(1)} s; last customs response ${pipelineSeconds.toFixed(1)} s after the first POST`);
    printFigure({
      name: 'pipeline throughput, POST to stored customs response',
      value: N / pipelineSeconds,
      unit: 'parcels/s',
      baseline: { name: 'embedded services floor (SendMessageBatch + Receive/DeleteMessageBatch + BatchWriteItem)', value: N / f.seconds },
      target: 'ratio >= 0.5',
    });
    console.log(`    floor split: send ${f.sqsSend.toFixed(2)} s, receive+delete ${f.sqsReceive.toFixed(2)} s, BatchWriteItem ${f.ddbWrite.toFixed(2)} s`);
    printFigure({
      name: `least work the contract's guarantees need (per parcel 2 conditional single-item writes, ${LEAST_IN_FLIGHT} in flight; 1 queue hop; no code of ours)`,
      value: N / least.seconds,
      unit: 'parcels/s',
      baseline: { name: 'the floor', value: N / f.seconds },
      target: 'the ratio is the ceiling of the one above',
    });
    printFigure({ name: 'pipeline beside that least work', value: N / pipelineSeconds, unit: 'parcels/s', baseline: { name: 'least work', value: N / least.seconds } });
    printFigure({ name: 'latency p50 at saturation (receivedAt → issuedAt)', value: percentile(lat, 50), unit: 'ms' });
    printFigure({ name: 'latency p99 at saturation', value: percentile(lat, 99), unit: 'ms' });
    printFigure({
      name: `latency p50 below saturation (${rate} parcels/s, ${paced.length} parcels)`,
      value: percentile(pacedLat, 50),
      unit: 'ms',
      baseline: { name: 'batching window', value: topology.eventSources[0]!.maxBatchingWindowSeconds * 1000 },
    });
    printFigure({ name: 'latency p99 below saturation', value: percentile(pacedLat, 99), unit: 'ms', target: '< 2,000 ms' });
    printFigure({ name: 'DynamoDB requests per parcel', value: sum('dynamodb'), unit: 'req' });
    printFigure({ name: 'SQS requests per parcel (ingest, poller incl. empty polls, event publishing)', value: sum('sqs'), unit: 'req' });
    console.log(
      `    per parcel: ${[...perParcel]
        .sort()
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')}`,
    );
  } finally {
    ddb.destroy();
    sqs.destroy();
    await rt.close();
  }
}
