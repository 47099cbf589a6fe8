// GET /v1/rule-lab/replays/{id}: progress while it runs, then the result and the changed parcels, a page at a time.
import type { Principal } from '../auth/principal';
import type { ReplayFailure, ReplayMeta, ReplayPlan, ReplayPorts, ReplayProgress } from './replay';
import { REPLAY_STALLED_AFTER_MS, isReplayId } from './replay';
import * as z from 'zod';
import { CountryCode } from '../ead/schema';
import type { Position } from '../page';
import { mayReadReplay, replayScope } from './replay-request';
import { type ChangedParcel, type ReplaySummary, summarise } from './replay-result';

export const CHANGES_PAGE = 50;

export type ReplayStatus = 'PLANNING' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ReplayView {
  id: string;
  status: ReplayStatus;
  destinationCountry: string;
  from: string;
  to: string;
  ruleset: { rulesetVersion: string };
  createdAt: string;
  /** When FAILED: why (a step or page that failed its last try, or no progress for too long) and since when. */
  failure?: ReplayFailure;
  progress: { parcelsDone: number; parcelsTotal: number; pagesDone: number; pagesTotal: number; planned: boolean };
  /** When DONE: the figures, and the rulesets that judged the parcels live (and in shadow). */
  result?: ReplaySummary & { currentRulesetVersions: string[]; shadowRulesetVersions: string[] };
  /** When DONE: the parcels whose response the candidate changes, in order of receipt; where the next page starts (the API's `cursor`). */
  changes?: { items: ChangedParcel[]; next?: Position };
}

export type ReadOutcome = { outcome: 'found'; view: ReplayView } | { outcome: 'refused'; code: 'NOT_FOUND' | 'INVALID_CURSOR'; detail: string };

/** Why a replay that is not done has stopped: a recorded failure, or nothing completed for REPLAY_STALLED_AFTER_MS. */
function failureOf(meta: ReplayMeta & ReplayPlan, progress: ReplayProgress, now: string): ReplayFailure | undefined {
  if (meta.failure) return meta.failure;
  const last = [meta.createdAt, meta.plannedAt, progress.lastPageAt].reduce<string>((a, b) => (b !== undefined && b > a ? b : a), meta.createdAt);
  const stalledAt = Date.parse(last) + REPLAY_STALLED_AFTER_MS;
  if (Date.parse(now) < stalledAt) return undefined;
  return { reason: `no plan step or page completed for ${REPLAY_STALLED_AFTER_MS / 60_000} minutes: its messages are in the replay queue's DLQ`, at: new Date(stalledAt).toISOString() };
}

/** A replay as GET shows it; `after`: a position of its changed parcels (a decoded cursor of an earlier page). */
export async function readReplay(p: Principal, id: string, after: Position | undefined, ports: Pick<ReplayPorts, 'replays' | 'now'>): Promise<ReadOutcome> {
  const notFound = { outcome: 'refused', code: 'NOT_FOUND', detail: 'no replay with that id that this key may see' } as const;
  if (!isReplayId(id)) return notFound;
  if (after && !ports.replays.isChangesPosition(id, after)) return { outcome: 'refused', code: 'INVALID_CURSOR', detail: 'use the cursor of a previous page as it was given' };
  const meta = await ports.replays.get(id);
  if (!meta || !mayReadReplay(p, meta)) return notFound;
  const progress = await ports.replays.progress(id);
  const parcelsDone = (progress.counts.parcels ?? 0) + (progress.counts.skipped ?? 0);
  const done = meta.planned && progress.pagesDone >= meta.pagesTotal;
  const failure = done ? undefined : failureOf(meta, progress, ports.now());
  const view: ReplayView = {
    id,
    status: done ? 'DONE' : failure ? 'FAILED' : meta.planned ? 'RUNNING' : 'PLANNING',
    destinationCountry: meta.destinationCountry,
    from: meta.from,
    to: meta.to,
    ruleset: { rulesetVersion: meta.candidate.rulesetVersion },
    createdAt: meta.createdAt,
    ...(failure ? { failure } : {}),
    progress: { parcelsDone, parcelsTotal: meta.parcelsTotal, pagesDone: progress.pagesDone, pagesTotal: meta.pagesTotal, planned: meta.planned },
  };
  if (!done) return { outcome: 'found', view };
  const changes = await ports.replays.changes(id, after, CHANGES_PAGE);
  view.result = { ...summarise(progress.counts), currentRulesetVersions: progress.currentVersions, shadowRulesetVersions: progress.shadowVersions };
  view.changes = changes;
  return { outcome: 'found', view };
}

export const ReplayListQuery = z.strictObject({
  destinationCountry: CountryCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});

/**
 * Past replays of one destination, newest first (to reopen one by id). Scoped as a replay is read: customs its own
 * country (another is 403), admin the country it names; others 403.
 */
export async function listReplays(p: Principal, q: { destinationCountry?: string; limit: number; after?: Position }, ports: Pick<ReplayPorts, 'replays'>) {
  const scope = replayScope(p, q.destinationCountry);
  if ('code' in scope) return scope;
  if (q.after && !ports.replays.isListPosition(scope.destinationCountry, q.after)) return { code: 'INVALID_CURSOR', detail: 'use the cursor of a previous page as it was given' } as const;
  return ports.replays.list(scope.destinationCountry, q.limit, q.after);
}
