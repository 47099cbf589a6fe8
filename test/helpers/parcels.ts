// Parcels as the stages store them, built from the CONTRACT's example declaration.
import type { DeclarationInput } from '#shared/ead/index';
import type { Declaration } from '#shared/ead/schema';
import { validateDeclaration } from '#shared/ead/validate';
import { type CustomsResponse, type HistoryEntry, type Parcel, type StoredAssessment, declarationHash, receivedParcel } from '#shared/parcels/parcel';
import type { CustomsResponseCode } from '#shared/risk/response';
import { edifact7365 } from '#shared/risk/response';
import { validDeclaration } from '../fixtures/declarations';

/** The example declaration with overrides, normalised as the ingest stage stores it; throws if invalid. */
export function declaration(overrides: Partial<DeclarationInput> = {}): Declaration {
  const v = validateDeclaration(validDeclaration(overrides));
  if (!v.ok) throw new Error(`test declaration is invalid: ${JSON.stringify(v.errors)}`);
  return v.declaration;
}

/** A first version as ingest stores it (RECEIVED). */
export function newParcel(d: Declaration, submittedBy: string, receivedAt: string): Parcel {
  return receivedParcel(d, submittedBy, declarationHash(d), receivedAt);
}

/** An amendment of `previous` as ingest stores it. */
export function amendedParcel(previous: Parcel, d: Declaration, at: string): Parcel {
  return receivedParcel(d, previous.submittedBy, declarationHash(d), at, previous);
}

/** What the assess stage records for one version. */
export function assessmentArgs(itemId: string, version: number, code: CustomsResponseCode, at: string, recipientFp = 'fp-none', valueEur = 50, historyLength = 1) {
  const assessment: StoredAssessment = { score: 0, level: 'LOW', hits: [], rulesetVersion: 'test', assessedAt: at, version };
  const customsResponse: CustomsResponse = { code, edifact7365: edifact7365(code), issuedAt: at, issuedBy: 'risk-engine', reasons: [] };
  const history: HistoryEntry[] = [
    { at, type: 'parcel.assessed', version, status: 'RECEIVED' },
    { at, type: 'customs.response.issued', version, status: code, code, issuedBy: 'risk-engine', reasons: [] },
  ];
  return { itemId, version, historyLength, assessment, customsResponse, history, recipient: { fingerprint: recipientFp, valueEur } };
}

/** A customs officer's decision as the API records it. */
export function decisionOf(code: CustomsResponseCode, keyId: string, version: number, at: string): { response: CustomsResponse; entry: HistoryEntry } {
  return {
    response: { code, edifact7365: edifact7365(code), issuedAt: at, issuedBy: keyId, reasons: ['test decision'] },
    entry: { at, type: 'customs.response.issued', version, status: code, code, issuedBy: keyId, reasons: ['test decision'] },
  };
}

/** ISO times one second apart from a fixed start: deterministic newest-first order. */
export const at = (n: number): string => new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + n * 1000).toISOString();
