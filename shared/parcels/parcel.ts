// The parcel: a declaration as stored, with its assessment, customs response and history (CONTRACT section 4).
import { createHash } from 'node:crypto';
import type { Declaration } from '../ead/schema';
import type { Assessment } from '../risk/types';
import { type CustomsResponseCode, isFinal } from '../risk/response';

export const EVENT_TYPES = ['parcel.received', 'parcel.assessed', 'customs.response.issued', 'parcel.rejected'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type ParcelStatus = 'RECEIVED' | CustomsResponseCode;

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
  code?: CustomsResponseCode;
  issuedBy?: string;
}

export interface StoredAssessment extends Assessment {
  assessedAt: string;
  version: number;
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

/** What a submission of a declaration for an itemId amounts to, given what is stored (CONTRACT section 3). */
export type SubmissionOutcome =
  | { kind: 'new'; version: 1 }
  | { kind: 'identical'; parcel: Parcel }
  | { kind: 'amendment'; version: number; previous: Parcel }
  | { kind: 'refused'; code: 'ITEM_ID_TAKEN' | 'FINAL_DECISION_TAKEN' };

export function decideSubmission(existing: Parcel | undefined, submittedBy: string, hash: string): SubmissionOutcome {
  if (!existing) return { kind: 'new', version: 1 };
  if (existing.submittedBy !== submittedBy) return { kind: 'refused', code: 'ITEM_ID_TAKEN' };
  if (existing.declarationHash === hash) return { kind: 'identical', parcel: existing };
  if (hasFinalDecision(existing)) return { kind: 'refused', code: 'FINAL_DECISION_TAKEN' };
  return { kind: 'amendment', version: existing.version + 1, previous: existing };
}

/** The parcel as first stored, or as amended: RECEIVED until it is assessed again. */
export function receivedParcel(d: Declaration, submittedBy: string, hash: string, now: string, previous?: Parcel): Parcel {
  const version = previous ? previous.version + 1 : 1;
  return {
    itemId: d.itemId,
    version,
    status: 'RECEIVED',
    submittedBy,
    receivedAt: previous?.receivedAt ?? now,
    updatedAt: now,
    declaration: d,
    declarationHash: hash,
    history: [...(previous?.history ?? []), { at: now, type: 'parcel.received', version }],
  };
}
