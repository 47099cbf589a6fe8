// Everything the rules need, derived from the config once at engine creation (regexes, sets,
// prefix maps, EUR thresholds), so scoring a parcel allocates little and scans nothing big.
import type { HsNomenclature } from '../reference/hs';
import type { RulesConfig } from './config/schema';
import { type HsFitter, createHsFitter } from './hs-fit';
import { type KeywordMatcher, compileTerms, keywordMatcher } from './keyword-matcher';
import { foldText } from './text';
import type { GoodsClass, RuleId } from './types';

export interface CompiledHsGroup {
  ruleId: RuleId;
  goodsClass: GoodsClass;
  label: string;
  prefix: string;
}

export interface CompiledKeywordGroup {
  ruleId: RuleId;
  goodsClass: GoodsClass;
  label: string;
  matcher: KeywordMatcher;
}

export interface ValueFloorEur {
  hsPrefix: string;
  label: string;
  perKgEur?: number;
  perUnitEur?: number;
}

export interface CompiledRules {
  config: RulesConfig;
  hs: HsNomenclature;
  /** HS prefix (2, 4 or 6 digits) → the groups it belongs to. */
  hsGroups: Map<string, CompiledHsGroup[]>;
  keywordGroups: CompiledKeywordGroup[];
  genericPhrases: Set<string>;
  longestGenericPhrase: number;
  fillerWords: Set<string>;
  businessMarkers: RegExp | undefined;
  phoneRequired: Set<string>;
  valueFloors: Map<string, ValueFloorEur>;
  /** Destination → de minimis threshold in EUR (absent or 0: none). */
  deMinimisEur: Map<string, number>;
  counterfeitPrefixes: Set<string>;
  highRiskOrigins: Set<string>;
  commercialCategories: Set<string>;
  hsFitter: HsFitter;
}

/** HS prefixes of a code, longest first: "851713" → 851713, 8517, 85. */
export const hsPrefixes = (code: string): string[] => [code.slice(0, 6), code.slice(0, 4), code.slice(0, 2)];

export function compileRules(config: RulesConfig, hs: HsNomenclature): CompiledRules {
  const hsGroups = new Map<string, CompiledHsGroup[]>();
  for (const g of config.hsGroups) {
    for (const prefix of g.prefixes) {
      const list = hsGroups.get(prefix) ?? [];
      list.push({ ruleId: g.ruleId, goodsClass: g.goodsClass, label: g.label, prefix });
      hsGroups.set(prefix, list);
    }
  }
  const genericPhrases = new Set(config.description.genericTerms.map(foldText).filter((t) => t.length > 0));
  const fillerWords = new Set(config.description.fillerWords.map(foldText));
  const deMinimisEur = new Map<string, number>();
  for (const [country, m] of Object.entries(config.deMinimis)) {
    const rate = config.eurPerUnit[m.currency];
    if (rate !== undefined && m.amount > 0) deMinimisEur.set(country, m.amount * rate);
  }
  return {
    config,
    hs,
    hsGroups,
    keywordGroups: config.keywordGroups.map((g) => ({ ruleId: g.ruleId, goodsClass: g.goodsClass, label: g.label, matcher: keywordMatcher(g.terms, g.exclusions) })),
    genericPhrases,
    longestGenericPhrase: Math.max(1, ...[...genericPhrases].map((p) => p.split(' ').length)),
    fillerWords,
    businessMarkers: compileTerms(config.giftFromBusiness.businessMarkers),
    phoneRequired: new Set(config.phoneRequiredDestinations),
    valueFloors: new Map(config.valueFloors.map((f) => [f.hsPrefix, f])),
    deMinimisEur,
    counterfeitPrefixes: new Set(config.counterfeit.hsPrefixes),
    highRiskOrigins: new Set(config.counterfeit.highRiskOrigins),
    commercialCategories: new Set(config.commercialCategories),
    // Filler and generic words say nothing about the goods, so they neither make nor break a fit.
    hsFitter: createHsFitter(config.hsFit, new Set([...fillerWords, ...genericPhrases]), hs),
  };
}
