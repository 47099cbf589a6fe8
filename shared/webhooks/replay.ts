// Replay (CONTRACT section 5): a new cycle for every delivery record of a subscription since a time, each sent
// again from its first attempt with the same event id and body. Only an active subscription replays, and only as
// far back as the records are kept.
import { placeAttempt } from './config';
import { RETENTION_DAYS, type Subscription } from './model';
import { type AttemptMessage, type DeliveryPorts, epochSeconds } from './ports';
import type { Refusal } from './subscriptions';

export interface ReplayResult {
  /** Events queued again. */
  replayed: number;
  /** When more remain than one request replays: send again with this `since`. */
  continueSince?: string;
}

export const MAX_REPLAY = 1000;

export async function replay(subscriptionId: string, since: Date, ports: Pick<DeliveryPorts, 'deliveries' | 'queue' | 'config' | 'now'>, max = MAX_REPLAY): Promise<ReplayResult> {
  const now = ports.now();
  const place = placeAttempt(now, now, ports.config);
  const expiresAt = epochSeconds(now) + RETENTION_DAYS * 86_400;
  let replayed = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.deliveries.since(subscriptionId, since.toISOString(), Math.min(100, max - replayed + 1), start);
    const batch: { message: AttemptMessage; delaySeconds: number }[] = [];
    for (const r of page.items) {
      if (replayed + batch.length === max) {
        if (batch.length) await ports.queue.send(batch);
        return { replayed: replayed + batch.length, continueSince: r.eventCreatedAt };
      }
      const fields = { nextAttemptAt: now.toISOString(), sweepAt: place.sweepAt.toISOString(), updatedAt: now.toISOString(), expiresAt };
      if (await ports.deliveries.restart(subscriptionId, r.sk, r.cycle, fields)) batch.push({ message: { subscriptionId, sk: r.sk, cycle: r.cycle + 1, attempt: 1 }, delaySeconds: 0 });
    }
    if (batch.length) await ports.queue.send(batch);
    replayed += batch.length;
    start = page.next;
  } while (start);
  return { replayed };
}

/**
 * Replays a subscription (its owner checked by the caller: ownedSubscription) from `since`, at most RETENTION_DAYS
 * back, since older records are gone; a disabled subscription is refused: it would send nothing.
 */
export async function replaySubscription(s: Subscription, since: Date, ports: Pick<DeliveryPorts, 'deliveries' | 'queue' | 'config' | 'now'>): Promise<ReplayResult | Refusal> {
  if (s.status !== 'active') return { refused: 'WEBHOOK_DISABLED', detail: `webhook ${s.id} is disabled (${s.disabledReason ?? 'disabled'}); create a new one` };
  const oldest = ports.now().getTime() - RETENTION_DAYS * 86_400_000;
  return replay(s.id, new Date(Math.max(since.getTime(), oldest)), ports);
}
