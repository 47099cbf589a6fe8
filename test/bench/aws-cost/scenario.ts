// One cost scenario: parcels POSTed through the real authorizer and ingest handlers, then every queue of the
// topology drained through its event source's function (process, the webhook stages, whatever the topology
// declares), in this process against the embedded DynamoDB and SQS, until a receiver has verified each customs
// response's webhook. Everything the handlers ask of AWS is counted per stage by the meter.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { toRecord } from '#infra/local/poller';
import type { FunctionDef, Topology } from '#infra/topology-types';
import type { FunctionUsage, Measured } from './pricing';
import type { Meter, StageCounts } from './meter';

type Handler = (event: unknown, context: Context) => Promise<any>;
const ROOT = join(__dirname, '..', '..', '..');

/** Lambda gives a function one vCPU at 1,769 MB: durations measured here are scaled up for less memory. */
const billedMs = (ms: number, def: FunctionDef) => Math.ceil(ms * Math.max(1, 1769 / def.memoryMb));

export function lambdaContext(def: FunctionDef, region: string): Context {
  return {
    functionName: def.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${def.name}`,
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

export function apiEvent(routeKey: string, body: string, key: string, authorizer?: Record<string, unknown>): APIGatewayProxyEventV2 {
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

/** A webhook receiver on loopback that verifies every signature and counts the verified deliveries. */
export async function startReceiver(): Promise<{ url: string; received: () => number; setSecret(s: string): void; close(): Promise<void> }> {
  let verifier: Webhook | undefined;
  let received = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        verifier!.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        received++;
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    setSecret: (s) => (verifier = new Webhook(s)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Pipeline {
  topology: Topology;
  region: string;
  meter: Meter;
  sqs: SQSClient;
  queues: Record<string, { url: string; arn: string }>;
  key: string;
  receiver: { received(): number };
}

export interface ScenarioResult extends Measured {
  name: string;
  webhooks: number;
  /** Per stage (function): invocations and ms on this machine. */
  stages: Map<string, { invocations: number; ms: number[] }>;
  /** Per stage: what it asked of AWS. */
  counts: Map<string, StageCounts>;
  defs: Map<string, FunctionDef>;
  /** Receives that found their queue empty (idle polling: priced per month by `idlePollingPerMonth`, not per parcel). */
  emptyReceives: number;
}

const handlers = new Map<string, Promise<Handler>>();
function handlerOf(def: FunctionDef): Promise<Handler> {
  let h = handlers.get(def.name);
  if (!h) handlers.set(def.name, (h = import(join(ROOT, def.entry)).then((m: Record<string, Handler>) => m[def.handler]!)));
  return h;
}

class Run {
  readonly stages = new Map<string, { invocations: number; ms: number[] }>();
  apiRequests = 0;
  apiBytes = 0;
  /** Receives that found their queue empty: idle polling, not priced per parcel. */
  emptyReceives = 0;
  constructor(private readonly p: Pipeline) {}

  def(name: string): FunctionDef {
    const d = this.p.topology.functions.find((f) => f.name === name);
    if (!d) throw new Error(`no function ${name} in the topology`);
    return d;
  }

  /** Invokes a handler as its stage: its requests are counted under its name, its duration without the meter's reads. */
  async invoke(name: string, event: unknown): Promise<any> {
    const def = this.def(name);
    const handler = await handlerOf(def);
    this.p.meter.stage = name;
    const [t0, aside0] = [performance.now(), this.p.meter.asideMs];
    try {
      return await handler(event, lambdaContext(def, this.p.region));
    } finally {
      const ms = performance.now() - t0 - (this.p.meter.asideMs - aside0);
      this.p.meter.stage = undefined;
      const s = this.stages.get(name) ?? { invocations: 0, ms: [] };
      s.invocations++;
      s.ms.push(ms);
      this.stages.set(name, s);
    }
  }

  /**
   * One batch from a queue to its function, as Lambda's event source does (receives of 10, a batch delete). A receive
   * that brings messages is counted to the function's stage; one that comes back empty is idle polling, which an
   * event source does at a fixed rate whatever the load (`idlePollingPerMonth`), so it is counted apart, not per
   * parcel: how often this drain loop finds a queue empty says nothing of what a million parcels cost.
   */
  async pollOnce(source: Topology['eventSources'][number]): Promise<number> {
    const q = this.p.queues[source.queue]!;
    const messages: Message[] = [];
    while (messages.length < source.batchSize) {
      const { Messages = [] } = await this.p.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: q.url,
          MaxNumberOfMessages: Math.min(10, source.batchSize - messages.length),
          WaitTimeSeconds: 0,
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) {
        this.emptyReceives++;
        break;
      }
      this.p.meter.stage = source.function;
      this.p.meter.count('sqs ReceiveMessage');
      this.p.meter.stage = undefined;
      messages.push(...Messages);
    }
    if (messages.length === 0) return 0;
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, q.arn, this.p.region)) };
    const out = (await this.invoke(source.function, event)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
    const failed = new Set((out?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    if (failed.size > 0) throw new Error(`${source.function} failed ${failed.size} message(s)`);
    this.p.meter.stage = source.function;
    try {
      for (let i = 0; i < messages.length; i += 10) {
        await this.p.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: q.url, Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    } finally {
      this.p.meter.stage = undefined;
    }
    return messages.length;
  }
}

async function post(run: Run, p: Pipeline, declarations: unknown[]): Promise<void> {
  const [routeKey, body] = declarations.length === 1 ? ['POST /v1/parcels', JSON.stringify(declarations[0])] : ['POST /v1/parcel-batches', JSON.stringify({ parcels: declarations })];
  const auth = await run.invoke(p.topology.authorizer.function, apiEvent(routeKey, '', p.key));
  const route = p.topology.routes.find((r) => `${r.method} ${r.path}` === routeKey)!;
  const res = await run.invoke(route.function, apiEvent(routeKey, body, p.key, auth.context));
  if (res.statusCode >= 300) throw new Error(`${route.function} answered ${res.statusCode}: ${String(res.body).slice(0, 300)}`);
  run.apiRequests++;
  run.apiBytes += Buffer.byteLength(body);
}

export async function measureScenario(name: string, p: Pipeline, n: number, perRequest: number, declaration: () => unknown): Promise<ScenarioResult> {
  p.meter.stages.clear();
  const run = new Run(p);
  const webhooks0 = p.receiver.received();
  for (let sent = 0; sent < n; sent += perRequest) await post(run, p, Array.from({ length: Math.min(perRequest, n - sent) }, declaration));
  // Drain every queue through its function until each parcel's response has been received (delays included).
  const deadline = Date.now() + 120_000;
  for (;;) {
    let moved = 0;
    for (const source of p.topology.eventSources) moved += await run.pollOnce(source);
    if (moved > 0) continue;
    if (p.receiver.received() - webhooks0 >= n) break;
    if (Date.now() > deadline) throw new Error(`${p.receiver.received() - webhooks0} of ${n} webhooks arrived`);
    await new Promise((r) => setTimeout(r, 50)); // a delayed message (a retry) is not visible yet
  }
  return result(name, p, run, n, p.receiver.received() - webhooks0);
}

function result(name: string, p: Pipeline, run: Run, n: number, webhooks: number): ScenarioResult {
  const counts = new Map([...p.meter.stages].map(([stage, c]) => [stage, { requests: new Map(c.requests), dynamo: new Map(c.dynamo), logBytes: c.logBytes }]));
  const stages = new Map(run.stages);
  const defs = new Map(p.topology.functions.map((f) => [f.name, f]));
  return {
    name,
    webhooks,
    stages,
    counts,
    defs,
    emptyReceives: run.emptyReceives,
    ...measuredOf({ parcels: n, apiRequests: run.apiRequests, apiBytes: run.apiBytes, stages, counts, defs, topology: p.topology }, () => true),
  };
}

/** What the stages that pass `only` asked of AWS, to price them alone (e.g. the parcel's stages without the webhooks). */
export function measuredOf(
  s: { parcels: number; apiRequests: number; apiBytes: number; stages: ScenarioResult['stages']; counts: ScenarioResult['counts']; defs: ScenarioResult['defs']; topology: Topology },
  only: (stage: string) => boolean,
): Measured {
  const functions = new Map<string, FunctionUsage>();
  for (const [fn, st] of s.stages) {
    if (!only(fn)) continue;
    const def = s.defs.get(fn)!;
    functions.set(fn, { invocations: st.invocations, billedMs: st.ms.reduce((a, ms) => a + billedMs(ms, def), 0), memoryMb: def.memoryMb });
  }
  const dynamo = new Map<string, { wru: number; rru: number }>();
  let [sqsRequests, logBytes] = [0, 0];
  for (const [stage, c] of s.counts) {
    if (!only(stage)) continue;
    logBytes += c.logBytes;
    for (const [k, v] of c.requests) if (k.startsWith('sqs ')) sqsRequests += v;
    for (const [r, u] of c.dynamo) {
      const was = dynamo.get(r) ?? { wru: 0, rru: 0 };
      dynamo.set(r, { wru: was.wru + u.wru, rru: was.rru + u.rru });
    }
  }
  const apiStages = [s.topology.authorizer.function, ...s.topology.routes.map((r) => r.function)];
  const api = [...functions.keys()].some((f) => apiStages.includes(f));
  const queued = [...functions].filter(([fn]) => s.topology.eventSources.some((e) => e.function === fn)).reduce((a, [, f]) => a + f.invocations, 0);
  const apiRequests = api ? s.apiRequests : 0;
  return { parcels: s.parcels, apiRequests, apiBytes: api ? s.apiBytes : 0, functions, sqsRequests, dynamo, logBytes, traces: apiRequests + queued };
}
