// The risk engine: a synchronous, pure core (assess, decide) and one async wrapper (assessParcel)
// that fetches the recipient's history through its port first. The split is deliberate: every
// rule stays a plain function of its inputs, testable without I/O and without await in the hot
// loop; only the single history lookup per parcel is asynchronous, and the caller (the process
// Lambda) can batch or cache it as it likes.
import type { Declaration } from '../ead/schema';
import { type HsNomenclature, hsNomenclature } from '../reference/hs';
import { applyClearances } from './clearances';
import { type CompiledRules, compileRules } from './compiled';
import type { RulesConfig } from './config/schema';
import { decide, levelFor } from './decide';
import { recipientFingerprint } from './fingerprint';
import type { RecipientHistory } from './history';
import type { CustomsResponseDraft } from './response';
import { type ParcelFacts, type Rule, ruleContext } from './rules/context';
import { counterfeitProne } from './rules/counterfeit';
import { dangerousGoods } from './rules/dangerous-goods';
import { descriptionQuality, giftFromBusiness, nominalValue, recipientPhone } from './rules/data-quality';
import { hsDescriptionFit } from './rules/hs-fit';
import { prohibitedGoods } from './rules/prohibited';
import { sanctionedParties } from './rules/sanctions';
import { splitShipment } from './rules/split-shipment';
import { frequentAmendments } from './rules/amendments';
import { justUnderDeMinimis, lineUndervaluation } from './rules/undervaluation';
import type { Assessment, RecipientParcel, Hit, Screener } from './types';

// dangerousGoods runs first: the goods classes it claims on a line are not scored again by prohibitedGoods.
const RULES: readonly Rule[] = [
  dangerousGoods,
  prohibitedGoods,
  descriptionQuality,
  nominalValue,
  hsDescriptionFit,
  giftFromBusiness,
  recipientPhone,
  lineUndervaluation,
  justUnderDeMinimis,
  splitShipment,
  counterfeitProne,
  sanctionedParties,
  frequentAmendments,
];

export interface RiskEngineDeps {
  config: RulesConfig;
  screener: Screener;
  /** Defaults to the bundled HS 2022 nomenclature. */
  hs?: HsNomenclature;
}

export interface RiskEngine {
  readonly config: RulesConfig;
  /** Scores a validated declaration. history: earlier parcels to the same recipient (may include this one). */
  assess(declaration: Declaration, history: readonly RecipientParcel[], now: string, facts?: ParcelFacts): Assessment;
  decide(assessment: Assessment): CustomsResponseDraft;
  /**
   * Whether assess reads history for this declaration, and so whether it belongs in the recipient history: only a
   * parcel under its destination's de minimis can be part of a split (one at or over it is declared for duty anyway,
   * and the split rule counts neither it nor such parcels in the history).
   */
  needsHistory(declaration: Declaration): boolean;
  /** Start of the split-shipment window ending at now, as ISO. */
  historySince(now: string): string;
  /** The declaration's total in EUR, as the history should record it; undefined for an unconfigured currency. */
  valueEur(declaration: Declaration): number | undefined;
}

export function createRiskEngine(deps: RiskEngineDeps): RiskEngine {
  const rules: CompiledRules = compileRules(deps.config, deps.hs ?? hsNomenclature());
  const { config } = deps;
  const valueEur = (d: Declaration): number | undefined => {
    const rate = config.eurPerUnit[d.currency];
    return rate === undefined ? undefined : Math.round(d.totalValue * rate * 100) / 100;
  };
  return {
    config,
    assess(declaration, history, now, facts) {
      const hits: Hit[] = [];
      const ctx = ruleContext(declaration, rules, history, now, deps.screener, hits, facts);
      for (const rule of RULES) rule(ctx);
      if (facts?.clearances?.length) applyClearances(hits, declaration, facts.clearances);
      let score = 0;
      for (const h of hits) score += h.points;
      return { score, level: levelFor(score, hits, config.levels), hits, rulesetVersion: config.rulesetVersion };
    },
    decide,
    needsHistory(d) {
      const threshold = rules.deMinimisEur.get(d.destinationCountry);
      const value = valueEur(d);
      return threshold !== undefined && value !== undefined && value < threshold;
    },
    historySince: (now) => new Date(Date.parse(now) - config.splitShipment.windowHours * 3_600_000).toISOString(),
    valueEur,
  };
}

export interface ParcelAssessment {
  assessment: Assessment;
  customsResponse: CustomsResponseDraft;
  /** The recipient fingerprint, for the caller to store the parcel in the history index under. */
  recipientFingerprint: string;
}

/** Fetches the recipient's recent parcels, then assesses and decides. */
export async function assessParcel(engine: RiskEngine, declaration: Declaration, history: RecipientHistory, now: string, facts?: ParcelFacts): Promise<ParcelAssessment> {
  const fingerprint = recipientFingerprint(declaration.recipient);
  const recent = engine.needsHistory(declaration) ? await history.recentByRecipient(fingerprint, engine.historySince(now), now) : [];
  const assessment = engine.assess(declaration, recent, now, facts);
  return { assessment, customsResponse: engine.decide(assessment), recipientFingerprint: fingerprint };
}
