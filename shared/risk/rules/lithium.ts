// The lithium-battery decision for one line (the order of the decisions is in ./dangerous-goods.ts's header).
import type { CompiledDangerousGoods } from '../compiled';
import { hsPrefixes } from '../compiled';
import type { DangerousGoodsRuleId } from '../types';

export type LithiumKind = 'LOOSE' | 'PACKED_WITH' | 'DAMAGED' | 'OVER_LIMIT' | 'IN_EQUIPMENT';
export const LITHIUM_RULE: Record<LithiumKind, DangerousGoodsRuleId> = {
  LOOSE: 'DG_LITHIUM_BATTERY_LOOSE',
  PACKED_WITH: 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT',
  DAMAGED: 'DG_LITHIUM_BATTERY_DAMAGED',
  OVER_LIMIT: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
  IN_EQUIPMENT: 'DG_LITHIUM_BATTERY_IN_EQUIPMENT',
};

export interface LithiumFinding {
  kind: LithiumKind;
  /** What in the line said it: a term, or the HS prefix. */
  found: { matchedTerm?: string; hsPrefix?: string; equipment?: string };
  detail?: string;
}

/** The lithium decision for one line (see the header), or undefined when no lithium battery is in view. */
export function classifyLithium(dg: CompiledDangerousGoods, folded: string, hs6: string | undefined): LithiumFinding | undefined {
  const l = dg.lithium;
  const powerBank = l.powerBank.match(folded);
  if (powerBank) return { kind: 'LOOSE', found: { matchedTerm: powerBank } };
  const text = l.exclusions ? folded.replace(l.exclusions, ' ') : folded;
  const looseHs = hs6 !== undefined && l.looseHs.has(hs6) ? hs6 : undefined;
  const lithiumEquipmentHs = hs6 !== undefined ? hsPrefixes(hs6).find((p) => l.lithiumEquipmentHs.has(p)) : undefined;
  const lithium = l.lithium.match(text);
  const battery = lithium ?? l.battery.match(text);
  const lithiumEquipment = l.lithiumEquipment.match(text);
  const largeEquipment = l.largeEquipment.match(text);
  const equipment = lithiumEquipment ?? largeEquipment ?? l.equipment.match(text);
  const holdsBattery = lithiumEquipment !== undefined || largeEquipment !== undefined || lithiumEquipmentHs !== undefined || battery !== undefined;
  if (looseHs === undefined && !holdsBattery) return undefined;
  const damaged = l.damaged.match(text);
  if (damaged) return { kind: 'DAMAGED', found: { matchedTerm: damaged, ...(equipment ? { equipment } : {}) } };
  const packedWith = l.packedWith.match(text);
  const withEquipment = equipment ?? (lithiumEquipmentHs ? `HS ${lithiumEquipmentHs}` : undefined);
  // "Replacement battery for ...", "battery for ...": the battery is the item, whatever equipment it names.
  const batteryItem = l.batteryItem.match(text);
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
