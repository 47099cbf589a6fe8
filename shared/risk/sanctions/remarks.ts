// What the SDN Remarks column says about an entry, as structured fields, parsed once when the list
// loads: the countries it names (nationality, citizenship, place of birth; addresses come from add.csv),
// and the identifiers it lists (tax and VAT numbers, passports, national ids, registrations, e-mail
// addresses, telephone numbers, websites), each with the country in its parentheses. The remarks are a
// `;`-separated list of "Label value (Country)" items; anything not recognised is simply not used.
import { countryCode } from './countries';

export type CountryRole = 'nationality' | 'citizenship' | 'placeOfBirth' | 'address' | 'registration';
export const COUNTRY_ROLES: readonly CountryRole[] = ['nationality', 'citizenship', 'placeOfBirth', 'address', 'registration'];

export interface EntryCountry {
  role: CountryRole;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** As the list writes it: "Korea, North", "Giza, Egypt". */
  text: string;
}

export const IDENTIFIER_KINDS = ['taxId', 'passport', 'nationalId', 'registration', 'email', 'phone', 'website'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface EntryIdentifier {
  kind: IdentifierKind;
  /** The list's label: "Tax ID No.", "V.A.T. Number", "Passport". */
  label: string;
  value: string;
  /** Compared form: upper-case letters and digits (e-mail and website: lower case, as written). */
  key: string;
  country?: string;
}

export interface EntryDetails {
  countries: EntryCountry[];
  identifiers: EntryIdentifier[];
  birthDates: string[];
  gender?: 'Male' | 'Female';
}

// The list's labels of identifiers, by what a declaration field is compared with.
const LABELS: Record<Exclude<IdentifierKind, 'email' | 'phone' | 'website'>, readonly string[]> = {
  taxId: [
    'Tax ID No.',
    'V.A.T. Number',
    'VAT Number',
    'R.F.C.',
    'RFC',
    'RUC #',
    'NIT #',
    'C.U.I.T.',
    'C.U.I.P.',
    'Tax Number',
    'TIN',
    'INN',
    'Taxpayer Identification Number',
    'Tax Registration Number',
    'Romanian Tax Registration',
  ],
  passport: ['Passport', 'Diplomatic Passport', 'Travel Document Number'],
  nationalId: [
    'National ID No.',
    'Cedula No.',
    'C.U.R.P.',
    'D.N.I.',
    'SSN',
    'Personal ID Card',
    'Identification Number',
    'Residency Number',
    'National Foreign ID Number',
    'Kenyan ID No.',
    "Citizen's Card Number",
    'Birth Certificate Number',
    "Driver's License No.",
    'Electoral Registry No.',
    'Refugee ID Card',
    'Stateless Person ID Card',
  ],
  registration: [
    'Registration Number',
    'Business Registration Number',
    'Company Number',
    'Commercial Registry Number',
    'Registration ID',
    'Unified Social Credit Code (USCC)',
    'Legal Entity Number',
    'Trade License No.',
    'License',
    'C.R. No.',
    'Economic Register Number (CBLS)',
    'Folio Mercantil No.',
    'Matricula Mercantil No',
    'Government Gazette Number',
    'Certificate of Incorporation Number',
    'Chamber of Commerce Number',
    'Enterprise Number',
    'Trade Register Number',
    'Commercial Registry No.',
    'Business Number',
    'Company ID No.',
    'Dun & Bradstreet Number',
    'Public Registration Number',
    'UK Company Number',
    'Romanian C.R.',
    'MSB Registration Number',
  ],
};
// Longest first, so "Registration Number" is not read as "Registration ID" and "Passport" does not eat "Diplomatic Passport".
const ID_LABELS: readonly [string, IdentifierKind][] = Object.entries(LABELS)
  .flatMap(([kind, labels]) => labels.map((l) => [l, kind as IdentifierKind] as [string, IdentifierKind]))
  .sort(([a], [b]) => b.length - a.length);
/** Labels by their first word, so a remark is compared with a handful of labels, not all of them. */
const BY_FIRST_WORD = new Map<string, [string, IdentifierKind][]>();
for (const l of ID_LABELS) {
  const w = l[0].split(' ')[0]!;
  BY_FIRST_WORD.set(w, [...(BY_FIRST_WORD.get(w) ?? []), l]);
}
const firstWord = (s: string) => {
  const sp = s.indexOf(' ');
  return sp < 0 ? s : s.slice(0, sp);
};
const VALUE_RE = /^(.+?)(?:\s+\(([^()]+)\))?$/;

const EMAIL_RE = /^(?:Email Address|Email|E-Mail)\s+(\S+@\S+?)$/i;
const PHONE_RE = /^(?:Telephone No\.|Telephone|Phone Number|Phone|Fax No\.|Fax)\s*:?\s*(.+)$/i;
const WEBSITE_RE = /^Website\s+(\S+)$/i;

export const idKey = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/g, '');
/** Phones compare on their last 9 digits: "+963 11 2121212", "00963112121212" and "011 2121212" agree. */
export const phoneKey = (value: string): string => value.replace(/\D/g, '').slice(-9);
export const emailKey = (value: string): string => value.trim().toLowerCase();
export const websiteKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');

function pushCountry(out: EntryDetails, role: CountryRole, text: string): void {
  const country = countryCode(text);
  if (country !== undefined && !out.countries.some((c) => c.role === role && c.country === country)) out.countries.push({ role, country, text });
}

function pushId(out: EntryDetails, id: EntryIdentifier): void {
  if (id.key.length < 3 || out.identifiers.some((x) => x.kind === id.kind && x.key === id.key)) return;
  out.identifiers.push(id);
}

function contactPart(out: EntryDetails, part: string): boolean {
  const email = EMAIL_RE.exec(part);
  if (email) return (pushId(out, { kind: 'email', label: 'Email Address', value: email[1]!, key: emailKey(email[1]!) }), true);
  const site = WEBSITE_RE.exec(part);
  if (site) return (pushId(out, { kind: 'website', label: 'Website', value: site[1]!, key: websiteKey(site[1]!) }), true);
  const phone = PHONE_RE.exec(part);
  if (phone) return (pushId(out, { kind: 'phone', label: 'Telephone', value: phone[1]!, key: phoneKey(phone[1]!) }), true);
  return false;
}

function personPart(out: EntryDetails, part: string): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^nationality\s+(.+)$/i.exec(part))) return (pushCountry(out, 'nationality', m[1]!), true);
  if ((m = /^citizen\s+(.+)$/i.exec(part))) return (pushCountry(out, 'citizenship', m[1]!), true);
  if ((m = /^POB\s+(.+)$/.exec(part))) return (pushCountry(out, 'placeOfBirth', m[1]!), true);
  if ((m = /^DOB\s+(.+)$/.exec(part))) return (out.birthDates.push(m[1]!), true);
  if ((m = /^Gender\s+(Male|Female)$/.exec(part))) return ((out.gender = m[1] as 'Male' | 'Female'), true);
  return false;
}

function identifierPart(out: EntryDetails, part: string): void {
  const found = BY_FIRST_WORD.get(firstWord(part))?.find(([label]) => part.startsWith(label) && part.charCodeAt(label.length) === 0x20);
  if (found === undefined) return;
  const [label, kind] = found;
  const m = VALUE_RE.exec(part.slice(label.length + 1).trim());
  if (!m) return;
  const raw = m[1]!;
  const paren = m[2];
  const country = paren === undefined ? undefined : countryCode(paren);
  pushId(out, { kind, label, value: raw, key: idKey(raw), ...(country === undefined ? {} : { country }) });
  if (country !== undefined && kind === 'registration') pushCountry(out, 'registration', paren!);
}

const PERSON_WORDS = new Set(['nationality', 'Nationality', 'citizen', 'Citizen', 'POB', 'DOB', 'Gender']);
const CONTACT_WORDS = new Set(['Email', 'E-Mail', 'Website', 'Telephone', 'Phone', 'Fax']);

/** Structured fields of one Remarks text. Aliases are read by aliasesFromRemarks. */
export function parseRemarks(remarks: string): EntryDetails {
  const out: EntryDetails = { countries: [], identifiers: [], birthDates: [] };
  if (remarks === '') return out;
  for (const raw of remarks.split(';')) {
    const part = raw
      .trim()
      .replace(/^alt\.\s+/i, '')
      .replace(/\.$/, '')
      .trim();
    if (part === '' || /^[afn]\.k\.a\./i.test(part)) continue;
    const w = firstWord(part);
    if (PERSON_WORDS.has(w) && personPart(out, part)) continue;
    if (CONTACT_WORDS.has(w) && contactPart(out, part)) continue;
    identifierPart(out, part);
  }
  return out;
}
