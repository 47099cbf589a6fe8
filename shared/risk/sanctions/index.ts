export {
  parseSdnCsv,
  parseAltCsv,
  parseAddCsv,
  mergeRelease,
  listEntry,
  aliasesFromRemarks,
  type SanctionsEntry,
  type SanctionsEntryType,
  type EntryAddress,
  type AltRow,
  type AddRow,
} from './sdn-csv';
export { parseRemarks, COUNTRY_ROLES, idKey, phoneKey, emailKey, type EntryDetails, type EntryCountry, type EntryIdentifier, type CountryRole, type IdentifierKind } from './remarks';
export { SanctionsScreener, DEFAULT_STRONG_THRESHOLD, DEFAULT_WEAK_THRESHOLD, DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD, type ScreenerOptions } from './screener';
export { buildScreener, loadDefaultScreener, SDN_FILE, SDN_VERSION, type ListFiles, type ListMeta } from './build';
export type { SanctionsMatch, PartyKind, ScreenOptions, TokenMatch, WeakReason } from './match';
export { DEFAULT_COMMON_NAME_POLICY, type CommonNamePolicy, type NameForm } from './name-index';
export { nameTokens, nameKey, HONORIFICS } from './normalise';
export { toLatin } from './transliterate';
export { canonicalToken, NAME_VARIANTS } from './romanisation';
export { derivedNames } from './derived-names';
export { jaroWinkler, jaro } from './jaro-winkler';
