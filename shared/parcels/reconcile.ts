// The reconciler (a schedule): a safety net for versions that were stored but never assessed, because ingest
// stored them and then could not queue them (a crash between the two, a queue outage) and the filer did not send
// them again. It queues every version still awaiting assessment after the region's limit; the process stage is
// idempotent, so a version queued twice is assessed once.
import type { ProcessMessage } from './submit';

export interface ReconcilePorts {
  /** Versions received before `before` and still not assessed, oldest first, in one shard. */
  pendingBefore(shard: string, before: string, limit: number): Promise<ProcessMessage[]>;
  shards: readonly string[];
  /** Queues messages; returns those that could not be queued. */
  enqueue(messages: ProcessMessage[]): Promise<ProcessMessage[]>;
  /** How long a version may wait for its assessment before it is queued again (RECONCILE_AFTER_SECONDS). */
  afterSeconds: number;
  now(): Date;
}

/** One run does a bounded amount of work; whatever is left is taken by the next run. */
const PAGE = 500;

export async function reconcile(ports: ReconcilePorts): Promise<{ requeued: number; failed: number }> {
  const before = new Date(ports.now().getTime() - ports.afterSeconds * 1000).toISOString();
  const found = (await Promise.all(ports.shards.map((s) => ports.pendingBefore(s, before, PAGE)))).flat();
  if (found.length === 0) return { requeued: 0, failed: 0 };
  const failed = await ports.enqueue(found.map(({ itemId, version }) => ({ itemId, version })));
  return { requeued: found.length - failed.length, failed: failed.length };
}
