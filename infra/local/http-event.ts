// Translation between node:http and API Gateway HTTP API payload format 2.0: the request event,
// the REQUEST authorizer event, and the handler's result back into an HTTP response — following
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { RouteMatch } from './routes';
import { routeKey } from './routes';

export interface ApiIdentity {
  region: string;
  accountId: string;
  apiId: string;
}

/** What the gateway knows about one request before any function runs. */
export interface RequestInfo {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  cookies?: string[];
  queryStringParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: APIGatewayEventRequestContextV2;
}

/** Bodies that API Gateway passes as text; everything else arrives base64-encoded. */
export function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true; // no declared type: API Gateway passes text through
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    t.startsWith('text/') ||
    t === 'application/json' ||
    t.endsWith('+json') ||
    t === 'application/xml' ||
    t.endsWith('+xml') ||
    t === 'application/x-www-form-urlencoded' ||
    t === 'application/javascript' ||
    t === 'application/graphql'
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
/** API Gateway's CLF-style time, e.g. `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
export const newRequestId = () => randomBytes(11).toString('base64');

export function describeRequest(req: IncomingMessage, body: Buffer, api: ApiIdentity): RequestInfo {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = (q < 0 ? url : url.slice(0, q)) || '/';
  const rawQueryString = q < 0 ? '' : url.slice(q + 1);

  // Lowercased names; repeated headers joined with commas; cookies moved to `cookies`.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value && name !== 'cookie') headers[name] = value.join(',');
  }
  const cookieHeader = req.headers.cookie;
  const cookies = cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : undefined;
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');

  let queryStringParameters: Record<string, string> | undefined;
  for (const [k, v] of new URLSearchParams(rawQueryString)) {
    queryStringParameters ??= {};
    queryStringParameters[k] = k in queryStringParameters ? `${queryStringParameters[k]},${v}` : v;
  }

  const hasBody = body.length > 0;
  const textual = isTextual(headers['content-type']);
  const now = new Date();
  const host = headers.host ?? '127.0.0.1';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath,
    rawQueryString,
    headers,
    ...(cookies ? { cookies } : {}),
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(hasBody ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: hasBody && !textual,
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: (req.method ?? 'GET').toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: newRequestId(),
      routeKey: '', // set per matched route
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
  };
}

export function proxyEvent(info: RequestInfo, match: RouteMatch, authorizer?: Record<string, unknown>): APIGatewayProxyEventV2 {
  const rk = routeKey(match.route);
  const requestContext = { ...info.requestContext, routeKey: rk, ...(authorizer ? { authorizer: { lambda: authorizer } } : {}) };
  return {
    version: '2.0',
    routeKey: rk,
    rawPath: info.rawPath,
    rawQueryString: info.rawQueryString,
    ...(info.cookies ? { cookies: info.cookies } : {}),
    headers: { ...info.headers },
    ...(info.queryStringParameters ? { queryStringParameters: { ...info.queryStringParameters } } : {}),
    ...(match.pathParameters ? { pathParameters: { ...match.pathParameters } } : {}),
    requestContext,
    ...(info.body !== undefined ? { body: info.body } : {}),
    isBase64Encoded: info.isBase64Encoded,
  };
}

export function authorizerEvent(info: RequestInfo, match: RouteMatch, api: ApiIdentity, identitySource: string[]): APIGatewayRequestAuthorizerEventV2 {
  const rk = routeKey(match.route);
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/$default/${info.method}${info.rawPath}`,
    identitySource,
    routeKey: rk,
    rawPath: info.rawPath,
    rawQueryString: info.rawQueryString,
    cookies: info.cookies ?? [],
    headers: { ...info.headers },
    ...(info.queryStringParameters ? { queryStringParameters: { ...info.queryStringParameters } } : {}),
    ...(match.pathParameters ? { pathParameters: { ...match.pathParameters } } : {}),
    requestContext: { ...info.requestContext, routeKey: rk },
  };
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, requestId?: string): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...(requestId ? { 'apigw-requestid': requestId } : {}),
  });
  res.end(body);
}

/**
 * Writes a handler's result. An object with `statusCode` is a structured response; anything else
 * (object, string, number, null) is JSON, status 200, as API Gateway assumes for format 2.0.
 * Throws on a structured response API Gateway would reject (the gateway turns that into a 500).
 */
export function sendResult(res: ServerResponse, result: unknown, requestId: string): void {
  const structured = typeof result === 'object' && result !== null && 'statusCode' in result;
  if (!structured) {
    sendJson(res, 200, result ?? null, requestId);
    return;
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode) || r.statusCode < 100 || r.statusCode > 599) {
    throw new Error(`malformed Lambda proxy response: statusCode ${String(r.statusCode)}`);
  }
  const body = r.body === undefined ? Buffer.alloc(0) : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(String(r.body), 'utf8');
  const headers: Record<string, string | string[]> = { 'apigw-requestid': requestId };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  headers['content-length'] = String(body.length);
  res.writeHead(r.statusCode, headers);
  res.end(body);
}
