// The API handlers' shared shape: a middy handler that turns every thrown error into problem details,
// reads the principal the authorizer established, and parses JSON bodies with limits.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Principal } from '../auth/principal';
import { principalFromContext } from '../auth/authorize';
import { logger } from '../observability';
import { normaliseItemId, s10Error } from '../ead/s10';
import { validateWith } from '../ead/validate';
import type * as z from 'zod';
import { ApiError, PROBLEMS, problemResponse } from './problems';

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  principal: Principal;
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
}

export type ApiEvent = APIGatewayProxyEventV2 & { requestContext: { authorizer?: { lambda?: Record<string, unknown> } } };
export type ApiResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Longer path parameters name nothing this API stores (ids are short); refusing them keeps them out of store keys. */
export const MAX_PATH_PARAMETER_LENGTH = 256;

/**
 * A path parameter as the handler must use it: API Gateway HTTP API (payload 2.0) passes `pathParameters`
 * percent-decoded once, and so does the local router, so it is read as is and never decoded again (a second
 * decode turns `%25` into a lone `%` and throws). Never throws: absent, empty or over-long values are undefined.
 */
export function pathParam(path: ApiRequest['path'], name: string): string | undefined {
  const v = path[name];
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_PATH_PARAMETER_LENGTH ? v : undefined;
}

/** The `{itemId}` path parameter, normalised, when it is a valid S10 identifier; anything else names no parcel. */
export function itemIdParam(path: ApiRequest['path']): string | undefined {
  const raw = pathParam(path, 'itemId');
  if (raw === undefined) return undefined;
  const itemId = normaliseItemId(raw);
  return s10Error(itemId) === undefined ? itemId : undefined;
}

/** The itemId of the path; one that is not an S10 identifier names no parcel (404, without a store read). */
export function parcelItemId(path: ApiRequest['path']): string {
  const itemId = itemIdParam(path);
  if (itemId === undefined) throw new ApiError('NOT_FOUND', 'no parcel with that itemId that this key may see');
  return itemId;
}

/** Deepest nesting of arrays and objects a body may have: a batch of declarations needs 6. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one iterative pass over the text (no
 * recursion, whatever the input), before anything parses it: code that walks a parsed value recursively
 * (JSON.stringify, structuredClone, validators) then never meets more than `max` levels. Malformed text is
 * left to JSON.parse.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON body with a byte limit: 415 when not JSON, 413 when too large, 400 when nested too deeply or malformed. */
/** The request (a body or a query) parsed by its schema, or 400 INVALID_REQUEST with every error and its pointer. */
export function validRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = validateWith(schema, input);
  if (!r.ok) throw new ApiError('INVALID_REQUEST', `${r.errors.length} error(s) in the request`, { errors: r.errors });
  return r.value;
}

export function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type must be application/json, not ${JSON.stringify(type.slice(0, 64)) || 'missing'}`);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (bytes > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `the body is ${bytes} bytes; at most ${maxBytes} are accepted`);
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ApiError('JSON_TOO_DEEP', `arrays and objects may be nested at most ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError('MALFORMED_JSON', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
}

export interface Route {
  fn: (req: ApiRequest) => Promise<ApiResult>;
  /** Public routes (health, OpenAPI) carry no principal; every other route requires one. */
  public?: boolean;
}

/**
 * A function serving several routes, dispatched on API Gateway's routeKey ('GET /v1/parcels/{itemId}').
 * Unknown errors are logged with the request id and answered 500 without details.
 */
export function apiHandler(routes: Record<string, Route>) {
  return middy<ApiEvent, ApiResult, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      try {
        const route = routes[event.routeKey];
        if (!route) throw new ApiError('NOT_FOUND', `no route ${event.routeKey}`);
        const principal = route.public ? ANONYMOUS : principalFromContext(event.requestContext.authorizer?.lambda);
        return await route.fn({ event, principal, path: event.pathParameters ?? {}, query: event.queryStringParameters ?? {} });
      } catch (err) {
        if (err instanceof ApiError) {
          // One line per refused request, by code (never the body: it may hold personal data).
          logger.info('request refused', { requestId: context.awsRequestId, route: event.routeKey, status: PROBLEMS[err.code].status, code: err.code, errors: err.extra.errorCount });
          return problemResponse(err, event.rawPath);
        }
        logger.error('unhandled error', { requestId: context.awsRequestId, route: event.routeKey, error: err as Error });
        return problemResponse(new ApiError('INTERNAL', `request ${context.awsRequestId} failed; it has been logged`), event.rawPath);
      }
    });
}

/** The principal of public routes: a role with no scope, so nothing is visible through it. */
const ANONYMOUS: Principal = { keyId: 'anonymous', role: 'customs', country: '--' };
