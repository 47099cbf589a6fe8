export { parseSdnCsv, aliasesFromRemarks, type SanctionsEntry, type SanctionsEntryType } from './sdn-csv';
export {
  SanctionsScreener,
  loadDefaultScreener,
  DEFAULT_STRONG_THRESHOLD,
  DEFAULT_WEAK_THRESHOLD,
  DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD,
  type SanctionsMatch,
  type ScreenerOptions,
} from './screener';
export { nameTokens, nameKey } from './normalise';
export { jaroWinkler, jaro } from './jaro-winkler';
