// A port for what must know that a stored parcel is about to change: rule performance keeps a per-day aggregate of the
// parcels first received that day, and marks the day dirty (shared/rule-lab/performance-days.ts). Told before the
// write, so a write that is then lost or retried costs at most one needless recomputation, never a stale day.
import type { Parcel } from './parcel';

export interface ParcelChanges {
  willChange(parcel: Pick<Parcel, 'receivedAt' | 'declaration'>): Promise<void>;
}
