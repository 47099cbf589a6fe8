// The one way a webhook leaves this system: the URL and the host's current DNS answers are vetted,
// then the request connects to exactly the vetted address (so a second resolution cannot rebind it),
// with TLS still verified against the host name. No redirects are followed; the whole request is
// cut off after the timeout.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Poster, PostResult } from './ports';
import { type Resolver, type UrlPolicy, vetWebhookTarget } from './url';

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Response bodies are not kept; reading stops after this much. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export function httpPoster(opts: { policy: UrlPolicy; timeoutMs: number; resolve?: Resolver; userAgent?: string }): Poster {
  const resolve = opts.resolve ?? systemResolver;
  return async (url, body, headers, timeoutMs = opts.timeoutMs) => {
    const started = performance.now();
    const target = await vetWebhookTarget(url, opts.policy, resolve);
    if (!target.ok) return { latencyMs: performance.now() - started, error: `${target.code}: ${target.detail}` };
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<PostResult>((resolvePromise) => {
      let settled = false;
      const finish = (r: Omit<PostResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        resolvePromise({ ...r, latencyMs: performance.now() - started });
      };
      const req = send(
        target.url,
        {
          method: 'POST',
          lookup: pinned,
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': opts.userAgent ?? 'ead-pipeline-webhooks/1', ...headers },
        },
        (res: IncomingMessage) => {
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
      req.on('error', (err: NodeJS.ErrnoException) => {
        const timedOut = err.name === 'AbortError' || err.name === 'TimeoutError';
        finish(timedOut ? { error: `timeout: no complete answer within ${timeoutMs} ms`, timedOut: true } : { error: `connection failed: ${err.code ?? err.message}` });
      });
      req.end(body);
    });
  };
}
