// Everything the rules need, derived from the config once at engine creation (regexes, sets,
// prefix maps, EUR thresholds), so scoring a parcel allocates little and scans nothing big.
import type { HsNomenclature } from '../reference/hs';
import type { RulesConfig } from './config/schema';
import { type HsFitter, createHsFitter } from './hs-fit';
import { KeywordIndex } from './keyword-index';
import { type KeywordMatcher, type PreparedText, compileTerms } from './keyword-matcher';
import { foldText } from './text';
import type { DangerousGoodsRuleId, GoodsClass, RuleId } from './types';

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

export interface CompiledDgGoods {
  ruleId: DangerousGoodsRuleId;
  item: string;
  claims: readonly GoodsClass[];
  matcher: KeywordMatcher;
  abvAbovePercent: number | undefined;
}

export interface CompiledDangerousGoods {
  /** HS prefix (2, 4 or 6 digits) → the goods entries it belongs to. */
  goodsByHs: Map<string, { prefix: string; goods: CompiledDgGoods }[]>;
  goods: CompiledDgGoods[];
  /**
   * Could any term of the family (goods and lithium) match these folded words? False: the line is skipped. A cheap
   * test: does a word of the text start a term (its first word, or a one-word stem's prefix)? Text with characters
   * of an unspaced script always passes (its terms match anywhere).
   */
  mayMatch(text: PreparedText): boolean;
  lithium: {
    looseHs: Set<string>;
    lithiumEquipmentHs: Set<string>;
    exclusions: RegExp | undefined;
    powerBank: KeywordMatcher;
    lithium: KeywordMatcher;
    battery: KeywordMatcher;
    batteryItem: KeywordMatcher;
    lithiumEquipment: KeywordMatcher;
    equipment: KeywordMatcher;
    largeEquipment: KeywordMatcher;
    packedWith: KeywordMatcher;
    damaged: KeywordMatcher;
  };
  /** Each rule's sources, cited. */
  sources: Map<DangerousGoodsRuleId, { id: string; cite: string; title: string; reference: string }[]>;
  /** Each rule's sources' short citations, as its messages quote them ("A; B"). */
  cites: Map<DangerousGoodsRuleId, string>;
}

export interface CompiledRules {
  config: RulesConfig;
  /** Every keyword matcher below is built through it: prepare a line's folded description with it once. */
  keywords: KeywordIndex;
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
  dangerousGoods: CompiledDangerousGoods;
  /** Words of the generic phrases: a description with any other word (besides fillers and quantities) is not generic. */
  genericWords: Set<string>;
  /** What the tables above say of one HS subheading, looked up once per code (see HsCodeFacts). */
  hsCode(hs6: string): HsCodeFacts;
}

/** The tables' entries for one HS subheading, in the order the rules read them (prefixes longest first). */
export interface HsCodeFacts {
  prefixes: readonly string[];
  /** hsGroups of each prefix, prefix by prefix. */
  hsGroups: readonly CompiledHsGroup[];
  /** Dangerous goods declared by a prefix of the code, prefix by prefix. */
  dgGoods: readonly { prefix: string; goods: CompiledDgGoods }[];
  /** The code is one of the lithium cells and batteries on their own. */
  lithiumLoose: boolean;
  /** The longest prefix of equipment that always holds a lithium battery. */
  lithiumEquipmentPrefix: string | undefined;
  counterfeitPrefix: string | undefined;
  /** The most specific value floor defining each metric. */
  floorPerKg: (ValueFloorEur & { perKgEur: number }) | undefined;
  floorPerUnit: (ValueFloorEur & { perUnitEur: number }) | undefined;
}

/** Codes kept: HS 2022 has about 5,600 subheadings; a caller passing arbitrary codes gets them computed, not stored. */
const MAX_HS_CODES = 20_000;

function hsCodeTable(rules: Omit<CompiledRules, 'hsCode'>): (hs6: string) => HsCodeFacts {
  const table = new Map<string, HsCodeFacts>();
  const dg = rules.dangerousGoods;
  const facts = (hs6: string): HsCodeFacts => {
    const prefixes = hsPrefixes(hs6);
    const floor = <K extends 'perKgEur' | 'perUnitEur'>(metric: K) =>
      prefixes.map((p) => rules.valueFloors.get(p)).find((f) => f?.[metric] !== undefined) as (ValueFloorEur & Record<K, number>) | undefined;
    return {
      prefixes,
      hsGroups: prefixes.flatMap((p) => rules.hsGroups.get(p) ?? []),
      dgGoods: prefixes.flatMap((p) => dg.goodsByHs.get(p) ?? []),
      lithiumLoose: dg.lithium.looseHs.has(hs6),
      lithiumEquipmentPrefix: prefixes.find((p) => dg.lithium.lithiumEquipmentHs.has(p)),
      counterfeitPrefix: prefixes.find((p) => rules.counterfeitPrefixes.has(p)),
      floorPerKg: floor('perKgEur'),
      floorPerUnit: floor('perUnitEur'),
    };
  };
  return (hs6) => {
    let f = table.get(hs6);
    if (f === undefined) {
      f = facts(hs6);
      if (table.size < MAX_HS_CODES) table.set(hs6, f);
    }
    return f;
  };
}

/** HS prefixes of a code, longest first: "851713" → 851713, 8517, 85. */
export const hsPrefixes = (code: string): string[] => [code.slice(0, 6), code.slice(0, 4), code.slice(0, 2)];

function compileDangerousGoods(dg: RulesConfig['dangerousGoods'], index: KeywordIndex): CompiledDangerousGoods {
  const family: number[] = [];
  const keywordMatcher = (terms: readonly string[], exclusions: readonly string[] = [], ofFamily = true) => {
    const m = index.matcher(terms, exclusions);
    if (ofFamily) family.push(m.id);
    return m;
  };
  const goods: CompiledDgGoods[] = dg.goods.map((g) => ({ ruleId: g.ruleId, item: g.item, claims: g.claims, matcher: keywordMatcher(g.terms, g.exclusions), abvAbovePercent: g.abvAbovePercent }));
  const goodsByHs = new Map<string, { prefix: string; goods: CompiledDgGoods }[]>();
  dg.goods.forEach((g, i) => {
    for (const prefix of g.hsPrefixes) {
      const list = goodsByHs.get(prefix) ?? [];
      list.push({ prefix, goods: goods[i]! });
      goodsByHs.set(prefix, list);
    }
  });
  const l = dg.lithium;
  const sources = new Map<DangerousGoodsRuleId, { id: string; cite: string; title: string; reference: string }[]>();
  for (const [ruleId, r] of Object.entries(dg.rules) as [DangerousGoodsRuleId, (typeof dg.rules)[DangerousGoodsRuleId]][]) {
    sources.set(
      ruleId,
      r.sources.map((id) => ({ id, ...dg.sources[id]! })),
    );
  }
  const lithium = {
    looseHs: new Set(l.looseHsPrefixes),
    lithiumEquipmentHs: new Set(l.lithiumEquipmentHsPrefixes),
    exclusions: compileTerms(l.exclusions, 'g'),
    powerBank: keywordMatcher(l.powerBankTerms),
    lithium: keywordMatcher(l.lithiumTerms),
    battery: keywordMatcher(l.batteryTerms),
    batteryItem: keywordMatcher(l.batteryItemTerms),
    lithiumEquipment: keywordMatcher(l.lithiumEquipmentTerms),
    // Equipment and damage words alone say nothing dangerous: they do not let a line past mayMatch.
    equipment: keywordMatcher(l.equipmentTerms, [], false),
    largeEquipment: keywordMatcher(l.largeBatteryEquipmentTerms),
    packedWith: keywordMatcher(l.packedWithTerms),
    damaged: keywordMatcher(l.damagedTerms, [], false),
  };
  return {
    goodsByHs,
    goods,
    mayMatch: (text) => text.unspacedScript || family.some((id) => text.words[id] === 1),
    lithium,
    sources,
    cites: new Map([...sources].map(([id, list]) => [id, list.map((s) => s.cite).join('; ')])),
  };
}

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
  const keywords = new KeywordIndex();
  const deMinimisEur = new Map<string, number>();
  for (const [country, m] of Object.entries(config.deMinimis)) {
    const rate = config.eurPerUnit[m.currency];
    if (rate !== undefined && m.amount > 0) deMinimisEur.set(country, m.amount * rate);
  }
  const compiled = {
    config,
    keywords,
    hs,
    hsGroups,
    keywordGroups: config.keywordGroups.map((g) => ({ ruleId: g.ruleId, goodsClass: g.goodsClass, label: g.label, matcher: keywords.matcher(g.terms, g.exclusions) })),
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
    dangerousGoods: compileDangerousGoods(config.dangerousGoods, keywords),
    genericWords: new Set([...genericPhrases].flatMap((p) => p.split(' '))),
  };
  return { ...compiled, hsCode: hsCodeTable(compiled) };
}
