// Listing the parcels a caller may see, newest first, with an opaque cursor (CONTRACT sections 1 and 4).
// Each role reads one or more index partitions sorted by the same list key; their pages are merged,
// so a post (origin OR destination) and admin (all shards) page exactly like a platform.
import { type Principal, maySee } from '../auth/principal';
import { type Parcel, type ParcelStatus, scopeOf } from './parcel';

export interface ListFilters {
  status?: ParcelStatus;
  destinationCountry?: string;
  originCountry?: string;
  /** Parcels with a hit of this rule: customs and admin only (for anyone else it would tell which rule fired). */
  ruleId?: string;
  /** ISO times, inclusive: the parcel's first receipt. */
  receivedFrom?: string;
  receivedTo?: string;
}

/** One index partition a listing reads: opaque to the domain (the store adapter alone knows key formats). */
export interface ListingSource {
  readonly index: string;
}

export interface ParcelIndexReader<Source extends ListingSource = ListingSource> {
  /** The index partitions that hold every parcel the caller may see (and that matches the destination filter). */
  sources(p: Principal, destinationFilter?: string): Source[];
  listKeys(source: Source, before: string | undefined, limit: number): Promise<{ itemId: string; listKey: string }[]>;
  getMany(itemIds: string[]): Promise<Parcel[]>;
}

export const encodeCursor = (position: string): string => Buffer.from(JSON.stringify({ v: 1, before: position })).toString('base64url');

/** The list-key position a cursor stands for, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; before?: unknown };
    return parsed.v === 1 && typeof parsed.before === 'string' && parsed.before.length <= 128 ? parsed.before : undefined;
  } catch {
    return undefined;
  }
}

/** Sparse filters must not turn one request into an unbounded walk: after this many rounds, a short page with a cursor. */
const MAX_ROUNDS = 8;

export async function listParcels<S extends ListingSource>(reader: ParcelIndexReader<S>, p: Principal, f: ListFilters, limit: number, cursor?: string): Promise<{ items: Parcel[]; cursor?: string }> {
  const sources = reader.sources(p, f.destinationCountry);
  const matches = (parcel: Parcel) =>
    maySee(p, scopeOf(parcel)) && (!f.status || parcel.status === f.status) && (!f.destinationCountry || parcel.declaration.destinationCountry === f.destinationCountry);

  const matchesMore = (parcel: Parcel) =>
    matches(parcel) &&
    (!f.originCountry || parcel.declaration.originCountry === f.originCountry) &&
    (!f.ruleId || (parcel.assessment?.hits ?? []).some((h) => h.ruleId === f.ruleId)) &&
    (!f.receivedFrom || parcel.receivedAt >= f.receivedFrom) &&
    (!f.receivedTo || parcel.receivedAt <= f.receivedTo);

  const items: Parcel[] = [];
  // Newest first by receipt: a period starts below its end and stops once past its start.
  const end = f.receivedTo && `${f.receivedTo}#\uffff`;
  let position = end && (!cursor || cursor > end) ? end : cursor;
  for (let round = 0; round < MAX_ROUNDS && sources.length > 0; round++) {
    const pages = await Promise.all(sources.map((s) => reader.listKeys(s, position, limit)));
    // Every key above the limit-th largest of the merge is in some source's first page, so this prefix is complete.
    const merged = [...new Map(pages.flat().map((k) => [k.itemId, k])).values()].sort((a, b) => (a.listKey < b.listKey ? 1 : -1));
    // A partition is done once its page came short, or reached past the period's start; all are done when every one
    // is and this round's candidates are all that is left of the period.
    const start = f.receivedFrom;
    const inPeriod = start ? merged.filter((k) => k.listKey >= start) : merged;
    const candidates = inPeriod.slice(0, limit);
    const exhausted = pages.every((pg) => pg.length < limit || (start !== undefined && pg.some((k) => k.listKey < start))) && inPeriod.length <= limit;
    const byId = new Map((await reader.getMany(candidates.map((c) => c.itemId))).map((x) => [x.itemId, x]));
    for (const c of candidates) {
      const parcel = byId.get(c.itemId);
      if (parcel && matchesMore(parcel)) items.push(parcel);
      position = c.listKey;
      if (items.length === limit) return { items, cursor: exhausted && c === candidates[candidates.length - 1] ? undefined : encodeCursor(position) };
    }
    if (exhausted) return { items };
  }
  return position && sources.length > 0 ? { items, cursor: encodeCursor(position) } : { items };
}
