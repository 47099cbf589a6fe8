// A fault proxy between the functions and one embedded service, for fault-injection tests: the functions'
// AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS point at it, and its mode is switched while the runtime
// runs. 'pass' forwards; 'error' answers 500 and 'unavailable' 503, each with the service's own JSON error
// body, so the AWS SDK sees what AWS sends (and retries it as AWS's clients do); 'drop' destroys the
// connection without an answer. A ratio fails only that share of requests; `operations` only those calls.
// Provisioning and the pollers (the AWS side of the event source) keep their direct clients. Loopback only.
import type { ServerResponse } from 'node:http';
import type { Log } from './log';
import { rewriteOrigin, startProxy, type UpstreamAnswer } from './http-proxy';

export type FaultService = 'dynamodb' | 'sqs';
export type FaultMode = 'pass' | 'error' | 'unavailable' | 'drop';

export interface FaultSettings {
  /** Share of requests that fail, 0..1 (default 1: all). */
  ratio?: number;
  /** Only these operations fail (the x-amz-target after the dot, e.g. 'SendMessageBatch', 'PutItem'); default all. */
  operations?: string[];
  /** Uniform in [0, 1), for a seeded ratio (default Math.random). */
  random?: () => number;
}

export interface FaultControl {
  service: FaultService;
  /** Where the functions send their requests. */
  endpoint: string;
  set(mode: FaultMode, settings?: FaultSettings): void;
  mode(): FaultMode;
  /** Requests forwarded and requests failed (answered with an error or dropped) since start. */
  counts(): { passed: number; failed: number };
  close(): Promise<void>;
}

const JSON_TYPE = 'application/x-amz-json-1.0';

/** The error answer each service sends for a failure on its side. */
export function injectedError(service: FaultService, status: 500 | 503): UpstreamAnswer {
  const [type, query] =
    service === 'dynamodb'
      ? [status === 500 ? 'com.amazonaws.dynamodb.v20120810#InternalServerError' : 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable', undefined]
      : status === 500
        ? ['com.amazonaws.sqs#InternalError', 'InternalError;Receiver']
        : ['com.amazonaws.sqs#ServiceUnavailable', 'ServiceUnavailable;Receiver'];
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...(query ? { 'x-amzn-query-error': query } : {}) },
    body: Buffer.from(JSON.stringify({ __type: type, message: 'injected' })),
  };
}

export async function startFaultProxy(opts: { service: FaultService; upstream: string; log: Log }): Promise<FaultControl> {
  let mode: FaultMode = 'pass';
  let settings: FaultSettings = {};
  let passed = 0;
  let failed = 0;
  const fails = (target: string) => {
    if (mode === 'pass') return false;
    const op = target.slice(target.indexOf('.') + 1);
    if (settings.operations && !settings.operations.includes(op)) return false;
    return (settings.random ?? Math.random)() < (settings.ratio ?? 1);
  };
  const proxy = await startProxy(
    opts.upstream,
    async (req, forward, res: ServerResponse) => {
      if (fails(req.target)) {
        failed++;
        if (mode === 'drop') {
          res.destroy();
          return 'answered';
        }
        return injectedError(opts.service, mode === 'error' ? 500 : 503);
      }
      passed++;
      const answer = await forward();
      // Queue URLs in answers name the host they were made on; keep callers on this proxy.
      return opts.service === 'sqs' && /\.(CreateQueue|GetQueueUrl|ListQueues)$/.test(req.target) ? { ...answer, body: rewriteOrigin(answer.body, opts.upstream, proxy.endpoint) } : answer;
    },
    (e) => opts.log.error(`fault proxy ${opts.service}: forwarding failed`, e),
  );
  return {
    service: opts.service,
    endpoint: proxy.endpoint,
    set(next, s = {}) {
      const ratio = s.ratio ?? 1;
      if (!(ratio >= 0 && ratio <= 1)) throw new Error(`fault ratio must be within 0..1, got ${ratio}`);
      mode = next;
      settings = s;
    },
    mode: () => mode,
    counts: () => ({ passed, failed }),
    close: () => proxy.close(),
  };
}
