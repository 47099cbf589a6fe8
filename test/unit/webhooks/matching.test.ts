import type { Principal } from '#shared/auth/principal';
import type { PublishedEvent } from '#shared/parcels/events';
import type { EventType } from '#shared/parcels/parcel';
import { ownerFromPrincipal, ownerKey, ownerKeysFor, owns, receives } from '#shared/webhooks/matching';
import type { Subscription } from '#shared/webhooks/model';

const principal = (p: Omit<Principal, 'keyId'>): Principal => ({ keyId: 'key_1', ...p });
const subscriptionOf = (p: Principal, events: EventType[] = ['customs.response.issued'], status: Subscription['status'] = 'active'): Subscription => {
  const o = ownerFromPrincipal(p);
  return {
    id: 'wh_1',
    owner: ownerKey(o),
    ownerRole: o.role,
    ...(o.tenantId ? { ownerTenantId: o.tenantId } : {}),
    ...(o.country ? { ownerCountry: o.country } : {}),
    url: 'https://hooks.example.com/',
    events,
    status,
    secrets: [],
    createdAt: '2026-11-20T00:00:00Z',
    createdBy: 'key_1',
    consecutiveFailures: 0,
  };
};
const event = (scope: PublishedEvent['scope'], type: EventType = 'customs.response.issued'): PublishedEvent => ({
  event: { id: 'evt_1', type, createdAt: '2026-11-20T10:00:00Z', data: { itemId: 'CP719248650DE', version: 1, sequence: 3, status: 'RELEASED' } },
  scope,
});

const shop1DeToFr = event({ submittedBy: 'platform:shop-1', originCountry: 'DE', destinationCountry: 'FR' });
const postDeToUs = event({ submittedBy: 'post:DE', originCountry: 'DE', destinationCountry: 'US' });

describe('which subscriptions receive an event', () => {
  it.each([
    ['platform shop-1', principal({ role: 'platform', tenantId: 'shop-1' }), shop1DeToFr, true],
    ['platform shop-2', principal({ role: 'platform', tenantId: 'shop-2' }), shop1DeToFr, false],
    ['post FR (destination)', principal({ role: 'post', country: 'FR' }), shop1DeToFr, true],
    ['post DE (origin)', principal({ role: 'post', country: 'DE' }), shop1DeToFr, true],
    ['post IT', principal({ role: 'post', country: 'IT' }), shop1DeToFr, false],
    ['customs FR (destination)', principal({ role: 'customs', country: 'FR' }), shop1DeToFr, true],
    ['customs DE (origin only)', principal({ role: 'customs', country: 'DE' }), shop1DeToFr, false],
    ['admin', principal({ role: 'admin' }), shop1DeToFr, true],
    ['post DE, its own submission', principal({ role: 'post', country: 'DE' }), postDeToUs, true],
    ['platform named like a post', principal({ role: 'platform', tenantId: 'post-DE' }), postDeToUs, false],
  ])('%s: %s', (_name, p, e, expected) => {
    const s = subscriptionOf(p);
    expect(receives(s, e)).toBe(expected);
    // Fan-out finds every receiving subscription through the owner partitions it reads.
    if (expected) expect(ownerKeysFor(e.scope)).toContain(s.owner);
  });

  it('only the event types asked for, only while active', () => {
    const p = principal({ role: 'platform', tenantId: 'shop-1' });
    expect(receives(subscriptionOf(p, ['parcel.received']), shop1DeToFr)).toBe(false);
    expect(receives(subscriptionOf(p, ['parcel.received', 'customs.response.issued']), shop1DeToFr)).toBe(true);
    expect(receives(subscriptionOf(p, ['customs.response.issued'], 'disabled'), shop1DeToFr)).toBe(false);
  });

  it('reads a handful of owner partitions per event', () => {
    expect(ownerKeysFor(shop1DeToFr.scope).sort()).toEqual(['admin', 'customs#FR', 'platform#shop-1', 'post#DE', 'post#FR']);
    expect(ownerKeysFor(postDeToUs.scope)).toContain('post#DE');
  });
});

describe('who owns a subscription', () => {
  const s = subscriptionOf(principal({ role: 'customs', country: 'FR' }));
  it('the same role and scope, whichever key, or admin', () => {
    expect(owns({ keyId: 'another', role: 'customs', country: 'FR' }, s)).toBe(true);
    expect(owns({ keyId: 'k', role: 'admin' }, s)).toBe(true);
  });
  it('nobody else', () => {
    expect(owns({ keyId: 'k', role: 'customs', country: 'DE' }, s)).toBe(false);
    expect(owns({ keyId: 'k', role: 'post', country: 'FR' }, s)).toBe(false);
    expect(owns({ keyId: 'k', role: 'platform', tenantId: 'FR' }, s)).toBe(false);
  });
});
