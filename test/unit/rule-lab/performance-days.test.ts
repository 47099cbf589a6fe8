// The day aggregates of rule performance: the codec, which days and ranges a request reads where, freshness, the
// writers' marks, and the merge of aggregates with a live read equal to the direct computation (in-memory ports).
import type { HistoryEntry } from '#shared/parcels/parcel';
import type { Hit } from '#shared/risk/types';
import { type ParcelsOfPeriod, type PerformanceParcel, addParcel, mergeAccumulators, performanceAccumulator, performanceReport, rulePerformance } from '#shared/rule-lab/performance';
import { accumulatorFromJson, accumulatorToJson } from '#shared/rule-lab/performance-codec';
import {
  type DayAggregate,
  type DayState,
  MARK_WINDOW_MS,
  type PerformanceDayStore,
  aggregatableDays,
  dayMarker,
  freshAggregates,
  liveRanges,
  rulePerformanceByDays,
} from '#shared/rule-lab/performance-days';
import { aggregateDays } from '#shared/rule-lab/performance-aggregate';

const hit = (ruleId: string, points: number, critical = false) => ({ ruleId, points, critical, message: ruleId }) as unknown as Hit;
const CODES = ['RELEASED', 'HELD_FOR_INSPECTION', 'INFORMATION_REQUESTED', 'DO_NOT_LOAD'] as const;

/** A parcel received at `at`, held or not, with an outcome and an officer's decision for some. */
function parcel(i: number, at: string, dest: string): PerformanceParcel {
  const code = CODES[i % 4]!;
  const later = (min: number) => new Date(Date.parse(at) + min * 60_000).toISOString();
  const history: HistoryEntry[] = [
    { at, type: 'parcel.received', version: 1, status: 'RECEIVED' },
    { at: later(1), type: 'customs.response.issued', version: 1, status: code, code, issuedBy: 'risk-engine' },
  ];
  if ((code === 'HELD_FOR_INSPECTION' || code === 'DO_NOT_LOAD') && i % 3 !== 0) {
    history.push({ at: later(7 + i), type: 'parcel.inspected', version: 1, status: code, result: i % 2 ? 'FOUND' : 'NOTHING_FOUND', findings: i % 2 ? ['COUNTERFEIT'] : [] });
    history.push({ at: later(11 + 3 * i), type: 'customs.response.issued', version: 1, status: 'RELEASED', code: 'RELEASED', issuedBy: 'key_officer' });
  }
  const hits = [
    hit('VALUE_PER_UNIT_LOW', code === 'RELEASED' ? 0 : 50),
    ...(code === 'DO_NOT_LOAD' ? [hit('PROHIBITED_KEYWORD_ARMS', 100, true)] : []),
    ...(i % 5 === 0 ? [hit('COUNTERFEIT_PRONE', 20)] : []),
  ];
  return {
    itemId: `P${i}`,
    submittedBy: `platform:shop-${i % 3}`,
    receivedAt: at,
    destinationCountry: dest,
    status: code,
    assessment: { score: 50, level: 'HIGH', hits, rulesetVersion: i % 7 ? 'v1' : 'v2', assessedAt: later(1), version: 1, engineResponse: code },
    history,
  };
}

const DAYS = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
const parcels = DAYS.flatMap((d, di) => Array.from({ length: 24 }, (_, i) => parcel(di * 100 + i, `${d}T${String(i).padStart(2, '0')}:30:00.000Z`, i % 3 ? 'FR' : 'DE')));

const memoryParcels = (all: PerformanceParcel[]): ParcelsOfPeriod & { reads: number } => {
  const reader = {
    reads: 0,
    forEachPage: async (scope: { destinationCountry?: string }, from: string, to: string, onPage: (p: PerformanceParcel[]) => void) => {
      reader.reads++;
      await Promise.resolve();
      onPage(all.filter((p) => p.receivedAt >= from && p.receivedAt <= to && (!scope.destinationCountry || p.destinationCountry === scope.destinationCountry)));
    },
  };
  return reader;
};

function memoryDays(): PerformanceDayStore & { marks: number } {
  const states = new Map<string, DayState>();
  const aggs = new Map<string, DayAggregate>();
  const state = (day: string) => states.get(day) ?? (states.set(day, { marks: {} }), states.get(day)!);
  const store = {
    marks: 0,
    markChanged: async (day: string, c: string, until: string) => {
      store.marks++;
      const s = state(day);
      if (!s.marks[c] || s.marks[c] < until) s.marks[c] = until;
      await Promise.resolve();
    },
    clearMark: async (day: string, c: string, until: string) => {
      if (state(day).marks[c] === until) delete state(day).marks[c];
      await Promise.resolve();
    },
    states: async (days: readonly string[]) => new Map(await Promise.resolve(days.flatMap((d) => (states.has(d) ? [[d, structuredClone(states.get(d)!)] as const] : [])))),
    aggregates: async (day: string, c?: string) => ({
      aggregates: await Promise.resolve([...aggs].filter(([k]) => k.startsWith(`${day}#${c ?? ''}`)).map(([, a]) => ({ ...a, acc: accumulatorFromJson(accumulatorToJson(a.acc)) }))),
      incomplete: [],
    }),
    putAggregate: async (day: string, a: DayAggregate) => void aggs.set(`${day}#${a.destinationCountry}`, await Promise.resolve(a)),
    setWalked: async (day: string, at: string) => void (state(day).walkedAt = await Promise.resolve(at)),
  };
  return store;
}

describe('the accumulator codec and the merge', () => {
  test('serialised per day and merged back, the days give the report of the whole period', () => {
    const whole = performanceAccumulator();
    parcels.forEach((p) => addParcel(whole, p));
    const merged = performanceAccumulator();
    for (const d of DAYS) {
      const day = performanceAccumulator();
      parcels.filter((p) => p.receivedAt.startsWith(d)).forEach((p) => addParcel(day, p));
      mergeAccumulators(merged, accumulatorFromJson(JSON.parse(JSON.stringify(accumulatorToJson(day)))));
    }
    const period = { from: '2026-11-10T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z' };
    const report = performanceReport(whole, period);
    expect(performanceReport(merged, period)).toEqual(report);
    // The medians merge exactly: the durations are kept, not summarised.
    expect(report.active.byRule.find((r) => r.ruleId === 'VALUE_PER_UNIT_LOW')!.medianHoldToDecisionSeconds).not.toBeNull();
  });
});

describe('which parts of a period come from where', () => {
  const now = Date.parse('2026-11-14T10:00:00.000Z');
  test('only whole days that have closed (and settled) may come from aggregates', () => {
    expect(aggregatableDays({ from: '2026-11-10T12:00:00.000Z', to: '2026-11-14T06:00:00.000Z' }, now)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);
    // 1 minute after midnight a write started before it may still land: the day is not closed yet.
    expect(aggregatableDays({ from: '2026-11-13T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z' }, Date.parse('2026-11-14T00:01:00.000Z'))).toEqual([]);
    expect(aggregatableDays({ from: '2026-11-13T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z' }, Date.parse('2026-11-14T00:02:00.000Z'))).toEqual(['2026-11-13']);
  });
  test('the live ranges are the period without its fresh days, contiguous days joined', () => {
    const period = { from: '2026-11-10T12:00:00.000Z', to: '2026-11-14T06:00:00.000Z' };
    expect(liveRanges(period, new Set(['2026-11-11', '2026-11-13']))).toEqual([
      { from: '2026-11-10T12:00:00.000Z', to: '2026-11-10T23:59:59.999Z' },
      { from: '2026-11-12T00:00:00.000Z', to: '2026-11-12T23:59:59.999Z' },
      { from: '2026-11-14T00:00:00.000Z', to: '2026-11-14T06:00:00.000Z' },
    ]);
    expect(liveRanges(period, new Set())).toEqual([period]);
    expect(liveRanges(period, new Set(['2026-11-11', '2026-11-12', '2026-11-13']))).toEqual([
      { from: '2026-11-10T12:00:00.000Z', to: '2026-11-10T23:59:59.999Z' },
      { from: '2026-11-14T00:00:00.000Z', to: '2026-11-14T06:00:00.000Z' },
    ]);
  });
  test('a day is fresh when walked and every mark of the scope is covered by a later computation', () => {
    const agg = (c: string, coveredAt: string): DayAggregate => ({ destinationCountry: c, coveredAt, acc: performanceAccumulator() });
    const stored = { aggregates: [agg('FR', '2026-11-14T09:00:00.000Z'), agg('DE', '2026-11-14T01:00:00.000Z')], incomplete: [] };
    expect(freshAggregates({ destinationCountry: 'FR' }, { marks: {} }, stored)).toBeUndefined();
    const state: DayState = { walkedAt: '2026-11-14T01:00:00.000Z', marks: { DE: '2026-11-14T08:00:00.000Z', FR: '2026-11-14T08:00:00.000Z' } };
    expect(freshAggregates({ destinationCountry: 'FR' }, state, stored)?.map((a) => a.destinationCountry)).toEqual(['FR']);
    expect(freshAggregates({ destinationCountry: 'DE' }, state, stored)).toBeUndefined();
    expect(freshAggregates({}, state, stored)).toBeUndefined();
    expect(freshAggregates({}, { ...state, marks: { FR: state.marks.FR! } }, stored)).toHaveLength(2);
    expect(freshAggregates({ destinationCountry: 'FR' }, { ...state, marks: {} }, { ...stored, incomplete: ['FR'] })).toBeUndefined();
    // A destination marked but without an aggregate (none written yet) is not fresh either.
    expect(freshAggregates({ destinationCountry: 'IT' }, { ...state, marks: { IT: state.marks.FR! } }, stored)).toBeUndefined();
  });
});

describe('the writers mark a closed day once per window', () => {
  test('an open day costs no write; a closed one one write per (day, destination) and window', async () => {
    const store = memoryDays();
    let now = Date.parse('2026-11-13T22:00:00.000Z');
    const marker = dayMarker(store, () => now);
    const p = { receivedAt: '2026-11-13T08:00:00.000Z', declaration: { destinationCountry: 'FR' } } as never;
    await marker.willChange(p);
    expect(store.marks).toBe(0);
    now = Date.parse('2026-11-14T10:00:00.000Z');
    await marker.willChange(p);
    await marker.willChange(p);
    expect(store.marks).toBe(1);
    expect((await store.states(['2026-11-13'])).get('2026-11-13')!.marks.FR).toBe(new Date(now + MARK_WINDOW_MS).toISOString());
    await marker.willChange({ receivedAt: '2026-11-13T08:00:00.000Z', declaration: { destinationCountry: 'DE' } } as never);
    expect(store.marks).toBe(2);
    // Near the window's end a write could land after it: a new mark.
    now += MARK_WINDOW_MS - 60_000;
    await marker.willChange(p);
    expect(store.marks).toBe(3);
  });
});

describe('aggregates merged with a live read equal the direct computation', () => {
  test('walked, then an outcome on a closed day: dirty (live), recomputed, equal all along', async () => {
    let now = Date.parse('2026-11-13T10:00:00.000Z');
    const all = parcels.map((p) => structuredClone(p));
    const reader = memoryParcels(all);
    const days = memoryDays();
    const ports = { parcels: reader, days, now: () => new Date(now), lookbackDays: 5 };
    const period = { from: '2026-11-10T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z', destinationCountry: 'FR' };
    expect((await aggregateDays(ports)).walked).toEqual(['2026-11-12', '2026-11-11', '2026-11-10', '2026-11-09', '2026-11-08']);
    const first = await rulePerformanceByDays(ports, period);
    expect(first.aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
    expect(first.liveRanges).toEqual([{ from: '2026-11-13T00:00:00.000Z', to: '2026-11-13T23:59:59.999Z' }]);
    expect(first.report).toEqual(await rulePerformance(reader, period));
    expect(await rulePerformanceByDays(ports, { ...period, destinationCountry: undefined })).toMatchObject({ aggregatedDays: first.aggregatedDays });

    // An outcome on a parcel of 11 November, recorded as the write path does: marked, then written.
    const marker = dayMarker(days, () => now);
    const target = all.find((p) => p.receivedAt.startsWith('2026-11-11') && p.destinationCountry === 'FR' && p.status === 'INFORMATION_REQUESTED')!;
    await marker.willChange({ receivedAt: target.receivedAt, declaration: { destinationCountry: 'FR' } } as never);
    target.history.push({ at: new Date(now).toISOString(), type: 'parcel.inspected', version: 1, status: target.status, result: 'FOUND', findings: ['OTHER'] });
    const dirty = await rulePerformanceByDays(ports, period);
    expect(dirty.aggregatedDays).toEqual(['2026-11-10', '2026-11-12']);
    expect(dirty.report).toEqual(await rulePerformance(reader, period));
    expect(dirty.report).not.toEqual(first.report);

    // Before the mark settles the aggregator leaves it; after, it recomputes that one (day, destination).
    expect((await aggregateDays(ports)).recomputed).toEqual([]);
    now += MARK_WINDOW_MS + 1;
    expect(await aggregateDays(ports)).toEqual({ walked: [], recomputed: ['2026-11-11 FR'], left: 0 });
    const after = await rulePerformanceByDays(ports, period);
    expect(after.aggregatedDays).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
    expect(after.report).toEqual(dirty.report);
    // The next day, 13 November is walked too and the whole period comes from aggregates.
    now = Date.parse('2026-11-14T01:00:00.000Z');
    expect(await aggregateDays(ports)).toMatchObject({ walked: ['2026-11-13'], recomputed: [] });
    const reads = reader.reads;
    const whole = await rulePerformanceByDays(ports, period);
    expect(whole).toMatchObject({ aggregatedDays: ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'], liveRanges: [] });
    expect(reader.reads).toBe(reads);
    expect(whole.report).toEqual(dirty.report);
  });
});
