// The assess stage's work on one queued parcel version: validate (unless ingest just did), risk-score, decide, record.
// Idempotent: a redelivered, stale or already-decided message changes nothing.
import { validateDeclaration } from '../ead/validate';
import { type RecipientHistory, type RiskEngine } from '../risk';
import { edifact7365 } from '../risk/response';
import type { RulesetResolver } from '../rule-lab/engines';
import { type ClearanceLookup, assessWithClearances } from './cleared-assessment';
import { type EventPublisher, eventsOf } from './events';
import type { ParcelChanges } from './changes';
import { type AssessMessage, AssessMessageSchema } from './messages';
import { type AssessmentRecord, type CustomsResponse, ENGINE, type HistoryEntry, type Parcel, type StoredAssessment, amendmentTimes, mayEngineIssue } from './parcel';
import type { Clock } from '../util';

/** A message that can never be processed: reported as failed until the queue moves it to its DLQ. */
export class PoisonMessage extends Error {
  override name = 'PoisonMessage';
}

export interface AssessPorts {
  store: RecipientHistory & {
    get(itemId: string): Promise<Parcel | undefined>;
    /** Consistent reads of many parcels at once (the assess handler gathers a batch's reads: gathered-reads.ts). */
    getMany?(itemIds: string[], opts: { consistent: true }): Promise<Parcel[]>;
    /**
     * Records the assessment of one version (and the engine's response when it is issued) if the parcel still has
     * `historyLength` entries and that version is stored and not yet assessed; false otherwise.
     */
    recordAssessment(args: AssessmentRecord): Promise<boolean>;
  };
  engine: RiskEngine;
  /** The rule lab: the active ruleset of the parcel's destination (instead of `engine`) and the shadow beside it. */
  rulesets?: RulesetResolver;
  events: EventPublisher;
  now: Clock;
  /** Officers' sanctions clearances (shared/parcels/clearances.ts); none when absent. */
  clearances?: ClearanceLookup;
  /** Told before a parcel is written (rule performance's day aggregates); none when absent. */
  changes?: ParcelChanges;
}

/** Publishes the events of one version. Called again when a stage is retried: event ids repeat, nothing is lost. */
async function publishVersion(parcel: Parcel, version: number, events: EventPublisher): Promise<void> {
  const first = parcel.history.findIndex((h) => h.version === version);
  if (first < 0) return;
  await events.publish(eventsOf(parcel, first + 1).filter((e) => e.event.data.version === version));
}

export type AssessOutcome = { outcome: 'assessed'; parcel: Pick<Parcel, 'itemId' | 'version'>; customsResponse: CustomsResponse; issued: boolean } | { outcome: 'skipped'; reason: string };

/**
 * The declaration to assess: the stored one as ingest validated and normalised it when the message says so (its
 * digest is the stored declarationHash); otherwise (a reconciled version) validated again under today's rules.
 */
const checkedDeclaration = (parcel: Parcel, digest: string | undefined) =>
  digest !== undefined && digest === parcel.declarationHash ? { ok: true as const, declaration: parcel.declaration } : validateDeclaration(parcel.declaration);

/** The engine's verdict on one version: a validated declaration is risk-scored; one the rules no longer accept is sent back for amendment. */
export async function judge(parcel: Parcel, version: number, ports: AssessPorts, now: string, digest?: string) {
  const { engine, shadow } = ports.rulesets ? await ports.rulesets.forDestination(parcel.declaration.destinationCountry) : { engine: ports.engine, shadow: undefined };
  const checked = checkedDeclaration(parcel, digest);
  if (!checked.ok) {
    const assessment: StoredAssessment = { score: 0, level: 'LOW', hits: [], rulesetVersion: engine.config.rulesetVersion, assessedAt: now, version };
    return { assessment, type: 'parcel.rejected' as const, code: 'INFORMATION_REQUESTED' as const, reasons: checked.errors.map((e) => `${e.code} at ${e.pointer}: ${e.detail}`) };
  }
  const facts = { amendments: amendmentTimes(parcel) };
  const result = await assessWithClearances(engine, checked.declaration, ports.store, now, facts, ports.clearances);
  const valueEur = engine.valueEur(checked.declaration);
  const recipient = engine.needsHistory(checked.declaration) && valueEur !== undefined ? { fingerprint: result.recipientFingerprint, valueEur } : undefined;
  // The shadow's answer is only recorded: a shadow that fails leaves the live assessment alone.
  const shadowed = shadow && (await assessWithClearances(shadow, checked.declaration, ports.store, now, facts, ports.clearances).catch(() => undefined));
  const assessment: StoredAssessment = { ...result.assessment, assessedAt: now, version, ...(shadowed ? { shadow: { ...shadowed.assessment, engineResponse: shadowed.customsResponse.code } } : {}) };
  return { assessment, type: 'parcel.assessed' as const, code: result.customsResponse.code, reasons: result.customsResponse.reasons, recipient };
}

/**
 * What the engine's verdict on a version writes: the assessment (with the engine's own answer), its history entries,
 * and the response, issued only where no officer's decision or hold stands against it (mayEngineIssue).
 */
export function verdictRecord(parcel: Parcel, version: number, verdict: Pick<Awaited<ReturnType<typeof judge>>, 'assessment' | 'type' | 'code' | 'reasons'>, now: string) {
  const issued = mayEngineIssue(parcel, version, verdict.code);
  const assessment: StoredAssessment = { ...verdict.assessment, engineResponse: verdict.code };
  const history: HistoryEntry[] = [{ at: now, type: verdict.type, version, status: parcel.status }];
  const response: CustomsResponse = { code: verdict.code, edifact7365: edifact7365(verdict.code), issuedAt: now, issuedBy: ENGINE, reasons: verdict.reasons };
  if (issued) history.push({ at: now, type: 'customs.response.issued', version, status: verdict.code, code: verdict.code, issuedBy: ENGINE, reasons: verdict.reasons });
  // What the store records (the customs response only where the engine issues it), and the parcel once it has.
  const record = { itemId: parcel.itemId, version, historyLength: parcel.history.length, assessment, history, ...(issued ? { customsResponse: response } : {}) };
  const updated: Parcel = {
    ...parcel,
    status: issued ? verdict.code : parcel.status,
    updatedAt: now,
    assessment,
    customsResponse: issued ? response : parcel.customsResponse,
    history: [...parcel.history, ...history],
  };
  return { issued, record, updated };
}

export async function assessQueuedParcel(body: string, ports: AssessPorts): Promise<AssessOutcome> {
  let msg: AssessMessage;
  try {
    msg = AssessMessageSchema.parse(JSON.parse(body));
  } catch {
    throw new PoisonMessage('the message is not { itemId, version }');
  }
  const parcel = await ports.store.get(msg.itemId);
  if (!parcel) throw new PoisonMessage(`no stored parcel ${msg.itemId}`);
  if (parcel.version > msg.version) return { outcome: 'skipped', reason: `version ${msg.version} was amended by version ${parcel.version}` };
  if (parcel.version < msg.version) throw new Error(`version ${msg.version} of ${msg.itemId} is not stored yet`);
  if ((parcel.assessment?.version ?? 0) >= msg.version) {
    // Assessed already: perhaps publishing failed last time, so publish this version's events again.
    await publishVersion(parcel, msg.version, ports.events);
    return { outcome: 'skipped', reason: `version ${msg.version} is already assessed` };
  }

  const now = ports.now().toISOString();
  const verdict = await judge(parcel, msg.version, ports, now, msg.digest);
  // The engine's answer is always recorded; it becomes the customs response only where no officer's decision or
  // hold stands against it (an officer decided on this version, or it would weaken a binding response).
  const { issued, record, updated } = verdictRecord(parcel, msg.version, verdict, now);
  await ports.changes?.willChange(parcel);
  const recorded = await ports.store.recordAssessment({ ...record, recipient: verdict.recipient, parcel });
  if (!recorded) {
    const now2 = await ports.store.get(msg.itemId);
    if (!now2 || now2.version > msg.version || (now2.assessment?.version ?? 0) >= msg.version) return { outcome: 'skipped', reason: `version ${msg.version} was assessed or amended concurrently` };
    throw new Error(`${msg.itemId} changed while version ${msg.version} was assessed; retrying`);
  }
  await publishVersion(updated, msg.version, ports.events);
  return { outcome: 'assessed', parcel: { itemId: msg.itemId, version: msg.version }, customsResponse: updated.customsResponse!, issued };
}
