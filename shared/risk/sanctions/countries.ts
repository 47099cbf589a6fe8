// Country names as the OFAC files write them ("Korea, North", "Burma", "Region: Crimea") to ISO 3166-1
// alpha-2 codes, so that a listed nationality or place of birth can be compared with a party's address
// country. The table (reference data, see its README) is read once, on first use: Lambda bundles do not
// carry i18n-iso-countries' names (see infra/cdk/pipeline-function.ts), only its codes.
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '#shared/reference/files';

export const COUNTRY_NAMES_FILE = 'country-names-en.json';
let table: Map<string, string> | undefined;

function names(): Map<string, string> {
  if (table === undefined) {
    const parsed = JSON.parse(readFileSync(referenceDataPath(COUNTRY_NAMES_FILE), 'utf8')) as { names: Record<string, string> };
    table = new Map(Object.entries(parsed.names));
  }
  return table;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;]+|[\s.,;]+$/g, '');

/**
 * The ISO code of a country name, or of the last comma-separated part of a place ("Giza, Egypt"), or of
 * the name with a leading "the"/"region:" removed. Undefined when nothing is recognised.
 */
export function countryCode(text: string): string | undefined {
  const t = names();
  const whole = fold(text);
  if (whole === '') return undefined;
  const direct = t.get(whole);
  if (direct !== undefined) return direct;
  const parts = whole.split(',').map((p) => p.trim());
  // "Congo, Democratic Republic of the" is whole; "Nahia, Giza, Egypt" ends in its country.
  for (let k = 1; k < parts.length; k++) {
    const tail = parts.slice(k).join(', ');
    const code = t.get(tail);
    if (code !== undefined) return code;
  }
  const last = parts[parts.length - 1]!.replace(/^(the|region:)\s+/, '');
  return t.get(last);
}
