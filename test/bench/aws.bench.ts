// AWS figures: each function's bundle (as `cdk synth` builds it) and its cold init in a fresh Node process,
// beside a fresh Node process loading an empty bundle; the AWS SDK bundled vs taken from the runtime; and a
// modelled AWS cost per million parcels from handler durations and request counts measured here, with the
// real handlers in this process against the embedded DynamoDB and SQS.
// `npm run bench -- aws`; BENCH_AWS_PARCELS (default 1000), BENCH_AWS_RUNS (cold init runs, default 7).
//
// Cost model (per parcel; list prices below, us-east-1, on-demand, free tiers ignored):
//   API Gateway HTTP API   requests per parcel × $1.00/M (requests ≤ 512 KB count once per 512 KB)
//   Lambda requests        (authorizer + ingest + process invocations) per parcel × $0.20/M
//   Lambda compute         Σ billed ms × memory GB × $0.0000133334 per GB-s (arm64). Durations measured on this
//                          machine are scaled by 1769 MB / memory (Lambda gives one vCPU at 1769 MB) for
//                          functions below that; the embedded services run in this process, so their time
//                          stands in for DynamoDB/SQS latency.
//   SQS                    requests × $0.40/M: sends counted here; the event source's receives and deletes
//                          modelled as 2 × ceil(batch / 10) per batch (ReceiveMessage returns at most 10).
//                          Idle long polling (~0.3 $/month per queue) is fixed, not per parcel.
//   DynamoDB on demand     WRU × $0.625/M, RRU × $0.125/M: table units as the embedded DynamoDB reports them
//                          (ReturnConsumedCapacity), plus 1 WRU per global secondary index a write touches
//                          (its key or projected attributes present in the item or update: index entries are
//                          small, KEYS_ONLY or a few attributes).
//   CloudWatch Logs        bytes written by the handlers (counted here) + ~400 B platform report per invocation
//                          + ~450 B access log per API request, × $0.50/GB ingested.
//   X-Ray                  5 % sampled (default rule) × traces × $5.00/M.
// Prices: AWS public pricing pages for us-east-1 as of 2025-06 (DynamoDB on-demand after the November 2024
// reduction); eu-west-1 is ~10 % higher for DynamoDB and API Gateway. Re-check before relying on them.
// Not included: the webhook fan-out (deliver, deliver-attempt: per subscription, not per parcel), KMS
// (DynamoDB caches the table key: a few requests per hour), fixed monthly costs (KMS key, alarms, dashboard).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { App } from 'aws-cdk-lib';
import { addRegion } from '../../infra/cdk/pipeline';
import type { SdkMode } from '../../infra/cdk/pipeline-function';
import { provision } from '../../infra/local/provision';
import { toRecord } from '../../infra/local/poller';
import { startDynamoDb, startSqs } from '../../infra/local/services';
import { regionConfig, regionEnv } from '../../infra/regions';
import { topology } from '../../infra/topology';
import type { FunctionDef, TableDef } from '../../infra/topology-types';
import { newApiKey } from '../../shared/auth/keys';
import { QUEUES, TABLES } from '../../shared/resources';
import { validDeclaration } from '../fixtures/declarations';
import { s10Sequence } from '../helpers/s10';
import { printFigure } from './report';

const ROOT = join(__dirname, '..', '..');
const N = Number(process.env.BENCH_AWS_PARCELS ?? 1000);
const RUNS = Number(process.env.BENCH_AWS_RUNS ?? 7);
const REGION = 'eu-west-1';

const PRICE = {
  apiPerM: 1.0,
  lambdaRequestPerM: 0.2,
  lambdaGbSecond: 0.0000133334,
  sqsPerM: 0.4,
  wruPerM: 0.625,
  rruPerM: 0.125,
  logsPerGb: 0.5,
  xrayTracePerM: 5.0,
};
const XRAY_SAMPLED = 0.05;
const PLATFORM_LOG_BYTES = 400;
const ACCESS_LOG_BYTES = 450;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => n / 1024;

// ---------------------------------------------------------------- bundles and cold init

interface Bundle {
  def: FunctionDef;
  dir: string;
  bytes: number;
}

/** Synthesizes the region as `cdk synth` does and finds each function's bundle directory. */
function synthBundles(outdir: string, sdk: SdkMode): Bundle[] {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir, context: cdkJson.context });
  const { service } = addRegion(app, topology, regionConfig(REGION), { code: 'bundle', sdk });
  app.synth();
  const template = JSON.parse(readFileSync(join(outdir, `${service.stackName}.template.json`), 'utf8')) as { Resources: Record<string, { Type: string; Properties: any }> };
  return topology.functions.map((def) => {
    const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `EAD pipeline: ${def.name}`)!;
    const dir = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    return { def, dir, bytes: statSync(join(dir, 'index.js')).size };
  });
}

const CHILD = `const t=performance.now();const m=require(process.argv[1]);if(typeof m[process.argv[2]]!=='function')process.exit(3);process.stdout.write(String(performance.now()-t));`;

/** Wall time of a fresh `node` loading the bundle and finding its handler (ms), and the require time inside it. */
function coldInit(file: string, handler: string, env: Record<string, string>): { wall: number; require: number } {
  const walls: number[] = [];
  const requires: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ['-e', CHILD, file, handler], { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '--enable-source-maps', AWS_REGION: REGION, ...env }, cwd: tmpdir() });
    walls.push(performance.now() - t0);
    requires.push(Number(out.toString()));
  }
  return { wall: median(walls), require: median(requires) };
}

async function bundleFigures(work: string): Promise<void> {
  const bundled = synthBundles(join(work, 'bundled'), 'bundled');
  const runtime = synthBundles(join(work, 'runtime'), 'runtime');
  const empty = join(work, 'empty.js');
  writeFileSync(empty, 'exports.handler=async()=>{};');
  const base = coldInit(empty, 'handler', {});
  console.log(`  (cold init: median of ${RUNS} fresh node processes, NODE_OPTIONS=--enable-source-maps, node ${process.version} on ${process.arch})`);
  for (const [i, b] of bundled.entries()) {
    const r = runtime[i]!;
    printFigure({ name: `${b.def.name} bundle, AWS SDK bundled`, value: kb(b.bytes), unit: 'KB', baseline: { name: 'SDK from the runtime', value: kb(r.bytes) }, target: 'value < 1,024 KB' });
    const env = { REFERENCE_DATA_DIR: join(b.dir, 'data') };
    const cold = coldInit(join(b.dir, 'index.js'), b.def.handler, env);
    printFigure({ name: `${b.def.name} cold init (fresh node: load bundle + handler)`, value: cold.wall, unit: 'ms', baseline: { name: 'empty bundle', value: base.wall }, target: `value − baseline = ${(cold.wall - base.wall).toFixed(0)} ms < 200 ms` });
    // The runtime's SDK: resolved from node_modules, unminified, as /var/runtime/node_modules is.
    const coldRuntime = coldInit(join(r.dir, 'index.js'), r.def.handler, { ...env, NODE_PATH: join(ROOT, 'node_modules') });
    printFigure({ name: `${b.def.name} module init, SDK bundled (require inside the process)`, value: cold.require, unit: 'ms', baseline: { name: 'SDK from node_modules', value: coldRuntime.require } });
  }
}

// ---------------------------------------------------------------- cost per million parcels

interface Meter {
  requests: Map<string, number>;
  wru: number;
  /** Of wru, the index entries (modelled). */
  gsiWru: number;
  rru: number;
  logBytes: number;
}

const meter: Meter = { requests: new Map(), wru: 0, gsiWru: 0, rru: 0, logBytes: 0 };
let metering = false;
const tableDefs = new Map<string, TableDef>(topology.tables.map((t) => [t.name, t]));

/** GSIs a write touches: their key or projected attributes appear in the item or the update. */
function gsiWrites(table: string | undefined, attributes: string[]): number {
  const def = table ? tableDefs.get(table) : undefined;
  if (!def) return 0;
  const touched = new Set(attributes);
  const n = def.indexes.filter((ix) => [ix.partitionKey.name, ix.sortKey?.name, ...(Array.isArray(ix.projection) ? ix.projection : [])].some((a) => a && touched.has(a))).length;
  meter.gsiWru += n;
  return n;
}

function writtenAttributes(input: any): { table?: string; attributes: string[] } {
  if (input.Item) return { table: input.TableName, attributes: Object.keys(input.Item) };
  if (input.UpdateExpression) {
    const names = Object.values((input.ExpressionAttributeNames ?? {}) as Record<string, string>);
    const bare = String(input.UpdateExpression).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
    return { table: input.TableName, attributes: [...names, ...bare] };
  }
  return { table: input.TableName, attributes: [] };
}

function meterDynamo(name: string, input: any, output: any): void {
  const consumed = ([] as any[]).concat(output?.ConsumedCapacity ?? []);
  const units = consumed.reduce((s, c) => s + (c?.CapacityUnits ?? 0), 0);
  const isWrite = /Put|Update|Delete|Write/.test(name);
  if (isWrite) meter.wru += units;
  else meter.rru += units;
  if (name === 'PutItem' || name === 'Put' || name === 'UpdateItem' || name === 'Update') {
    const w = writtenAttributes(input);
    meter.wru += gsiWrites(w.table, w.attributes);
  }
  if (name.startsWith('TransactWrite')) {
    for (const item of input.TransactItems ?? []) {
      const op = item.Put ?? item.Update;
      if (op) {
        const w = writtenAttributes(op);
        meter.wru += gsiWrites(w.table, w.attributes);
      }
    }
  }
  if (name.startsWith('BatchWrite')) {
    for (const [table, reqs] of Object.entries((input.RequestItems ?? {}) as Record<string, any[]>)) {
      for (const r of reqs) if (r.PutRequest) meter.wru += gsiWrites(table, Object.keys(r.PutRequest.Item));
    }
  }
}

function installMeters(): void {
  for (const [service, proto] of [
    ['dynamodb', DynamoDBClient.prototype],
    ['dynamodb', DynamoDBDocumentClient.prototype],
    ['sqs', SQSClient.prototype],
  ] as const) {
    const original = proto.send as (...args: unknown[]) => Promise<unknown>;
    (proto as { send: unknown }).send = async function (this: object, command: { input: any; constructor: { name: string } }, ...rest: unknown[]) {
      if (!metering) return original.call(this, command, ...rest);
      const name = command.constructor.name.replace(/Command$/, '');
      if (service === 'dynamodb') command.input.ReturnConsumedCapacity ??= 'TOTAL';
      meter.requests.set(`${service} ${name}`, (meter.requests.get(`${service} ${name}`) ?? 0) + 1);
      const out = await original.call(this, command, ...rest);
      if (service === 'dynamodb') meterDynamo(name, command.input, out);
      return out;
    };
  }
  const write = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (metering) {
      meter.logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return true; // the handlers' logs are counted, not printed
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  };
}

type Handler = (event: unknown, context: Context) => Promise<any>;

function context(def: FunctionDef): Context {
  return {
    functionName: def.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:000000000000:function:${def.name}`,
    memoryLimitInMB: String(def.memoryMb),
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${def.name}`,
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => def.timeoutSeconds * 1000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface Invocations {
  count: number;
  ms: number[];
}

function apiEvent(routeKey: string, body: string, key: string, authorizer?: Record<string, unknown>): APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: crypto.randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(authorizer ? { authorizer: { lambda: authorizer } } : {}),
    },
  } as never;
}

interface Scenario {
  name: string;
  parcels: number;
  apiRequests: number;
  apiBytes: number;
  fns: Map<string, Invocations>;
  processBatches: number;
  requests: Map<string, number>;
  wru: number;
  gsiWru: number;
  rru: number;
  logBytes: number;
}

async function measureScenario(name: string, parcelsPerRequest: number, n: number, key: string, nextId: () => string, h: Record<'authorizer' | 'ingest' | 'process', Handler>, queueUrl: string, queueArn: string, sqs: SQSClient): Promise<Scenario> {
  const def = (f: string) => topology.functions.find((x) => x.name === f)!;
  const fns = new Map<string, Invocations>(['authorizer', 'ingest', 'process'].map((f) => [f, { count: 0, ms: [] }]));
  const timed = async (fn: 'authorizer' | 'ingest' | 'process', event: unknown) => {
    const t0 = performance.now();
    const out = await h[fn](event, context(def(fn)));
    const inv = fns.get(fn)!;
    inv.count++;
    inv.ms.push(performance.now() - t0);
    return out;
  };
  meter.requests = new Map();
  meter.wru = meter.gsiWru = meter.rru = meter.logBytes = 0;
  let apiBytes = 0;
  let apiRequests = 0;
  const source = topology.eventSources.find((e) => e.function === 'process')!;
  metering = true;
  try {
    for (let sent = 0; sent < n; sent += parcelsPerRequest) {
      const declarations = Array.from({ length: Math.min(parcelsPerRequest, n - sent) }, () => validDeclaration({ itemId: nextId() }));
      const [routeKey, body] = parcelsPerRequest === 1 ? ['POST /v1/parcels', JSON.stringify(declarations[0])] : ['POST /v1/parcel-batches', JSON.stringify({ parcels: declarations })];
      const auth = await timed('authorizer', apiEvent(routeKey, '', key));
      const res = await timed('ingest', apiEvent(routeKey, body, key, auth.context));
      if (res.statusCode >= 300) throw new Error(`ingest answered ${res.statusCode}: ${String(res.body).slice(0, 300)}`);
      apiRequests++;
      apiBytes += Buffer.byteLength(body);
    }
    // The event source: batches of batchSize from the queue (the receives and deletes are modelled, not counted).
    metering = false;
    let processed = 0;
    let batches = 0;
    while (processed < n) {
      const messages: Message[] = [];
      while (messages.length < source.batchSize) {
        const { Messages = [] }: { Messages?: Message[] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, source.batchSize - messages.length), WaitTimeSeconds: 0, AttributeNames: ['All'], MessageAttributeNames: ['All'] }));
        if (Messages.length === 0) break;
        messages.push(...Messages);
      }
      if (messages.length === 0) throw new Error(`the assessment queue ran dry after ${processed} of ${n} parcels`);
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queueArn, REGION)) };
      metering = true;
      const out = await timed('process', event);
      metering = false;
      if (out.batchItemFailures.length) throw new Error(`process failed ${out.batchItemFailures.length} message(s)`);
      for (let i = 0; i < messages.length; i += 10) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })) }));
      }
      processed += messages.length;
      batches++;
    }
    return { name, parcels: n, apiRequests, apiBytes, fns, processBatches: batches, requests: new Map(meter.requests), wru: meter.wru, gsiWru: meter.gsiWru, rru: meter.rru, logBytes: meter.logBytes };
  } finally {
    metering = false;
  }
}

/** Dollars per million parcels, by line. */
function cost(s: Scenario): Record<string, number> {
  const perParcel = (x: number) => (x / s.parcels) * 1e6;
  const invocations = [...s.fns.values()].reduce((a, f) => a + f.count, 0);
  let gbSeconds = 0;
  for (const [name, inv] of s.fns) {
    const def = topology.functions.find((f) => f.name === name)!;
    const scale = Math.max(1, 1769 / def.memoryMb);
    const billedMs = inv.ms.reduce((a, ms) => a + Math.ceil(ms * scale), 0);
    gbSeconds += (billedMs / 1000) * (def.memoryMb / 1024);
  }
  const sqsCounted = [...s.requests].filter(([k]) => k.startsWith('sqs')).reduce((a, [, v]) => a + v, 0);
  const batchSize = topology.eventSources.find((e) => e.function === 'process')!.batchSize;
  const sqsModelled = s.processBatches * 2 * Math.ceil(batchSize / 10);
  const apiUnits = s.apiRequests * Math.max(1, Math.ceil(s.apiBytes / s.apiRequests / (512 * 1024)));
  const logBytes = s.logBytes + invocations * PLATFORM_LOG_BYTES + s.apiRequests * ACCESS_LOG_BYTES;
  return {
    'API Gateway': perParcel(apiUnits) * (PRICE.apiPerM / 1e6),
    'Lambda requests': perParcel(invocations) * (PRICE.lambdaRequestPerM / 1e6),
    'Lambda compute': perParcel(gbSeconds) * PRICE.lambdaGbSecond,
    SQS: perParcel(sqsCounted + sqsModelled) * (PRICE.sqsPerM / 1e6),
    'DynamoDB writes': perParcel(s.wru) * (PRICE.wruPerM / 1e6),
    'DynamoDB reads': perParcel(s.rru) * (PRICE.rruPerM / 1e6),
    'CloudWatch Logs': (perParcel(logBytes) / 2 ** 30) * PRICE.logsPerGb,
    'X-Ray': perParcel((s.apiRequests + s.fns.get('process')!.count) * XRAY_SAMPLED) * (PRICE.xrayTracePerM / 1e6),
  };
}

function report(s: Scenario): void {
  const lines = cost(s);
  const total = Object.values(lines).reduce((a, b) => a + b, 0);
  console.log(`\n  ${s.name}: ${s.parcels} parcels, ${s.apiRequests} API requests, ${s.processBatches} process batches`);
  for (const [name, inv] of s.fns) console.log(`    ${name}: ${inv.count} invocations, median ${median(inv.ms).toFixed(1)} ms, total ${inv.ms.reduce((a, b) => a + b, 0).toFixed(0)} ms (this machine)`);
  console.log(`    per parcel: ${(s.wru / s.parcels).toFixed(2)} WRU (${(s.gsiWru / s.parcels).toFixed(2)} of them index entries), ${(s.rru / s.parcels).toFixed(2)} RRU, ${[...s.requests].map(([k, v]) => `${k} ${(v / s.parcels).toFixed(2)}`).join(', ')}, ${(s.logBytes / s.parcels).toFixed(0)} B of handler logs`);
  for (const [line, dollars] of Object.entries(lines)) console.log(`    ${line.padEnd(16)} $${dollars.toFixed(3)} per million parcels`);
  printFigure({ name: `${s.name}: modelled AWS cost`, value: total, unit: '$ per million parcels', baseline: { name: 'DynamoDB writes alone', value: lines['DynamoDB writes']! }, target: 'value < $2' });
}

async function costFigures(): Promise<void> {
  const config = regionConfig(REGION);
  const dynamo = await startDynamoDb();
  const sqsService = await startSqs({ region: REGION, accountId: '000000000000' });
  const saved = { ...process.env };
  try {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsService.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_SERVICE_NAME: 'ead-pipeline',
      POWERTOOLS_METRICS_NAMESPACE: 'EadPipeline',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      ...regionEnv(config),
      // The bench measures cost, not the per-key limit: one key sends every request.
      API_KEY_RATE_PER_SECOND: '1000000',
      API_KEY_BURST: '1000000',
    });
    const ddb = new DynamoDBClient({});
    const sqs = new SQSClient({});
    const provisioned = await provision(topology, { ddb, sqs });
    Object.assign(process.env, provisioned.env);
    installMeters();
    const { key, keyHash, id } = newApiKey();
    const { ApiKeyStore } = await import('../../shared/store/api-key-store');
    await new ApiKeyStore(DynamoDBDocumentClient.from(ddb), provisioned.tables[TABLES.apiKeys]!).put({ id, keyHash, role: 'platform', tenantId: 'bench', createdAt: new Date().toISOString(), createdBy: 'bench' });
    const h = {
      authorizer: ((await import('../../functions/authorizer/handler')) as { handler: Handler }).handler,
      ingest: ((await import('../../functions/ingest/handler')) as { handler: Handler }).handler,
      process: ((await import('../../functions/process/handler')) as { handler: Handler }).handler,
    };
    const q = provisioned.queues[QUEUES.assessment]!;
    const nextId = s10Sequence(40_000_000);
    // Warm up (first-call loading of reference data and the risk engine is a cold-start cost, not per parcel).
    await measureScenario('warm-up', 25, 25, key, nextId, h, q.url, q.arn, sqs);
    console.log(`  (cost model: see the comment at the top of test/bench/aws.bench.ts; list prices us-east-1 as of 2025-06)`);
    report(await measureScenario('batches of 100 (POST /v1/parcel-batches)', 100, N, key, nextId, h, q.url, q.arn, sqs));
    report(await measureScenario('one parcel per request (POST /v1/parcels)', 1, Math.min(N, 300), key, nextId, h, q.url, q.arn, sqs));
    const { Items = [] } = await DynamoDBDocumentClient.from(ddb).send(new ScanCommand({ TableName: provisioned.tables[TABLES.parcels]!, Limit: 50 }));
    const sizes = Items.map((item) => Buffer.byteLength(JSON.stringify(item)));
    console.log(`  stored parcel item: median ${(median(sizes) / 1024).toFixed(1)} KB as JSON (a write costs 1 WRU per started KB)`);
    ddb.destroy();
    sqs.destroy();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await sqsService.close();
    await dynamo.close();
  }
}

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'aws-bench-'));
  try {
    await bundleFigures(work);
    await costFigures();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
