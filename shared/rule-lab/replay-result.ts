// What-if replay figures, as pure functions: each replayed parcel becomes a few named counts (tally), counts from any
// number of pages add up (they are merged with DynamoDB ADD, so they must be plain sums), and the summary is read off
// the merged counts (summarise). Nothing here knows about storage or queues.
import { isHold } from '../parcels/parcel';
import type { CustomsResponseCode } from '../risk/response';

/** The responses the engine issues (DETAINED and REFUSED are officers' decisions): the confusion table's rows and columns. */
export const ENGINE_RESPONSES = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD'] as const satisfies readonly CustomsResponseCode[];
export type EngineResponse = (typeof ENGINE_RESPONSES)[number];

export interface JudgedHit {
  ruleId: string;
  points: number;
  critical: boolean;
}

/** One ruleset's verdict on a parcel. */
export interface Verdict {
  response: CustomsResponseCode;
  score: number;
  hits: readonly JudgedHit[];
}

/** A parcel replayed: what the stored (current) assessment said, and what the candidate says on the same facts. */
export interface ReplayedParcel {
  itemId: string;
  receivedAt: string;
  /** The position of the parcel in the period (its list key): the order changed parcels are listed in. */
  position: string;
  currentRulesetVersion: string;
  current: Verdict;
  candidate: Verdict;
  /** The latest inspection outcome recorded on the parcel, if any. */
  outcome?: 'FOUND' | 'NOTHING_FOUND';
  /** The shadow ruleset's would-be response stored with the live assessment, when one ran. */
  shadow?: { rulesetVersion: string; response: CustomsResponseCode };
}

/** A parcel whose response the candidate would change; rules named are those whose points (or criticality) moved. */
export interface ChangedParcel {
  itemId: string;
  receivedAt: string;
  position: string;
  current: { response: CustomsResponseCode; score: number };
  candidate: { response: CustomsResponseCode; score: number };
  rulesUp: string[];
  rulesDown: string[];
}

export type Counts = Record<string, number>;

export interface PageTally {
  counts: Counts;
  currentVersions: string[];
  shadowVersions: string[];
  changed: ChangedParcel[];
}

const weights = (hits: readonly JudgedHit[]) => {
  const m = new Map<string, { points: number; critical: boolean }>();
  for (const h of hits) {
    const w = m.get(h.ruleId) ?? { points: 0, critical: false };
    m.set(h.ruleId, { points: w.points + h.points, critical: w.critical || h.critical });
  }
  return m;
};

/** Rules that weigh more in `to` than in `from` (more points, or critical only in `to`), sorted. */
export function rulesWeighingMore(from: readonly JudgedHit[], to: readonly JudgedHit[]): string[] {
  const a = weights(from);
  const out: string[] = [];
  for (const [ruleId, w] of weights(to)) {
    const before = a.get(ruleId) ?? { points: 0, critical: false };
    if (w.points > before.points || (w.critical && !before.critical)) out.push(ruleId);
  }
  return out.sort();
}

const add = (c: Counts, key: string, n = 1) => void (c[key] = (c[key] ?? 0) + n);
const bit = (b: boolean) => (b ? '1' : '0');

/**
 * The counts of one page. Keys: `parcels`, `skipped` (not assessed yet: nothing to compare), `c|current|candidate`,
 * `o|result|<current holds><candidate holds>` (0/1), `hold+|rule` and `hold-|rule` (a hold the candidate adds or
 * removes, credited to each rule that weighs more, or less, in it), `s|current|shadow`.
 */
export function tally(parcels: readonly ReplayedParcel[], skipped = 0): PageTally {
  const counts: Counts = {};
  const changed: ChangedParcel[] = [];
  const currentVersions = new Set<string>();
  const shadowVersions = new Set<string>();
  if (skipped > 0) add(counts, 'skipped', skipped);
  for (const p of parcels) {
    const cur = p.current.response;
    const cand = p.candidate.response;
    add(counts, 'parcels');
    add(counts, `c|${cur}|${cand}`);
    currentVersions.add(p.currentRulesetVersion);
    const curHold = isHold(cur);
    const candHold = isHold(cand);
    if (p.outcome) add(counts, `o|${p.outcome}|${bit(curHold)}${bit(candHold)}`);
    const up = rulesWeighingMore(p.current.hits, p.candidate.hits);
    const down = rulesWeighingMore(p.candidate.hits, p.current.hits);
    if (!curHold && candHold) for (const r of up) add(counts, `hold+|${r}`);
    if (curHold && !candHold) for (const r of down) add(counts, `hold-|${r}`);
    if (p.shadow) {
      add(counts, `s|${cur}|${p.shadow.response}`);
      shadowVersions.add(p.shadow.rulesetVersion);
    }
    if (cur !== cand) {
      changed.push({
        itemId: p.itemId,
        receivedAt: p.receivedAt,
        position: p.position,
        current: { response: cur, score: p.current.score },
        candidate: { response: cand, score: p.candidate.score },
        rulesUp: up,
        rulesDown: down,
      });
    }
  }
  return { counts, currentVersions: [...currentVersions].sort(), shadowVersions: [...shadowVersions].sort(), changed };
}

/** Counts of several pages added up (what DynamoDB ADD does to the stored counters). */
export function mergeCounts(...all: Counts[]): Counts {
  const out: Counts = {};
  for (const c of all) for (const [k, n] of Object.entries(c)) add(out, k, n);
  return out;
}

export type ConfusionTable = Record<EngineResponse, Record<EngineResponse, number>>;

export interface ReplaySummary {
  parcels: number;
  skipped: number;
  /** Rows: the current response; columns: the candidate's. */
  confusion: ConfusionTable;
  changed: number;
  holds: { current: number; candidate: number; added: number; removed: number };
  /** Shares of the replayed parcels held (HELD_FOR_INSPECTION or DO_NOT_LOAD); change = candidate - current. */
  holdRate: { current: number; candidate: number; change: number };
  outcomes: {
    found: { total: number; currentlyHeld: number; stillHeld: number; released: number };
    nothingFound: { total: number; currentlyHeld: number; stillHeld: number; avoided: number };
  };
  topRules: { addedHolds: { ruleId: string; holds: number }[]; removedHolds: { ruleId: string; holds: number }[] };
  /** Current × shadow responses of the parcels a shadow ruleset also judged live. */
  shadow?: { parcels: number; confusion: ConfusionTable };
}

const emptyTable = (): ConfusionTable => Object.fromEntries(ENGINE_RESPONSES.map((r) => [r, Object.fromEntries(ENGINE_RESPONSES.map((c) => [c, 0]))])) as ConfusionTable;
const isEngineResponse = (s: string): s is EngineResponse => (ENGINE_RESPONSES as readonly string[]).includes(s);

function table(counts: Counts, prefix: string): { table: ConfusionTable; total: number } {
  const t = emptyTable();
  let total = 0;
  for (const [k, n] of Object.entries(counts)) {
    const [p, row, col] = k.split('|');
    if (p !== prefix || !row || !col || !isEngineResponse(row) || !isEngineResponse(col)) continue;
    t[row][col] += n;
    total += n;
  }
  return { table: t, total };
}

function topRules(counts: Counts, prefix: string, limit: number): { ruleId: string; holds: number }[] {
  return Object.entries(counts)
    .filter(([k, n]) => k.startsWith(`${prefix}|`) && n > 0)
    .map(([k, n]) => ({ ruleId: k.slice(prefix.length + 1), holds: n }))
    .sort((a, b) => b.holds - a.holds || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, limit);
}

const holdsIn = (t: ConfusionTable, side: 'row' | 'col') => ENGINE_RESPONSES.reduce((sum, r) => sum + ENGINE_RESPONSES.reduce((s, c) => s + (isHold(side === 'row' ? r : c) ? t[r][c] : 0), 0), 0);

function outcomeFigures(counts: Counts, result: 'FOUND' | 'NOTHING_FOUND') {
  const n = (cur: boolean, cand: boolean) => counts[`o|${result}|${bit(cur)}${bit(cand)}`] ?? 0;
  return { total: n(false, false) + n(false, true) + n(true, false) + n(true, true), currentlyHeld: n(true, false) + n(true, true), stillHeld: n(false, true) + n(true, true) };
}

export function summarise(counts: Counts, opts: { topRules?: number } = {}): ReplaySummary {
  const limit = opts.topRules ?? 10;
  const { table: confusion, total: parcels } = table(counts, 'c');
  const changed = parcels - ENGINE_RESPONSES.reduce((s, r) => s + confusion[r][r], 0);
  let added = 0;
  let removed = 0;
  for (const r of ENGINE_RESPONSES)
    for (const c of ENGINE_RESPONSES) {
      if (!isHold(r) && isHold(c)) added += confusion[r][c];
      if (isHold(r) && !isHold(c)) removed += confusion[r][c];
    }
  const current = holdsIn(confusion, 'row');
  const candidate = holdsIn(confusion, 'col');
  const rate = (n: number) => (parcels === 0 ? 0 : n / parcels);
  const found = outcomeFigures(counts, 'FOUND');
  const nothing = outcomeFigures(counts, 'NOTHING_FOUND');
  const shadow = table(counts, 's');
  return {
    parcels,
    skipped: counts.skipped ?? 0,
    confusion,
    changed,
    holds: { current, candidate, added, removed },
    holdRate: { current: rate(current), candidate: rate(candidate), change: rate(candidate) - rate(current) },
    outcomes: {
      found: { ...found, released: found.total - found.stillHeld },
      nothingFound: { ...nothing, avoided: nothing.total - nothing.stillHeld },
    },
    topRules: { addedHolds: topRules(counts, 'hold+', limit), removedHolds: topRules(counts, 'hold-', limit) },
    ...(shadow.total > 0 ? { shadow: { parcels: shadow.total, confusion: shadow.table } } : {}),
  };
}
