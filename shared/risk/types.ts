// The engine's vocabulary: rule ids, their families, hits and the assessment.
// Families matter to the decision (data-quality-only findings ask for an amendment rather than
// holding the parcel), so every rule id belongs to exactly one, fixed here in code; its points and
// whether it is critical are data (config).

export const RULE_FAMILIES = {
  PROHIBITED_HS_ARMS: 'PROHIBITED_GOODS',
  PROHIBITED_HS_EXPLOSIVES: 'PROHIBITED_GOODS',
  RESTRICTED_HS_PRECURSORS: 'PROHIBITED_GOODS',
  RESTRICTED_HS_MEDICINES: 'PROHIBITED_GOODS',
  RESTRICTED_HS_PLANTS: 'PROHIBITED_GOODS',
  RESTRICTED_HS_TOBACCO: 'PROHIBITED_GOODS',
  RESTRICTED_HS_BATTERIES: 'PROHIBITED_GOODS',
  PROHIBITED_KEYWORD_ARMS: 'PROHIBITED_GOODS',
  PROHIBITED_KEYWORD_EXPLOSIVES: 'PROHIBITED_GOODS',
  PROHIBITED_KEYWORD_DRUGS: 'PROHIBITED_GOODS',
  RESTRICTED_KEYWORD_CANNABIS: 'PROHIBITED_GOODS',
  RESTRICTED_KEYWORD_MEDICINES: 'PROHIBITED_GOODS',
  RESTRICTED_KEYWORD_TOBACCO: 'PROHIBITED_GOODS',
  RESTRICTED_KEYWORD_BATTERIES: 'PROHIBITED_GOODS',
  DESCRIPTION_GENERIC: 'DATA_QUALITY',
  DESCRIPTION_NOT_TEXT: 'DATA_QUALITY',
  VALUE_NOMINAL: 'DATA_QUALITY',
  HS_DESCRIPTION_MISMATCH: 'DATA_QUALITY',
  GIFT_FROM_BUSINESS: 'DATA_QUALITY',
  RECIPIENT_PHONE_MISSING: 'DATA_QUALITY',
  VALUE_PER_KG_LOW: 'UNDERVALUATION',
  VALUE_PER_UNIT_LOW: 'UNDERVALUATION',
  VALUE_JUST_UNDER_DE_MINIMIS: 'UNDERVALUATION',
  SPLIT_SHIPMENT: 'UNDERVALUATION',
  COUNTERFEIT_PRONE_ORIGIN: 'COUNTERFEIT',
  // Sanctions screening (./rules/sanctions.ts): a name match corroborated by the entry's own data, a strong name
  // match alone (referred for review), a weak one (scores only). Which is which is policy data (config sanctions).
  SANCTIONS_CONFIRMED_MATCH: 'SANCTIONS',
  SANCTIONS_POSSIBLE_MATCH: 'SANCTIONS',
  SANCTIONS_WEAK_MATCH: 'SANCTIONS',
  AMENDMENTS_FREQUENT: 'FILER_BEHAVIOUR',
  // Dangerous goods in the post (./rules/dangerous-goods.ts): what may not fly, what may fly with conditions.
  DG_LITHIUM_BATTERY_LOOSE: 'DANGEROUS_GOODS',
  DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT: 'DANGEROUS_GOODS',
  DG_LITHIUM_BATTERY_DAMAGED: 'DANGEROUS_GOODS',
  DG_LITHIUM_BATTERY_OVER_LIMIT: 'DANGEROUS_GOODS',
  DG_LITHIUM_BATTERY_IN_EQUIPMENT: 'DANGEROUS_GOODS',
  DG_FLAMMABLE_LIQUID: 'DANGEROUS_GOODS',
  DG_FLAMMABLE_GAS: 'DANGEROUS_GOODS',
  DG_FLAMMABLE_SOLID: 'DANGEROUS_GOODS',
  DG_E_CIGARETTE: 'DANGEROUS_GOODS',
  DG_MAGNETIZED_MATERIAL: 'DANGEROUS_GOODS',
  DG_DRY_ICE: 'DANGEROUS_GOODS',
  DG_MERCURY: 'DANGEROUS_GOODS',
  DG_CORROSIVE: 'DANGEROUS_GOODS',
  DG_INFECTIOUS: 'DANGEROUS_GOODS',
  DG_RADIOACTIVE: 'DANGEROUS_GOODS',
} as const;

export type RuleId = keyof typeof RULE_FAMILIES;
export type RuleFamily = (typeof RULE_FAMILIES)[RuleId];
export const RULE_IDS = Object.keys(RULE_FAMILIES) as [RuleId, ...RuleId[]];

export type DangerousGoodsRuleId = { [K in RuleId]: (typeof RULE_FAMILIES)[K] extends 'DANGEROUS_GOODS' ? K : never }[RuleId];
export const DANGEROUS_GOODS_RULE_IDS = RULE_IDS.filter((id) => RULE_FAMILIES[id] === 'DANGEROUS_GOODS') as [DangerousGoodsRuleId, ...DangerousGoodsRuleId[]];

export type SanctionsRuleId = { [K in RuleId]: (typeof RULE_FAMILIES)[K] extends 'SANCTIONS' ? K : never }[RuleId];
export const SANCTIONS_RULE_IDS = RULE_IDS.filter((id) => RULE_FAMILIES[id] === 'SANCTIONS') as [SanctionsRuleId, ...SanctionsRuleId[]];

/** The goods classes shared by the HS and keyword rules, so one line is not scored twice for the same goods. */
// A dangerous-goods hit claims its classes on the line (BATTERIES for lithium and acid batteries, TOBACCO for
// e-cigarettes), so the older RESTRICTED_*_BATTERIES / _TOBACCO rules do not score the same goods again.
export const GOODS_CLASSES = ['ARMS', 'EXPLOSIVES', 'DRUGS', 'PRECURSORS', 'CANNABIS', 'MEDICINES', 'PLANTS', 'TOBACCO', 'BATTERIES'] as const;
export type GoodsClass = (typeof GOODS_CLASSES)[number];

export interface Hit {
  ruleId: RuleId;
  points: number;
  /** RFC 6901 pointer into the declaration, to the field that caused the hit. */
  pointer: string;
  message: string;
  evidence: Record<string, unknown>;
  /** A critical hit means the parcel must not be loaded, whatever the score. */
  critical: boolean;
}

export const LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof LEVELS)[number];

export interface Assessment {
  /** Always the sum of the hits' points: no score without a reason. */
  score: number;
  level: RiskLevel;
  hits: Hit[];
  rulesetVersion: string;
}

/** One earlier parcel to the same recipient, as the split-shipment rule needs it. */
export interface RecipientParcel {
  itemId: string;
  valueEur: number;
  receivedAt: string;
}

/** Sanctions screening result: the type only, so the engine depends on the screening port, not its implementation. */
import type { SanctionsMatch, ScreenOptions } from './sanctions/match';
export type { SanctionsMatch };

/** Port: anything that screens a name against a sanctions list. */
export interface Screener {
  screen(name: string, options?: ScreenOptions): SanctionsMatch[];
}
