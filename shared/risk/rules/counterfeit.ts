// Counterfeit-prone goods (perfume, bags, footwear, jewellery, watches, smartphones) from origins
// the region's customs consider high-risk for counterfeits.
import type { Rule } from './context';

export const counterfeitProne: Rule = (ctx) => {
  const { rules } = ctx;
  for (const line of ctx.lines) {
    if (line.hs === undefined || !rules.highRiskOrigins.has(line.origin)) continue;
    const prefix = line.hs.counterfeitPrefix;
    if (prefix === undefined) continue;
    const lineOrigin = ctx.d.contents[line.index]!.originCountry;
    ctx.hit('COUNTERFEIT_PRONE_ORIGIN', `/contents/${line.index}/hsCode`, `HS ${prefix} goods from ${line.origin} are often counterfeit`, {
      hsCode: ctx.d.contents[line.index]!.hsCode,
      hsPrefix: prefix,
      originCountry: line.origin,
      originFrom: lineOrigin === undefined ? 'declaration' : 'line',
    });
  }
};
