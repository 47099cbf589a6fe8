// One poller per event source, standing in for Lambda's SQS event source mapping: it gathers
// batches, invokes the consumer with a real SQSEvent, and deletes only what succeeded. Failed
// messages are simply not deleted, so SQS itself makes them visible again after the visibility
// timeout and, after maxReceiveCount receives, moves them to the DLQ (verified against
// local-aws-sqs 2.0.2 in test/integration/local/poller.test.ts).
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import type { EventSourceDef } from '../topology-types';
import { invoke, type InvokeEnv, type LoadedFunction } from './invoke';
import type { Log } from './log';
import type { SqsWire, WireMessage as Message } from './sqs-wire';

export interface PollerOptions {
  source: EventSourceDef;
  fn: LoadedFunction;
  queueUrl: string;
  queueArn: string;
  /** The pollers' own SQS calls (sqs-wire.ts). */
  sqs: SqsWire;
  env: InvokeEnv;
  log: Log;
  /** The queue's redrive limit, to log which failed messages are about to go to the DLQ. */
  maxReceiveCount?: number;
  /** Pause between short polls while a batching window is open. */
  idlePollMs?: number;
  /** An idle poller waits for the next message with a long poll of this many seconds (default 1;
   * 0: pause idlePollMs between short polls instead). local-aws-sqs holds a long poll until
   * MaxNumberOfMessages are ready, so the long poll asks for 1 message and answers as soon as one
   * arrives; the batch is then topped up with short polls. No idle pause adds to a message's latency,
   * and idle pollers send no requests in a loop. */
  longPollSeconds?: number;
}

export interface RunningPoller {
  close(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** A received message: as the JSON protocol answers it (sqs-wire.ts: binaries in base64), or as the SDK hands it over (binaries as bytes). */
type Received = Omit<Partial<Message>, 'MessageAttributes'> & {
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string | Uint8Array; StringListValues?: string[]; BinaryListValues?: (string | Uint8Array)[] }>;
};

const base64 = (b: string | Uint8Array) => (typeof b === 'string' ? b : Buffer.from(b).toString('base64'));

/** Message attributes → Lambda's record shape (base64 strings, lowerCamel). */
function recordAttributes(m: Received): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    out[name] = {
      dataType: a.DataType ?? 'String',
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map(base64),
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: base64(a.BinaryValue) } : {}),
    };
  }
  return out;
}

export function toRecord(m: Received, queueArn: string, region: string): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(a.AWSTraceHeader ? { AWSTraceHeader: a.AWSTraceHeader } : {}),
    },
    messageAttributes: recordAttributes(m),
    md5OfBody: m.MD5OfBody ?? '',
    ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * Which messages to delete after an invocation, per Lambda's ReportBatchItemFailures rules:
 * no failures reported → all; a list → all others; a list naming an unknown or empty id
 * is treated by Lambda as a failure of the whole batch → none.
 */
export function succeeded(records: SQSRecord[], result: unknown): SQSRecord[] {
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return records;
  if (!Array.isArray(failures)) return [];
  const ids = new Set(records.map((r) => r.messageId));
  const failed = new Set<string>();
  for (const f of failures as { itemIdentifier?: unknown }[]) {
    const id = f?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return [];
    failed.add(id);
  }
  return records.filter((r) => !failed.has(r.messageId));
}

/** What a poller's steps share: its options, its stop signal, its name in logs, and its timings. */
interface Poll {
  opts: PollerOptions;
  stop: AbortController;
  name: string;
  idleMs: number;
  longPollS: number;
  windowMs: number;
  /** The last receive found the queue empty: the next batch starts with a long poll (no empty short poll first). */
  idle: boolean;
  /** Deletes of finished batches waiting for the one in flight, to go together in the next request. */
  deletes: Deleter;
}

/** Every system and message attribute (sqs-wire.ts asks for them: local-aws-sqs returns system attributes, such as ApproximateReceiveCount, only for the legacy AttributeNames). */
const receive = (p: Poll, max: number, waitSeconds = 0): Promise<Message[]> => p.opts.sqs.receive(p.opts.queueUrl, { max: Math.min(10, max), waitSeconds }, p.stop.signal);

/** Up to batchSize messages: receives of ≤10 until full or the batching window (opened by the first message) ends. */
async function gather(p: Poll): Promise<Message[]> {
  const { source } = p.opts;
  const batch: Message[] = [];
  let windowEnds = 0;
  while (!p.stop.signal.aborted) {
    let got: Message[];
    // The last receive answered fewer than it asked for: the queue is drained (the next batch starts with a long poll).
    let drained: boolean;
    if (p.idle && batch.length === 0 && p.longPollS > 0) {
      // Nothing came: wait for the first message; those sent with it are taken at once below.
      got = await receive(p, 1, p.longPollS);
      drained = got.length === 0;
      if (got.length && source.batchSize > 1) {
        const more = await receive(p, source.batchSize - 1);
        drained = more.length < Math.min(10, source.batchSize - 1);
        got.push(...more);
      }
    } else {
      got = await receive(p, source.batchSize - batch.length);
      drained = got.length < Math.min(10, source.batchSize - batch.length);
    }
    p.idle = drained;
    if (got.length && batch.length === 0) windowEnds = Date.now() + p.windowMs;
    batch.push(...got);
    if (batch.length >= source.batchSize) break;
    if (batch.length > 0 && Date.now() >= windowEnds) break;
    if (got.length === 0) {
      if (batch.length) await sleep(Math.min(p.idleMs, Math.max(0, windowEnds - Date.now())), p.stop.signal);
      else if (p.longPollS <= 0) await sleep(p.idleMs, p.stop.signal);
    }
  }
  return batch;
}

/** Logs the records that failed, and which of them SQS is about to move to the DLQ. */
function logFailures(p: Poll, records: SQSRecord[], done: SQSRecord[]): void {
  const { log } = p.opts;
  const failed = records.filter((r) => !done.includes(r));
  log.info(`${p.name}: ${failed.length} of ${records.length} message(s) failed`);
  // SQS moves them itself once their visibility timeout ends; say so, by message id only (bodies hold personal data).
  const limit = p.opts.maxReceiveCount;
  const last = limit === undefined ? [] : failed.filter((r) => Number(r.attributes.ApproximateReceiveCount) >= limit);
  if (last.length) log.error(`${p.name}: message(s) ${last.map((r) => r.messageId).join(', ')} reached maxReceiveCount ${limit}: SQS moves them to the DLQ`);
}

async function deliver(p: Poll, messages: Message[]): Promise<void> {
  const { opts } = p;
  const records = messages.map((m) => toRecord(m, opts.queueArn, opts.env.region));
  const event: SQSEvent = { Records: records };
  let done: SQSRecord[];
  try {
    done = succeeded(records, await invoke(opts.fn, event, opts.env));
  } catch (e) {
    // The whole batch stays on the queue and reappears after the visibility timeout.
    opts.log.error(`${p.name}: batch of ${records.length} failed`, e);
    done = [];
  }
  if (done.length < records.length) logFailures(p, records, done);
  await p.deletes.delete(done.map((r) => r.receiptHandle));
}

interface Deleter {
  /** Settles once these messages' DeleteMessageBatch requests have answered. */
  delete(receiptHandles: string[]): Promise<void>;
}

/**
 * Deletes in batches of 10, across invocations: while a request is in flight, the handles of batches finished
 * meanwhile wait and go together in the next (the deliver stage's batches of one or two messages then share a
 * request). A message whose delete fails is logged and comes again after its visibility timeout, as before.
 */
function deleter(opts: PollerOptions, name: string): Deleter {
  let waiting: { handles: string[]; done: () => void }[] = [];
  let sending = false;
  const send = async (handles: string[]) => {
    for (let i = 0; i < handles.length; i += 10) {
      const chunk = handles.slice(i, i + 10);
      try {
        const failed = await opts.sqs.deleteBatch(opts.queueUrl, chunk);
        if (failed.length) opts.log.error(`${name}: ${failed.length} delete(s) failed (${failed.map((f) => f.Code).join(', ')})`);
      } catch (e) {
        opts.log.error(`${name}: delete of ${chunk.length} message(s) failed`, e);
      }
    }
  };
  const drain = async () => {
    sending = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      await send(group.flatMap((g) => g.handles));
      for (const g of group) g.done();
    }
    sending = false;
  };
  return {
    delete: (handles) =>
      handles.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiting.push({ handles, done: resolve });
            if (!sending) void drain();
          }),
  };
}

async function loop(p: Poll, inFlight: Set<Promise<void>>): Promise<void> {
  const { source, log } = p.opts;
  while (!p.stop.signal.aborted) {
    // At most maxConcurrency batches in flight: wait for a slot before taking more messages.
    if (inFlight.size >= source.maxConcurrency) {
      await Promise.race(inFlight);
      continue;
    }
    let batch: Message[];
    try {
      batch = await gather(p);
    } catch (e) {
      if (p.stop.signal.aborted) break;
      log.error(`${p.name}: receive failed`, e);
      await sleep(1000, p.stop.signal);
      continue;
    }
    if (batch.length === 0) continue;
    const d: Promise<void> = deliver(p, batch)
      .catch((e) => log.error(`${p.name}: delivery failed`, e))
      .finally(() => inFlight.delete(d));
    inFlight.add(d);
  }
}

export function startPoller(opts: PollerOptions): RunningPoller {
  const { source, log } = opts;
  const name = `poller ${source.queue} → ${source.function}`;
  const p: Poll = {
    opts,
    stop: new AbortController(),
    name,
    idleMs: opts.idlePollMs ?? 100,
    longPollS: opts.longPollSeconds ?? 1,
    windowMs: source.maxBatchingWindowSeconds * 1000,
    idle: false,
    deletes: deleter(opts, name),
  };
  const inFlight = new Set<Promise<void>>();
  const looping = loop(p, inFlight);
  log.info(`${p.name}: batch ${source.batchSize}, window ${source.maxBatchingWindowSeconds} s, concurrency ${source.maxConcurrency}`);
  return {
    async close() {
      // Abort any receive in progress (and the pauses between them), then let handlers already
      // running finish and delete what they processed, so no work is half done.
      p.stop.abort();
      await looping;
      await Promise.allSettled([...inFlight]);
    },
  };
}
