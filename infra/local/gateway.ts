// The HTTP gateway: renders the topology's routes the way API Gateway (HTTP API, payload 2.0,
// Lambda REQUEST authorizer with simple responses) does, in front of the same handler modules.
// Error bodies and status codes copy API Gateway's, so clients see the same thing locally and in AWS.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthorizerDef, RouteDef } from '../topology-types';
import { authorizerEvent, describeRequest, proxyEvent, sendJson, sendResult, type ApiIdentity, type RequestInfo } from './http-event';
import { invoke, type LoadedFunction } from './invoke';
import type { Log } from './log';
import { Router, type RouteMatch } from './routes';
import { closeServer } from './services';

/** API Gateway HTTP API's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/**
 * Identity sources of the authorizer: API Gateway caches decisions per their values, and answers
 * 401 without calling the authorizer when none is present.
 */
export const AUTHORIZER_IDENTITY_HEADERS = ['authorization', 'x-api-key'] as const;
/** Bound on cached authorizer decisions, so a key-guessing client cannot grow memory without end. */
const AUTH_CACHE_MAX = 10_000;
/**
 * How long a request may take to arrive (headers and body), API Gateway's integration limit: a client whose
 * body never completes gets 408 and a closed connection instead of holding it (Node's own limit is 5 minutes).
 */
export const DEFAULT_REQUEST_BODY_TIMEOUT_MS = 30_000;

export interface GatewayOptions {
  routes: RouteDef[];
  authorizer: AuthorizerDef;
  functions: Map<string, LoadedFunction>;
  api: ApiIdentity;
  port: number;
  log: Log;
  /** false: every request answers 503 SERVICE_STARTING until markReady() (default true: ready at once). */
  ready?: boolean;
  /** Bound on receiving one request, headers and body (default DEFAULT_REQUEST_BODY_TIMEOUT_MS). */
  requestBodyTimeoutMs?: number;
  /** Static sites (infra/local/static-site.ts), asked before the routes. */
  sites?: { serve(req: IncomingMessage, res: ServerResponse): boolean };
}

export interface RunningGateway {
  url: string;
  port: number;
  /** From now on requests reach the routes (until then they answer 503 SERVICE_STARTING). */
  markReady(): void;
  close(): Promise<void>;
}

type AuthDecision = { kind: 'allow'; context: Record<string, unknown> } | { kind: 'deny' } | { kind: 'unauthorized' };

/**
 * Reads the whole body, but keeps at most MAX_PAYLOAD_BYTES (the rest is drained so the client can read our 413).
 * A body that has not ended `timeoutMs` after the request began resolves `timedOut`.
 */
function readBody(req: IncomingMessage, timeoutMs: number): Promise<{ body: Buffer; tooLarge: boolean; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.removeAllListeners('data');
      resolve({ body: Buffer.alloc(0), tooLarge: false, timedOut: true });
    }, timeoutMs);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve({ body: Buffer.concat(chunks), tooLarge: size > MAX_PAYLOAD_BYTES, timedOut: false });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** 408, then the connection is closed: the rest of that body will never be read. */
function sendRequestTimeout(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ message: 'Request Timeout' });
  res.writeHead(408, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body, () => req.socket.destroy());
}

/** Until the runtime is ready (main.ts has printed what a user needs), every request answers this. */
function sendStarting(res: ServerResponse): void {
  const body = JSON.stringify({ type: '/problems/service-starting', title: 'The local runtime is starting; try again in a moment', status: 503, code: 'SERVICE_STARTING' });
  res.writeHead(503, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), 'retry-after': '1' });
  res.end(body);
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const router = new Router(opts.routes);
  for (const r of opts.routes) {
    if (!opts.functions.has(r.function)) throw new Error(`route ${r.method} ${r.path}: no function '${r.function}'`);
  }
  const needsAuthorizer = opts.routes.some((r) => r.auth === 'apiKey');
  const authorizerFn = opts.functions.get(opts.authorizer.function);
  if (needsAuthorizer && !authorizerFn) throw new Error(`authorizer function '${opts.authorizer.function}' is not declared`);

  let ready = opts.ready ?? true;
  const bodyTimeoutMs = opts.requestBodyTimeoutMs ?? DEFAULT_REQUEST_BODY_TIMEOUT_MS;
  const authCache = new Map<string, { expires: number; decision: AuthDecision }>();
  const inFlight = new Set<Promise<void>>();

  async function authorize(info: RequestInfo, match: RouteMatch): Promise<AuthDecision> {
    const identitySource = AUTHORIZER_IDENTITY_HEADERS.map((h) => info.headers[h]).filter((v): v is string => !!v);
    const ttlMs = opts.authorizer.cacheTtlSeconds * 1000;
    // As in API Gateway: identity sources are required only when decisions are cached; without caching
    // the authorizer sees every request, including those with no key.
    if (ttlMs > 0 && identitySource.length === 0) return { kind: 'unauthorized' };
    const key = AUTHORIZER_IDENTITY_HEADERS.map((h) => info.headers[h] ?? '').join('\u0000');
    const cached = authCache.get(key);
    if (cached && cached.expires > Date.now()) return cached.decision;
    authCache.delete(key);

    const result = (await invoke(authorizerFn!, authorizerEvent(info, match, opts.api, identitySource), opts.api)) as { isAuthorized?: unknown; context?: unknown } | undefined;
    if (typeof result?.isAuthorized !== 'boolean') throw new Error('authorizer returned no boolean isAuthorized (simple response format)');
    const ctx = result.context;
    const decision: AuthDecision = result.isAuthorized ? { kind: 'allow', context: typeof ctx === 'object' && ctx !== null ? (ctx as Record<string, unknown>) : {} } : { kind: 'deny' };
    if (ttlMs > 0) {
      if (authCache.size >= AUTH_CACHE_MAX) authCache.delete(authCache.keys().next().value!);
      authCache.set(key, { expires: Date.now() + ttlMs, decision });
    }
    return decision;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body, tooLarge, timedOut } = await readBody(req, bodyTimeoutMs);
    if (timedOut) return sendRequestTimeout(req, res);
    if (!ready) return sendStarting(res);
    const info = describeRequest(req, body, opts.api);
    const requestId = info.requestContext.requestId;
    const where = `${info.method} ${info.rawPath} [${requestId}]`;
    if (tooLarge) return sendJson(res, 413, { message: 'Request Entity Too Large' }, requestId);
    const match = router.match(info.method, info.rawPath);
    if (!match) return sendJson(res, 404, { message: 'Not Found' }, requestId);

    let authContext: Record<string, unknown> | undefined;
    if (match.route.auth === 'apiKey') {
      let decision: AuthDecision;
      try {
        decision = await authorize(info, match);
      } catch (e) {
        opts.log.error(`gateway: authorizer ${opts.authorizer.function} failed for ${where}`, e);
        return sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
      }
      if (decision.kind === 'unauthorized') return sendJson(res, 401, { message: 'Unauthorized' }, requestId);
      if (decision.kind === 'deny') return sendJson(res, 403, { message: 'Forbidden' }, requestId);
      authContext = decision.context;
    }

    const fn = opts.functions.get(match.route.function)!;
    try {
      const result = await invoke(fn, proxyEvent(info, match, authContext), opts.api, requestId);
      sendResult(res, result, requestId);
    } catch (e) {
      // The error goes to the log (stderr) only; the client gets API Gateway's generic 500.
      opts.log.error(`gateway: function ${fn.def.name} failed for ${where}`, e);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
      else res.destroy();
    }
  }

  // Headers that never complete are cut by Node itself (it answers 408 and closes) within the same bound;
  // it checks every connectionsCheckingInterval, so that follows the bound when tests make it short.
  const server: Server = createServer(
    { headersTimeout: bodyTimeoutMs, requestTimeout: bodyTimeoutMs + 1000, connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(bodyTimeoutMs / 4))) },
    (req, res) => {
      if (opts.sites?.serve(req, res)) return;
      const p = handle(req, res)
        .catch((e) => {
          opts.log.error(`gateway: ${req.method} ${req.url?.split('?')[0]} failed`, e);
          if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  opts.log.info(`gateway: ${opts.routes.length} route(s) on http://127.0.0.1:${port}`);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    markReady: () => void (ready = true),
    async close() {
      // Stop accepting, let requests already inside a handler finish (their clients get answers),
      // then drop the remaining keep-alive sockets so the port is free when close() resolves.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      await closeServer(server).catch(() => undefined);
      await closed;
      authCache.clear();
    },
  };
}
