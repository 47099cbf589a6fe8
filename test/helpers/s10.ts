// Valid UPU S10 item identifiers for tests: many distinct parcels without hand-computing check digits.
import { s10CheckDigit } from '#shared/ead/s10';

/** `prefix` (2 letters, not J/K) + 8-digit serial + check digit + country of issue. */
export function s10(serial: number, prefix = 'CP', country = 'DE'): string {
  const digits = String(serial).padStart(8, '0');
  if (digits.length !== 8) throw new Error(`serial ${serial} has more than 8 digits`);
  return `${prefix}${digits}${s10CheckDigit(digits)}${country}`;
}

/** A counter of fresh identifiers, starting at `start`, so test files do not collide with each other. */
export function s10Sequence(start: number, prefix = 'CP', country = 'DE'): () => string {
  let n = start;
  return () => s10(n++, prefix, country);
}
