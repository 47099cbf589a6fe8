// What the decision and outcome forms offer (CONTRACT section 4): the domain's rules, as the console applies them
// before the API does (the API stays the judge: a refused decision's problem is shown as it comes).
import { CUSTOMS_RESPONSE_CODES, type CustomsResponseCode, type HistoryEntry, type Identity, type Parcel, type ParcelStatus } from './types';

export const FINAL_CODES: readonly CustomsResponseCode[] = ['DETAINED', 'REFUSED'];
export const HOLD_CODES: readonly CustomsResponseCode[] = ['HELD_FOR_INSPECTION', 'DO_NOT_LOAD'];

export const isFinal = (status: ParcelStatus): boolean => (FINAL_CODES as readonly string[]).includes(status);

/** Every response an officer may issue from this status: all of them until a final one, then none. */
export function allowedDecisions(status: ParcelStatus): CustomsResponseCode[] {
  return isFinal(status) ? [] : [...CUSTOMS_RESPONSE_CODES];
}

/** Customs of the destination country, or admin, decide on a parcel and record its inspection outcomes. */
export function mayDecide(who: Identity, parcel: Pick<Parcel, 'declaration'>): boolean {
  return who.role === 'admin' || (who.role === 'customs' && !!who.country && who.country === parcel.declaration?.destinationCountry);
}

/** An outcome follows a hold: the history has a HELD_FOR_INSPECTION or DO_NOT_LOAD response. */
export const wasHeld = (history: readonly HistoryEntry[]): boolean => history.some((h) => h.type === 'customs.response.issued' && !!h.code && (HOLD_CODES as readonly string[]).includes(h.code));

export const OUTCOME_RESULTS = [
  { value: 'FOUND', label: 'Found: the inspection confirmed a finding' },
  { value: 'NOTHING_FOUND', label: 'Nothing found: as declared' },
] as const;

export const FINDINGS = [
  { value: 'COUNTERFEIT', label: 'Counterfeit goods' },
  { value: 'PROHIBITED_OR_RESTRICTED', label: 'Prohibited or restricted goods' },
  { value: 'UNDERVALUED', label: 'Undervalued' },
  { value: 'MISDECLARED', label: 'Misdeclared goods' },
  { value: 'SANCTIONED_PARTY', label: 'Sanctioned party' },
  { value: 'DANGEROUS_GOODS', label: 'Dangerous goods' },
  { value: 'OTHER', label: 'Other' },
] as const;

export interface OutcomeForm {
  result: string;
  findings: string[];
  notes: string;
}

/** The body of POST /v1/parcels/{itemId}/outcomes, or what is wrong with the form. */
export function outcomeRequest(f: OutcomeForm): { ok: true; body: { result: string; findings: string[]; notes?: string } } | { ok: false; problem: string } {
  if (f.result !== 'FOUND' && f.result !== 'NOTHING_FOUND') return { ok: false, problem: 'Choose an outcome.' };
  if (f.result === 'FOUND' && f.findings.length === 0) return { ok: false, problem: 'An outcome FOUND needs at least one finding.' };
  const notes = f.notes.trim();
  return { ok: true, body: { result: f.result, findings: f.result === 'FOUND' ? f.findings : [], ...(notes ? { notes } : {}) } };
}

/**
 * Whether this key may send an amended declaration of the parcel (CONTRACT section 3): its submitter (the namespaced
 * `submittedBy`), or the post of the country that issued the item id; never after a final decision.
 */
export function mayAmend(who: Identity, parcel: Pick<Parcel, 'itemId' | 'submittedBy' | 'status'>): boolean {
  if (isFinal(parcel.status) || who.role === 'customs') return false;
  const me = who.role === 'platform' ? `platform:${who.tenantId}` : who.role === 'post' ? `post:${who.country}` : `admin:${who.keyId}`;
  return parcel.submittedBy === me || (who.role === 'post' && parcel.itemId.slice(-2) === who.country);
}
