// What-if replays as the console shows them (GET /v1/rule-lab/replays/{id}, CONTRACT's rule lab): the period asked
// for, when to poll again and when to give up, and the result's figures in words. Pure: the page only draws them.

export const ENGINE_RESPONSES = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD'] as const;
export type EngineResponse = (typeof ENGINE_RESPONSES)[number];

export interface ReplayProgress {
  parcelsDone: number;
  parcelsTotal: number;
  pagesDone: number;
  pagesTotal: number;
  planned: boolean;
}
export interface RuleHolds {
  ruleId: string;
  holds: number;
}
export interface ReplayResult {
  parcels: number;
  skipped: number;
  confusion: Record<EngineResponse, Record<EngineResponse, number>>;
  changed: number;
  holds: { current: number; candidate: number; added: number; removed: number };
  holdRate: { current: number; candidate: number; change: number };
  outcomes: {
    found: { total: number; currentlyHeld: number; stillHeld: number; released: number };
    nothingFound: { total: number; currentlyHeld: number; stillHeld: number; avoided: number };
  };
  topRules: { addedHolds: RuleHolds[]; removedHolds: RuleHolds[] };
  currentRulesetVersions: string[];
}
export interface ChangedParcel {
  itemId: string;
  receivedAt: string;
  current: { response: string; score: number };
  candidate: { response: string; score: number };
  rulesUp: string[];
  rulesDown: string[];
}
export interface ReplayView {
  id: string;
  status: 'PLANNING' | 'RUNNING' | 'DONE';
  destinationCountry: string;
  from: string;
  to: string;
  ruleset: { rulesetVersion: string };
  progress: ReplayProgress;
  result?: ReplayResult;
  changes?: { items: ChangedParcel[]; cursor?: string };
}

/** A replay in the list of past ones (GET /v1/rule-lab/replays): enough to reopen it. */
export type ListedReplay = Pick<ReplayView, 'id' | 'destinationCountry' | 'from' | 'to' | 'ruleset'> & { createdAt: string };

const DAY = 86_400_000;
/** The default period: the last 28 days, as the date inputs show it (from 28 days ago to today, both whole days). */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(new Date(now.getTime() - 27 * DAY)), to: day(now) };
}

/** Whole days in UTC, as the API takes them: from the first day's start to the last day's end. */
export function periodRequest(from: string, to: string): { from: string; to: string } {
  return { from: `${from}T00:00:00.000Z`, to: `${to}T23:59:59.999Z` };
}

/** How long the page waits for a replay before it stops polling (the replay itself goes on; a reload shows it). */
export const REPLAY_DEADLINE_MS = 10 * 60_000;

export type PollDecision = { next: 'show' } | { next: 'wait'; delayMs: number } | { next: 'give-up' };

/** After an answer: show the result, poll again soon (quickly at first, then every 4 s), or stop at the deadline. */
export function pollDecision(status: ReplayView['status'], polls: number, elapsedMs: number, deadlineMs = REPLAY_DEADLINE_MS): PollDecision {
  if (status === 'DONE') return { next: 'show' };
  const delayMs = Math.min(4000, 250 * 2 ** polls);
  if (elapsedMs + delayMs > deadlineMs) return { next: 'give-up' };
  return { next: 'wait', delayMs };
}

const int = (n: number) => n.toLocaleString('en-GB');

/** "1,200 of 2,000 parcels replayed (60 %)", or the planning still under way. */
export function progressText(p: ReplayProgress): string {
  if (!p.planned && p.parcelsTotal === 0) return 'Listing the parcels of the period…';
  const share = p.parcelsTotal > 0 ? ` (${Math.floor((p.parcelsDone / p.parcelsTotal) * 100)} %)` : '';
  return `${int(p.parcelsDone)} of ${int(p.parcelsTotal)}${p.planned ? '' : '+'} parcels replayed${share}`;
}

export const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;
/** A change of a share in percentage points, always signed: "+12.5 pp", "−3.0 pp", "±0.0 pp". */
export function pointsChange(x: number): string {
  const pp = Math.round(x * 1000) / 10;
  if (pp === 0) return '±0.0 pp';
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}

export interface ResultFigures {
  headline: string;
  holdRate: string;
  found: string;
  avoided: string;
  /** Rows: current response; cells: the candidate's, in ENGINE_RESPONSES order, with the row's total. */
  confusion: { response: EngineResponse; cells: number[]; total: number }[];
  columnTotals: number[];
}

/** The result in the words and numbers the page shows. */
export function resultFigures(r: ReplayResult): ResultFigures {
  const confusion = ENGINE_RESPONSES.map((response) => {
    const cells = ENGINE_RESPONSES.map((c) => r.confusion[response]?.[c] ?? 0);
    return { response, cells, total: cells.reduce((a, b) => a + b, 0) };
  });
  const columnTotals = ENGINE_RESPONSES.map((_, i) => confusion.reduce((s, row) => s + row.cells[i]!, 0));
  const { found, nothingFound } = r.outcomes;
  return {
    headline: `${int(r.parcels)} parcels replayed${r.skipped ? ` (${int(r.skipped)} not yet assessed, skipped)` : ''}: ${int(r.changed)} would get another response.`,
    holdRate: `Hold rate ${percent(r.holdRate.current)} → ${percent(r.holdRate.candidate)} (${pointsChange(r.holdRate.change)}): ${int(r.holds.added)} holds added, ${int(r.holds.removed)} removed.`,
    found: `${int(found.stillHeld)} of ${int(found.total)} parcels found with something wrong would still be stopped (${int(found.released)} released).`,
    avoided: `${int(nothingFound.avoided)} of ${int(nothingFound.total)} inspections that found nothing would be avoided.`,
    confusion,
    columnTotals,
  };
}

/** The rules a changed parcel moved by, in words: "more: DESCRIPTION_GENERIC; less: RESTRICTED_KEYWORD_CANNABIS". */
export const movedBy = (c: ChangedParcel): string =>
  `${c.rulesUp.length ? `more: ${c.rulesUp.join(', ')}` : ''}${c.rulesUp.length && c.rulesDown.length ? '; ' : ''}${c.rulesDown.length ? `less: ${c.rulesDown.join(', ')}` : ''}` || '–';
