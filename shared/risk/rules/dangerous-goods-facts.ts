// What a dangerous-goods description states in figures: alcoholic strength, battery Wh / mAh / V, cells, batteries,
// lithium content, and whether one battery (or cell) is over the Section II limits.
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

export type Limits = { whPerCell: number; whPerBattery: number; lithiumGramsPerCell: number; lithiumGramsPerBattery: number };

/** Why one battery (or cell) of the line is above the Section II limits, or undefined. */
export function overLimitPerBattery(spec: BatterySpec, limits: Limits): string | undefined {
  const perCell = spec.cells !== undefined && spec.batteries === undefined;
  const whLimit = perCell ? limits.whPerCell : limits.whPerBattery;
  if (spec.wh !== undefined && spec.wh > whLimit)
    return `${spec.wh} Wh${spec.whEstimated ? ` (estimated from ${spec.mah} mAh)` : ''} per ${perCell ? 'cell' : 'battery'}, over the ${whLimit} Wh limit`;
  const gLimit = perCell ? limits.lithiumGramsPerCell : limits.lithiumGramsPerBattery;
  if (spec.lithiumGrams !== undefined && spec.lithiumGrams > gLimit) return `${spec.lithiumGrams} g lithium per ${perCell ? 'cell' : 'battery'}, over the ${gLimit} g limit`;
  return undefined;
}
