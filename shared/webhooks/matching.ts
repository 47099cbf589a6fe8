// Who receives an event: the subscriptions whose owner may see the parcel (CONTRACT section 1) and
// that asked for its type. Owners are keyed so that fan-out reads a handful of index partitions per
// event instead of every subscription.
import { type Principal, maySee, seesRiskReasoning } from '../auth/principal';
import { CUSTOMS_ONLY_EVENTS } from '../parcels/parcel';
import type { ParcelScope } from '../auth/principal';
import type { PublishedEvent } from '../parcels/events';
import { type Owner, type Subscription, ownerOf } from './model';

/** The owner partition of a principal: platform#<tenant>, post#<country>, customs#<country>, admin. */
export function ownerKey(o: Owner): string {
  switch (o.role) {
    case 'platform':
      return `platform#${o.tenantId}`;
    case 'post':
    case 'customs':
      return `${o.role}#${o.country}`;
    case 'admin':
      return 'admin';
  }
}

export const ownerFromPrincipal = (p: Principal): Owner => ({
  role: p.role,
  ...(p.role === 'platform' ? { tenantId: p.tenantId } : {}),
  ...(p.role === 'post' || p.role === 'customs' ? { country: p.country } : {}),
});

/** Whether a caller owns (may see and change) a subscription: the same role and scope, or admin. */
export const owns = (p: Principal, s: Pick<Subscription, 'owner'>): boolean => p.role === 'admin' || ownerKey(ownerFromPrincipal(p)) === s.owner;

/**
 * Every owner partition that may hold a subscription entitled to this parcel's events: a superset,
 * which `receives` then narrows with the same `maySee` the API uses.
 */
export function ownerKeysFor(scope: ParcelScope): string[] {
  const keys = [`post#${scope.originCountry}`, `post#${scope.destinationCountry}`, `customs#${scope.destinationCountry}`, 'admin'];
  // submittedBy is `platform:<tenant>`, `post:<country>` or `admin:<keyId>` (admin's partition is read anyway).
  const [role, id] = scope.submittedBy.split(':', 2);
  if ((role === 'platform' || role === 'post') && id) keys.push(`${role}#${id}`);
  return [...new Set(keys)];
}

/** Whether a subscription gets this event: active, asked for its type, and its owner may see the parcel. */
export function receives(s: Subscription, e: PublishedEvent): boolean {
  if (s.status !== 'active' || !s.events.includes(e.event.type)) return false;
  const owner = ownerOf(s);
  if (CUSTOMS_ONLY_EVENTS.has(e.event.type) && !seesRiskReasoning(owner)) return false;
  return maySee({ keyId: `webhook:${s.id}`, ...owner }, e.scope);
}
