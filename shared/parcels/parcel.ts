// The parcel: a declaration as stored, with its assessment, customs response and history (CONTRACT section 4).
import { createHash } from 'node:crypto';
import type { Declaration } from '../ead/schema';
import type { Assessment } from '../risk/types';
import { type CustomsResponseCode, isFinal } from '../risk/response';
import type { ParcelScope } from '../auth/principal';

export const EVENT_TYPES = ['parcel.received', 'parcel.assessed', 'customs.response.issued', 'parcel.rejected', 'parcel.inspected'] as const;
/** Events only customs and admin receive, and history entries only they see. */
export const CUSTOMS_ONLY_EVENTS: ReadonlySet<EventType> = new Set(['parcel.inspected']);
export type EventType = (typeof EVENT_TYPES)[number];

export type ParcelStatus = 'RECEIVED' | CustomsResponseCode;

/** Who issues the engine's responses (`issuedBy`); an officer's responses name the officer's key id. */
export const ENGINE = 'risk-engine';

export interface CustomsResponse {
  code: CustomsResponseCode;
  edifact7365: string | null;
  issuedAt: string;
  /** 'risk-engine', or the id of the customs officer's key */
  issuedBy: string;
  reasons: string[];
}

export interface HistoryEntry {
  at: string;
  type: EventType;
  version: number;
  /** The parcel's status once this happened: what the entry's event shows. */
  status: ParcelStatus;
  /** customs.response.issued: the response, as it was issued. */
  code?: CustomsResponseCode;
  issuedBy?: string;
  reasons?: string[];
  /** parcel.received: who declared this version. */
  submittedBy?: string;
  /** parcel.received of an amendment: the JSON pointers of what it changed. */
  changes?: string[];
  /** parcel.inspected: what the inspection found (customs and admin only). */
  result?: 'FOUND' | 'NOTHING_FOUND';
  findings?: string[];
  notes?: string;
}

export interface StoredAssessment extends Assessment {
  assessedAt: string;
  version: number;
  /** What the engine would answer on its own; it is issued only where the standing response allows (see mayEngineIssue). */
  engineResponse?: CustomsResponseCode;
  /** The rule lab's shadow ruleset's would-be result on the same version: recorded, never issued; customs and admin only. */
  shadow?: ShadowAssessment;
}

/** What a ruleset run in shadow beside the active one would have answered (shared/rule-lab). */
export interface ShadowAssessment extends Assessment {
  engineResponse: CustomsResponseCode;
}

export interface Parcel {
  itemId: string;
  version: number;
  status: ParcelStatus;
  submittedBy: string;
  receivedAt: string;
  updatedAt: string;
  declaration: Declaration;
  declarationHash: string;
  assessment?: StoredAssessment;
  customsResponse?: CustomsResponse;
  history: HistoryEntry[];
}

/**
 * A parcel's entry in the recipient index (split-shipment history). Only parcels to destinations with a de minimis
 * get one: the index is sparse, so the others cost no index write and share no partition.
 */
export interface RecipientIndexEntry {
  fingerprint: string;
  valueEur: number;
}

/** Declarations are compared by the hash of their normalised form (zod emits keys in schema order). */
export const declarationHash = (d: Declaration): string => createHash('sha256').update(JSON.stringify(d)).digest('base64url');

export const hasFinalDecision = (p: Pick<Parcel, 'status'>): boolean => p.status !== 'RECEIVED' && isFinal(p.status);

/** A conditional write lost a race: re-read and decide again. */
export class WriteConflict extends Error {
  override name = 'WriteConflict';
  constructor(readonly itemId: string) {
    super(`concurrent write to ${itemId}`);
  }
}

// ---- Who decides: the rules that keep customs in control (CONTRACT sections 3 and 4) ----

/** How strongly a response stops a parcel; the engine never issues one weaker than a response that binds it. */
export const RESPONSE_STRENGTH: Readonly<Record<CustomsResponseCode, number>> = { RELEASED: 0, INFORMATION_REQUESTED: 1, HELD_FOR_INSPECTION: 2, DO_NOT_LOAD: 3, DETAINED: 4, REFUSED: 4 };

export const isHold = (code: CustomsResponseCode): boolean => code === 'HELD_FOR_INSPECTION' || code === 'DO_NOT_LOAD';

/**
 * A standing response binds the engine when an officer issued it, or when it holds the parcel: an amendment is then
 * assessed and recorded, but only customs (or admin) lifts it. The engine's own RELEASED and INFORMATION_REQUESTED
 * bind nothing: an amendment is how an information request is answered.
 */
export const binds = (r: CustomsResponse | undefined): r is CustomsResponse => !!r && (r.issuedBy !== ENGINE || isHold(r.code));

/** The response that stands on a parcel, if any (none while a version awaits its first response). */
export const standingResponse = (p: Pick<Parcel, 'status' | 'customsResponse'>): CustomsResponse | undefined => (p.status === 'RECEIVED' ? undefined : p.customsResponse);

/** Whether an officer (not the engine) decided on this very version: then the engine's answer to it is not issued. */
export const officerDecidedOn = (p: Pick<Parcel, 'history'>, version: number): boolean => p.history.some((h) => h.type === 'customs.response.issued' && h.version === version && h.issuedBy !== ENGINE);

/** Whether the engine's answer to a version is issued as the parcel's customs response, or only recorded. */
export function mayEngineIssue(p: Pick<Parcel, 'status' | 'customsResponse' | 'history'>, version: number, code: CustomsResponseCode): boolean {
  if (officerDecidedOn(p, version)) return false;
  const standing = standingResponse(p);
  return !binds(standing) || RESPONSE_STRENGTH[code] > RESPONSE_STRENGTH[standing.code];
}

// ---- Submitting ----

/** What a submission of a declaration for an itemId amounts to, given what is stored (CONTRACT section 3). */
export type SubmissionOutcome =
  | { kind: 'new'; version: 1 }
  | { kind: 'identical'; parcel: Parcel }
  | { kind: 'amendment'; version: number; previous: Parcel; takeover: boolean }
  | { kind: 'refused'; code: 'ITEM_ID_TAKEN' | 'FINAL_DECISION_TAKEN' | 'ROUTE_CHANGED' };

export interface Submitter {
  /** `submittedBy` of what this submitter declares. */
  id: string;
  /** The post of the country that issued the itemId: it may always declare it, whoever claimed it first. */
  issuingPost: boolean;
}

const routeOf = (d: Pick<Declaration, 'originCountry' | 'destinationCountry'>) => `${d.originCountry}>${d.destinationCountry}`;

export function decideSubmission(existing: Parcel | undefined, submitter: Submitter, d: Declaration, hash: string): SubmissionOutcome {
  if (!existing) return { kind: 'new', version: 1 };
  const owner = existing.submittedBy === submitter.id;
  if (!owner && !submitter.issuingPost) return { kind: 'refused', code: 'ITEM_ID_TAKEN' };
  if (owner && existing.declarationHash === hash) return { kind: 'identical', parcel: existing };
  if (hasFinalDecision(existing)) return { kind: 'refused', code: 'FINAL_DECISION_TAKEN' };
  // The route decides which customs sees the parcel: it does not move under a response. The issuing post taking its
  // itemId back from another filer may correct a route nothing binds yet (a squatter's made-up one).
  if (routeOf(existing.declaration) !== routeOf(d) && (owner || binds(standingResponse(existing)))) return { kind: 'refused', code: 'ROUTE_CHANGED' };
  return { kind: 'amendment', version: existing.version + 1, previous: existing, takeover: !owner };
}

/**
 * The parcel as first stored, or as amended. A new version awaits its assessment (RECEIVED), unless the standing
 * response binds: then status, response and assessment stay until customs lifts them or the engine escalates.
 */
export function receivedParcel(d: Declaration, submittedBy: string, hash: string, now: string, previous?: Parcel): Parcel {
  const version = previous ? previous.version + 1 : 1;
  const standing = previous ? standingResponse(previous) : undefined;
  const stands = binds(standing);
  const status: ParcelStatus = stands ? standing.code : 'RECEIVED';
  const entry: HistoryEntry = { at: now, type: 'parcel.received', version, status, submittedBy, ...(previous ? { changes: changedPointers(previous.declaration, d) } : {}) };
  return {
    itemId: d.itemId,
    version,
    status,
    submittedBy,
    receivedAt: previous?.receivedAt ?? now,
    updatedAt: now,
    declaration: d,
    declarationHash: hash,
    ...(stands ? { customsResponse: standing, ...(previous?.assessment ? { assessment: previous.assessment } : {}) } : {}),
    history: [...(previous?.history ?? []), entry],
  };
}

const MAX_CHANGES = 50;

/** JSON pointers of what differs between two declarations, down to a party's or a line's fields. */
export function changedPointers(before: unknown, after: unknown, pointer = '', depth = 0, out: string[] = []): string[] {
  if (out.length >= MAX_CHANGES || JSON.stringify(before) === JSON.stringify(after)) return out;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (depth >= 3 || !isObj(before) || !isObj(after) || Array.isArray(before) !== Array.isArray(after)) {
    out.push(pointer);
    return out;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const k of keys) changedPointers(before[k], after[k], `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1, out);
  return out;
}

/** When the parcel was first assessed (entered the recipient index, if it did): its first `parcel.assessed` entry. */
export const firstAssessedAt = (p: Pick<Parcel, 'history'>): string | undefined => p.history.find((h) => h.type === 'parcel.assessed')?.at;

/** The times at which this parcel's amendments (versions after the first) were received. */
export const amendmentTimes = (p: Pick<Parcel, 'history'>): string[] => p.history.filter((h) => h.type === 'parcel.received' && h.version > 1).map((h) => h.at);

/** Who may see the parcel (shared/auth/principal.ts maySee): the one place a parcel's scope is built, for reads and for its events. */
export const scopeOf = (p: Pick<Parcel, 'submittedBy' | 'declaration'>): ParcelScope => ({
  submittedBy: p.submittedBy,
  originCountry: p.declaration.originCountry,
  destinationCountry: p.declaration.destinationCountry,
});

/** One version's assessment as the assess stage records it (the parcel store's `recordAssessment`). */
export interface AssessmentRecord {
  itemId: string;
  version: number;
  historyLength: number;
  assessment: StoredAssessment;
  customsResponse?: CustomsResponse;
  history: HistoryEntry[];
  recipient?: RecipientIndexEntry;
  /** The parcel as the caller read it (`historyLength` entries): the store extends it instead of reading it again. */
  parcel?: Parcel;
}
