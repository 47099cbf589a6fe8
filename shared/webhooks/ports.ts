// What the delivery stages need from the outside world, as narrow interfaces over the adapters.
import type { WebhookDeliveryStore } from '../store/webhook-delivery-store';
import type { WebhookSubscriptionStore } from '../store/webhook-subscription-store';
import type { DeliveryConfig } from './config';

/** One attempt of one event to one subscription: the message on the webhook-attempts queue. */
export interface AttemptMessage {
  subscriptionId: string;
  /** The delivery record's sort key. */
  sk: string;
  cycle: number;
  /** Which attempt (1-based) this message asks for. */
  attempt: number;
}

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

export interface DeliveryPorts {
  subscriptions: Pick<WebhookSubscriptionStore, 'get' | 'allOfOwner' | 'disable' | 'recordFailure' | 'recordSuccess' | 'markSlow' | 'clearSlow'>;
  deliveries: Pick<WebhookDeliveryStore, 'create' | 'get' | 'claim' | 'schedule' | 'finish' | 'restart' | 'logAttempt' | 'since' | 'due' | 'bumpSweep'>;
  /** The webhook-attempts queue (fast lane). */
  queue: AttemptQueue;
  /** The webhook-attempts-slow queue. Without it, everything goes to `queue` and the fast lane forwards what belongs to the slow one. */
  slowQueue?: AttemptQueue;
  config: DeliveryConfig;
  now(): Date;
  random(): number;
}

export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);
