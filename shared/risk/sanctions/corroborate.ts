// Does the list entry itself support a name match? Each check the policy asks for is reported, found or
// missing, so the evidence says what was compared with what: the party's address country with the
// countries the entry names, the declaration's identifiers with those the entry lists, and whether an
// entity was matched by a business name.
import { type EntryDetails, type IdentifierKind, emailKey, idKey, phoneKey } from './remarks';
import type { SanctionsEntryType } from './sdn-csv';

export type CorroborationKind = 'identifier' | 'country' | 'entity';

export interface CorroborationPolicy {
  countryRoles: readonly string[];
  identifiers: Readonly<Record<'taxId' | 'email' | 'phone' | 'ioss', readonly IdentifierKind[]>>;
  entityByBusinessName: boolean;
}

/** What the declaration says of the screened party. */
export interface PartyFacts {
  /** JSON pointer of the party: "/sender". */
  pointer: string;
  countryCode: string;
  taxId?: string;
  email?: string;
  phone?: string;
  /** The declaration's IOSS number, for the sender (the seller) only. */
  ioss?: string;
  /** Screened as a business name (businessName, or a name with a legal form or business word). */
  business: boolean;
}

export interface CorroborationCheck {
  kind: CorroborationKind;
  /** JSON pointer of the declaration field compared. */
  field: string;
  found: boolean;
  /** What the declaration gives ("ES"), or null when it gives nothing. */
  declared: string | null;
  /** What the entry lists that was compared: "placeOfBirth Regil, Guipuzcoa Province, Spain (ES)". */
  listed: string[];
}

const suffix2 = (a: string, b: string) => a === b || (a.length > 4 && b.length > 4 && (a.slice(2) === b || b.slice(2) === a));

function idChecks(party: PartyFacts, details: EntryDetails, policy: CorroborationPolicy): CorroborationCheck[] {
  const out: CorroborationCheck[] = [];
  const fields = [
    ['taxId', party.taxId, idKey, `${party.pointer}/taxId`],
    ['email', party.email, emailKey, `${party.pointer}/email`],
    ['phone', party.phone, phoneKey, `${party.pointer}/phone`],
    ['ioss', party.ioss, idKey, '/ioss'],
  ] as const;
  for (const [field, value, key, pointer] of fields) {
    const kinds = policy.identifiers[field];
    if (kinds.length === 0 || (field === 'ioss' && party.pointer !== '/sender')) continue;
    const listed = details.identifiers.filter((i) => kinds.includes(i.kind));
    const k = value === undefined ? '' : key(value);
    // A tax number may carry its country prefix on one side only ("FR12345678901" / "12345678901").
    const found = k.length >= 3 && listed.some((i) => (field === 'taxId' || field === 'ioss' ? suffix2(i.key, k) : i.key === k));
    out.push({ kind: 'identifier', field: pointer, found, declared: value ?? null, listed: listed.map((i) => `${i.label} ${i.value}${i.country ? ` (${i.country})` : ''}`) });
  }
  return out;
}

/** Every check the policy asks for, in the order identifier, country, entity. */
export function corroborate(party: PartyFacts, entryType: SanctionsEntryType | undefined, details: EntryDetails | undefined, policy: CorroborationPolicy): CorroborationCheck[] {
  const d = details ?? { countries: [], identifiers: [], birthDates: [] };
  const out = idChecks(party, d, policy);
  if (policy.countryRoles.length > 0) {
    const listed = d.countries.filter((c) => policy.countryRoles.includes(c.role));
    out.push({
      kind: 'country',
      field: `${party.pointer}/address/countryCode`,
      found: listed.some((c) => c.country === party.countryCode),
      declared: party.countryCode,
      listed: listed.map((c) => `${c.role} ${c.text} (${c.country})`),
    });
  }
  if (policy.entityByBusinessName) {
    out.push({
      kind: 'entity',
      field: party.pointer,
      found: party.business && entryType === 'entity',
      declared: party.business ? 'business name' : 'person name',
      listed: entryType === undefined ? [] : [entryType],
    });
  }
  return out;
}

/** The strongest corroboration found: identifier, then country, then entity; 'none' when none was. */
export function bestCorroboration(checks: readonly CorroborationCheck[]): CorroborationKind | 'none' {
  for (const kind of ['identifier', 'country', 'entity'] as const) if (checks.some((c) => c.kind === kind && c.found)) return kind;
  return 'none';
}
