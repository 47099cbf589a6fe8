// Which parcels a list update may change: those not yet final, assessed at their current version, received within
// the region's window, whose sanctions hits name an entry that changed or went, or whose party names now match an
// entry that changed or came. Found through the parcels table's byAll index (4 shards, newest first, keys only) and
// read in batches of 100: the work grows with the parcels received in the window, not with the table.
import type { Parcel } from '../parcels/parcel';
import { hasFinalDecision } from '../parcels/parcel';
import { PARTIES, isSanctionsHit, matchedEntries } from '../risk/clearances';
import type { Screener } from '../risk/types';
import type { ListChanges } from './list';

/** The entries whose change may change a response: changed, added or removed. */
export const touchedEntries = (c: ListChanges): Set<number> => new Set([...c.changed, ...c.added, ...c.removed]);

/** Whether a parcel is worth judging again with the new list (the assess stage then decides if its answer changes). */
export function needsRescreen(parcel: Parcel, screener: Screener, touched: ReadonlySet<number>): boolean {
  const a = parcel.assessment;
  if (!a || a.version !== parcel.version || hasFinalDecision(parcel) || touched.size === 0) return false;
  if (a.hits.some((h) => isSanctionsHit(h) && matchedEntries(h).some((e) => touched.has(e)))) return true;
  for (const party of PARTIES) {
    const { name, businessName } = parcel.declaration[party];
    for (const n of businessName && businessName !== name ? [name, businessName] : [name]) {
      if (screener.screen(n).some((m) => touched.has(m.entNum))) return true;
    }
  }
  return false;
}

export interface RescreenScanPorts {
  /** One page of itemIds (newest first) of one of the shards of every parcel, below a list-key position. */
  listKeys(shard: string, before: string | undefined, limit: number): Promise<{ itemId: string; listKey: string }[]>;
  getMany(itemIds: string[]): Promise<Parcel[]>;
  /** The shards of every parcel (opaque names, the store's). */
  shards: readonly string[];
}

const PAGE = 100;

/** Walks every shard from the newest parcel back to `since`, calling `visit` with each page of parcels read. */
export async function scanWindow(ports: RescreenScanPorts, since: string, visit: (parcels: Parcel[]) => Promise<void>): Promise<number> {
  let read = 0;
  for (const shard of ports.shards) {
    let before: string | undefined;
    for (;;) {
      const keys = await ports.listKeys(shard, before, PAGE);
      const inWindow = keys.filter((k) => k.listKey >= since);
      if (inWindow.length > 0) {
        const parcels = await ports.getMany(inWindow.map((k) => k.itemId));
        read += parcels.length;
        await visit(parcels);
      }
      if (keys.length < PAGE || inWindow.length < keys.length) break;
      before = keys[keys.length - 1]!.listKey;
    }
  }
  return read;
}
