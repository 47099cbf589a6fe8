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
 * The headers that carry a key, passed to the authorizer as its event's `identitySource`. As the CDK renders it
 * (no identity source, no cache), API Gateway calls the authorizer for every request, also one with no key.
 */
export const AUTHORIZER_IDENTITY_HEADERS = ['authorization', 'x-api-key'] as const;
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

type AuthDecision = { kind: 'allow'; context: Record<string, unknown> } | { kind: 'deny' };

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

/** The authorizer's decision for this request: it is called for every one (no cache: see infra/topology-checks.ts). */
async function authorize(authorizerFn: LoadedFunction, info: RequestInfo, match: RouteMatch, api: ApiIdentity): Promise<AuthDecision> {
  const identitySource = AUTHORIZER_IDENTITY_HEADERS.map((h) => info.headers[h]).filter((v): v is string => !!v);
  const result = (await invoke(authorizerFn, authorizerEvent(info, match, api, identitySource), api)) as { isAuthorized?: unknown; context?: unknown } | undefined;
  if (typeof result?.isAuthorized !== 'boolean') throw new Error('authorizer returned no boolean isAuthorized (simple response format)');
  const ctx = result.context;
  return result.isAuthorized ? { kind: 'allow', context: typeof ctx === 'object' && ctx !== null ? (ctx as Record<string, unknown>) : {} } : { kind: 'deny' };
}

/** Answers one request as API Gateway would: limits, readiness, the route, the authorizer, then the function. */
function requestHandler(opts: GatewayOptions, isReady: () => boolean): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const router = new Router(opts.routes);
  const authorizerFn = opts.functions.get(opts.authorizer.function);
  const bodyTimeoutMs = opts.requestBodyTimeoutMs ?? DEFAULT_REQUEST_BODY_TIMEOUT_MS;
  return async (req, res) => {
    const { body, tooLarge, timedOut } = await readBody(req, bodyTimeoutMs);
    if (timedOut) return sendRequestTimeout(req, res);
    if (!isReady()) return sendStarting(res);
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
        decision = await authorize(authorizerFn!, info, match, opts.api);
      } catch (e) {
        opts.log.error(`gateway: authorizer ${opts.authorizer.function} failed for ${where}`, e);
        return sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
      }
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
  };
}

/** What the gateway cannot render as the CDK does: a route to an undeclared function, an authorizer cache. */
function checkGateway(opts: GatewayOptions): void {
  for (const r of opts.routes) {
    if (!opts.functions.has(r.function)) throw new Error(`route ${r.method} ${r.path}: no function '${r.function}'`);
  }
  if (opts.routes.some((r) => r.auth === 'apiKey') && !opts.functions.has(opts.authorizer.function)) throw new Error(`authorizer function '${opts.authorizer.function}' is not declared`);
  if (opts.authorizer.cacheTtlSeconds !== 0)
    throw new Error(`authorizer cacheTtlSeconds is ${opts.authorizer.cacheTtlSeconds}: the gateway, like the CDK rendering, calls the authorizer for every request`);
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  checkGateway(opts);
  let ready = opts.ready ?? true;
  const bodyTimeoutMs = opts.requestBodyTimeoutMs ?? DEFAULT_REQUEST_BODY_TIMEOUT_MS;
  const handle = requestHandler(opts, () => ready);
  const inFlight = new Set<Promise<void>>();
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
    },
  };
}
