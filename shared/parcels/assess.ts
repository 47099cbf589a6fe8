// The process stage's work on one queued parcel version: validate again, risk-score, decide, record.
// Idempotent: a redelivered, stale or already-decided message changes nothing.
import { z } from 'zod';
import { validateDeclaration } from '../ead/validate';
import { assessParcel, type RecipientHistory, type RiskEngine } from '../risk';
import { edifact7365 } from '../risk/response';
import { type EventPublisher, eventsOf } from './events';
import type { CustomsResponse, HistoryEntry, Parcel, RecipientIndexEntry, StoredAssessment } from './parcel';

export const ProcessMessageSchema = z.strictObject({ itemId: z.string().min(1).max(64), version: z.number().int().positive() });

/** A message that can never be processed: reported as failed until the queue moves it to its DLQ. */
export class PoisonMessage extends Error {
  override name = 'PoisonMessage';
}

export interface AssessPorts {
  store: RecipientHistory & {
    get(itemId: string): Promise<Parcel | undefined>;
    recordAssessment(args: { itemId: string; version: number; assessment: StoredAssessment; customsResponse?: CustomsResponse; expectedStatus?: Parcel['status']; history: HistoryEntry[]; recipient?: RecipientIndexEntry }): Promise<boolean>;
  };
  engine: RiskEngine;
  events: EventPublisher;
  now(): string;
}

/** Publishes the events of one version. Called again when a stage is retried: event ids repeat, nothing is lost. */
async function publishVersion(parcel: Parcel, version: number, events: EventPublisher): Promise<void> {
  const first = parcel.history.findIndex((h) => h.version === version);
  if (first < 0) return;
  await events.publish(eventsOf(parcel, first + 1).filter((e) => e.event.data.version === version));
}

export type AssessOutcome = { outcome: 'assessed'; parcel: Pick<Parcel, 'itemId' | 'version'>; customsResponse: CustomsResponse } | { outcome: 'skipped'; reason: string };

export async function assessQueuedParcel(body: string, ports: AssessPorts): Promise<AssessOutcome> {
  let msg: z.output<typeof ProcessMessageSchema>;
  try {
    msg = ProcessMessageSchema.parse(JSON.parse(body));
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
  // An officer may have decided before the engine assessed: the assessment is still recorded, the decision stands.
  const engineAnswers = parcel.status === 'RECEIVED';

  const now = ports.now();
  const checked = validateDeclaration(parcel.declaration);
  let assessment: StoredAssessment;
  let draft: { code: CustomsResponse['code']; reasons: string[] };
  let recipient: RecipientIndexEntry | undefined;
  const history: HistoryEntry[] = [];
  if (checked.ok) {
    const result = await assessParcel(ports.engine, checked.declaration, ports.store, now);
    assessment = { ...result.assessment, assessedAt: now, version: msg.version };
    draft = result.customsResponse;
    const valueEur = ports.engine.valueEur(checked.declaration);
    if (ports.engine.needsHistory(checked.declaration) && valueEur !== undefined) recipient = { fingerprint: result.recipientFingerprint, valueEur };
    history.push({ at: now, type: 'parcel.assessed', version: msg.version });
  } else {
    // The rules changed since it was accepted: the submitter must amend.
    assessment = { score: 0, level: 'LOW', hits: [], rulesetVersion: ports.engine.config.rulesetVersion, assessedAt: now, version: msg.version };
    draft = { code: 'INFORMATION_REQUESTED', reasons: checked.errors.map((e) => `${e.code} at ${e.pointer}: ${e.detail}`) };
    history.push({ at: now, type: 'parcel.rejected', version: msg.version });
  }
  const engineResponse: CustomsResponse = { code: draft.code, edifact7365: edifact7365(draft.code), issuedAt: now, issuedBy: 'risk-engine', reasons: draft.reasons };
  if (engineAnswers) history.push({ at: now, type: 'customs.response.issued', version: msg.version, code: engineResponse.code, issuedBy: 'risk-engine' });
  const customsResponse = engineAnswers ? engineResponse : parcel.customsResponse!;
  const recorded = await ports.store.recordAssessment({
    itemId: msg.itemId, version: msg.version, assessment, history, recipient,
    expectedStatus: parcel.status, customsResponse: engineAnswers ? engineResponse : undefined,
  });
  if (!recorded) {
    const now2 = await ports.store.get(msg.itemId);
    if (!now2 || now2.version > msg.version || (now2.assessment?.version ?? 0) >= msg.version) return { outcome: 'skipped', reason: `version ${msg.version} was assessed or amended concurrently` };
    throw new Error(`${msg.itemId} changed while version ${msg.version} was assessed; retrying`);
  }
  const updated: Parcel = { ...parcel, status: customsResponse.code, updatedAt: now, assessment, customsResponse, history: [...parcel.history, ...history] };
  await publishVersion(updated, msg.version, ports.events);
  return { outcome: 'assessed', parcel: { itemId: msg.itemId, version: msg.version }, customsResponse };
}
