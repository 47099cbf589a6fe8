// Rule performance (issue 11): how each rule and each response code did against the recorded inspection outcomes,
// computed from the stored parcels of a period (never from counters that can drift). A pure accumulator: parcels
// are added page by page, so memory stays bounded by the number of rules, codes and filers, not of parcels, and
// the same accumulator can sum per-day aggregates (README, "how it scales").
import { ENGINE, type Parcel, type StoredAssessment, isHold } from '../parcels/parcel';
import { INSPECTION_FINDINGS } from '../parcels/outcomes';
import type { CustomsResponseCode } from '../risk/response';
import type { Assessment, Hit } from '../risk/types';
import { median, proportion, share } from './statistics';

/** What performance reads of a parcel (the store may project the rest away). */
export type PerformanceParcel = Pick<Parcel, 'itemId' | 'submittedBy' | 'receivedAt' | 'status' | 'assessment' | 'customsResponse' | 'history'> & {
  /** The destination, where the store gives it (the day aggregates group a day's parcels by it). */
  destinationCountry?: string;
};

/** The parcels received in [from, to], bound for one destination or (admin) every one, handed over page by page. */
export interface ParcelsOfPeriod {
  forEachPage(scope: { destinationCountry?: string }, from: string, to: string, onPage: (parcels: PerformanceParcel[]) => void): Promise<void>;
}

interface Acc {
  parcels: number;
  held: number;
  outcomes: number;
  found: number;
  findings: Map<string, number>;
  decisionSeconds: number[];
}
const acc = (): Acc => ({ parcels: 0, held: 0, outcomes: 0, found: 0, findings: new Map(), decisionSeconds: [] });

interface Side {
  byRule: Map<string, Acc>;
  byResponse: Map<string, Acc>;
  versions: Map<string, number>;
  parcels: number;
}
const side = (): Side => ({ byRule: new Map(), byResponse: new Map(), versions: new Map(), parcels: 0 });

export interface PerformanceAccumulator {
  active: Side;
  shadow: Side;
  filers: Map<string, { parcels: number; informationRequested: number; amendedWithin24h: number }>;
  parcels: number;
  unassessed: number;
}
export const performanceAccumulator = (): PerformanceAccumulator => ({ active: side(), shadow: side(), filers: new Map(), parcels: 0, unassessed: 0 });

interface Facts {
  outcome?: { result: 'FOUND' | 'NOTHING_FOUND'; findings: string[] };
  /** Seconds from the first hold to the first officer's decision after it. */
  holdToDecision?: number;
}

const DAY_MS = 86_400_000;

/** The latest inspection outcome, and how long the first hold waited for an officer's decision. */
function factsOf(p: PerformanceParcel): Facts {
  const inspected = p.history.filter((h) => h.type === 'parcel.inspected' && h.result);
  const last = inspected[inspected.length - 1];
  const hold = p.history.find((h) => h.type === 'customs.response.issued' && h.code !== undefined && isHold(h.code));
  const decision = hold && p.history.find((h) => h.type === 'customs.response.issued' && h.issuedBy !== ENGINE && h.at >= hold.at);
  return {
    ...(last ? { outcome: { result: last.result!, findings: last.findings ?? [] } } : {}),
    ...(hold && decision ? { holdToDecision: (Date.parse(decision.at) - Date.parse(hold.at)) / 1000 } : {}),
  };
}

/** The hits a hold stands on: the critical ones for DO_NOT_LOAD, else every hit that weighs (as decide() gives reasons). */
export function decisiveRules(a: Pick<Assessment, 'hits'>, code: CustomsResponseCode | undefined): Set<string> {
  if (!code || !isHold(code)) return new Set();
  const critical = a.hits.filter((h) => h.critical);
  const decisive: Hit[] = code === 'DO_NOT_LOAD' && critical.length > 0 ? critical : a.hits.filter((h) => h.points > 0 || h.critical);
  return new Set(decisive.map((h) => h.ruleId));
}

function count(into: Acc, held: boolean, facts: Facts): void {
  into.parcels++;
  if (held) into.held++;
  if (facts.outcome) {
    into.outcomes++;
    if (facts.outcome.result === 'FOUND') into.found++;
    for (const f of facts.outcome.findings) into.findings.set(f, (into.findings.get(f) ?? 0) + 1);
  }
  if (held && facts.holdToDecision !== undefined) into.decisionSeconds.push(facts.holdToDecision);
}

const get = (m: Map<string, Acc>, k: string): Acc => m.get(k) ?? (m.set(k, acc()), m.get(k)!);

function addSide(s: Side, a: Pick<StoredAssessment, 'hits' | 'rulesetVersion'>, code: CustomsResponseCode | undefined, facts: Facts): void {
  s.parcels++;
  s.versions.set(a.rulesetVersion, (s.versions.get(a.rulesetVersion) ?? 0) + 1);
  const decisive = decisiveRules(a, code);
  for (const ruleId of new Set(a.hits.map((h) => h.ruleId))) count(get(s.byRule, ruleId), decisive.has(ruleId), facts);
  if (code) count(get(s.byResponse, code), isHold(code), facts);
}

function addFiler(acc: PerformanceAccumulator, p: PerformanceParcel): void {
  const f = acc.filers.get(p.submittedBy) ?? { parcels: 0, informationRequested: 0, amendedWithin24h: 0 };
  acc.filers.set(p.submittedBy, f);
  f.parcels++;
  const request = p.history.find((h) => h.type === 'customs.response.issued' && h.code === 'INFORMATION_REQUESTED');
  if (!request) return;
  f.informationRequested++;
  const by = Date.parse(request.at) + DAY_MS;
  if (p.history.some((h) => h.type === 'parcel.received' && h.version > request.version && h.at >= request.at && Date.parse(h.at) <= by)) f.amendedWithin24h++;
}

export function addParcel(acc: PerformanceAccumulator, p: PerformanceParcel): void {
  acc.parcels++;
  addFiler(acc, p);
  const a = p.assessment;
  if (!a) {
    acc.unassessed++;
    return;
  }
  const facts = factsOf(p);
  addSide(acc.active, a, a.engineResponse ?? (p.customsResponse?.issuedBy === ENGINE ? p.customsResponse.code : undefined), facts);
  if (a.shadow) addSide(acc.shadow, a.shadow, a.shadow.engineResponse, facts);
}

function mergeAcc(into: Acc, from: Acc): void {
  into.parcels += from.parcels;
  into.held += from.held;
  into.outcomes += from.outcomes;
  into.found += from.found;
  for (const [k, n] of from.findings) into.findings.set(k, (into.findings.get(k) ?? 0) + n);
  into.decisionSeconds.push(...from.decisionSeconds);
}

function mergeSide(into: Side, from: Side): void {
  into.parcels += from.parcels;
  for (const [v, n] of from.versions) into.versions.set(v, (into.versions.get(v) ?? 0) + n);
  for (const [k, a] of from.byRule) mergeAcc(get(into.byRule, k), a);
  for (const [k, a] of from.byResponse) mergeAcc(get(into.byResponse, k), a);
}

/**
 * Adds one accumulator into another: the accumulator of a period is the merge of its days' accumulators, which is
 * what per-day pre-aggregates (README, "how it scales") rely on. Every figure is a sum over parcels (medians keep
 * their values), so any split of the parcels merges back to the same report.
 */
export function mergeAccumulators(into: PerformanceAccumulator, from: PerformanceAccumulator): PerformanceAccumulator {
  into.parcels += from.parcels;
  into.unassessed += from.unassessed;
  mergeSide(into.active, from.active);
  mergeSide(into.shadow, from.shadow);
  for (const [k, f] of from.filers) {
    const t = into.filers.get(k) ?? { parcels: 0, informationRequested: 0, amendedWithin24h: 0 };
    into.filers.set(k, { parcels: t.parcels + f.parcels, informationRequested: t.informationRequested + f.informationRequested, amendedWithin24h: t.amendedWithin24h + f.amendedWithin24h });
  }
  return into;
}

const row = (a: Acc) => ({
  parcelsHit: a.parcels,
  parcelsHeld: a.held,
  outcomes: a.outcomes,
  found: a.found,
  foundRate: proportion(a.found, a.outcomes),
  findings: Object.fromEntries(INSPECTION_FINDINGS.filter((f) => a.findings.has(f)).map((f) => [f, a.findings.get(f)!])),
  decisions: a.decisionSeconds.length,
  medianHoldToDecisionSeconds: median(a.decisionSeconds),
});
const rows = <K extends string>(m: Map<string, Acc>, key: K) =>
  [...m.entries()].sort(([ka, a], [kb, b]) => b.parcels - a.parcels || (ka < kb ? -1 : 1)).map(([k, a]) => ({ [key]: k, ...row(a) }) as { [P in K]: string } & ReturnType<typeof row>);

const sideReport = (s: Side) => ({ parcels: s.parcels, rulesetVersions: Object.fromEntries(s.versions), byRule: rows(s.byRule, 'ruleId'), byResponse: rows(s.byResponse, 'code') });

export function performanceReport(acc: PerformanceAccumulator, period: { from: string; to: string; destinationCountry?: string }) {
  return {
    period,
    parcels: acc.parcels,
    unassessed: acc.unassessed,
    active: sideReport(acc.active),
    shadow: sideReport(acc.shadow),
    filers: [...acc.filers.entries()]
      .sort(([ka, a], [kb, b]) => b.parcels - a.parcels || (ka < kb ? -1 : 1))
      .map(([submittedBy, f]) => ({
        submittedBy,
        parcels: f.parcels,
        informationRequested: f.informationRequested,
        informationRequestRate: share(f.informationRequested, f.parcels),
        amendedWithin24h: f.amendedWithin24h,
        amendedWithin24hShare: share(f.amendedWithin24h, f.informationRequested),
      })),
  };
}
export type PerformanceReport = ReturnType<typeof performanceReport>;

/** Rule performance over a period: every parcel of it read once, page by page. */
export async function rulePerformance(reader: ParcelsOfPeriod, period: { from: string; to: string; destinationCountry?: string }): Promise<PerformanceReport> {
  const acc = performanceAccumulator();
  await reader.forEachPage({ destinationCountry: period.destinationCountry }, period.from, period.to, (page) => page.forEach((p) => addParcel(acc, p)));
  return performanceReport(acc, period);
}
