// One parcel replayed under a candidate ruleset, by the same `assessParcel` as live traffic, with the facts live had:
// the declaration of the version that was assessed (as live judged it: a version live sent back as no longer valid is
// sent back again, one it scored is scored again without validating it a second time, as live does with the stored
// declaration ingest normalised), its amendments until then, the time it was assessed as `now`, and the recipient's
// history as it stood then (./replay-history.ts: the parcels of the window first assessed by that time).
import type { Declaration } from '../ead';
import { type Parcel, type StoredAssessment, amendmentTimes, firstAssessedAt } from '../parcels/parcel';
import { type RecipientHistory, type RiskEngine, assessParcel, decide } from '../risk';
import type { CustomsResponseCode } from '../risk/response';
import type { HistoryFact } from './replay-history';
import type { ReplayedParcel, Verdict } from './replay-result';

/** What a replay reads of a stored parcel (from a pack: only the history entries and hit fields a replay looks at, ./replay-packs.ts packedSource). */
export type ReplaySource = Pick<Parcel, 'itemId' | 'version' | 'receivedAt' | 'declaration' | 'history'> & {
  assessment?: StoredAssessment;
  /** The parcel's place in its destination's period (the list key): changed parcels are listed in this order. */
  position: string;
  /** Its entry in the live recipient index, when it has one. */
  recipientFp?: string;
  valueEur?: number;
};

const verdictOf = (a: Pick<StoredAssessment, 'score' | 'hits'>, response: CustomsResponseCode): Verdict => ({
  response,
  score: a.score,
  hits: a.hits.map((h) => ({ ruleId: h.ruleId, points: h.points, critical: h.critical })),
});

/** When a parcel was first assessed: its first `parcel.assessed` entry. */
export const firstAssessment = firstAssessedAt;

/** A parcel's entry in the live recipient index, with the time it entered it; none when it was never indexed. */
export function historyFactOf(p: Pick<ReplaySource, 'itemId' | 'receivedAt' | 'history' | 'recipientFp' | 'valueEur'>): HistoryFact | undefined {
  const firstAssessedAt = firstAssessment(p);
  if (p.recipientFp === undefined || firstAssessedAt === undefined) return undefined;
  return { itemId: p.itemId, recipientFp: p.recipientFp, valueEur: Number(p.valueEur ?? 0), receivedAt: p.receivedAt, firstAssessedAt };
}

/** The version a replay judges, and the declaration to judge it by: undefined when no version was assessed yet. */
export function judgedDeclaration(p: ReplaySource): { stored: StoredAssessment; declaration?: Declaration } | undefined {
  const stored = p.assessment;
  // An amendment still awaiting its assessment: the stored declaration is not the one judged, nothing to compare.
  if (!stored || stored.version !== p.version) return undefined;
  const last = p.history.filter((h) => h.version === stored.version && (h.type === 'parcel.assessed' || h.type === 'parcel.rejected')).at(-1);
  return last?.type === 'parcel.rejected' ? { stored } : { stored, declaration: p.declaration };
}

/** The candidate's verdict on the assessed version of a parcel, with the history port as live had it then. */
export async function replayParcel(
  engine: RiskEngine,
  p: ReplaySource,
  judged: { stored: StoredAssessment; declaration?: Declaration },
  historyAt: (assessedAt: string) => RecipientHistory,
): Promise<ReplayedParcel> {
  const { stored, declaration } = judged;
  const now = stored.assessedAt;
  const seen = p.history.filter((h) => h.version <= stored.version);
  const current = verdictOf(stored, stored.engineResponse ?? decide(stored).code);
  // The same verdict as live on a declaration the rules no longer accepted: sent back for amendment, no hits.
  const candidate: Verdict = declaration
    ? await assessParcel(engine, declaration, historyAt(now), now, { amendments: amendmentTimes({ history: seen }) }).then((r) => verdictOf(r.assessment, r.customsResponse.code))
    : { response: 'INFORMATION_REQUESTED', score: 0, hits: [] };
  const outcome = p.history.filter((h) => h.type === 'parcel.inspected' && h.result).at(-1)?.result;
  const shadow = stored.shadow;
  return {
    itemId: p.itemId,
    receivedAt: p.receivedAt,
    position: p.position,
    currentRulesetVersion: stored.rulesetVersion,
    current,
    candidate,
    ...(outcome ? { outcome } : {}),
    ...(shadow ? { shadow: { rulesetVersion: shadow.rulesetVersion, response: shadow.engineResponse } } : {}),
  };
}
