// The customs response vocabulary (CONTRACT section 4), in one place for the whole project:
// the risk engine issues the first four, customs officers' decisions add DETAINED and REFUSED.

export const CUSTOMS_RESPONSE_CODES = ['RELEASED', 'INFORMATION_REQUESTED', 'HELD_FOR_INSPECTION', 'DO_NOT_LOAD', 'DETAINED', 'REFUSED'] as const;
export type CustomsResponseCode = (typeof CUSTOMS_RESPONSE_CODES)[number];

export interface CustomsResponseCodeInfo {
  meaning: string;
  /** UN/EDIFACT data element 7365 (processing indicator); null where it has no code. */
  edifact7365: string | null;
  /** The ICS2 message this answer corresponds to, if any. */
  ics2: string | null;
  /** A final code ends the parcel's life cycle: no amendment is accepted after it. */
  final: boolean;
}

export const CUSTOMS_RESPONSE_TABLE: Readonly<Record<CustomsResponseCode, CustomsResponseCodeInfo>> = {
  RELEASED: { meaning: 'no objection; may be transported and delivered', edifact7365: '4', ics2: 'assessment complete', final: false },
  INFORMATION_REQUESTED: { meaning: 'data quality is not enough; the submitter must amend', edifact7365: '6', ics2: 'RFI (IE3Q02)', final: false },
  HELD_FOR_INSPECTION: { meaning: 'screen or examine before transport or delivery', edifact7365: '5', ics2: 'HRCM screening (IE3Q03)', final: false },
  DO_NOT_LOAD: { meaning: 'must not be transported', edifact7365: null, ics2: 'DNL (IE3Q01)', final: false },
  DETAINED: { meaning: 'seized by customs (final)', edifact7365: '7', ics2: null, final: true },
  REFUSED: { meaning: 'entry refused, return to sender (final)', edifact7365: null, ics2: null, final: true },
};

export const isCustomsResponseCode = (v: unknown): v is CustomsResponseCode => typeof v === 'string' && Object.hasOwn(CUSTOMS_RESPONSE_TABLE, v);
export const isFinal = (code: CustomsResponseCode): boolean => CUSTOMS_RESPONSE_TABLE[code].final;
export const edifact7365 = (code: CustomsResponseCode): string | null => CUSTOMS_RESPONSE_TABLE[code].edifact7365;

/** The engine's answer before the assess stage stamps issuedAt / issuedBy on it. */
export interface CustomsResponseDraft {
  code: CustomsResponseCode;
  edifact7365: string | null;
  reasons: string[];
}
