// Parsers for OFAC's sdn.csv and, of the same release, alt.csv (alternate names) and add.csv
// (addresses); see ./csv.ts for the dialect. The Remarks are parsed into structured fields here, once,
// when the list loads (./remarks.ts).
import { splitCsv, value } from './csv';
import { type EntryDetails, parseRemarks } from './remarks';
import { countryCode } from './countries';

export type SanctionsEntryType = 'individual' | 'entity' | 'vessel' | 'aircraft';

export interface EntryAddress {
  address: string;
  cityStatePostal: string;
  country: string;
  /** ISO 3166-1 alpha-2, when the country is recognised. */
  countryCode?: string;
}

export interface SanctionsEntry {
  entNum: number;
  name: string;
  type: SanctionsEntryType;
  programs: string[];
  aliases: string[];
  /** Title column (individuals): "Director of ...". */
  title: string;
  /** The Remarks text as the list gives it (what entryDigest hashes, with the rest). */
  remarks: string;
  /** From the Remarks and, when given, add.csv: countries and identifiers that can corroborate a name match. */
  details: EntryDetails;
  addresses: EntryAddress[];
}

// An alias runs from `a.k.a. '` to the quote that ends the remark (followed by `;` or the final
// `.`). Matching the closing quote lazily but only there keeps apostrophes inside names
// ("'ABDEL' AZIZ BEN NARVAN'", "''FOOPIE''") intact. Formerly/now-known-as names are aliases too.
const ALIAS_RE = /\b[afn]\.k\.a\.\s+'(.+?)'(?=\s*;|\s*\.?\s*$)/g;

export function aliasesFromRemarks(remarks: string): string[] {
  const out: string[] = [];
  for (const m of remarks.matchAll(ALIAS_RE)) {
    const alias = m[1]!.replace(/^'+|'+$/g, '').trim();
    if (alias !== '' && !out.includes(alias)) out.push(alias);
  }
  return out;
}

function entryType(field: string): SanctionsEntryType {
  const t = value(field).toLowerCase();
  return t === 'individual' || t === 'vessel' || t === 'aircraft' ? t : 'entity';
}

/** Parses sdn.csv text. Rows without a numeric ent_num or a name are skipped, not fatal. */
export function parseSdnCsv(text: string): SanctionsEntry[] {
  const entries: SanctionsEntry[] = [];
  for (const row of splitCsv(text)) {
    const entNum = Number.parseInt(value(row[0]), 10);
    const name = value(row[1]);
    if (!Number.isFinite(entNum) || name === '') continue;
    const programs = value(row[3])
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter((p) => p !== '');
    const remarks = value(row[11]);
    entries.push({ entNum, name, type: entryType(row[2] ?? ''), programs, aliases: aliasesFromRemarks(remarks), title: value(row[4]), remarks, details: parseRemarks(remarks), addresses: [] });
  }
  return entries;
}

export interface AltRow {
  entNum: number;
  altNum: number;
  /** "a.k.a.", "f.k.a.", "n.k.a." */
  altType: string;
  altName: string;
  altRemarks: string;
}

/** alt.csv: ent_num, alt_num, alt_type, alt_name, alt_remarks. */
export function parseAltCsv(text: string): AltRow[] {
  const out: AltRow[] = [];
  for (const row of splitCsv(text)) {
    const entNum = Number.parseInt(value(row[0]), 10);
    const altName = value(row[3]);
    if (!Number.isFinite(entNum) || altName === '') continue;
    out.push({ entNum, altNum: Number.parseInt(value(row[1]), 10) || 0, altType: value(row[2]), altName, altRemarks: value(row[4]) });
  }
  return out;
}

export interface AddRow extends EntryAddress {
  entNum: number;
  addNum: number;
  addRemarks: string;
}

/** add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks. */
export function parseAddCsv(text: string): AddRow[] {
  const out: AddRow[] = [];
  for (const row of splitCsv(text)) {
    const entNum = Number.parseInt(value(row[0]), 10);
    if (!Number.isFinite(entNum)) continue;
    const country = value(row[4]);
    const code = country === '' ? undefined : countryCode(country);
    out.push({
      entNum,
      addNum: Number.parseInt(value(row[1]), 10) || 0,
      address: value(row[2]),
      cityStatePostal: value(row[3]),
      country,
      ...(code === undefined ? {} : { countryCode: code }),
      addRemarks: value(row[5]),
    });
  }
  return out;
}

/** Adds the alternate names and addresses of the same release to their entries (in place; returns them). */
export function mergeRelease(entries: SanctionsEntry[], alt: readonly AltRow[], add: readonly AddRow[]): SanctionsEntry[] {
  const byNum = new Map(entries.map((e) => [e.entNum, e]));
  for (const a of alt) {
    const e = byNum.get(a.entNum);
    if (e !== undefined && !e.aliases.includes(a.altName) && a.altName !== e.name) e.aliases.push(a.altName);
  }
  for (const a of add) {
    const e = byNum.get(a.entNum);
    if (e === undefined) continue;
    const { entNum: _n, addNum: _a, addRemarks: _r, ...address } = a;
    e.addresses.push(address);
    if (a.countryCode !== undefined && !e.details.countries.some((c) => c.role === 'address' && c.country === a.countryCode)) {
      e.details.countries.push({ role: 'address', country: a.countryCode, text: a.country });
    }
  }
  return entries;
}

/** An entry from its essential fields, the rest empty (tests, and lists built in code). */
export function listEntry(e: Pick<SanctionsEntry, 'entNum' | 'name' | 'type'> & Partial<SanctionsEntry>): SanctionsEntry {
  return { programs: [], aliases: [], title: '', remarks: '', details: { countries: [], identifiers: [], birthDates: [] }, addresses: [], ...e };
}
