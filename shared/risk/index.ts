// Public API of the risk engine. Everything else in shared/risk is internal.
export type { ParcelFacts } from './rules/context';
export { createRiskEngine, assessParcel, type RiskEngine, type RiskEngineDeps, type ParcelAssessment } from './engine';
export { decide, levelFor } from './decide';
export { loadRulesConfig, parseRulesConfig, mergeRulesConfig, knownRegions, RulesConfigError, type RulesConfigOverride } from './config/regions';
export { RulesConfigSchema, type RulesConfig, type RulesConfigInput } from './config/schema';
export { DEFAULT_RULES_CONFIG } from './config/defaults';
export { recipientFingerprint, recipientKey, type RecipientParty } from './fingerprint';
export { InMemoryRecipientHistory, type RecipientHistory } from './history';
export {
  CUSTOMS_RESPONSE_CODES,
  CUSTOMS_RESPONSE_TABLE,
  isCustomsResponseCode,
  isFinal,
  edifact7365,
  type CustomsResponseCode,
  type CustomsResponseCodeInfo,
  type CustomsResponseDraft,
} from './response';
export { RULE_FAMILIES, RULE_IDS, LEVELS, type Assessment, type Hit, type RecipientParcel, type RiskLevel, type RuleId, type RuleFamily, type SanctionsMatch, type Screener } from './types';
