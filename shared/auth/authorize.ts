// Authorization of a request by its API key. The authorizer function always lets the request through
// to the route's function, carrying either the principal or the reason it has none, so that every
// refusal is answered by the API with the same RFC 9457 problem details (API Gateway's own 401/403
// bodies are not problem+json, and an HTTP API authorizer cannot answer 429).
import { ApiError } from '../http/problems';
import type { KeyLookup } from './api-keys';
import { apiKeyFromHeaders, hashApiKey } from './keys';
import { type Principal, ROLES, type Role } from './principal';
import type { Throttle } from './throttle';

export type { KeyLookup } from './api-keys';

/** The authorizer's context: flat string values, as API Gateway passes them on. */
export type AuthContext = Record<string, string>;

/** Where a request comes from, and the buckets of failed authentications per source IP. */
export interface AuthClient {
  sourceIp: string | undefined;
  failures: Throttle;
}

/**
 * The principal of a request's key, or why it has none. A source IP that sent a burst of unknown or revoked keys
 * is answered `throttled` before its key is even looked up, whatever the key: answering a valid key differently
 * would tell a guesser which of its guesses was right. Requests with valid keys never count as failures, and keep
 * their own per-key limits.
 */
export async function authorize(headers: Record<string, string | undefined>, keys: KeyLookup, throttle: Throttle, nowMs: number, client?: AuthClient): Promise<AuthContext> {
  const key = apiKeyFromHeaders(headers);
  if (!key) return { authError: 'missing' };
  const ip = client?.sourceIp || undefined;
  if (client && ip) {
    const wait = client.failures.wait(ip, nowMs);
    if (wait > 0) return { authError: 'throttled', retryAfter: String(wait) };
  }
  const record = key.length > 256 ? undefined : await keys.findByHash(hashApiKey(key));
  if (!record || record.revokedAt) {
    if (client && ip) client.failures.take(ip, nowMs);
    return { authError: 'invalid' };
  }
  const ctx: AuthContext = { keyId: record.id, role: record.role };
  if (record.tenantId) ctx.tenantId = record.tenantId;
  if (record.country) ctx.country = record.country;
  const wait = throttle.take(record.id, nowMs);
  if (wait > 0) ctx.retryAfter = String(wait);
  return ctx;
}

/** The principal of an authorized request, or the problem that stops it. */
export function principalFromContext(ctx: Record<string, unknown> | undefined): Principal {
  const get = (k: string) => (typeof ctx?.[k] === 'string' ? ctx[k] : undefined);
  const error = get('authError');
  if (error === 'throttled') {
    throw new ApiError('THROTTLED', 'too many requests with unknown or revoked API keys from this address; wait for Retry-After', { retryAfter: Number(get('retryAfter') ?? 1) });
  }
  if (!ctx || error) {
    throw new ApiError('UNAUTHORIZED', error === 'missing' ? 'send the API key as Authorization: Bearer <key> or x-api-key: <key>' : 'the API key is unknown or revoked');
  }
  const retryAfter = get('retryAfter');
  if (retryAfter) throw new ApiError('THROTTLED', 'slow down: this key sends more requests than its rate allows', { retryAfter: Number(retryAfter) });
  const role = get('role');
  const keyId = get('keyId');
  if (!keyId || !ROLES.includes(role as Role)) throw new ApiError('UNAUTHORIZED', 'the API key is not valid');
  const p: Principal = { keyId, role: role as Role };
  const tenantId = get('tenantId');
  const country = get('country');
  if (tenantId) p.tenantId = tenantId;
  if (country) p.country = country;
  return p;
}
