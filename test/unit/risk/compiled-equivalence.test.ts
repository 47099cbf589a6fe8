// The engine's faster paths against the straightforward code they replaced, on the shipped configs: the per-HS-code
// facts (CompiledRules.hsCode) against scanning the tables prefix by prefix, the generic-description test with its
// early exit against the phrase walk alone, and the HS-fit check against filtering, stemming and looking up word by word.
import fc from 'fast-check';
import { hsNomenclature } from '#shared/reference/hs';
import { type CompiledRules, type ValueFloorEur, compileRules, hsPrefixes } from '#shared/risk/compiled';
import { type RulesConfig, knownRegions, loadRulesConfig } from '#shared/risk/index';
import { genericTermsOf } from '#shared/risk/rules/data-quality';
import { foldText } from '#shared/risk/text';
import { HS_FIT_LABELLED } from '#test/fixtures/hs-fit-labelled';

const configs: RulesConfig[] = knownRegions().map((r) => loadRulesConfig(r));
const compiled: CompiledRules[] = configs.map((c) => compileRules(c, hsNomenclature()));

function referenceHsFacts(rules: CompiledRules, hs6: string) {
  const dg = rules.dangerousGoods;
  const floor = (metric: 'perKgEur' | 'perUnitEur'): ValueFloorEur | undefined => {
    for (const p of hsPrefixes(hs6)) {
      const f = rules.valueFloors.get(p);
      if (f?.[metric] !== undefined) return f;
    }
    return undefined;
  };
  return {
    prefixes: hsPrefixes(hs6),
    hsGroups: hsPrefixes(hs6).flatMap((p) => rules.hsGroups.get(p) ?? []),
    dgGoods: hsPrefixes(hs6).flatMap((p) => dg.goodsByHs.get(p) ?? []),
    lithiumLoose: dg.lithium.looseHs.has(hs6),
    lithiumEquipmentPrefix: hsPrefixes(hs6).find((p) => dg.lithium.lithiumEquipmentHs.has(p)),
    counterfeitPrefix: hsPrefixes(hs6).find((p) => rules.counterfeitPrefixes.has(p)),
    floorPerKg: floor('perKgEur'),
    floorPerUnit: floor('perUnitEur'),
  };
}

function referenceGenericTermsOf(folded: string, rules: CompiledRules): string[] | undefined {
  const tokens = folded.split(' ').filter((t) => t.length > 0 && !rules.fillerWords.has(t) && !/^\d+[a-z]{0,3}$/.test(t));
  if (tokens.length === 0) return folded.length > 0 ? [folded] : undefined;
  const found: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let len = Math.min(rules.longestGenericPhrase, tokens.length - i); len > 0; len--) {
      const phrase = tokens.slice(i, i + len).join(' ');
      if (rules.genericPhrases.has(phrase)) {
        found.push(phrase);
        matched = len;
        break;
      }
    }
    if (matched === 0) return undefined;
    i += matched;
  }
  return found;
}

function referenceHsFit(config: RulesConfig, rules: CompiledRules, folded: string, hs6: string) {
  const s = hsNomenclature().subheading(hs6);
  if (!s) return undefined;
  const n = config.hsFit.stemLength;
  const stem = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w).slice(0, n);
  const ignored = new Set(config.hsFit.ignoredWords.map(foldText));
  const ignoredDescription = new Set([...rules.fillerWords, ...rules.genericPhrases]);
  const content = (f: string) => f.split(' ').filter((w) => w.length >= 3 && !ignored.has(w) && !/^\d+$/.test(w));
  const text = `${s.description} | ${s.headingDescription} | ${s.chapterDescription}`;
  const stems = new Set(content(foldText(text)).map(stem));
  const synonyms = new Map(Object.entries(config.hsFit.synonyms).map(([w, ts]) => [foldText(w), ts.map((t) => stem(foldText(t)))]));
  const words = content(folded).filter((w) => !ignoredDescription.has(w));
  if (words.length === 0) return undefined;
  const descriptionWords = words.map(stem);
  const sharedWords = words.flatMap((w) => [stem(w), ...(synonyms.get(w) ?? [])].find((c) => stems.has(c)) ?? []);
  return { fits: sharedWords.length >= config.hsFit.minSharedWords, descriptionWords, sharedWords, nomenclatureText: text };
}

const tablePrefixes = [
  ...new Set(
    configs.flatMap((c) => [
      ...c.hsGroups.flatMap((g) => g.prefixes),
      ...c.dangerousGoods.goods.flatMap((g) => g.hsPrefixes),
      ...c.dangerousGoods.lithium.looseHsPrefixes,
      ...c.dangerousGoods.lithium.lithiumEquipmentHsPrefixes,
      ...c.counterfeit.hsPrefixes,
      ...c.valueFloors.map((f) => f.hsPrefix),
    ]),
  ),
];
const hs6 = fc.oneof(
  fc.tuple(fc.constantFrom(...tablePrefixes), fc.stringMatching(/^\d{6}$/)).map(([p, rest]) => (p + rest).slice(0, 6)),
  fc.stringMatching(/^\d{6}$/),
  fc.constantFrom(...HS_FIT_LABELLED.map((c) => c.hsCode)),
);

describe('compiled tables', () => {
  it('the facts of an HS code are the tables scanned prefix by prefix', () => {
    fc.assert(
      fc.property(hs6, (code) => {
        for (const rules of compiled) expect(rules.hsCode(code)).toEqual(referenceHsFacts(rules, code));
      }),
      { numRuns: 1000 },
    );
  });

  it('genericTermsOf is the phrase walk over the words left after fillers and quantities', () => {
    const words = [...new Set(configs.flatMap((c) => [...c.description.genericTerms, ...c.description.fillerWords]))];
    const word = fc.oneof(fc.constantFrom(...words), fc.constantFrom('2', '3x', '10pcs', 'cotton', 'baby', 'shirt', ''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (ws) => {
        const folded = foldText(ws.join(' '));
        for (const rules of compiled) expect(genericTermsOf(folded, rules)).toEqual(referenceGenericTermsOf(folded, rules));
      }),
      { numRuns: 1500 },
    );
  });

  it('the HS-fit check is the word-by-word reference', () => {
    const words = [
      ...new Set([
        ...HS_FIT_LABELLED.flatMap((c) => foldText(c.description).split(' ')),
        ...configs.flatMap((c) => [...Object.keys(c.hsFit.synonyms), ...c.hsFit.ignoredWords, ...c.description.genericTerms]),
      ]),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, '12', 'ab', 'shoes'), { maxLength: 6 }), hs6, (ws, code) => {
        const folded = foldText(ws.join(' '));
        compiled.forEach((rules, i) => expect(rules.hsFitter.check(folded, code)).toEqual(referenceHsFit(configs[i]!, rules, folded, code)));
      }),
      { numRuns: 1000 },
    );
  });
});
