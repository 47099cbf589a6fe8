// Webhook subscriptions and deliveries: the stored shapes, the request schemas (which also generate
// the OpenAPI components) and what the API shows of them.
import * as z from 'zod';
import type { Role } from '../auth/principal';
import { EVENT_TYPES, type EventType } from '../parcels/parcel';
import { LOGGED_OUTCOMES } from './records';

export const WebhookRequest = z
  .strictObject({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2048)
      .meta({ description: 'https URL of the receiver; private, link-local, loopback and metadata addresses are refused', examples: ['https://hooks.example.com/ead'] }),
    events: z
      .array(z.enum(EVENT_TYPES))
      .min(1)
      .max(EVENT_TYPES.length * 2)
      .transform((e) => [...new Set(e)])
      .meta({ description: 'Event types to receive' }),
    description: z.string().trim().max(256).optional(),
  })
  .meta({ id: 'WebhookRequest' });
export type WebhookRequest = z.output<typeof WebhookRequest>;

export const WebhookReplayRequest = z
  .strictObject({ since: z.iso.datetime({ offset: true }).meta({ description: 'Re-send every event this subscription received or should have received since then (up to 30 days back)' }) })
  .meta({ id: 'WebhookReplayRequest' });

export const WebhookListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(EVENT_TYPES)),
    description: z.string().optional(),
    status: z.enum(['active', 'disabled']),
    disabledReason: z.string().optional(),
    createdAt: z.string(),
    secretRotatedAt: z.string().optional(),
    previousSecretExpiresAt: z.string().optional().meta({ description: 'Until then the previous secret signs beside the current one' }),
  })
  .meta({ id: 'Webhook' });

export const WebhookCreated = Webhook.extend({ secret: z.string().meta({ description: 'whsec_ + base64 of 32 random bytes; shown once' }) }).meta({ id: 'WebhookCreated' });

export const WebhookDeliveryAttempt = z
  .object({
    eventId: z.string(),
    eventType: z.enum(EVENT_TYPES),
    itemId: z.string(),
    attempt: z.number().int(),
    attemptedAt: z.string(),
    statusCode: z.number().int().optional().meta({ description: 'Absent when no HTTP answer came (timeout, refused address, connection error)' }),
    latencyMs: z.number().int(),
    error: z.string().optional(),
    outcome: z.enum(LOGGED_OUTCOMES).meta({
      description:
        'slow-lane: no answer within the fast budget (3 s by default); the same event (same webhook-id and body) was sent again at once by the slow lane, which waits the full 15 s. Not counted as a failure of the endpoint; the receiver may see the event twice.',
    }),
    nextAttemptAt: z.string().optional(),
    replay: z.boolean().optional(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });
export type WebhookDeliveryAttempt = z.infer<typeof WebhookDeliveryAttempt>;

/** Who owns a subscription: a role with its tenant or country scope (the key that made it does not matter). */
export interface Owner {
  role: Role;
  tenantId?: string;
  country?: string;
}

export interface StoredSecret {
  /** AES-256-GCM sealed `whsec_...` (see secrets.ts). */
  sealed: string;
  createdAt: string;
  /** Set on the previous secret by a rotation. */
  expiresAt?: string;
}

export interface Subscription {
  id: string;
  /** ownerKey(owner): the partition of the byOwner index, and what fan-out looks up. */
  owner: string;
  ownerRole: Role;
  ownerTenantId?: string;
  ownerCountry?: string;
  url: string;
  events: EventType[];
  description?: string;
  status: 'active' | 'disabled';
  disabledReason?: string;
  disabledAt?: string;
  /** Newest first. */
  secrets: StoredSecret[];
  createdAt: string;
  createdBy: string;
  secretRotatedAt?: string;
  consecutiveFailures: number;
  circuitOpenUntil?: string;
  /** Until then its attempts go to the slow lane directly: its endpoint answered, or failed to, after the fast budget. */
  slowUntil?: string;
}

export const ownerOf = (s: Pick<Subscription, 'ownerRole' | 'ownerTenantId' | 'ownerCountry'>): Owner => ({
  role: s.ownerRole,
  ...(s.ownerTenantId ? { tenantId: s.ownerTenantId } : {}),
  ...(s.ownerCountry ? { country: s.ownerCountry } : {}),
});

export function webhookView(s: Subscription, now: Date): z.infer<typeof Webhook> {
  const previous = s.secrets.slice(1).find((x) => x.expiresAt && Date.parse(x.expiresAt) > now.getTime());
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    ...(s.description ? { description: s.description } : {}),
    status: s.status,
    ...(s.disabledReason ? { disabledReason: s.disabledReason } : {}),
    createdAt: s.createdAt,
    ...(s.secretRotatedAt ? { secretRotatedAt: s.secretRotatedAt } : {}),
    ...(previous?.expiresAt ? { previousSecretExpiresAt: previous.expiresAt } : {}),
  };
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
/** At most this many subscriptions per owner: fan-out reads them all for every event. */
export const MAX_SUBSCRIPTIONS_PER_OWNER = 25;
/** Delivery records and attempts are kept this long (DynamoDB TTL); replay reaches this far back. */
export const RETENTION_DAYS = 30;
