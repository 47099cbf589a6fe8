// The reconciler (a schedule): a safety net for versions that were stored but never assessed, because ingest
// stored them and then could not queue them (a crash between the two, a queue outage) and the filer did not send
// them again. It queues every version still awaiting assessment after the region's limit; the assess stage is
// idempotent, so a version queued twice is assessed once. First versions are found by walking the parcels in order
// of receipt from a mark (everything before it has been seen assessed or queued again), so a first version costs
// no index entry of its own; amendments, which keep their first receipt's place, are in a sparse pending index.
import type { AssessMessage } from './messages';
import type { Clock } from '../util';

/** One walk of the received parcels of a shard from its mark; `position`s are opaque to the domain. */
export interface ReceivedWalk {
  /** Versions found unassessed, each with its position in the walk. */
  pending: (AssessMessage & { position: string })[];
  /** The last position walked, if any. */
  scannedTo?: string;
}

export interface ReconcilePorts {
  /** Amended versions received before `before` and still not assessed, oldest first, in one shard. */
  pendingBefore(shard: string, before: string, limit: number): Promise<AssessMessage[]>;
  shards: readonly string[];
  /** Parcels first received before `before`, from the shard's mark on, oldest first: those still unassessed. */
  receivedSinceMark(shard: string, before: string, limit: number): Promise<ReceivedWalk>;
  /** Moves the shard's mark past what was walked, or to the first position that could not be queued. */
  advanceMark(shard: string, to: { scannedTo: string } | { retryFrom: string }): Promise<void>;
  receivedShards: readonly string[];
  /** Queues messages; returns those that could not be queued. */
  enqueue(messages: AssessMessage[]): Promise<AssessMessage[]>;
  /** How long a version may wait for its assessment before it is queued again (RECONCILE_AFTER_SECONDS). */
  afterSeconds: number;
  now: Clock;
}

/** One run does a bounded amount of work; whatever is left is taken by the next run. */
const PAGE = 500;

const message = ({ itemId, version }: AssessMessage): AssessMessage => ({ itemId, version });
const keyOf = (m: AssessMessage) => `${m.itemId}#${m.version}`;

export async function reconcile(ports: ReconcilePorts): Promise<{ requeued: number; failed: number }> {
  const before = new Date(ports.now().getTime() - ports.afterSeconds * 1000).toISOString();
  const [walks, amended] = await Promise.all([
    Promise.all(ports.receivedShards.map((s) => ports.receivedSinceMark(s, before, PAGE))),
    Promise.all(ports.shards.map((s) => ports.pendingBefore(s, before, PAGE))),
  ]);
  // A version can be found both ways (an amendment of a parcel first received after the mark): queued once.
  const found = new Map([...walks.flatMap((w) => w.pending), ...amended.flat()].map((m) => [keyOf(m), message(m)]));
  const failed = new Set(found.size > 0 ? (await ports.enqueue([...found.values()])).map(keyOf) : []);
  // Each mark moves past its walk, or only up to the first version that could not be queued.
  await Promise.all(
    walks.map((w, i) => {
      const firstFailed = w.pending.find((p) => failed.has(keyOf(p)));
      if (firstFailed) return ports.advanceMark(ports.receivedShards[i]!, { retryFrom: firstFailed.position });
      return w.scannedTo === undefined ? Promise.resolve() : ports.advanceMark(ports.receivedShards[i]!, { scannedTo: w.scannedTo });
    }),
  );
  return { requeued: found.size - failed.size, failed: failed.size };
}
