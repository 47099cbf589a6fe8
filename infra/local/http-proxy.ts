// A small loopback HTTP proxy in front of one embedded service (dynalite or local-aws-sqs), the base of the
// SQS journal (durable queues with --data-dir) and of the fault proxy (tests). Each request is read whole,
// handed to `handle`, which answers itself or forwards it upstream and may look at the upstream answer
// before it goes back to the caller. Both services speak AWS JSON protocols over small bodies, so holding a
// request or an answer in memory costs nothing worth streaming for.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, keepIdleConnections } from './services';

const HOST = '127.0.0.1';

export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `x-amz-target`, e.g. `AmazonSQS.SendMessage` or `DynamoDB_20120810.PutItem`; '' when absent. */
  target: string;
}

export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProxyHandler {
  (req: ProxiedRequest, forward: () => Promise<UpstreamAnswer>, res: ServerResponse, signal: AbortSignal): Promise<UpstreamAnswer | 'answered'>;
}

export interface RunningProxy {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  upstream: string;
  close(): Promise<void>;
}

/** Replaces one origin by another in an answer body (queue URLs name the host they were created on). */
export function rewriteOrigin(body: Buffer, from: string, to: string): Buffer {
  const text = body.toString('utf8');
  return text.includes(from) ? Buffer.from(text.split(from).join(to), 'utf8') : body;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendAnswer(res: ServerResponse, a: UpstreamAnswer): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(a.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers['content-length'] = String(a.body.length);
  res.writeHead(a.status, headers);
  res.end(a.body);
}

export async function startProxy(upstream: string, handle: ProxyHandler, onError: (e: unknown) => void): Promise<RunningProxy> {
  const target = new URL(upstream);
  // Keep-alive to the service: the SDK's own clients do the same, and a new connection per call would cost more than the call.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const open = new Set<AbortController>();

  const forwardOf = (req: ProxiedRequest, signal: AbortSignal) => (): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
      headers['content-length'] = String(req.body.length);
      const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent, signal }, (ans) => {
        readAll(ans).then((body) => resolve({ status: ans.statusCode ?? 502, headers: ans.headers, body }), reject);
      });
      up.on('error', reject);
      up.end(req.body);
    });

  const server: Server = createServer((req, res) => {
    const abort = new AbortController();
    open.add(abort);
    // The caller went away (a poller's long poll aborted on close): stop waiting upstream too.
    res.on('close', () => {
      abort.abort();
      open.delete(abort);
    });
    void (async () => {
      const body = await readAll(req);
      const target = req.headers['x-amz-target'];
      const proxied: ProxiedRequest = { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body, target: typeof target === 'string' ? target : '' };
      const answer = await handle(proxied, forwardOf(proxied, abort.signal), res, abort.signal);
      if (answer !== 'answered') sendAnswer(res, answer);
    })().catch((e) => {
      if (abort.signal.aborted) return;
      onError(e);
      // The service could not be reached or answered nonsense: what a client of AWS sees as a dropped connection.
      res.destroy();
    });
  });
  // Its callers are the SDK's clients too: the same idle keep-alive as the services (services.ts).
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${HOST}:${port}`,
    upstream,
    async close() {
      for (const a of open) a.abort();
      await closeServer(server);
      agent.destroy();
    },
  };
}
