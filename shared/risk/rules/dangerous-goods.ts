// Dangerous goods in the post: what may not fly, what may fly with conditions (UPU Convention art. 19 and the
// Letter / Parcel Post Regulations, ICAO Technical Instructions PI 965–970 Section II, IATA DGR 2.4). Every hit
// says what the item is, what the post does with it by the declared transport, why, and the sources.
//
// Transport: `transport` AIR (the default when absent) applies each rule's `air` action; SURFACE, ROAD and RAIL
// its `surface` action, which is never FORBIDDEN: an item forbidden by air is at most held by surface, and its hit
// says so. Points: FORBIDDEN takes the rule's weight (critical: DO_NOT_LOAD); HOLD the weight of a rule that is
// not critical, else dangerousGoods.heldPoints, never critical; ACCEPT 0 points (the hit states the condition).
//
// Lithium batteries (one decision per line, in this order):
//   1. a power bank or battery case (always a battery on its own) → LOOSE;
//   2. damaged, defective or swollen, with a battery in view → DAMAGED (held);
//   3. HS 850650 / 850760 (cells and batteries) → LOOSE, or PACKED_WITH when equipment and "spare battery" are said;
//   4. equipment named (or declared under a phone, laptop or camera code): the battery as the item ("replacement
//      battery for") → LOOSE; "spare battery" → PACKED_WITH; an e-scooter or e-bike → OVER_LIMIT; else, when
//      the equipment holds a battery (always for phones, laptops, ...; for toys when the text says battery) →
//      IN_EQUIPMENT, within limits counted over the whole postal item (4 cells or 2 batteries, Wh, lithium g);
//   5. no equipment: a lithium cell or battery, the battery as the item or a spare → LOOSE; a battery of unknown
//      chemistry ("AA batteries") is left to RESTRICTED_HS_BATTERIES.
import type { CompiledDangerousGoods, CompiledDgGoods } from '../compiled';
import { hsPrefixes } from '../compiled';
import type { DangerousGoodsRuleId, GoodsClass } from '../types';
import type { LineFacts, Rule, RuleContext } from './context';

export type Transport = 'AIR' | 'SURFACE' | 'ROAD' | 'RAIL';

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s.replace(',', '.')));

// Figures read from the raw description (folding drops "%", "." and ","), lower-cased.
const ABV_RE = /(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent|pct|° ?gl)|(?:abv|alc\.?|vol\.?)\s*:?\s*(\d{1,3}(?:[.,]\d+)?)|(\d{2,3})\s*(?:°\s*)?proof/;
const WH_RE = /(?<![a-z\d.,])(\d+(?:[.,]\d+)?)\s*wh(?![a-z])/;
const MAH_RE = /(?<![a-z\d.,])(\d+(?:[.,]\d+)?)\s*mah(?![a-z])/;
const VOLT_RE = /(?<![a-z\d.,])(\d+(?:[.,]\d+)?)\s*v(?![a-z])/;
const CELLS_RE = /(?<![a-z\d.,])(\d+)\s*(?:x\s*)?(?:cells?|zellen|cellules?|celdas?|celle|celulas?|células|节电芯|电芯)(?![a-z])/;
const BATTERIES_RE = /(?<![a-z\d.,])(\d+)\s*(?:x\s*)?(?:batteries|battery|batterien|batterie|akkus?|bater[ií]as?|batterie|batteria|pilas?|pilhas?|块电池)(?![a-z])/;
const LITHIUM_G_RE = /(\d+(?:[.,]\d+)?)\s*g(?:rams?)?\s*(?:of\s*)?lithium|lithium(?:\s*metal)?\s*(?:content)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*g(?![a-z])/;

/** The alcoholic strength a description states, in % vol (proof halved), or undefined. */
export function statedAbv(raw: string): number | undefined {
  const m = ABV_RE.exec(raw.toLowerCase());
  if (!m) return undefined;
  if (m[3] !== undefined) return Number(m[3]) / 2;
  return num(m[1] ?? m[2]);
}

export interface BatterySpec {
  wh?: number;
  whEstimated?: boolean;
  mah?: number;
  volts?: number;
  cells?: number;
  batteries?: number;
  lithiumGrams?: number;
}

/** What a description says of its batteries: Wh (or mAh and V), cells, batteries, lithium content. */
export function batterySpec(raw: string, nominalVolts: number): BatterySpec {
  const t = raw.toLowerCase();
  const spec: BatterySpec = {};
  const wh = num(WH_RE.exec(t)?.[1]);
  const mah = num(MAH_RE.exec(t)?.[1]);
  const volts = num(VOLT_RE.exec(t)?.[1]);
  if (mah !== undefined) spec.mah = mah;
  if (volts !== undefined) spec.volts = volts;
  if (wh !== undefined) spec.wh = wh;
  else if (mah !== undefined) {
    spec.wh = Math.round((mah * (volts ?? nominalVolts)) / 10) / 100;
    if (volts === undefined) spec.whEstimated = true;
  }
  const cells = num(CELLS_RE.exec(t)?.[1]);
  if (cells !== undefined) spec.cells = cells;
  const batteries = num(BATTERIES_RE.exec(t)?.[1]);
  if (batteries !== undefined) spec.batteries = batteries;
  const g = LITHIUM_G_RE.exec(t);
  if (g) spec.lithiumGrams = num(g[1] ?? g[2]);
  return spec;
}

type LithiumKind = 'LOOSE' | 'PACKED_WITH' | 'DAMAGED' | 'OVER_LIMIT' | 'IN_EQUIPMENT';
const LITHIUM_RULE: Record<LithiumKind, DangerousGoodsRuleId> = {
  LOOSE: 'DG_LITHIUM_BATTERY_LOOSE',
  PACKED_WITH: 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT',
  DAMAGED: 'DG_LITHIUM_BATTERY_DAMAGED',
  OVER_LIMIT: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
  IN_EQUIPMENT: 'DG_LITHIUM_BATTERY_IN_EQUIPMENT',
};

interface LithiumFinding {
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

const MODE_WORD: Record<Transport, string> = { AIR: 'air', SURFACE: 'surface', ROAD: 'road', RAIL: 'rail' };

interface Emit {
  ruleId: DangerousGoodsRuleId;
  item: string;
  pointer: string;
  /** What in the line said it. */
  found: Record<string, unknown>;
  /** A fact the message adds after the item ("3 batteries in the item, over the limit of 2"). */
  detail?: string;
  evidence?: Record<string, unknown>;
}

function describeFound(found: Record<string, unknown>): string {
  if (typeof found.matchedTerm === 'string') return `"${found.matchedTerm}"`;
  if (typeof found.hsPrefix === 'string') return `HS ${found.hsPrefix}`;
  return typeof found.equipment === 'string' ? `"${found.equipment}"` : '';
}

/** Records one dangerous-goods hit with the action its transport calls for. */
function emit(ctx: RuleContext, transport: Transport, line: LineFacts, e: Emit): boolean {
  const { config } = ctx.rules;
  const dg = config.dangerousGoods;
  const rule = dg.rules[e.ruleId];
  const weight = config.rules[e.ruleId];
  const byAir = transport === 'AIR';
  const action = byAir ? rule.air : rule.surface;
  const sources = ctx.rules.dangerousGoods.sources.get(e.ruleId) ?? [];
  const cites = sources.map((s) => s.cite).join('; ');
  const how = describeFound(e.found);
  const what = `${e.item}${how ? ` (${how})` : ''}${e.detail ? `, ${e.detail}` : ''}`;
  const mode = MODE_WORD[transport];
  let loading: string;
  let points: number;
  let critical: boolean;
  let message: string;
  if (action === 'FORBIDDEN') {
    ({ points, critical } = weight);
    loading = 'DO_NOT_LOAD_ON_AIRCRAFT';
    message = `${what}: not to be loaded on aircraft: ${rule.why} [${cites}]`;
  } else if (action === 'HOLD') {
    points = weight.critical ? dg.heldPoints : weight.points;
    critical = false;
    loading = 'HOLD_FOR_THE_POST_TO_CHECK';
    message =
      !byAir && rule.air === 'FORBIDDEN'
        ? `${what}: forbidden by air; by ${mode}, held for the post to check (not stopped): ${rule.condition ?? 'accepted only after inspection'}. By air: ${rule.why} [${cites}]`
        : `${what}: held for inspection${byAir ? '' : ` (by ${mode} too)`}: ${rule.why}; ${rule.condition ?? 'accepted only after inspection'} [${cites}]`;
  } else {
    points = 0;
    critical = false;
    loading = 'MAY_BE_LOADED_WITH_CONDITIONS';
    message = `${what}: may be ${byAir ? 'loaded on aircraft' : `carried by ${mode}`} ${rule.condition ? `if ${rule.condition}` : 'as declared'} [${cites}]`;
  }
  const content = ctx.d.contents[line.index]!;
  return ctx.hit(
    e.ruleId,
    e.pointer,
    message,
    {
      item: e.item,
      ...e.found,
      description: content.description,
      hsCode: content.hsCode ?? null,
      transport,
      transportDeclared: ctx.d.transport !== undefined,
      action,
      air: rule.air,
      surface: rule.surface,
      loading,
      why: rule.why,
      ...(rule.condition ? { condition: rule.condition } : {}),
      sources: sources.map((s) => ({ id: s.id, title: s.title })),
      ...e.evidence,
    },
    { points, critical },
  );
}

function matchGoods(g: CompiledDgGoods, line: LineFacts, hsHit: string | undefined, raw: string): Record<string, unknown> | undefined {
  const term = hsHit === undefined ? g.matcher.match(line.folded) : undefined;
  if (hsHit === undefined && term === undefined) return undefined;
  const found: Record<string, unknown> = hsHit !== undefined ? { hsPrefix: hsHit } : { matchedTerm: term };
  if (g.abvAbovePercent !== undefined) {
    const abv = statedAbv(raw);
    if (abv === undefined || !(abv > g.abvAbovePercent)) return undefined;
    found.abvPercent = abv;
    found.abvAbovePercent = g.abvAbovePercent;
  }
  return found;
}

export const dangerousGoods: Rule = (ctx) => {
  const dg = ctx.rules.dangerousGoods;
  const { limits } = ctx.rules.config.dangerousGoods.lithium;
  const transport: Transport = ctx.d.transport ?? 'AIR';
  const installed: { line: LineFacts; cells: number; batteries: number }[] = [];
  for (const line of ctx.lines) {
    const prefixes = line.hs6 === undefined ? [] : hsPrefixes(line.hs6);
    const hsGoods = prefixes.flatMap((p) => dg.goodsByHs.get(p) ?? []);
    const lithiumHs = line.hs6 !== undefined && (dg.lithium.looseHs.has(line.hs6) || prefixes.some((p) => dg.lithium.lithiumEquipmentHs.has(p)));
    if (hsGoods.length === 0 && !lithiumHs && !dg.mayMatch(line.folded)) continue;
    const content = ctx.d.contents[line.index]!;
    const descriptionPointer = `/contents/${line.index}/description`;
    const hsPointer = `/contents/${line.index}/hsCode`;
    const done = new Set<DangerousGoodsRuleId>();
    const claim = (ruleId: DangerousGoodsRuleId, claims: readonly GoodsClass[], recorded: boolean) => {
      done.add(ruleId);
      if (recorded) for (const c of claims) line.claimed.add(c);
    };
    for (const g of dg.goods) {
      if (done.has(g.ruleId)) continue;
      const hsHit = hsGoods.find((h) => h.goods === g)?.prefix;
      const found = matchGoods(g, line, hsHit, content.description);
      if (!found) continue;
      const recorded = emit(ctx, transport, line, { ruleId: g.ruleId, item: g.item, pointer: hsHit !== undefined ? hsPointer : descriptionPointer, found });
      claim(g.ruleId, g.claims, recorded);
    }
    if (line.claimed.has('BATTERIES')) continue;
    const lithium = classifyLithium(dg, line.folded, line.hs6);
    if (!lithium) continue;
    const ruleId = LITHIUM_RULE[lithium.kind];
    const spec = batterySpec(content.description, limits.nominalVolts);
    const pointer = lithium.found.hsPrefix !== undefined ? hsPointer : descriptionPointer;
    const evidence = { battery: spec, quantity: content.quantity };
    if (lithium.kind === 'IN_EQUIPMENT') {
      const over = overLimitPerBattery(spec, limits);
      if (over) {
        claim(
          'DG_LITHIUM_BATTERY_OVER_LIMIT',
          ['BATTERIES'],
          emit(ctx, transport, line, {
            ruleId: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
            item: ctx.rules.config.dangerousGoods.rules.DG_LITHIUM_BATTERY_OVER_LIMIT.item,
            pointer: descriptionPointer,
            found: lithium.found,
            detail: over,
            evidence,
          }),
        );
        continue;
      }
      const perItemCells = spec.cells !== undefined && spec.batteries === undefined ? spec.cells : 0;
      const perItemBatteries = perItemCells > 0 ? 0 : (spec.batteries ?? 1);
      installed.push({ line, cells: perItemCells * content.quantity, batteries: perItemBatteries * content.quantity });
    }
    const item = ctx.rules.config.dangerousGoods.rules[ruleId].item;
    claim(ruleId, ['BATTERIES'], emit(ctx, transport, line, { ruleId, item, pointer, found: lithium.found, ...(lithium.detail ? { detail: lithium.detail } : {}), evidence }));
  }
  // The mail limit counts every battery installed in the postal item's equipment, across its lines.
  let cells = 0;
  let batteries = 0;
  for (const i of installed) {
    cells += i.cells;
    batteries += i.batteries;
    if (cells <= limits.cellsPerItem && batteries <= limits.batteriesPerItem) continue;
    const detail =
      batteries > limits.batteriesPerItem
        ? `${batteries} batteries installed in the item's equipment, over the limit of ${limits.batteriesPerItem} per item`
        : `${cells} cells installed in the item's equipment, over the limit of ${limits.cellsPerItem} per item`;
    emit(ctx, transport, i.line, {
      ruleId: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
      item: ctx.rules.config.dangerousGoods.rules.DG_LITHIUM_BATTERY_OVER_LIMIT.item,
      pointer: `/contents/${i.line.index}/quantity`,
      found: {},
      detail,
      evidence: { cellsInItem: cells, batteriesInItem: batteries, cellsPerItem: limits.cellsPerItem, batteriesPerItem: limits.batteriesPerItem, linesCounted: installed.map((x) => x.line.index) },
    });
    break;
  }
};

type Limits = { whPerCell: number; whPerBattery: number; lithiumGramsPerCell: number; lithiumGramsPerBattery: number };

/** Why one battery (or cell) of the line is above the Section II limits, or undefined. */
function overLimitPerBattery(spec: BatterySpec, limits: Limits): string | undefined {
  const perCell = spec.cells !== undefined && spec.batteries === undefined;
  const whLimit = perCell ? limits.whPerCell : limits.whPerBattery;
  if (spec.wh !== undefined && spec.wh > whLimit)
    return `${spec.wh} Wh${spec.whEstimated ? ` (estimated from ${spec.mah} mAh)` : ''} per ${perCell ? 'cell' : 'battery'}, over the ${whLimit} Wh limit`;
  const gLimit = perCell ? limits.lithiumGramsPerCell : limits.lithiumGramsPerBattery;
  if (spec.lithiumGrams !== undefined && spec.lithiumGrams > gLimit) return `${spec.lithiumGrams} g lithium per ${perCell ? 'cell' : 'battery'}, over the ${gLimit} g limit`;
  return undefined;
}
