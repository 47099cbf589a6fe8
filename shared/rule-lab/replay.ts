// What-if replay (CONTRACT section 7): a candidate ruleset run over a destination's stored traffic of a period, by the
// same engine as live traffic, fanned out in pages over a queue. Planning walks the period's keys (a keys-only index)
// in steps, each step queueing its pages and the next step; each page replays its parcels and adds its counts once
// (the store refuses a page it already counted). A replay reads parcels and never writes one, nor publishes an event.
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Principal } from '../auth/principal';
import type { RiskEngine } from '../risk';
import type { RulesConfig } from '../risk/config/schema';
import type { Page, Position } from '../page';
import { recipientFingerprint } from '../risk/fingerprint';
import { type Covered, type HistoryNeed, type ReplayHistorySource, pageHistory } from './replay-history';
import { type ReplaySource, historyFactOf, judgedDeclaration, replayParcel } from './replay-parcel';
import { destinationPrefix, packedFactsBefore, readPart } from './replay-packs';
import { type Counts, type ChangedParcel, type PageTally, tally } from './replay-result';
import { type Refusal, type ReplayRequest, type RulesetSource, candidateRuleset, replayScope } from './replay-request';
import { PAGE_SIZE, type ReplayPacks, planStep, rangeSources } from './replay-plan';

export { PAGE_SIZE, PAGES_PER_STEP, STEP_PAGES } from './replay-plan';

/** Replays are kept this long, then expire (DynamoDB TTL). */
export const REPLAY_RETENTION_DAYS = 30;
/** The replay queue's maxReceiveCount (infra/topology.ts; a test keeps them equal): the last try of a message. */
export const REPLAY_MAX_RECEIVES = 5;
/**
 * A replay none of whose steps or pages completed for this long has stopped: its messages were tried
 * REPLAY_MAX_RECEIVES times each, one visibility timeout (6 min) apart, and went to the DLQ (or were lost).
 */
export const REPLAY_STALLED_AFTER_MS = (REPLAY_MAX_RECEIVES + 1) * 6 * 60_000;

export interface ReplayMeta {
  id: string;
  destinationCountry: string;
  /** ISO, normalised: the period of first receipt, inclusive. */
  from: string;
  to: string;
  candidate: RulesConfig;
  createdAt: string;
  createdBy: string;
}

export interface ReplayPlan {
  /** The next plan step to record; every step before it has queued its pages. */
  planStep: number;
  planned: boolean;
  /** Where the next plan step starts (the last position planned), while planning goes on. */
  planAfter?: string;
  pagesTotal: number;
  parcelsTotal: number;
  /** Why the replay stopped, and when: a step or page that failed its last try. */
  failure?: ReplayFailure;
  /** When the last plan step was recorded. */
  plannedAt?: string;
}

/** A replay in the listing: enough to choose one and reopen it (GET /v1/rule-lab/replays/{id}). */
export interface ListedReplay {
  id: string;
  destinationCountry: string;
  from: string;
  to: string;
  ruleset: { rulesetVersion: string };
  createdAt: string;
}

export interface ReplayFailure {
  reason: string;
  at: string;
}

export interface ReplayProgress {
  counts: Counts;
  pagesDone: number;
  currentVersions: string[];
  shadowVersions: string[];
  /** When a page was last counted. */
  lastPageAt?: string;
}

export interface ReplayRepository {
  create(meta: ReplayMeta, expiresAtEpochSeconds: number): Promise<void>;
  get(id: string): Promise<(ReplayMeta & ReplayPlan) | undefined>;
  /**
   * Records plan step `step` if it is the next one, with the position the next step starts after (none: planning is
   * over): 'early' when an earlier step is not recorded yet, 'done' when this one was already.
   */
  recordPlanStep(id: string, step: number, added: { pages: number; parcels: number }, next: string | undefined, at?: string): Promise<'recorded' | 'early' | 'done'>;
  /**
   * Records plan step `step`'s next packed day (none: undefined) if the step has none recorded and is the next one
   * to record; answers the choice recorded for it. Throws when the step was recorded meanwhile.
   */
  recordStepChoice(id: string, step: number, packedDay: string | undefined): Promise<string | undefined>;
  /** Marks the replay FAILED with a reason; the first failure recorded stays. */
  fail(id: string, failure: ReplayFailure): Promise<void>;
  /** Stores the page's changed parcels and adds its counts, once: false when this page was counted already. */
  recordPage(id: string, page: number, t: PageTally, at?: string): Promise<boolean>;
  progress(id: string): Promise<ReplayProgress>;
  /** The changed parcels in order of receipt, a page at a time. */
  changes(id: string, after: Position | undefined, limit: number): Promise<Page<ChangedParcel>>;
  /** Whether a decoded cursor is a position of changes() for that replay. */
  isChangesPosition(id: string, position: Position): boolean;
  /** The replays of a destination, newest first, a page at a time. */
  list(destinationCountry: string, limit: number, after: Position | undefined): Promise<Page<ListedReplay>>;
  /** Whether a decoded cursor is a position of list() for that destination. */
  isListPosition(destinationCountry: string, position: Position): boolean;
}

export interface ReplayParcelSource extends ReplayHistorySource {
  /** Positions of the destination's parcels first received in [from, to], oldest first, after `after`. */
  periodPage(destinationCountry: string, from: string, to: string, after: string | undefined, limit: number): Promise<{ items: { itemId: string; position: string }[]; next?: string }>;
  /** The stored parcels (those that exist) with what a replay reads of them. */
  parcels(itemIds: string[]): Promise<ReplaySource[]>;
}

export interface ReplayPorts {
  replays: ReplayRepository;
  parcels: ReplayParcelSource;
  rulesets: RulesetSource;
  enqueue(messages: ReplayMessage[]): Promise<void>;
  /** The packed days (./replay-packs.ts); without them every day is read parcel by parcel. */
  packs?: ReplayPacks;
  /** The engine of a replay's candidate (callers may cache it per replay id). */
  engineFor(meta: ReplayMeta): RiskEngine;
  now(): string;
}

const ReplayId = z.string().regex(/^rpl_[A-Za-z0-9_-]{22}$/);
export const isReplayId = (s: string): boolean => ReplayId.safeParse(s).success;

export const ReplayMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('plan'), replayId: ReplayId, step: z.number().int().min(0), after: z.string().max(256).optional() }),
  z.strictObject({ kind: z.literal('page'), replayId: ReplayId, page: z.number().int().min(0), itemIds: z.array(z.string().max(64)).max(PAGE_SIZE) }),
  z.strictObject({
    kind: z.literal('pack'),
    replayId: ReplayId,
    page: z.number().int().min(0),
    key: z.string().max(256),
    count: z.number().int().min(0),
    first: z.string().max(256),
    last: z.string().max(256),
  }),
]);
export type ReplayMessage = z.output<typeof ReplayMessageSchema>;

/** What creating and reading a replay need (the API): no engine, no parcels. */
export type ReplayApiPorts = Pick<ReplayPorts, 'replays' | 'rulesets' | 'enqueue' | 'now'>;

/** Creates a replay and queues its first plan step. */
export async function startReplay(p: Principal, request: ReplayRequest, ports: ReplayApiPorts): Promise<{ id: string } | Refusal> {
  const scope = replayScope(p, request.destinationCountry);
  if ('code' in scope) return scope;
  const candidate = await candidateRuleset(request.ruleset, ports.rulesets);
  if ('code' in candidate) return candidate;
  const now = ports.now();
  const meta: ReplayMeta = {
    id: `rpl_${randomBytes(16).toString('base64url')}`,
    destinationCountry: scope.destinationCountry,
    from: new Date(request.from).toISOString(),
    to: new Date(request.to).toISOString(),
    candidate,
    createdAt: now,
    createdBy: p.keyId,
  };
  await ports.replays.create(meta, Math.floor(Date.parse(now) / 1000) + REPLAY_RETENTION_DAYS * 86_400);
  await ports.enqueue([{ kind: 'plan', replayId: meta.id, step: 0 }]);
  return { id: meta.id };
}

export type ReplayWork = { outcome: 'done' | 'skipped'; reason?: string };

/**
 * One plan step: the next keys of the period, queued as pages; once the step is recorded, the next step is queued.
 * A crash before the record repeats the step (its pages count once); a crash after it leaves the next step unqueued,
 * so a redelivered step that finds itself recorded queues its successor again (from the position it recorded).
 */
async function plan(msg: Extract<ReplayMessage, { kind: 'plan' }>, meta: ReplayMeta & ReplayPlan, ports: ReplayPorts, redelivered: boolean): Promise<ReplayWork> {
  const next = (after: string): ReplayMessage => ({ kind: 'plan', replayId: meta.id, step: msg.step + 1, after });
  if (meta.planStep > msg.step) {
    if (redelivered && meta.planStep === msg.step + 1 && !meta.planned && meta.planAfter) await ports.enqueue([next(meta.planAfter)]);
    return { outcome: 'skipped', reason: `plan step ${msg.step} is recorded already` };
  }
  if (meta.planStep < msg.step) throw new Error(`plan step ${msg.step} of ${msg.replayId} came before step ${meta.planStep} was recorded; retrying`);
  const planned = await planStep(meta, msg.step, msg.after, { ...ports, chooseStep: (step, day) => ports.replays.recordStepChoice(meta.id, step, day) });
  await ports.enqueue(planned.pages);
  const recorded = await ports.replays.recordPlanStep(meta.id, msg.step, { pages: planned.pages.length, parcels: planned.parcels }, planned.next, ports.now());
  if (recorded === 'early') throw new Error(`plan step ${msg.step} of ${msg.replayId} could not be recorded yet; retrying`);
  if (recorded === 'done') return { outcome: 'skipped', reason: `plan step ${msg.step} was recorded concurrently` };
  if (planned.next) await ports.enqueue([next(planned.next)]);
  return { outcome: 'done' };
}

/**
 * One page: its parcels replayed, each with the recipient history live had when it assessed it (answered from the
 * page's parcels and those around it: ./replay-history.ts), its counts added once.
 */
async function page(msg: Extract<ReplayMessage, { kind: 'page' | 'pack' }>, meta: ReplayMeta, ports: ReplayPorts): Promise<ReplayWork> {
  const engine = ports.engineFor(meta);
  const parcels = msg.kind === 'page' ? await ports.parcels.parcels(msg.itemIds) : await packSources(msg, meta, ports);
  const expected = msg.kind === 'page' ? msg.itemIds.length : msg.count;
  const judged = parcels.flatMap((p) => {
    const j = judgedDeclaration(p);
    return j ? [{ p, j }] : [];
  });
  const needs: HistoryNeed[] = [];
  for (const { p, j } of judged) {
    if (j.declaration && engine.needsHistory(j.declaration)) {
      // The fingerprint the live index keys the parcel by, as stored; hashed again only for a parcel it never entered.
      const recipientFp = p.recipientFp ?? recipientFingerprint(j.declaration.recipient);
      needs.push({ recipientFp, since: engine.historySince(j.stored.assessedAt), now: j.stored.assessedAt });
    }
  }
  const own = parcels.flatMap((p) => historyFactOf(p) ?? []);
  // A pack object holds every parcel of its range: the history around it is read outside that range only.
  const packs = ports.packs;
  const covered: Covered | undefined =
    msg.kind === 'pack'
      ? { first: msg.first, last: msg.last, ...(packs ? { factsBefore: (from: string, before: string) => packedFactsBefore(packs.blobs, packs.days, meta.destinationCountry, from, before) } : {}) }
      : undefined;
  const history = await pageHistory(meta.destinationCountry, own, new Set(parcels.map((p) => p.itemId)), needs, ports.parcels, covered);
  const replayed = [];
  for (const { p, j } of judged) replayed.push(await replayParcel(engine, p, j, (at) => history.asOf(at)));
  const t = tally(replayed, Math.max(0, expected - replayed.length));
  const counted = await ports.replays.recordPage(meta.id, msg.page, t, ports.now());
  return counted ? { outcome: 'done' } : { outcome: 'skipped', reason: `page ${msg.page} was counted already` };
}

/** A pack page's parcels: its object, or when that is gone (or this consumer has no packs) the same range read parcel by parcel. */
async function packSources(msg: Extract<ReplayMessage, { kind: 'pack' }>, meta: ReplayMeta, ports: ReplayPorts): Promise<ReplaySource[]> {
  if (!msg.key.startsWith(destinationPrefix(meta.destinationCountry))) throw new Error(`page ${msg.page} names a pack of another destination`);
  return (ports.packs && (await readPart(ports.packs.blobs, msg.key))) || rangeSources(meta.destinationCountry, msg.first, msg.last, ports.parcels);
}

/** What the last try of a message failed with, as a replay's reason: the step or page, and the error's message. */
const failureReason = (msg: ReplayMessage, err: unknown): string =>
  `${msg.kind === 'plan' ? `plan step ${msg.step}` : `page ${msg.page}`} failed ${REPLAY_MAX_RECEIVES} times; last error: ${(err instanceof Error ? err.message : String(err)).slice(0, 200)}`;

/**
 * A replay queue message. Throws to have it retried (and, past maxReceiveCount, moved to the DLQ); on its last try
 * (`receiveCount` REPLAY_MAX_RECEIVES) a failure also marks the replay FAILED. A failed replay's messages are skipped.
 */
export async function runReplayMessage(body: string, ports: ReplayPorts, opts: { redelivered?: boolean; receiveCount?: number } = {}): Promise<ReplayWork> {
  const parsed = ReplayMessageSchema.safeParse(JSON.parse(body));
  if (!parsed.success) throw new Error('not a replay message');
  const msg = parsed.data;
  try {
    const meta = await ports.replays.get(msg.replayId);
    if (!meta) return { outcome: 'skipped', reason: 'no such replay (expired)' };
    if (meta.failure) return { outcome: 'skipped', reason: 'the replay failed' };
    const redelivered = opts.redelivered ?? (opts.receiveCount ?? 1) > 1;
    return msg.kind === 'plan' ? await plan(msg, meta, ports, redelivered) : await page(msg, meta, ports);
  } catch (err) {
    if ((opts.receiveCount ?? 1) >= REPLAY_MAX_RECEIVES) await ports.replays.fail(msg.replayId, { reason: failureReason(msg, err), at: ports.now() });
    throw err;
  }
}
