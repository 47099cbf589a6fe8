// Validation errors are values: a JSON pointer (RFC 6901) into the submitted declaration,
// a stable machine code, and a sentence for people. HTTP mapping happens once, in the API layer.

export const VALIDATION_CODES = [
  // structure and types
  'INVALID_TYPE',
  'REQUIRED',
  'UNKNOWN_FIELD',
  'INVALID_VALUE',
  'INVALID_FORMAT',
  'TOO_SHORT',
  'TOO_LONG',
  'TOO_FEW_ITEMS',
  'TOO_MANY_ITEMS',
  'VALUE_TOO_SMALL',
  'VALUE_TOO_LARGE',
  'NOT_AN_INTEGER',
  'NUMBER_NOT_STORABLE',
  // identifiers and reference data
  'INVALID_S10_FORMAT',
  'INVALID_S10_CHECK_DIGIT',
  'INVALID_S10_SERVICE_INDICATOR',
  'INVALID_S10_COUNTRY',
  'UNKNOWN_COUNTRY',
  'UNKNOWN_CURRENCY',
  'INVALID_HS_CODE',
  'UNKNOWN_HS_CODE',
  'INVALID_IOSS',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_DATE',
  // cross-field rules
  'HS_CODE_REQUIRED',
  'ORIGIN_COUNTRY_REQUIRED',
  'TOTAL_VALUE_MISMATCH',
  'NET_WEIGHT_EXCEEDS_GROSS',
  'CATEGORY_EXPLANATION_REQUIRED',
] as const;

export type ErrorCode = (typeof VALIDATION_CODES)[number];

export interface ValidationError {
  /** RFC 6901 JSON pointer into the submitted document; '' is the whole document. */
  pointer: string;
  code: ErrorCode;
  detail: string;
}

/** RFC 6901: '~' is written '~0' and '/' is written '~1'. */
export function toPointer(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}
