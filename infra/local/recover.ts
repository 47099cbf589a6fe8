// With --data-dir, the queues' journal (sqs-journal.ts) brings back every message that was sent and not deleted.
// What it cannot bring back is a message never sent: a version stored by an ingest that stopped before it queued
// it, whose client then gave up instead of sending it again. The reconciler (shared/parcels/reconcile.ts) finds
// those on its schedule after the region's limit; on start, nothing has to wait that long, so it runs at once with
// no limit (the assess stage is idempotent, so a duplicate of a journaled message changes nothing).
import { reconcile } from '#shared/parcels/reconcile';
import { reconcileDeps } from '#shared/wiring/parcels';

/** Queues every stored version still awaiting its assessment; returns how many. */
export async function requeueUnassessed(): Promise<number> {
  const { requeued, failed } = await reconcile({ ...reconcileDeps(), afterSeconds: 0 });
  if (failed > 0) throw new Error(`${failed} parcel version(s) could not be queued again`);
  return requeued;
}
