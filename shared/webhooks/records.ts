// The webhook deliveries' model: what the domain reads and writes through its ports (shared/webhooks/ports.ts);
// the store adapter (shared/store/webhook-delivery-store.ts) implements them and alone knows keys and shards.
import type { EventType } from '../parcels/parcel';

export type { Page, Position } from '../page';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** What an attempt that was made (or given up) came to: the deliveries log's `outcome` (CONTRACT section 5). */
export const LOGGED_OUTCOMES = ['delivered', 'retrying', 'exhausted', 'disabled', 'slow-lane'] as const;
export type LoggedOutcome = (typeof LOGGED_OUTCOMES)[number];

/**
 * What handling one attempt message came to: a logged outcome, or one that logs nothing (stale: an earlier cycle
 * or attempt; early: not due yet; deferred: an open circuit; cancelled: the record or subscription is gone;
 * forwarded: the fast lane handed it to the slow lane unmade).
 */
export const ATTEMPT_OUTCOMES = [...LOGGED_OUTCOMES, 'stale', 'early', 'deferred', 'cancelled', 'forwarded'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** The outcomes the deliver consumer logs as warnings: the endpoint failed, or the delivery ended without it. */
export const WARNED_OUTCOMES: ReadonlySet<AttemptOutcome> = new Set(['retrying', 'exhausted', 'disabled', 'cancelled']);

export interface DeliveryRecord {
  subscriptionId: string;
  sk: string;
  eventId: string;
  eventType: EventType;
  itemId: string;
  eventCreatedAt: string;
  /** The exact JSON body, so every retry and replay sends (and signs) the same bytes. */
  body: string;
  status: DeliveryStatus;
  /** Bumped by each replay: messages of an earlier cycle are stale. */
  cycle: number;
  /** Attempts made (claimed) in this cycle. */
  attempts: number;
  nextAttemptAt: string;
  sweepAt?: string;
  createdAt: string;
  updatedAt: string;
  lastError?: string;
  replay?: boolean;
  /** Times this attempt was held back by an open circuit without being made. */
  deferrals?: number;
  /** Attempts of this cycle moved to the slow lane (no answer within the fast budget): not counted as failures by the retry schedule. */
  slowMoves?: number;
  expiresAt: number;
}

export interface AttemptRecord {
  eventId: string;
  eventType: EventType;
  itemId: string;
  cycle: number;
  attempt: number;
  attemptedAt: string;
  statusCode?: number;
  latencyMs: number;
  error?: string;
  outcome: LoggedOutcome;
  nextAttemptAt?: string;
  replay?: boolean;
}

export interface DueDelivery {
  subscriptionId: string;
  sk: string;
  sweepAt: string;
  nextAttemptAt: string;
  attempts: number;
  cycle: number;
}

/** The state a write expects: the same cycle, this many attempts, still pending. */
export interface Expect {
  cycle: number;
  attempts: number;
}
