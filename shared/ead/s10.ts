// UPU S10 item identifiers: 2-letter service indicator, 8-digit serial, check digit, ISO country of issue.
import { isCountryCode } from '../reference/codes';
import type { ErrorCode } from './errors';

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const SHAPE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** Spaces stripped and letters uppercased, as S10 identifiers are compared. */
export const normaliseItemId = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

export function s10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - 48) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** The first rule a (normalised) identifier breaks, or undefined when it is a valid S10 identifier. */
export function s10Error(id: string): { code: ErrorCode; detail: string } | undefined {
  if (!SHAPE.test(id)) {
    return { code: 'INVALID_S10_FORMAT', detail: 'itemId must be an S10 identifier: 2 letters, 8 digits, a check digit and a 2-letter country code, e.g. CP719248650DE' };
  }
  if (id[0] === 'J' || id[0] === 'K') {
    return { code: 'INVALID_S10_SERVICE_INDICATOR', detail: `service indicator ${id.slice(0, 2)} is reserved (J* and K* are not valid)` };
  }
  const expected = s10CheckDigit(id.slice(2, 10));
  if (id.charCodeAt(10) - 48 !== expected) {
    return { code: 'INVALID_S10_CHECK_DIGIT', detail: `check digit is ${id[10]}, expected ${expected}` };
  }
  const country = id.slice(11);
  if (!isCountryCode(country)) {
    return { code: 'INVALID_S10_COUNTRY', detail: `${country} is not an ISO 3166-1 alpha-2 country code` };
  }
  return undefined;
}
