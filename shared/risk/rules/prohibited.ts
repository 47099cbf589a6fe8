// Prohibited and restricted goods, by HS code and by what the description says. The keyword rule
// is what catches a pistol declared as a toy; the HS rule what catches an honest but vague
// description. When both find the same goods class on a line, only the HS hit counts: it is the
// more precise evidence, and an honestly declared box of cigars should not be scored twice. Classes a
// dangerous-goods hit claimed on the line (lithium and acid batteries, e-cigarettes) are skipped the same way:
// that hit already says what the goods are and what the post must do (./dangerous-goods.ts runs first).
import type { CompiledHsGroup } from '../compiled';
import type { GoodsClass } from '../types';
import type { Rule } from './context';

const LEVEL_NAME: Record<number, string> = { 2: 'chapter', 4: 'heading', 6: 'subheading' };

const NONE: readonly CompiledHsGroup[] = [];
const scored = (claimed: ReadonlySet<GoodsClass> | undefined, byHs: ReadonlySet<GoodsClass> | undefined, c: GoodsClass) =>
  (claimed !== undefined && claimed.has(c)) || (byHs !== undefined && byHs.has(c));

export const prohibitedGoods: Rule = (ctx) => {
  const { d, rules } = ctx;
  for (const line of ctx.lines) {
    // The classes scored on this line so far: claimed by a dangerous-goods hit, then by an HS group.
    let byHs: Set<GoodsClass> | undefined;
    for (const g of line.hs?.hsGroups ?? NONE) {
      if (scored(line.claimed, byHs, g.goodsClass)) continue;
      (byHs ??= new Set()).add(g.goodsClass);
      const prefix = g.prefix;
      ctx.hit(g.ruleId, `/contents/${line.index}/hsCode`, `HS ${line.hs6} is ${g.label} (${LEVEL_NAME[prefix.length] ?? 'code'} ${prefix})`, {
        hsCode: d.contents[line.index]?.hsCode,
        hsPrefix: prefix,
        goodsClass: g.goodsClass,
      });
    }
    if (line.folded.length === 0) continue;
    for (const g of rules.keywordGroups) {
      if (scored(line.claimed, byHs, g.goodsClass)) continue;
      const term = g.matcher.matchPrepared(line.text);
      if (term === undefined) continue;
      ctx.hit(g.ruleId, `/contents/${line.index}/description`, `description mentions ${g.label} ("${term}")`, {
        matchedTerm: term,
        description: d.contents[line.index]?.description,
        goodsClass: g.goodsClass,
        hsCode: d.contents[line.index]?.hsCode ?? null,
      });
    }
  }
};
