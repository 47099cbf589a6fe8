// What the webhook use cases need from the outside world, written for them (the adapters in shared/store
// implement these; in-memory ones for the unit tests are in test/kit/).
import type { DeliveryConfig } from './config';
import type { AttemptMessage } from './messages';
import type { StoredSecret, Subscription } from './model';
import type { AttemptRecord, DeliveryRecord, DeliveryStatus, DueDelivery, Expect, Page, Position } from './records';
import type { Clock } from '../util';

export type { AttemptMessage } from './messages';

export interface AttemptQueue {
  /** Throws when any could not be queued. */
  send(items: { message: AttemptMessage; delaySeconds: number }[]): Promise<void>;
}

export interface PostResult {
  statusCode?: number;
  retryAfter?: string;
  latencyMs: number;
  error?: string;
  /** No complete answer within the timeout. */
  timedOut?: boolean;
}

/** POSTs a signed body to a subscription's URL, after vetting the URL and its current DNS answers; cut off after `timeoutMs` (default: the configured timeout). */
export type Poster = (url: string, body: string, headers: Record<string, string>, timeoutMs?: number) => Promise<PostResult>;

/** Which consumer makes an attempt: the fast lane (short budget) or the slow lane (the full 15 s). */
export type Lane = 'fast' | 'slow';

/** The subscriptions as the delivery stages see them: read, and their health (circuit, lane, disabling) kept. */
export interface SubscriptionRecords {
  get(id: string): Promise<Subscription | undefined>;
  /** Several at once, in their order (one request where the adapter can): what a batch of attempts reads. */
  getMany?(ids: string[]): Promise<(Subscription | undefined)[]>;
  /** Every subscription of an owner key. */
  allOfOwner(owner: string): Promise<Subscription[]>;
  /** False when it was already disabled or is gone. */
  disable(id: string, reason: string, at: string): Promise<boolean>;
  /** Counts a failure; opens the circuit until `openUntil` at `threshold` failures in a row. */
  recordFailure(id: string, threshold: number, openUntil: string): Promise<{ consecutiveFailures: number; opened: boolean }>;
  recordSuccess(id: string): Promise<void>;
  markSlow(id: string, until: string): Promise<void>;
  clearSlow(id: string): Promise<void>;
}

/** Managing subscriptions: what the subscription use cases read and write. */
export interface SubscriptionDirectory {
  put(s: Subscription): Promise<void>;
  get(id: string): Promise<Subscription | undefined>;
  /** One owner's subscriptions, newest first. */
  listByOwner(owner: string, limit: number, start?: Position): Promise<Page<Subscription>>;
  /** Whether a position (a client's cursor) came from `listByOwner` of this owner. */
  isOwnerPosition(owner: string, position: Position): boolean;
  /** The deleted subscription, or undefined when there was none. */
  delete(id: string): Promise<Subscription | undefined>;
  /** Replaces the secrets if nobody rotated since `previousRotation`. */
  rotate(id: string, secrets: StoredSecret[], at: string, previousRotation: string | undefined): Promise<boolean>;
}

/**
 * `log`: the attempt's entry in the deliveries log, written with the record in the same write (no item of its own)
 * where the attempt was made without a claim (the first attempt of a delivery's first cycle).
 */
type ScheduleFields = { nextAttemptAt: string; sweepAt: string; updatedAt: string; lastError?: string; deferrals?: number; slowMoves?: number; attempts?: number; log?: AttemptRecord };
type FinishFields = { status: Exclude<DeliveryStatus, 'pending'>; updatedAt: string; lastError?: string; expiresAt: number; attempts?: number; log?: AttemptRecord };

/**
 * The delivery records (one per event and subscription) and the attempts log. Writes that take an `Expect` are
 * conditional on it and answer false when the record moved on (another consumer, a replay).
 */
export interface DeliveryRecords {
  /** The record's key of an event (the adapter's format): one record per (subscription, event). */
  keyOf(eventCreatedAt: string, eventId: string): string;
  /** False when the record exists already (a redelivered event). The adapter places it in its due index itself. */
  create(r: DeliveryRecord): Promise<boolean>;
  get(subscriptionId: string, sk: string): Promise<DeliveryRecord | undefined>;
  /** Several at once (consistent), in their order: what a batch of attempts reads. */
  getMany?(keys: { subscriptionId: string; sk: string }[]): Promise<(DeliveryRecord | undefined)[]>;
  /**
   * Takes the attempt (due by `dueBy`, still as expected) until `leaseUntil`; the record, or undefined when not taken.
   * The first attempt of a first cycle is not claimed (deliver.ts): its queue message is its lease.
   */
  claim(subscriptionId: string, sk: string, expect: Expect, at: string, leaseUntil: string, dueBy: string): Promise<DeliveryRecord | undefined>;
  schedule(subscriptionId: string, sk: string, expect: Expect, fields: ScheduleFields): Promise<boolean>;
  finish(subscriptionId: string, sk: string, expect: Expect, fields: FinishFields): Promise<boolean>;
  /** A new cycle (replay), whatever state the record is in, if it is still in `fromCycle`. */
  restart(subscriptionId: string, sk: string, fromCycle: number, fields: { nextAttemptAt: string; sweepAt: string; updatedAt: string; expiresAt: number }): Promise<boolean>;
  logAttempt(subscriptionId: string, a: AttemptRecord, expiresAt: number): Promise<void>;
  /** Records of events created at or after `since`, oldest first. */
  since(subscriptionId: string, since: string, limit: number, start?: Position): Promise<Page<{ sk: string; cycle: number; eventCreatedAt: string }>>;
  /** How many shards the due index has (the adapter's choice): the sweeper walks 0 … dueShards - 1. */
  readonly dueShards: number;
  /** Pending records of one shard whose sweep time has come. */
  due(shard: number, until: string, limit: number): Promise<DueDelivery[]>;
  /** Moves a due record's sweep time on, if nobody else did. */
  bumpSweep(subscriptionId: string, sk: string, fromSweepAt: string, toSweepAt: string): Promise<boolean>;
}

/** The attempts log as its readers (the deliveries listing) see it. */
export interface AttemptLog {
  /** The attempts log of one subscription, newest first. */
  attempts(subscriptionId: string, limit: number, start?: Position): Promise<Page<AttemptRecord>>;
  /** Whether a position (a client's cursor) came from `attempts` of this subscription. */
  isAttemptsPosition(subscriptionId: string, position: Position): boolean;
}

export interface DeliveryPorts {
  subscriptions: SubscriptionRecords;
  deliveries: DeliveryRecords;
  /** The deliver queue (fast lane). */
  queue: AttemptQueue;
  /** The deliver-slow queue. Without it, everything goes to `queue` and the fast lane forwards what belongs to the slow one. */
  slowQueue?: AttemptQueue;
  config: DeliveryConfig;
  now: Clock;
  random(): number;
}

export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
