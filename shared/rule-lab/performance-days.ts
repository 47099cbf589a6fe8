// Per-day pre-aggregates of rule performance (issue 11, "how it scales"). One aggregate per (day, destination): the
// mergeable accumulator of performance.ts over the parcels first received that day, always recomputed from the stored
// parcels (never counted up as outcomes arrive, so it cannot drift). A write to a parcel of a closed day marks its
// (day, destination) dirty before it lands; the scheduled aggregator recomputes marked days once their marks have
// settled, and walks each newly closed day once. A request merges the fresh aggregates with a live computation of
// the rest (today, partial days at the period's ends, dirty days): the same figures as the direct computation.
import type { ParcelChanges } from '../parcels/changes';
import { mapLimit } from '../util';
import { type ParcelsOfPeriod, type PerformanceAccumulator, type PerformanceReport, addParcel, mergeAccumulators, performanceAccumulator, performanceReport } from './performance';

const DAY_MS = 86_400_000;
/**
 * The longest a parcel write may land after it started: the writing functions' timeouts (30 s at most) plus clock
 * skew between instances, with room. A day is walked only this long after its end, and a mark is trusted this long.
 */
export const SETTLE_MS = 120_000;
/** How long one mark covers an instance's later writes to the same (day, destination): one mark write per window. */
export const MARK_WINDOW_MS = 600_000;
/** How far back the aggregator keeps days: the longest period a request reads (92 days), and one more. */
export const LOOKBACK_DAYS = 93;

export const dayOf = (iso: string): string => iso.slice(0, 10);
export const dayStart = (day: string): string => `${day}T00:00:00.000Z`;
export const dayEnd = (day: string): string => `${day}T23:59:59.999Z`;
/** The first instant after the day, in ms. */
const afterDay = (day: string): number => Date.parse(dayStart(day)) + DAY_MS;
export const nextDay = (day: string): string => new Date(Date.parse(dayStart(day)) + DAY_MS).toISOString().slice(0, 10);
/** A day is closed once no write to its parcels started before its end can still land. */
export const isClosed = (day: string, nowMs: number): boolean => afterDay(day) + SETTLE_MS <= nowMs;

/** A day's state: when its parcels were first walked (every destination's aggregate written), and the marks not yet cleared. */
export interface DayState {
  walkedAt?: string;
  /**
   * Whether the walk (or a later pass) packed every destination with parcels that day (./replay-packs.ts): true, one
   * without a pack had none; false, packing was tried and some destination got none (too large); absent, not tried.
   */
  packed?: boolean;
  /** destination → the instant until which a marked write to one of its parcels of the day may land */
  marks: Record<string, string>;
}

export interface DayAggregate {
  destinationCountry: string;
  /** When the aggregator began reading the parcels: the aggregate holds every write that landed before. */
  coveredAt: string;
  acc: PerformanceAccumulator;
}

export interface PerformanceDayStore {
  /** Notes that a write to a parcel of (day, destination) may land until `until` (the latest mark is kept). */
  markChanged(day: string, destinationCountry: string, until: string): Promise<void>;
  /** Clears a mark, only if it is still `until` (a later mark stays). */
  clearMark(day: string, destinationCountry: string, until: string): Promise<void>;
  states(days: readonly string[]): Promise<Map<string, DayState>>;
  /** A day's stored aggregates (one destination's, or every one's), and the destinations whose aggregate is half written. */
  aggregates(day: string, destinationCountry?: string): Promise<{ aggregates: DayAggregate[]; incomplete: string[] }>;
  putAggregate(day: string, aggregate: DayAggregate): Promise<void>;
  setWalked(day: string, at: string, packed?: boolean): Promise<void>;
}

/**
 * The write path's side (ParcelChanges): a parcel of a day still open needs no mark (its day is walked only after
 * every such write has landed); one of a closed day marks (day, destination) for MARK_WINDOW_MS, once per instance
 * per window, so many writes to the same day cost one small write.
 */
export function dayMarker(store: Pick<PerformanceDayStore, 'markChanged'>, nowMs: () => number): ParcelChanges & { cached(): number } {
  const marked = new Map<string, number>();
  return {
    async willChange(p) {
      const day = dayOf(p.receivedAt);
      const now = nowMs();
      if (now < afterDay(day)) return;
      const key = `${day}#${p.declaration.destinationCountry}`;
      if ((marked.get(key) ?? 0) >= now + SETTLE_MS) return;
      const until = now + MARK_WINDOW_MS;
      await store.markChanged(day, p.declaration.destinationCountry, new Date(until).toISOString());
      marked.delete(key);
      marked.set(key, until);
      if (marked.size > 1000) marked.delete(marked.keys().next().value!);
    },
    cached: () => marked.size,
  };
}

/** A day's aggregates for a scope if they are fresh (walked, and every relevant mark covered), else undefined. */
export function freshAggregates(scope: { destinationCountry?: string }, state: DayState | undefined, stored: { aggregates: DayAggregate[]; incomplete: string[] }): DayAggregate[] | undefined {
  if (!state?.walkedAt) return undefined;
  const dest = scope.destinationCountry;
  const aggregates = dest ? stored.aggregates.filter((a) => a.destinationCountry === dest) : stored.aggregates;
  if (stored.incomplete.some((d) => !dest || d === dest)) return undefined;
  for (const [d, until] of Object.entries(state.marks)) {
    if (dest && d !== dest) continue;
    const a = aggregates.find((x) => x.destinationCountry === d);
    if (!a || a.coveredAt <= until) return undefined;
  }
  return aggregates;
}

/** The parts of a period a request computes live: every instant of it outside the fresh days, as few ranges as possible. */
export function liveRanges(period: { from: string; to: string }, fresh: ReadonlySet<string>): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  for (let day = dayOf(period.from); day <= dayOf(period.to); day = nextDay(day)) {
    if (fresh.has(day)) continue;
    const from = period.from > dayStart(day) ? period.from : dayStart(day);
    const to = period.to < dayEnd(day) ? period.to : dayEnd(day);
    const last = ranges[ranges.length - 1];
    if (last && last.to === dayEnd(prevDay(day)) && from === dayStart(day)) last.to = to;
    else ranges.push({ from, to });
  }
  return ranges;
}
const prevDay = (day: string): string => new Date(Date.parse(dayStart(day)) - DAY_MS).toISOString().slice(0, 10);

/** The days wholly inside a period and closed: those an aggregate may stand for. */
export function aggregatableDays(period: { from: string; to: string }, nowMs: number): string[] {
  const days: string[] = [];
  for (let day = dayOf(period.from); day <= dayOf(period.to); day = nextDay(day)) if (period.from <= dayStart(day) && dayEnd(day) <= period.to && isClosed(day, nowMs)) days.push(day);
  return days;
}

export interface PerformanceDaysPorts {
  parcels: ParcelsOfPeriod;
  days: PerformanceDayStore;
  now(): Date;
}

export interface MergedPerformance {
  report: PerformanceReport;
  /** The days answered by their stored aggregates. */
  aggregatedDays: string[];
  /** The ranges read from the parcels. */
  liveRanges: { from: string; to: string }[];
}

/** Rule performance over a period: the fresh day aggregates merged, the rest read from the parcels. Equal to rulePerformance(). */
export async function rulePerformanceByDays(
  ports: Pick<PerformanceDaysPorts, 'parcels' | 'now'> & { days: Pick<PerformanceDayStore, 'states' | 'aggregates'> },
  period: { from: string; to: string; destinationCountry?: string },
): Promise<MergedPerformance> {
  const scope = period.destinationCountry ? { destinationCountry: period.destinationCountry } : {};
  const candidates = aggregatableDays(period, ports.now().getTime());
  const states = candidates.length > 0 ? await ports.days.states(candidates) : new Map<string, DayState>();
  const found = await mapLimit(candidates, 8, async (day) =>
    states.get(day)?.walkedAt ? freshAggregates(scope, states.get(day), await ports.days.aggregates(day, scope.destinationCountry)) : undefined,
  );
  const acc = performanceAccumulator();
  const fresh = new Set<string>();
  candidates.forEach((day, i) => {
    if (!found[i]) return;
    fresh.add(day);
    for (const a of found[i]) mergeAccumulators(acc, a.acc);
  });
  const live = liveRanges(period, fresh);
  for (const r of live) await ports.parcels.forEachPage(scope, r.from, r.to, (page) => page.forEach((p) => addParcel(acc, p)));
  return { report: performanceReport(acc, period), aggregatedDays: [...fresh], liveRanges: live };
}
