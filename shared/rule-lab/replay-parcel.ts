// One parcel replayed under a candidate ruleset, by the same `assessParcel` as live traffic, with the facts live had:
// the declaration of the version that was assessed, its amendments until then, the time it was assessed as `now`,
// and the recipient's history as it stood then: the parcels of the window that had been assessed by that time (the
// live index holds a parcel from its first assessment on; receipt order alone is not enough: parcels received at
// nearly the same time are assessed in any order).
import { validateDeclaration } from '../ead/validate';
import { type Parcel, type StoredAssessment, amendmentTimes } from '../parcels/parcel';
import { type RecipientHistory, type RiskEngine, assessParcel, decide } from '../risk';
import type { CustomsResponseCode } from '../risk/response';
import type { ReplayedParcel, Verdict } from './replay-result';

/** What a replay reads of a stored parcel. */
export type ReplaySource = Pick<Parcel, 'itemId' | 'version' | 'receivedAt' | 'declaration' | 'history'> & {
  assessment?: StoredAssessment;
  /** The parcel's place in its destination's period (the list key): changed parcels are listed in this order. */
  position: string;
};

const verdictOf = (a: Pick<StoredAssessment, 'score' | 'hits'>, response: CustomsResponseCode): Verdict => ({
  response,
  score: a.score,
  hits: a.hits.map((h) => ({ ruleId: h.ruleId, points: h.points, critical: h.critical })),
});

/** The recipient history, and when each parcel was first assessed (when it entered the live history index). */
export interface ReplayHistory extends RecipientHistory {
  firstAssessedAt(itemIds: string[]): Promise<Map<string, string>>;
}

/** The history port as live saw it at `assessedAt`: the parcels of the window first assessed by then. */
export function historyAsOf(history: ReplayHistory, assessedAt: string): RecipientHistory {
  return {
    async recentByRecipient(fingerprint, since, now) {
      const found = await history.recentByRecipient(fingerprint, since, now);
      if (found.length === 0) return found;
      const first = await history.firstAssessedAt(found.map((h) => h.itemId));
      return found.filter((h) => {
        const at = first.get(h.itemId);
        return at !== undefined && at <= assessedAt;
      });
    },
  };
}

/** When a parcel was first assessed: its first `parcel.assessed` entry. */
export const firstAssessment = (p: Pick<Parcel, 'history'>): string | undefined => p.history.find((h) => h.type === 'parcel.assessed')?.at;

/** The candidate's verdict on the assessed version of a parcel; undefined when no version was assessed yet. */
export async function replayParcel(engine: RiskEngine, p: ReplaySource, history: ReplayHistory): Promise<ReplayedParcel | undefined> {
  const stored = p.assessment;
  // An amendment still awaiting its assessment: the stored declaration is not the one judged, nothing to compare.
  if (!stored || stored.version !== p.version) return undefined;
  const now = stored.assessedAt;
  const seen = p.history.filter((h) => h.version <= stored.version);
  const current = verdictOf(stored, stored.engineResponse ?? decide(stored).code);
  const checked = validateDeclaration(p.declaration);
  // The same verdict as live on a declaration the rules no longer accept: sent back for amendment, no hits.
  const candidate: Verdict = checked.ok
    ? await assessParcel(engine, checked.declaration, historyAsOf(history, now), now, { amendments: amendmentTimes({ history: seen }) }).then((r) => verdictOf(r.assessment, r.customsResponse.code))
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
