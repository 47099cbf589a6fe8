// The recipient history a replay judges with, answered from the parcels of the replayed period rather than by one
// index query per parcel. A parcel is in the live recipient index (recipientFp, valueEur) from its first assessment
// on; the stored item carries the same two attributes. So the history live saw when it assessed a parcel at T is:
// the parcels of that recipient received in [T - window, T], first assessed by T (the first 200 by receipt, as the
// live query's limit). A page's parcels give their own facts; the parcels of the same destination received around the
// page (the part of its windows outside the page) are read once per page, with a small projection.
import type { RecipientHistory } from '../risk';
import type { RecipientParcel } from '../risk/types';
import { mapLimit } from '../util';
import { positionTime } from './positions';

/** What the live recipient index held of a parcel: its entry, and when it entered the index (its first assessment). */
export interface HistoryFact extends RecipientParcel {
  recipientFp: string;
  firstAssessedAt: string;
}

/** What a page needs of the history: a recipient, the window of one parcel to it. */
export interface HistoryNeed {
  recipientFp: string;
  since: string;
  now: string;
}

/** The live query's limit (shared/store/parcel-store.ts recentByRecipient). */
const LIVE_LIMIT = 200;

/** The facts of a page and of the parcels around it, by recipient, answering as the live index did at a time. */
export class PeriodHistory {
  private readonly byRecipient = new Map<string, HistoryFact[]>();

  constructor(facts: Iterable<HistoryFact>) {
    const seen = new Set<string>();
    for (const f of facts) {
      if (seen.has(f.itemId)) continue;
      seen.add(f.itemId);
      const list = this.byRecipient.get(f.recipientFp) ?? [];
      list.push(f);
      this.byRecipient.set(f.recipientFp, list);
    }
    for (const list of this.byRecipient.values()) list.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  }

  /** The history port as the live index answered at `assessedAt`. */
  asOf(assessedAt: string): RecipientHistory {
    return {
      recentByRecipient: async (fingerprint, since, now) =>
        (this.byRecipient.get(fingerprint) ?? [])
          .filter((f) => f.receivedAt >= since && f.receivedAt <= now && f.firstAssessedAt <= assessedAt)
          .slice(0, LIVE_LIMIT)
          .map(({ itemId, valueEur, receivedAt }) => ({ itemId, valueEur, receivedAt })),
    };
  }
}

/** The receipt period a page's history needs: from the earliest window start to the latest assessment. */
export function historySpan(needs: readonly HistoryNeed[]): { from: string; to: string } | undefined {
  if (needs.length === 0) return undefined;
  let from = needs[0]!.since;
  let to = needs[0]!.now;
  for (const n of needs) {
    if (n.since < from) from = n.since;
    if (n.now > to) to = n.now;
  }
  return { from, to };
}

/** Where a page's history comes from. */
export interface ReplayHistorySource extends RecipientHistory {
  /** When each parcel was first assessed (entered the live index), for those that were. */
  firstAssessedAt(itemIds: string[]): Promise<Map<string, string>>;
  /**
   * The index facts of the destination's parcels first received in [from, to], but those in `except`; 'too-many' when
   * more than `limit` parcels would be read (a busy destination: then one index query per recipient is cheaper).
   */
  historyAround(destinationCountry: string, from: string, to: string, except: ReadonlySet<string>, limit: number): Promise<HistoryFact[] | 'too-many'>;
}

/** Parcels read around a page per recipient that needs a history, at most, before one query per recipient is cheaper. */
export const AROUND_PER_RECIPIENT = 20;

/** A range a pack object holds whole, and where the facts of the parcels before it may come from (the packs). */
export interface Covered {
  first: string;
  last: string;
  /** The facts from `from` on placed before `before`, when the packs hold them all; else undefined. */
  factsBefore?(from: string, before: string): Promise<HistoryFact[] | undefined>;
}

/**
 * The index facts around a page over `span`: the whole span, or when the page holds every parcel of the destination
 * whose position is in `covered` (a pack object), only the span's parts before and after that range, the part before
 * from the packs when they hold it.
 */
async function around(
  source: ReplayHistorySource,
  destinationCountry: string,
  span: { from: string; to: string },
  pageIds: ReadonlySet<string>,
  limit: number,
  covered: Covered | undefined,
): Promise<HistoryFact[] | 'too-many'> {
  if (!covered) return source.historyAround(destinationCountry, span.from, span.to, pageIds, limit);
  const first = positionTime(covered.first);
  const last = positionTime(covered.last);
  const packed = span.from <= first ? await covered.factsBefore?.(span.from, covered.first) : [];
  const facts: HistoryFact[] = [...(packed ?? [])];
  const ranges: [string, string][] = [[last > span.from ? last : span.from, span.to]];
  if (!packed) ranges.unshift([span.from, first < span.to ? first : span.to]);
  let read = 0;
  for (const [from, to] of ranges) {
    if (from > to) continue;
    const found = await source.historyAround(destinationCountry, from, to, pageIds, limit - read);
    if (found === 'too-many') return found;
    read += found.length;
    facts.push(...found);
  }
  return facts;
}

/**
 * The history of a page: its own parcels' facts, and those of the destination's parcels received around it within
 * the windows its parcels need (one walk of the keys-only index and small batched reads; none over the range a pack
 * object covers whole); for a busy destination one index query per recipient of the page, over the union of its
 * parcels' windows, and one batched read of when the parcels found were first assessed.
 */
export async function pageHistory(
  destinationCountry: string,
  own: readonly HistoryFact[],
  pageIds: ReadonlySet<string>,
  needs: readonly HistoryNeed[],
  source: ReplayHistorySource,
  covered?: Covered,
): Promise<PeriodHistory> {
  const span = historySpan(needs);
  if (!span) return new PeriodHistory(own);
  const spans = new Map<string, HistoryNeed[]>();
  for (const n of needs) {
    const list = spans.get(n.recipientFp);
    if (list) list.push(n);
    else spans.set(n.recipientFp, [n]);
  }
  const nearby = await around(source, destinationCountry, span, pageIds, AROUND_PER_RECIPIENT * spans.size, covered);
  if (nearby !== 'too-many') return new PeriodHistory([...own, ...nearby]);
  const found = await mapLimit([...spans], 16, async ([fp, ns]) => {
    const s = historySpan(ns)!;
    return (await source.recentByRecipient(fp, s.from, s.to)).filter((h) => !pageIds.has(h.itemId)).map((h) => ({ ...h, recipientFp: fp }));
  });
  const outside = found.flat();
  const first = await source.firstAssessedAt(outside.map((h) => h.itemId));
  return new PeriodHistory([...own, ...outside.flatMap((h) => (first.has(h.itemId) ? [{ ...h, firstAssessedAt: first.get(h.itemId)! }] : []))]);
}
