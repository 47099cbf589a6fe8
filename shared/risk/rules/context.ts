// What every rule receives: the declaration, facts derived from it once per parcel (folded
// descriptions, EUR values), the compiled rules, and a collector that turns findings into hits
// with the configured points, so rules never read weights themselves.
import type { Declaration } from '#shared/ead/schema';
import type { ClearanceGrant } from '../clearances';
import type { CompiledRules, HsCodeFacts } from '../compiled';
import type { PreparedText } from '../keyword-matcher';
import { foldText } from '../text';
import type { GoodsClass, RecipientParcel, Hit, RuleId, Screener } from '../types';

export interface LineFacts {
  index: number;
  folded: string;
  /** folded split at its spaces, once for every rule that reads words. */
  words: readonly string[];
  /** The folded description read once for every keyword matcher (rules.keywords.prepare). */
  text: PreparedText;
  /** First six digits of the HS code, if declared. */
  hs6: string | undefined;
  /** What the compiled tables say of hs6 (rules.hsCode), if declared. */
  hs: HsCodeFacts | undefined;
  valueEur: number | undefined;
  /** The line's country of origin, else the declaration's. */
  origin: string;
  /** Goods classes a dangerous-goods hit already scored on this line (the prohibited-goods rules skip them). */
  claimed: Set<GoodsClass> | undefined;
}

export interface RuleContext {
  d: Declaration;
  rules: CompiledRules;
  lines: LineFacts[];
  /** Undefined when the currency has no configured exchange rate: value rules then stay silent. */
  totalEur: number | undefined;
  eurRate: number | undefined;
  history: readonly RecipientParcel[];
  /** When this parcel's earlier amendments were received (ISO times), the current one included. */
  amendments: readonly string[];
  now: string;
  screener: Screener;
  /**
   * Records a hit with the rule's configured weight, or with `weight` when the rule sets it (a dangerous-goods rule
   * held by surface instead of forbidden by air). False when the rule is disabled: nothing was recorded.
   */
  hit(ruleId: RuleId, pointer: string, message: string, evidence: Record<string, unknown>, weight?: { points: number; critical: boolean }): boolean;
}

export type Rule = (ctx: RuleContext) => void;

/** What the engine is told about the parcel itself, beyond its declaration. */
export interface ParcelFacts {
  /** Times at which the parcel's amendments were received. */
  amendments?: readonly string[];
  /** Sanctions clearances in force for this parcel's parties (shared/risk/clearances.ts), applied after the rules. */
  clearances?: readonly ClearanceGrant[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function ruleContext(d: Declaration, rules: CompiledRules, history: readonly RecipientParcel[], now: string, screener: Screener, hits: Hit[], facts: ParcelFacts = {}): RuleContext {
  const eurRate = rules.config.eurPerUnit[d.currency];
  const lines = d.contents.map((line, index) => {
    const folded = foldText(line.description);
    const hs6 = line.hsCode?.slice(0, 6);
    const words = folded.split(' ');
    return {
      index,
      folded,
      words,
      text: rules.keywords.prepare(folded),
      hs6,
      hs: hs6 === undefined ? undefined : rules.hsCode(hs6),
      valueEur: eurRate === undefined ? undefined : round2(line.value * eurRate),
      origin: line.originCountry ?? d.originCountry,
      claimed: undefined, // created by the first claim: most lines have none
    };
  });
  return {
    d,
    rules,
    lines,
    totalEur: eurRate === undefined ? undefined : round2(d.totalValue * eurRate),
    eurRate,
    history,
    amendments: facts.amendments ?? [],
    now,
    screener,
    hit(ruleId, pointer, message, evidence, weight) {
      const configured = rules.config.rules[ruleId];
      if (!configured.enabled) return false;
      const { points, critical } = weight ?? configured;
      hits.push({ ruleId, points, pointer, message, evidence, critical });
      return true;
    },
  };
}
