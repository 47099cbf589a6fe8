// Undervaluation: a line's value per kg or per unit far below the floor of its HS code (floors are
// deliberately low, a fraction of any honest price, so a hit means "implausible", not "cheap"),
// and a total just under the destination's de minimis, where duty would start.
import type { Rule } from './context';

const round2 = (n: number) => Math.round(n * 100) / 100;

export const lineUndervaluation: Rule = (ctx) => {
  const { d } = ctx;
  for (const line of ctx.lines) {
    if (line.hs === undefined || line.valueEur === undefined) continue;
    const content = d.contents[line.index]!;
    const pointer = `/contents/${line.index}/value`;
    // The most specific floor that defines the metric: 851714 has no per-kg floor, so chapter 85's applies.
    const perKg = line.hs.floorPerKg;
    const valuePerKg = line.valueEur / content.netWeightKg;
    if (perKg && valuePerKg < perKg.perKgEur) {
      ctx.hit('VALUE_PER_KG_LOW', pointer, `${round2(valuePerKg)} EUR/kg is below the ${perKg.perKgEur} EUR/kg floor for ${perKg.label} (HS ${perKg.hsPrefix})`, {
        valueEur: line.valueEur,
        netWeightKg: content.netWeightKg,
        valuePerKgEur: round2(valuePerKg),
        floorPerKgEur: perKg.perKgEur,
        hsPrefix: perKg.hsPrefix,
      });
    }
    const perUnit = line.hs.floorPerUnit;
    const valuePerUnit = line.valueEur / content.quantity;
    if (perUnit && valuePerUnit < perUnit.perUnitEur) {
      ctx.hit('VALUE_PER_UNIT_LOW', pointer, `${round2(valuePerUnit)} EUR per unit is below the ${perUnit.perUnitEur} EUR floor for ${perUnit.label} (HS ${perUnit.hsPrefix})`, {
        valueEur: line.valueEur,
        quantity: content.quantity,
        valuePerUnitEur: round2(valuePerUnit),
        floorPerUnitEur: perUnit.perUnitEur,
        hsPrefix: perUnit.hsPrefix,
      });
    }
  }
};

export const justUnderDeMinimis: Rule = (ctx) => {
  const { d, rules } = ctx;
  const threshold = rules.deMinimisEur.get(d.destinationCountry);
  if (threshold === undefined || ctx.totalEur === undefined) return;
  const floor = threshold * (1 - rules.config.deMinimisBand);
  if (ctx.totalEur < floor || ctx.totalEur >= threshold) return;
  ctx.hit('VALUE_JUST_UNDER_DE_MINIMIS', '/totalValue', `total ${ctx.totalEur} EUR is just under the ${round2(threshold)} EUR de minimis of ${d.destinationCountry}`, {
    totalValue: d.totalValue,
    currency: d.currency,
    totalEur: ctx.totalEur,
    deMinimisEur: round2(threshold),
    bandFromEur: round2(floor),
  });
};
