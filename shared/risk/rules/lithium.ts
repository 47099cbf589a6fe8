// The lithium-battery decision for one line (the order of the decisions is in ./dangerous-goods.ts's header).
import type { CompiledDangerousGoods, HsCodeFacts } from '../compiled';
import type { PreparedText } from '../keyword-matcher';
import type { DangerousGoodsRuleId } from '../types';

export type LithiumKind = 'LOOSE' | 'PACKED_WITH' | 'DAMAGED' | 'OVER_LIMIT' | 'IN_EQUIPMENT';
export const LITHIUM_RULE: Record<LithiumKind, DangerousGoodsRuleId> = {
  LOOSE: 'DG_LITHIUM_BATTERY_LOOSE',
  PACKED_WITH: 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT',
  DAMAGED: 'DG_LITHIUM_BATTERY_DAMAGED',
  OVER_LIMIT: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
  IN_EQUIPMENT: 'DG_LITHIUM_BATTERY_IN_EQUIPMENT',
};

const LITHIUM_MATCHERS = ['lithium', 'battery', 'lithiumEquipment', 'largeEquipment', 'equipment', 'damaged', 'packedWith', 'batteryItem'] as const;

export interface LithiumFinding {
  kind: LithiumKind;
  /** What in the line said it: a term, or the HS prefix. */
  found: { matchedTerm?: string; hsPrefix?: string; equipment?: string };
  detail?: string;
}

/**
 * The lithium decision for one line (see the header), or undefined when no lithium battery is in view. hs: what the
 * compiled tables say of hs6 (CompiledRules.hsCode), undefined with it.
 */
export function classifyLithium(dg: CompiledDangerousGoods, prepared: PreparedText, hs6: string | undefined, hs: HsCodeFacts | undefined): LithiumFinding | undefined {
  const l = dg.lithium;
  const powerBank = l.powerBank.matchPrepared(prepared);
  if (powerBank) return { kind: 'LOOSE', found: { matchedTerm: powerBank } };
  const looseHs = hs?.lithiumLoose ? hs6 : undefined;
  const lithiumEquipmentHs = hs?.lithiumEquipmentPrefix;
  const hasTerms = LITHIUM_MATCHERS.some((k) => l[k].mayMatch(prepared));
  // Without a candidate term every match below is undefined, with or without the exclusions removed.
  const text = hasTerms && l.exclusions ? prepared.folded.replace(l.exclusions, ' ') : prepared.folded;
  const lithium = l.lithium.matchPrepared(prepared, text);
  const battery = lithium ?? l.battery.matchPrepared(prepared, text);
  const lithiumEquipment = l.lithiumEquipment.matchPrepared(prepared, text);
  const largeEquipment = l.largeEquipment.matchPrepared(prepared, text);
  const equipment = lithiumEquipment ?? largeEquipment ?? l.equipment.matchPrepared(prepared, text);
  const holdsBattery = lithiumEquipment !== undefined || largeEquipment !== undefined || lithiumEquipmentHs !== undefined || battery !== undefined;
  if (looseHs === undefined && !holdsBattery) return undefined;
  const damaged = l.damaged.matchPrepared(prepared, text);
  if (damaged) return { kind: 'DAMAGED', found: { matchedTerm: damaged, ...(equipment ? { equipment } : {}) } };
  const packedWith = l.packedWith.matchPrepared(prepared, text);
  const withEquipment = equipment ?? (lithiumEquipmentHs ? `HS ${lithiumEquipmentHs}` : undefined);
  // "Replacement battery for ...", "battery for ...": the battery is the item, whatever equipment it names.
  const batteryItem = l.batteryItem.matchPrepared(prepared, text);
  if (looseHs !== undefined) {
    return packedWith && withEquipment && !batteryItem
      ? { kind: 'PACKED_WITH', found: { matchedTerm: packedWith, equipment: withEquipment } }
      : { kind: 'LOOSE', found: { hsPrefix: looseHs, ...(battery ? { matchedTerm: battery } : {}) } };
  }
  if (withEquipment !== undefined) {
    if (batteryItem) return { kind: 'LOOSE', found: { matchedTerm: batteryItem, equipment: withEquipment } };
    if (packedWith) return { kind: 'PACKED_WITH', found: { matchedTerm: packedWith, equipment: withEquipment } };
    if (largeEquipment) return { kind: 'OVER_LIMIT', found: { matchedTerm: largeEquipment }, detail: `${largeEquipment}: its battery is above 100 Wh` };
    if (lithiumEquipment !== undefined || lithiumEquipmentHs !== undefined || battery !== undefined) {
      return { kind: 'IN_EQUIPMENT', found: { equipment: withEquipment, ...(battery ? { matchedTerm: battery } : {}) } };
    }
    return undefined;
  }
  if (lithium) return { kind: 'LOOSE', found: { matchedTerm: lithium } };
  if (batteryItem ?? packedWith) return { kind: 'LOOSE', found: { matchedTerm: (batteryItem ?? packedWith)! } };
  return undefined;
}
