// The sweeper (a schedule): queues again what is due among pending deliveries — attempts parked
// because they wait longer than SQS can delay, and attempts whose message or consumer got lost.
// Replay: a new cycle for every delivery record of a subscription since a time.
import { placeAttempt } from './config';
import { RETENTION_DAYS } from './model';
import { type AttemptMessage, type DeliveryPorts, epochSeconds } from './ports';

const PAGE = 100;
/** One sweep does a bounded amount of work; the next sweep continues. */
const MAX_PAGES_PER_SHARD = 20;

export async function sweep(ports: Pick<DeliveryPorts, 'deliveries' | 'queue' | 'config' | 'now'>): Promise<{ queued: number }> {
  const now = ports.now();
  let queued = 0;
  await Promise.all(
    Array.from({ length: ports.deliveries.dueShards }, async (_, n) => {
      for (let page = 0; page < MAX_PAGES_PER_SHARD; page++) {
        const due = await ports.deliveries.due(n, now.toISOString(), PAGE);
        const batch: { message: AttemptMessage; delaySeconds: number }[] = [];
        for (const d of due) {
          const at = new Date(Math.max(Date.parse(d.nextAttemptAt), now.getTime()));
          const place = placeAttempt(at, now, ports.config);
          const delaySeconds = Math.min(place.queueDelaySeconds ?? ports.config.maxQueueDelaySeconds, ports.config.maxQueueDelaySeconds);
          // The safety net moves on first, so a second sweeper running at once does not queue it twice.
          const nextSweep = new Date(at.getTime() + ports.config.sweepGraceSeconds * 1000 + ports.config.timeoutMs);
          if (!(await ports.deliveries.bumpSweep(d.subscriptionId, d.sk, d.sweepAt, nextSweep.toISOString()))) continue;
          batch.push({ message: { subscriptionId: d.subscriptionId, sk: d.sk, cycle: d.cycle, attempt: d.attempts + 1 }, delaySeconds });
        }
        if (batch.length) await ports.queue.send(batch);
        queued += batch.length;
        if (due.length < PAGE) break;
      }
    }),
  );
  return { queued };
}

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
