// A rule-performance accumulator as plain JSON, for the per-day aggregates (performance-days.ts): every Map becomes an
// array of entries, and the hold-to-decision durations stay an exact list (sorted), so the median of any merge of
// stored days is the median the direct computation gives, not an estimate.
import type { PerformanceAccumulator } from './performance';

type AccJson = { parcels: number; held: number; outcomes: number; found: number; findings: [string, number][]; decisionSeconds: number[] };
type SideJson = { parcels: number; versions: [string, number][]; byRule: [string, AccJson][]; byResponse: [string, AccJson][] };
export interface AccumulatorJson {
  v: 1;
  parcels: number;
  unassessed: number;
  active: SideJson;
  shadow: SideJson;
  filers: [string, { parcels: number; informationRequested: number; amendedWithin24h: number }][];
}

type Acc = PerformanceAccumulator['active']['byRule'] extends Map<string, infer A> ? A : never;
type Side = PerformanceAccumulator['active'];

const accJson = (a: Acc): AccJson => ({ ...a, findings: [...a.findings], decisionSeconds: [...a.decisionSeconds].sort((x, y) => x - y) });
const sideJson = (s: Side): SideJson => ({
  parcels: s.parcels,
  versions: [...s.versions],
  byRule: [...s.byRule].map(([k, a]) => [k, accJson(a)]),
  byResponse: [...s.byResponse].map(([k, a]) => [k, accJson(a)]),
});

export function accumulatorToJson(acc: PerformanceAccumulator): AccumulatorJson {
  return { v: 1, parcels: acc.parcels, unassessed: acc.unassessed, active: sideJson(acc.active), shadow: sideJson(acc.shadow), filers: [...acc.filers].map(([k, f]) => [k, { ...f }]) };
}

const accOf = (a: AccJson): Acc => ({ ...a, findings: new Map(a.findings), decisionSeconds: [...a.decisionSeconds] });
const sideOf = (s: SideJson): Side => ({
  parcels: s.parcels,
  versions: new Map(s.versions),
  byRule: new Map(s.byRule.map(([k, a]) => [k, accOf(a)])),
  byResponse: new Map(s.byResponse.map(([k, a]) => [k, accOf(a)])),
});

export function accumulatorFromJson(j: AccumulatorJson): PerformanceAccumulator {
  if (j.v !== 1) throw new Error(`unknown accumulator format ${String(j.v)}`);
  return { parcels: j.parcels, unassessed: j.unassessed, active: sideOf(j.active), shadow: sideOf(j.shadow), filers: new Map(j.filers.map(([k, f]) => [k, { ...f }])) };
}
