// What every rule receives: the declaration, facts derived from it once per parcel (folded
// descriptions, EUR values), the compiled rules, and a collector that turns findings into hits
// with the configured points, so rules never read weights themselves.
import type { Declaration } from '../../ead/schema';
import type { CompiledRules } from '../compiled';
import { foldText } from '../text';
import type { HistoryEntry, Hit, RuleId, Screener } from '../types';

export interface LineFacts {
  index: number;
  folded: string;
  /** First six digits of the HS code, if declared. */
  hs6: string | undefined;
  valueEur: number | undefined;
  /** The line's country of origin, else the declaration's. */
  origin: string;
}

export interface RuleContext {
  d: Declaration;
  rules: CompiledRules;
  lines: LineFacts[];
  /** Undefined when the currency has no configured exchange rate: value rules then stay silent. */
  totalEur: number | undefined;
  eurRate: number | undefined;
  history: readonly HistoryEntry[];
  /** When this parcel's earlier amendments were received (ISO times), the current one included. */
  amendments: readonly string[];
  now: string;
  screener: Screener;
  hit(ruleId: RuleId, pointer: string, message: string, evidence: Record<string, unknown>): void;
}

export type Rule = (ctx: RuleContext) => void;

/** What the engine is told about the parcel itself, beyond its declaration. */
export interface ParcelFacts {
  /** Times at which the parcel's amendments were received. */
  amendments?: readonly string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function ruleContext(d: Declaration, rules: CompiledRules, history: readonly HistoryEntry[], now: string, screener: Screener, hits: Hit[], facts: ParcelFacts = {}): RuleContext {
  const eurRate = rules.config.eurPerUnit[d.currency];
  const lines = d.contents.map((line, index) => ({
    index,
    folded: foldText(line.description),
    hs6: line.hsCode?.slice(0, 6),
    valueEur: eurRate === undefined ? undefined : round2(line.value * eurRate),
    origin: line.originCountry ?? d.originCountry,
  }));
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
    hit(ruleId, pointer, message, evidence) {
      const weight = rules.config.rules[ruleId];
      if (!weight.enabled) return;
      hits.push({ ruleId, points: weight.points, pointer, message, evidence, critical: weight.critical });
    },
  };
}
