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
import type { CompiledDgGoods, HsCodeFacts } from '../compiled';
import type { DangerousGoodsRuleId, GoodsClass } from '../types';
import type { LineFacts, Rule, RuleContext } from './context';
import { batterySpec, overLimitPerBattery, statedAbv } from './dangerous-goods-facts';
import { classifyLithium, LITHIUM_RULE } from './lithium';

export { type BatterySpec, batterySpec, statedAbv } from './dangerous-goods-facts';
export { classifyLithium } from './lithium';

export type Transport = 'AIR' | 'SURFACE' | 'ROAD' | 'RAIL';

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
  const cites = ctx.rules.dangerousGoods.cites.get(e.ruleId) ?? '';
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
  const term = hsHit === undefined ? g.matcher.matchPrepared(line.text) : undefined;
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
/** A line's batteries installed in equipment, counted against the postal item's limit. */
interface Installed {
  line: LineFacts;
  cells: number;
  batteries: number;
}
type Claim = (ruleId: DangerousGoodsRuleId, claims: readonly GoodsClass[], recorded: boolean) => void;
interface Pointers {
  description: string;
  hs: string;
}

const NO_GOODS: HsCodeFacts['dgGoods'] = [];

export const dangerousGoods: Rule = (ctx) => {
  const transport: Transport = ctx.d.transport ?? 'AIR';
  const installed: Installed[] = [];
  for (const line of ctx.lines) {
    const one = assessLine(ctx, transport, line);
    if (one) installed.push(one);
  }
  checkItemLimit(ctx, transport, installed);
};

/** One line's goods hits, then its lithium hit unless a goods hit claimed its batteries; what it installs in equipment. */
function assessLine(ctx: RuleContext, transport: Transport, line: LineFacts): Installed | undefined {
  const dg = ctx.rules.dangerousGoods;
  const hsGoods = line.hs?.dgGoods ?? NO_GOODS;
  const lithiumHs = line.hs !== undefined && (line.hs.lithiumLoose || line.hs.lithiumEquipmentPrefix !== undefined);
  if (hsGoods.length === 0 && !lithiumHs && !dg.mayMatch(line.text)) return undefined;
  const content = ctx.d.contents[line.index]!;
  const pointers: Pointers = { description: `/contents/${line.index}/description`, hs: `/contents/${line.index}/hsCode` };
  const done = new Set<DangerousGoodsRuleId>();
  const claim: Claim = (ruleId, claims, recorded) => {
    done.add(ruleId);
    if (recorded) for (const c of claims) (line.claimed ??= new Set()).add(c);
  };
  for (const g of dg.goods) {
    if (done.has(g.ruleId)) continue;
    const hsHit = hsGoods.find((h) => h.goods === g)?.prefix;
    const found = matchGoods(g, line, hsHit, content.description);
    if (!found) continue;
    const recorded = emit(ctx, transport, line, { ruleId: g.ruleId, item: g.item, pointer: hsHit !== undefined ? pointers.hs : pointers.description, found });
    claim(g.ruleId, g.claims, recorded);
  }
  if (line.claimed?.has('BATTERIES')) return undefined;
  return assessLithium(ctx, transport, line, claim, pointers);
}

/** The line's lithium hit; a battery installed in equipment within the per-battery limits is returned for the item's count. */
function assessLithium(ctx: RuleContext, transport: Transport, line: LineFacts, claim: Claim, pointers: Pointers): Installed | undefined {
  const { limits } = ctx.rules.config.dangerousGoods.lithium;
  const lithium = classifyLithium(ctx.rules.dangerousGoods, line.text, line.hs6, line.hs);
  if (!lithium) return undefined;
  const content = ctx.d.contents[line.index]!;
  const ruleId = LITHIUM_RULE[lithium.kind];
  const spec = batterySpec(content.description, limits.nominalVolts);
  const pointer = lithium.found.hsPrefix !== undefined ? pointers.hs : pointers.description;
  const evidence = { battery: spec, quantity: content.quantity };
  let installed: Installed | undefined;
  if (lithium.kind === 'IN_EQUIPMENT') {
    const over = overLimitPerBattery(spec, limits);
    if (over) {
      claim(
        'DG_LITHIUM_BATTERY_OVER_LIMIT',
        ['BATTERIES'],
        emit(ctx, transport, line, {
          ruleId: 'DG_LITHIUM_BATTERY_OVER_LIMIT',
          item: ctx.rules.config.dangerousGoods.rules.DG_LITHIUM_BATTERY_OVER_LIMIT.item,
          pointer: pointers.description,
          found: lithium.found,
          detail: over,
          evidence,
        }),
      );
      return undefined;
    }
    const perItemCells = spec.cells !== undefined && spec.batteries === undefined ? spec.cells : 0;
    const perItemBatteries = perItemCells > 0 ? 0 : (spec.batteries ?? 1);
    installed = { line, cells: perItemCells * content.quantity, batteries: perItemBatteries * content.quantity };
  }
  const item = ctx.rules.config.dangerousGoods.rules[ruleId].item;
  claim(ruleId, ['BATTERIES'], emit(ctx, transport, line, { ruleId, item, pointer, found: lithium.found, ...(lithium.detail ? { detail: lithium.detail } : {}), evidence }));
  return installed;
}

/** The mail limit counts every battery installed in the postal item's equipment, across its lines. */
function checkItemLimit(ctx: RuleContext, transport: Transport, installed: readonly Installed[]): void {
  const { limits } = ctx.rules.config.dangerousGoods.lithium;
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
}
