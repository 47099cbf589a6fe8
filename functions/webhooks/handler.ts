// webhooks: subscriptions (CONTRACT section 5) — create, list, read, delete, rotate the secret,
// the deliveries log and replay. Only the owner (same role and scope) or admin sees a subscription.
import type { z } from 'zod';
import type { Principal } from '../../shared/auth/principal';
import { validateWith } from '../../shared/ead/validate';
import { type ApiRequest, type ApiResult, apiHandler, json, pathParam, readJsonBody } from '../../shared/http/api';
import { ApiError } from '../../shared/http/problems';
import { logger } from '../../shared/observability';
import { ownerFromPrincipal, ownerKey } from '../../shared/webhooks/matching';
import { RETENTION_DAYS, WebhookListQuery, WebhookReplayRequest, WebhookRequest, webhookView } from '../../shared/webhooks/model';
import { replay } from '../../shared/webhooks/sweep';
import { type Refusal, createSubscription, ownedSubscription, rotateSecret } from '../../shared/webhooks/subscriptions';
import { deliveryDeps, subscriptionDeps, webhookDeliveries, webhookSubscriptions } from '../../shared/wiring';

function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = validateWith(schema, input);
  if (!r.ok) throw new ApiError('INVALID_REQUEST', `${r.errors.length} error(s) in the request`, { errors: r.errors });
  return r.value;
}

const refusal = (r: Refusal) => new ApiError(r.refused, r.detail);

/** Opaque cursors: the store's position, base64url JSON, checked to belong to this listing before use. */
const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
function decodeCursor(cursor: string | undefined, belongs: (k: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (k && typeof k === 'object' && !Array.isArray(k) && Object.values(k).every((v) => typeof v === 'string') && belongs(k as Record<string, unknown>)) return k as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ApiError('INVALID_CURSOR', 'use the cursor of a previous page as it was given');
}

async function mustOwn(p: Principal, id: string | undefined) {
  const s = await ownedSubscription(p, id ?? '', webhookSubscriptions());
  if (!s) throw new ApiError('NOT_FOUND', `no webhook ${(id ?? '').slice(0, 64)} that this key may see`);
  return s;
}

async function create({ principal, event }: ApiRequest): Promise<ApiResult> {
  const request = valid(WebhookRequest, readJsonBody(event, 16 * 1024));
  const result = await createSubscription(principal, request, subscriptionDeps());
  if ('refused' in result) throw refusal(result);
  const { subscription, secret } = result;
  logger.info('webhook created', { webhookId: subscription.id, owner: subscription.owner, events: subscription.events, keyId: principal.keyId });
  return json(201, { ...webhookView(subscription, new Date()), secret }, { location: `/v1/webhooks/${subscription.id}` });
}

async function list({ principal, query }: ApiRequest): Promise<ApiResult> {
  const q = valid(WebhookListQuery, query);
  const owner = ownerKey(ownerFromPrincipal(principal));
  const start = decodeCursor(q.cursor, (k) => k.owner === owner && typeof k.id === 'string' && typeof k.createdAt === 'string');
  const page = await webhookSubscriptions().listByOwner(owner, q.limit, start);
  const now = new Date();
  return json(200, { items: page.items.map((s) => webhookView(s, now)), ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

async function get({ principal, path }: ApiRequest): Promise<ApiResult> {
  return json(200, webhookView(await mustOwn(principal, pathParam(path, 'id')), new Date()));
}

async function remove({ principal, path }: ApiRequest): Promise<ApiResult> {
  const s = await mustOwn(principal, pathParam(path, 'id'));
  await webhookSubscriptions().delete(s.id);
  logger.info('webhook deleted', { webhookId: s.id, keyId: principal.keyId });
  return { statusCode: 204 };
}

async function rotate({ principal, path }: ApiRequest): Promise<ApiResult> {
  const result = await rotateSecret(principal, pathParam(path, 'id') ?? '', subscriptionDeps());
  if ('refused' in result) throw refusal(result);
  logger.info('webhook secret rotated', { webhookId: result.subscription.id, keyId: principal.keyId });
  return json(200, { ...webhookView(result.subscription, new Date()), secret: result.secret });
}

async function deliveries({ principal, path, query }: ApiRequest): Promise<ApiResult> {
  const s = await mustOwn(principal, pathParam(path, 'id'));
  const q = valid(WebhookListQuery, query);
  const start = decodeCursor(q.cursor, (k) => k.subscriptionId === s.id && typeof k.sk === 'string' && k.sk.startsWith('A#'));
  const page = await webhookDeliveries().attempts(s.id, q.limit, start);
  const items = page.items.map(({ cycle: _c, ...a }) => a);
  return json(200, { items, ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

async function replayEvents({ principal, path, event }: ApiRequest): Promise<ApiResult> {
  const s = await mustOwn(principal, pathParam(path, 'id'));
  const { since } = valid(WebhookReplayRequest, readJsonBody(event, 4 * 1024));
  if (s.status !== 'active') throw new ApiError('WEBHOOK_DISABLED', `webhook ${s.id} is disabled (${s.disabledReason ?? 'disabled'}); create a new one`);
  const from = new Date(since);
  const oldest = Date.now() - RETENTION_DAYS * 86_400_000;
  const result = await replay(s.id, new Date(Math.max(from.getTime(), oldest)), deliveryDeps());
  logger.info('webhook replay', { webhookId: s.id, since: from.toISOString(), replayed: result.replayed, keyId: principal.keyId });
  return json(202, { replayed: result.replayed, since: from.toISOString(), ...(result.continueSince ? { continueSince: result.continueSince } : {}) });
}

export const handler = apiHandler({
  'POST /v1/webhooks': { fn: create },
  'GET /v1/webhooks': { fn: list },
  'GET /v1/webhooks/{id}': { fn: get },
  'DELETE /v1/webhooks/{id}': { fn: remove },
  'POST /v1/webhooks/{id}/rotate-secret': { fn: rotate },
  'GET /v1/webhooks/{id}/deliveries': { fn: deliveries },
  'POST /v1/webhooks/{id}/replay': { fn: replayEvents },
});
