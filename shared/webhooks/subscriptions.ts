// Managing subscriptions (CONTRACT section 5): create with a URL that passes the safety checks, list,
// read, delete, rotate the secret (the previous one keeps signing for 24 h), replay. Only the owner
// (same role and scope) or admin sees a subscription; anyone else gets 404, as if it did not exist.
import { randomBytes } from 'node:crypto';
import { type Principal, seesRiskReasoning } from '../auth/principal';
import { CUSTOMS_ONLY_EVENTS } from '../parcels/parcel';
import { ownerFromPrincipal, ownerKey, owns } from './matching';
import { MAX_SUBSCRIPTIONS_PER_OWNER, ROTATION_OVERLAP_MS, type StoredSecret, type Subscription, type WebhookRequest } from './model';
import type { Page, Position } from '../page';
import type { SubscriptionDirectory } from './ports';
import type { SecretBox } from './secrets';
import { newSigningSecret } from './signing';
import { type Resolver, type UrlPolicy, type UrlRefusalCode, vetWebhookTarget } from './url';
import type { Clock } from '../util';

export type Refusal = { refused: 'NOT_FOUND' | 'FORBIDDEN' | 'WEBHOOK_LIMIT_REACHED' | 'CONCURRENT_UPDATE' | 'INVALID_CURSOR' | 'WEBHOOK_DISABLED' | UrlRefusalCode; detail: string };

export const notFound = (id: string): Refusal => ({ refused: 'NOT_FOUND', detail: `no webhook ${id.slice(0, 64)} that this key may see` });
export const badCursor: Refusal = { refused: 'INVALID_CURSOR', detail: 'use the cursor of a previous page as it was given' };

export interface SubscriptionPorts {
  store: SubscriptionDirectory;
  box: SecretBox;
  policy: UrlPolicy;
  resolve: Resolver;
  now: Clock;
}

export const newSubscriptionId = (): string => 'wh_' + randomBytes(12).toString('base64url');

export async function createSubscription(p: Principal, request: WebhookRequest, ports: SubscriptionPorts): Promise<{ subscription: Subscription; secret: string } | Refusal> {
  const customsOnly = request.events.filter((e) => CUSTOMS_ONLY_EVENTS.has(e));
  if (customsOnly.length > 0 && !seesRiskReasoning(p)) return { refused: 'FORBIDDEN', detail: `${customsOnly.join(', ')} go to customs and admin subscriptions only` };
  const target = await vetWebhookTarget(request.url, ports.policy, ports.resolve);
  if (!target.ok) return { refused: target.code, detail: target.detail };
  const owner = ownerFromPrincipal(p);
  const key = ownerKey(owner);
  const existing = await ports.store.listByOwner(key, MAX_SUBSCRIPTIONS_PER_OWNER);
  if (existing.items.length >= MAX_SUBSCRIPTIONS_PER_OWNER) return { refused: 'WEBHOOK_LIMIT_REACHED', detail: `at most ${MAX_SUBSCRIPTIONS_PER_OWNER} webhooks per ${owner.role}; delete one first` };
  const id = newSubscriptionId();
  const secret = newSigningSecret();
  const at = ports.now().toISOString();
  const subscription: Subscription = {
    id,
    owner: key,
    ownerRole: owner.role,
    ...(owner.tenantId ? { ownerTenantId: owner.tenantId } : {}),
    ...(owner.country ? { ownerCountry: owner.country } : {}),
    url: target.url.href,
    events: request.events,
    ...(request.description ? { description: request.description } : {}),
    status: 'active',
    secrets: [{ sealed: ports.box.seal(secret, id), createdAt: at }],
    createdAt: at,
    createdBy: p.keyId,
    consecutiveFailures: 0,
  };
  await ports.store.put(subscription);
  return { subscription, secret };
}

/** The subscription, when the caller owns it. */
export async function ownedSubscription(p: Principal, id: string, store: Pick<SubscriptionDirectory, 'get'>): Promise<Subscription | undefined> {
  const s = /^wh_[A-Za-z0-9_-]{1,64}$/.test(id) ? await store.get(id) : undefined;
  return s && owns(p, s) ? s : undefined;
}

/** A new secret; the current one signs beside it for 24 h, older ones stop. */
export async function rotateSecret(p: Principal, id: string, ports: SubscriptionPorts): Promise<{ subscription: Subscription; secret: string } | Refusal> {
  const s = await ownedSubscription(p, id, ports.store);
  if (!s) return notFound(id);
  const now = ports.now();
  const secret = newSigningSecret();
  const at = now.toISOString();
  const previous = s.secrets[0];
  const secrets: StoredSecret[] = [{ sealed: ports.box.seal(secret, s.id), createdAt: at }];
  if (previous) secrets.push({ ...previous, expiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString() });
  if (!(await ports.store.rotate(s.id, secrets, at, s.secretRotatedAt))) return { refused: 'CONCURRENT_UPDATE', detail: 'the secret was rotated at the same time; rotate again if needed' };
  return { subscription: { ...s, secrets, secretRotatedAt: at }, secret };
}

/** The caller's own subscriptions, newest first, from `start` (a position of an earlier page of this same listing). */
export async function listSubscriptions(
  p: Principal,
  limit: number,
  start: Position | undefined,
  store: Pick<SubscriptionDirectory, 'listByOwner' | 'isOwnerPosition'>,
): Promise<Page<Subscription> | Refusal> {
  const owner = ownerKey(ownerFromPrincipal(p));
  if (start && !store.isOwnerPosition(owner, start)) return badCursor;
  return store.listByOwner(owner, limit, start);
}

/** Deletes a subscription the caller owns: no further deliveries (attempts already queued are cancelled when made). */
export async function deleteSubscription(p: Principal, id: string, store: Pick<SubscriptionDirectory, 'get' | 'delete'>): Promise<Subscription | Refusal> {
  const s = await ownedSubscription(p, id, store);
  if (!s) return notFound(id);
  await store.delete(s.id);
  return s;
}
