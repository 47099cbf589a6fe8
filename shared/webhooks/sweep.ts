// The sweeper (a schedule): queues again what is due among pending deliveries — attempts parked
// because they wait longer than SQS can delay, and attempts whose message or consumer got lost.
// (Replay, a new cycle for every delivery since a time, is in replay.ts.)
import { placeAttempt } from './config';
import type { AttemptMessage, DeliveryPorts } from './ports';

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
