// The pollers' own SQS calls (ReceiveMessage, DeleteMessageBatch), in the JSON protocol the AWS SDK speaks, on a
// keep-alive agent, without the SDK's per-request machinery (middleware stack, endpoint rules, SigV4 signing, schema
// serde, MD5 checks of every body): that machinery cost the main thread about twice what the calls themselves do.
// The pollers stand in for Lambda's event source mapping, which is no function's SDK client; the functions keep
// theirs, unchanged. Calls go to the service's own endpoint (never through a fault proxy, whatever origin the queue
// URL names: as the runtime's SDK client with its endpoint did), and, as the SDK does, network errors, 5xx and
// throttling are tried again, 3 attempts in all.
import { Agent, request } from 'node:http';

/** A message as ReceiveMessage answers it in the JSON protocol: binary attribute values are base64 strings. */
export interface WireMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body?: string;
  MD5OfBody?: string;
  MD5OfMessageAttributes?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string; StringListValues?: string[]; BinaryListValues?: string[] }>;
}

export interface SqsWire {
  receive(queueUrl: string, input: { max: number; waitSeconds: number }, signal?: AbortSignal): Promise<WireMessage[]>;
  /** Per entry that failed: its id and code. */
  deleteBatch(queueUrl: string, receiptHandles: string[]): Promise<{ Id: string; Code: string }[]>;
  close(): void;
}

/** An error answer of the service, or a connection that failed. */
export class SqsWireError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SqsWireError';
  }
}

/** Who is told of every request sent (the benches count them with the SDK's, as the AWS bill would). */
const observers = new Set<(operation: string) => void>();

/** Calls `observer` with the operation of every request any poller sends from now on (each try); returns the unsubscribe. */
export function observeWireRequests(observer: (operation: string) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

const ATTEMPTS = 3;
const JSON_TYPE = 'application/x-amz-json-1.0';
const RETRYABLE_TYPES = /Throttl|RequestThrottled|ServiceUnavailable|InternalError|OverLimit/;

/** The answer's JSON; undefined for an empty or unreadable one. */
function parsed(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function call(agent: Agent, url: URL, operation: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
  const body = JSON.stringify(input);
  for (const observe of observers) observe(operation);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/',
        method: 'POST',
        agent,
        ...(signal ? { signal } : {}),
        headers: { 'content-type': JSON_TYPE, 'x-amz-target': `AmazonSQS.${operation}`, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new SqsWireError(`${operation}: ${e.message}`, true)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(parsed(text) ?? {});
          const error = (parsed(text) ?? {}) as { __type?: string; message?: string };
          const type = String(error.__type ?? `HTTP ${status}`);
          reject(new SqsWireError(`${operation}: ${type}: ${error.message ?? ''}`, status >= 500 || RETRYABLE_TYPES.test(type)));
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => reject(e.name === 'AbortError' ? e : new SqsWireError(`${operation}: ${e.code ?? e.message}`, true)));
    req.end(body);
  });
}

async function withRetries<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(e instanceof SqsWireError) || !e.retryable || i >= ATTEMPTS || signal?.aborted) throw e;
      await sleep(50 * i * (1 + Math.random()));
    }
  }
}

/** Calls to the SQS service at `endpoint` (http://127.0.0.1:<port>). */
export function sqsWire(endpoint: string): SqsWire {
  const agent = new Agent({ keepAlive: true });
  const url = new URL(endpoint);
  return {
    async receive(queueUrl, { max, waitSeconds }, signal) {
      const input = { QueueUrl: queueUrl, MaxNumberOfMessages: max, WaitTimeSeconds: waitSeconds, AttributeNames: ['All'], MessageAttributeNames: ['All'] };
      const out = (await withRetries(() => call(agent, url, 'ReceiveMessage', input, signal), signal)) as { Messages?: WireMessage[] };
      return out.Messages ?? [];
    },
    async deleteBatch(queueUrl, receiptHandles) {
      const input = { QueueUrl: queueUrl, Entries: receiptHandles.map((h, i) => ({ Id: String(i), ReceiptHandle: h })) };
      const out = (await withRetries(() => call(agent, url, 'DeleteMessageBatch', input))) as { Failed?: { Id: string; Code: string }[] };
      return out.Failed ?? [];
    },
    close: () => agent.destroy(),
  };
}
