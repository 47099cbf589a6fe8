// A parcel as the API and the webhooks show it (CONTRACT sections 4 and 5), to one of two audiences.
// Customs and admin see the risk reasoning: every hit with its points and evidence, the score and level. Filers and
// posts see the customs response and what they must act on: the data-quality findings (what to fix) and the
// dangerous-goods findings (what may not fly, and why: a post's loading decision, published rules anyway), each with
// its pointer; never which risk rule fired, on what evidence or against which threshold: nobody can amend until the
// engine says yes.
import { type Principal, seesRiskReasoning } from '../auth/principal';
import { RULE_FAMILIES, type Hit, type RuleId } from '../risk/types';
import { CUSTOMS_ONLY_EVENTS, type CustomsResponse, ENGINE, type HistoryEntry, type Parcel, type StoredAssessment } from './parcel';

export type Audience = 'customs' | 'filer';
export const audienceOf = (p: Pick<Principal, 'role'>): Audience => (seesRiskReasoning(p) ? 'customs' : 'filer');

/** The families whose findings a filer and a post are shown: what to fix, and what may not be carried. */
const SHOWN_TO_FILERS: ReadonlySet<string> = new Set(['DATA_QUALITY', 'DANGEROUS_GOODS']);
export const isShownToFilers = (ruleId: string): boolean => Object.hasOwn(RULE_FAMILIES, ruleId) && SHOWN_TO_FILERS.has(RULE_FAMILIES[ruleId as RuleId]);
/** An engine reason is `RULE_ID: message` (or `CODE at pointer: detail` for a declaration the rules no longer accept). */
const isRiskReason = (reason: string): boolean => {
  const id = reason.slice(0, Math.max(0, reason.indexOf(':')));
  return Object.hasOwn(RULE_FAMILIES, id) && !isShownToFilers(id);
};

export type AssessmentView = Omit<StoredAssessment, 'version'> | { rulesetVersion: string; assessedAt: string; hits: Pick<Hit, 'ruleId' | 'pointer' | 'message'>[] };

export function assessmentView(a: Omit<StoredAssessment, 'version'> & { version?: number }, audience: Audience): AssessmentView {
  const { version: _version, ...shown } = a;
  if (audience === 'customs') return shown;
  return { rulesetVersion: a.rulesetVersion, assessedAt: a.assessedAt, hits: a.hits.filter((h) => isShownToFilers(h.ruleId)).map(({ ruleId, pointer, message }) => ({ ruleId, pointer, message })) };
}

/** An officer's reason is written for the filer and the posts; the engine's risk reasons are for customs. */
export function responseView(r: CustomsResponse, audience: Audience): CustomsResponse {
  return audience === 'customs' || r.issuedBy !== ENGINE ? r : { ...r, reasons: r.reasons.filter((x) => !isRiskReason(x)) };
}

export const historyView = (h: HistoryEntry, audience: Audience): HistoryEntry =>
  audience === 'customs' || !h.reasons || h.issuedBy !== ENGINE ? h : { ...h, reasons: h.reasons.filter((x) => !isRiskReason(x)) };

export function parcelView(p: Parcel, audience: Audience, opts: { declaration?: boolean } = {}) {
  return {
    itemId: p.itemId,
    version: p.version,
    status: p.status,
    submittedBy: p.submittedBy,
    receivedAt: p.receivedAt,
    updatedAt: p.updatedAt,
    declaration: opts.declaration === false ? undefined : p.declaration,
    assessment: p.assessment ? assessmentView(p.assessment, audience) : undefined,
    customsResponse: p.customsResponse ? responseView(p.customsResponse, audience) : undefined,
    history: (audience === 'customs' ? p.history : p.history.filter((h) => !CUSTOMS_ONLY_EVENTS.has(h.type))).map((h) => historyView(h, audience)),
    links: { self: `/v1/parcels/${p.itemId}` },
  };
}
