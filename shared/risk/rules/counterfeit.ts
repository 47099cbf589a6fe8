// Counterfeit-prone goods (perfume, bags, footwear, jewellery, watches, smartphones) from origins
// the region's customs consider high-risk for counterfeits.
import { hsPrefixes } from '../compiled';
import type { Rule } from './context';

export const counterfeitProne: Rule = (ctx) => {
  const { rules } = ctx;
  for (const line of ctx.lines) {
    if (line.hs6 === undefined || !rules.highRiskOrigins.has(line.origin)) continue;
    const prefix = hsPrefixes(line.hs6).find((p) => rules.counterfeitPrefixes.has(p));
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
