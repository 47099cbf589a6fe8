// webhooks: subscriptions (CONTRACT section 5) — create, list, read, delete, rotate the secret,
// the deliveries log and replay. Only the owner (same role and scope) or admin sees a subscription.
import type { Principal } from '#shared/auth/principal';
import { type ApiRequest, type ApiResult, apiHandler, json, pathParam, readJsonBody, validRequest } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { logger } from '#shared/observability';
import { decodeCursor, encodeCursor } from '#shared/http/cursor';
import { listDeliveries } from '#shared/webhooks/deliveries';
import { WebhookListQuery, WebhookReplayRequest, WebhookRequest, webhookView } from '#shared/webhooks/model';
import { replaySubscription } from '#shared/webhooks/replay';
import { type Refusal, badCursor, createSubscription, deleteSubscription, listSubscriptions, notFound, ownedSubscription, rotateSecret } from '#shared/webhooks/subscriptions';
import { deliveryDeps, subscriptionDeps, webhookDeliveries, webhookSubscriptions } from '#shared/wiring/webhooks';

const refusal = (r: Refusal) => new ApiError(r.refused, r.detail);

/** A cursor as given; one that is no cursor of ours is refused here, one of another listing by the use case. */
function positionOf(cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (!position) throw refusal(badCursor);
  return position;
}

async function mustOwn(p: Principal, id: string | undefined) {
  const s = await ownedSubscription(p, id ?? '', webhookSubscriptions());
  if (!s) throw refusal(notFound(id ?? ''));
  return s;
}

async function create({ principal, event }: ApiRequest): Promise<ApiResult> {
  const request = validRequest(WebhookRequest, readJsonBody(event, 16 * 1024));
  const result = await createSubscription(principal, request, subscriptionDeps());
  if ('refused' in result) throw refusal(result);
  const { subscription, secret } = result;
  logger.info('webhook created', { webhookId: subscription.id, owner: subscription.owner, events: subscription.events, keyId: principal.keyId });
  return json(201, { ...webhookView(subscription, new Date()), secret }, { location: `/v1/webhooks/${subscription.id}` });
}

async function list({ principal, query }: ApiRequest): Promise<ApiResult> {
  const q = validRequest(WebhookListQuery, query);
  const page = await listSubscriptions(principal, q.limit, positionOf(q.cursor), webhookSubscriptions());
  if ('refused' in page) throw refusal(page);
  const now = new Date();
  return json(200, { items: page.items.map((s) => webhookView(s, now)), ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

async function get({ principal, path }: ApiRequest): Promise<ApiResult> {
  return json(200, webhookView(await mustOwn(principal, pathParam(path, 'id')), new Date()));
}

async function remove({ principal, path }: ApiRequest): Promise<ApiResult> {
  const s = await deleteSubscription(principal, pathParam(path, 'id') ?? '', webhookSubscriptions());
  if ('refused' in s) throw refusal(s);
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
  const q = validRequest(WebhookListQuery, query);
  const page = await listDeliveries(s, q.limit, positionOf(q.cursor), webhookDeliveries());
  if ('refused' in page) throw refusal(page);
  return json(200, { items: page.items, ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

async function replayEvents({ principal, path, event }: ApiRequest): Promise<ApiResult> {
  const s = await mustOwn(principal, pathParam(path, 'id'));
  const { since } = validRequest(WebhookReplayRequest, readJsonBody(event, 4 * 1024));
  const from = new Date(since);
  const result = await replaySubscription(s, from, deliveryDeps());
  if ('refused' in result) throw refusal(result);
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
