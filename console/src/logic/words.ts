// The API's codes in words for people: statuses, history entries, problems, and for each data-quality finding and
// declaration error the form the field is expected in (what a filer must do to answer an information request).
import { pointerInWords } from './pointer';
import type { HistoryEntry, ParcelStatus, Problem } from './types';

export const STATUS_WORDS: Record<ParcelStatus, string> = {
  RECEIVED: 'Received, not yet assessed',
  RELEASED: 'Released',
  INFORMATION_REQUESTED: 'Information requested',
  HELD_FOR_INSPECTION: 'Held for inspection',
  DO_NOT_LOAD: 'Do not load',
  DETAINED: 'Detained (final)',
  REFUSED: 'Refused entry (final)',
};

export const statusWords = (s: string): string => STATUS_WORDS[s as ParcelStatus] ?? s;

/** What the submitter should write instead: per data-quality rule and per declaration error code. */
export const EXPECTED_FORM: Record<string, string> = {
  DESCRIPTION_GENERIC: 'Say what the goods are: kind, material and use, e.g. "Men\'s cotton T-shirt, printed" rather than "clothes" or "gift".',
  DESCRIPTION_NOT_TEXT: 'Words describing the goods, not only digits or punctuation.',
  VALUE_NOMINAL: "The price actually paid for the line, in the declaration's currency.",
  HS_DESCRIPTION_MISMATCH: 'An HS code whose nomenclature text fits the description (or a description that says what the goods under this code are).',
  GIFT_FROM_BUSINESS: 'The category the shipment really is (SALE_OF_GOODS when a business sells it), or remove the business details if it is a private gift.',
  RECIPIENT_PHONE_MISSING: "The recipient's phone number in international form, e.g. +33612345678.",
  UNKNOWN_HS_CODE: '6 to 10 digits whose first 6 are a subheading of the HS 2022 nomenclature.',
  INVALID_HS_CODE: '6 to 10 digits, e.g. 610910.',
  HS_CODE_REQUIRED: 'An HS code on every line of goods sold, sampled or returned.',
  ORIGIN_COUNTRY_REQUIRED: "The country the line's goods come from (ISO 3166-1 alpha-2), on every line of goods sold, sampled or returned.",
  INVALID_S10_FORMAT: 'A UPU S10 identifier: 2 letters, 8 digits, the check digit and the issuing country, e.g. CP719248650DE.',
  INVALID_S10_CHECK_DIGIT: 'The S10 check digit computed from the 8 digits (weights 8 6 4 2 3 5 9 7).',
  INVALID_S10_SERVICE_INDICATOR: 'A service indicator (the 2 letters) that does not start with J or K.',
  INVALID_S10_COUNTRY: 'An existing ISO country code as the last 2 letters of the item id.',
  TOTAL_VALUE_MISMATCH: "The sum of the lines' values (to 0.01).",
  NET_WEIGHT_EXCEEDS_GROSS: "A gross weight at least the sum of the lines' net weights.",
  CATEGORY_EXPLANATION_REQUIRED: 'A categoryExplanation saying what the shipment is, when the category is OTHER.',
  UNKNOWN_COUNTRY: 'An ISO 3166-1 alpha-2 country code, e.g. FR.',
  UNKNOWN_CURRENCY: 'An ISO 4217 currency code, e.g. EUR.',
  INVALID_IOSS: 'IM followed by 10 digits.',
  INVALID_PHONE: 'A phone number in international form, e.g. +33612345678.',
  INVALID_EMAIL: 'An email address, e.g. ops@shop.example.',
  INVALID_DATE: 'A date as yyyy-mm-dd.',
  UNKNOWN_FIELD: 'Only the fields of the declaration (CONTRACT section 2): remove this one.',
  REQUIRED: 'A value: this field is required.',
};

export const expectedForm = (code: string): string | undefined => EXPECTED_FORM[code];

/** The data-quality rules (shared/risk/types.ts): what filers see too, and must fix; every other rule is customs' reasoning. */
export const DATA_QUALITY_RULES: ReadonlySet<string> = new Set([
  'DESCRIPTION_GENERIC',
  'DESCRIPTION_NOT_TEXT',
  'VALUE_NOMINAL',
  'HS_DESCRIPTION_MISMATCH',
  'GIFT_FROM_BUSINESS',
  'RECIPIENT_PHONE_MISSING',
]);
export const isDataQuality = (ruleId: string): boolean => DATA_QUALITY_RULES.has(ruleId);

const EVENT_WORDS: Record<string, string> = {
  'parcel.received': 'Declaration received',
  'parcel.assessed': 'Assessed by the risk engine',
  'customs.response.issued': 'Customs response issued',
  'parcel.rejected': 'Rejected',
  'parcel.inspected': 'Inspection outcome recorded',
};

/** One history entry as a title and its details in words. */
export function historyInWords(h: HistoryEntry): { title: string; details: string[] } {
  const details: string[] = [];
  let title = EVENT_WORDS[h.type] ?? h.type;
  switch (h.type) {
    case 'parcel.received':
      if (h.version > 1) title = `Amendment received (version ${h.version})`;
      if (h.submittedBy) details.push(`from ${h.submittedBy}`);
      if (h.changes?.length) details.push(`changed: ${h.changes.map((c) => `${pointerInWords(c)} (${c})`).join('; ')}`);
      break;
    case 'customs.response.issued':
      title = `${statusWords(h.code ?? '')}${h.issuedBy === 'risk-engine' ? ' — by the risk engine' : h.issuedBy ? ` — by officer key ${h.issuedBy}` : ''}`;
      for (const r of h.reasons ?? []) details.push(r);
      break;
    case 'parcel.inspected':
      title = `Inspection: ${h.result === 'FOUND' ? 'found' : 'nothing found'}`;
      if (h.findings?.length) details.push(`findings: ${h.findings.join(', ')}`);
      if (h.notes) details.push(`notes: ${h.notes}`);
      if (h.issuedBy) details.push(`recorded by key ${h.issuedBy}`);
      break;
    default:
      for (const r of h.reasons ?? []) details.push(r);
  }
  return { title, details };
}

/** A problem (RFC 9457) in words: its detail (or title) and each error's field, in words, with its detail. */
export function problemInWords(status: number, p: Problem | undefined): { summary: string; errors: { pointer: string; where: string; detail: string }[] } {
  const summary = p?.detail || p?.title || (status === 0 ? 'The API could not be reached.' : `The API answered ${status}.`);
  const errors = (p?.errors ?? []).map((e) => ({
    pointer: e.pointer,
    where: pointerInWords(e.pointer),
    detail: [e.detail, e.code && expectedForm(e.code) ? `Expected: ${expectedForm(e.code)}` : ''].filter(Boolean).join(' '),
  }));
  const more = p?.errorCount && p.errorCount > errors.length ? ` (${p.errorCount} errors, the first ${errors.length} shown)` : '';
  return { summary: summary + more, errors };
}
