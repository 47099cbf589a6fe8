// The one way a webhook leaves this system: the URL and the host's current DNS answers are vetted,
// then the request connects to exactly the vetted address (so a second resolution cannot rebind it), or reuses a
// kept-alive connection to that same address (agents.ts),
// with TLS still verified against the host name. No redirects are followed; the request is cut off after the
// timeout, counted from when it was written and net of this process's own delays (budgetTimer).
import { lookup as dnsLookup } from 'node:dns/promises';
import { type Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { agentFor } from './agents';
import type { Poster, PostResult } from './ports';
import { type Resolver, type UrlPolicy, vetWebhookTarget } from './url';

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Response bodies are not kept; reading stops after this much. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * How long connecting and writing the request may add to the budget, at most: this process's own delays (a busy
 * event loop, as under load locally, where every function shares one) are not the endpoint's. Keeps the slow lane's
 * 15 s + 5 s within deliver-slow's 25 s Lambda timeout.
 */
const MAX_SETUP_MS = 5000;
/** A timer this much later than asked means the event loop was busy: the time it lost is given back. */
const LAG_TOLERANCE_MS = 20;

/**
 * The budget of one request, charged to the endpoint as far as this process can tell: it starts again when the
 * request has been written (`written()`: connecting is not the endpoint's answer time), an expiry is only declared
 * after the I/O that is ready has been read (an answer that came while this process was busy is in time), and a
 * timer that fired late (the loop was busy) is re-armed for the time lost. Never beyond budget + setup allowance.
 */
function budgetTimer(timeoutMs: number, expire: () => void): { written(): void; clear(): void } {
  const started = performance.now();
  const cap = started + timeoutMs + Math.min(timeoutMs, MAX_SETUP_MS);
  let deadline = started + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const arm = (at: number) => {
    clearTimeout(timer);
    const due = Math.min(at, cap);
    timer = setTimeout(
      () => {
        const lateMs = performance.now() - due;
        // setImmediate runs after the poll phase: whatever the endpoint sent meanwhile has been read by then.
        setImmediate(() => {
          if (done) return;
          const now = performance.now();
          if (now < deadline && now < cap) arm(deadline);
          else if (lateMs > LAG_TOLERANCE_MS && now < cap) arm(now + lateMs);
          else expire();
        });
      },
      Math.max(0, due - performance.now()),
    );
  };
  arm(deadline);
  return {
    written: () => {
      deadline = Math.max(deadline, performance.now() + timeoutMs);
      arm(deadline);
    },
    clear: () => {
      done = true;
      clearTimeout(timer);
    },
  };
}

type Vetted = Extract<Awaited<ReturnType<typeof vetWebhookTarget>>, { ok: true }>;
type Sent = { result: PostResult; stale: boolean };

/** Errors of a kept-alive connection the endpoint had closed: the request never reached it, so it may go again. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * One request to the vetted address, on `agent` (a kept-alive pool of that address) or a connection of its own
 * (`false`). `stale`: it failed on a reused connection before any answer (Node's advice: send it again).
 */
function sendTo(target: Vetted, body: string, headers: Record<string, string>, timeoutMs: number, userAgent: string, agent: Agent | false): Promise<Sent> {
  const started = performance.now();
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Sent>((resolvePromise) => {
    let settled = false;
    /** When the request was on the wire: the endpoint's latency is counted from then. */
    let writtenAt: number | undefined;
    const finish = (r: Omit<PostResult, 'latencyMs'>, stale = false) => {
      if (settled) return;
      settled = true;
      budget.clear();
      resolvePromise({ result: { ...r, latencyMs: performance.now() - (writtenAt ?? started) }, stale });
    };
    const budget = budgetTimer(timeoutMs, () => {
      finish({ error: `timeout: no complete answer within ${timeoutMs} ms`, timedOut: true });
      req.destroy();
    });
    let answered = false;
    const req = send(
      target.url,
      { method: 'POST', lookup: pinned, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': userAgent, ...headers } },
      (res: IncomingMessage) => {
        answered = true;
        const retryAfter = res.headers['retry-after'];
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const done = () => finish({ statusCode: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('finish', () => {
      writtenAt = performance.now();
      budget.written();
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish({ error: `connection failed: ${err.code ?? err.message}` }, req.reusedSocket && !answered && STALE_CONNECTION.has(err.code ?? '')));
    req.end(body);
  });
}

export function httpPoster(opts: { policy: UrlPolicy; timeoutMs: number; resolve?: Resolver; userAgent?: string }): Poster {
  const resolve = opts.resolve ?? systemResolver;
  const userAgent = opts.userAgent ?? 'ead-pipeline-webhooks/1';
  return async (url, body, headers, timeoutMs = opts.timeoutMs) => {
    const started = performance.now();
    const target = await vetWebhookTarget(url, opts.policy, resolve);
    if (!target.ok) return { latencyMs: performance.now() - started, error: `${target.code}: ${target.detail}` };
    // A kept-alive connection to the vetted address (agents.ts); one the endpoint closed as it was reused is not
    // the endpoint's failure: the request goes once more, on a connection of its own.
    const agent = agentFor({ protocol: target.url.protocol, hostname: target.hostname, address: target.address, port: target.url.port });
    const first = await sendTo(target, body, headers, timeoutMs, userAgent, agent);
    return first.stale ? (await sendTo(target, body, headers, timeoutMs, userAgent, false)).result : first.result;
  };
}
