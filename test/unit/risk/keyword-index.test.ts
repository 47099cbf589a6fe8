// The keyword index (shared/risk/keyword-index.ts) only skips regexes that could not match: for every matcher of
// the shipped configs, matching a prepared text gives what the plain regex match gives, on texts made of the
// configs' own terms, their stems cut and extended, exclusions, digits and characters of unspaced scripts (and
// the katakana marks the regexes take for word boundaries), with and without the lithium exclusions removed.
// The family's mayMatch is compared with the straightforward word-by-word test it replaced.
import fc from 'fast-check';
import { hsNomenclature } from '#shared/reference/hs';
import { type CompiledRules, compileRules } from '#shared/risk/compiled';
import { type RulesConfig, knownRegions, loadRulesConfig } from '#shared/risk/index';
import { KeywordIndex } from '#shared/risk/keyword-index';
import type { KeywordMatcher } from '#shared/risk/keyword-matcher';
import { UNSPACED_SCRIPT_RE, foldText } from '#shared/risk/text';

const configs: RulesConfig[] = knownRegions().map((r) => loadRulesConfig(r));
const compiled: CompiledRules[] = configs.map((c) => compileRules(c, hsNomenclature()));

function matchersOf(rules: CompiledRules): KeywordMatcher[] {
  const l = rules.dangerousGoods.lithium;
  return [
    ...rules.keywordGroups.map((g) => g.matcher),
    ...rules.dangerousGoods.goods.map((g) => g.matcher),
    l.powerBank,
    l.lithium,
    l.battery,
    l.batteryItem,
    l.lithiumEquipment,
    l.equipment,
    l.largeEquipment,
    l.packedWith,
    l.damaged,
  ];
}

function familyTerms(c: RulesConfig): string[] {
  const dg = c.dangerousGoods;
  const l = dg.lithium;
  return [
    ...dg.goods.flatMap((g) => g.terms),
    ...l.powerBankTerms,
    ...l.lithiumTerms,
    ...l.batteryTerms,
    ...l.batteryItemTerms,
    ...l.lithiumEquipmentTerms,
    ...l.largeBatteryEquipmentTerms,
    ...l.packedWithTerms,
  ];
}

/** The reference: is a word of the text a term's first word, or does it start with a one-word stem? (unspaced: yes) */
function referenceMayMatch(terms: readonly string[], folded: string): boolean {
  if (UNSPACED_SCRIPT_RE.test(folded)) return true;
  const words = new Set<string>();
  const stems: string[] = [];
  for (const t of terms) {
    const stem = t.trimEnd().endsWith('*');
    const f = foldText(stem ? t.trimEnd().slice(0, -1) : t);
    if (f.length === 0) continue;
    if (stem && !f.includes(' ')) stems.push(f);
    else words.add(f.split(' ')[0]!);
  }
  return folded.split(' ').some((w) => words.has(w) || stems.some((s) => w.startsWith(s)));
}

const allTerms = [
  ...new Set(
    configs.flatMap((c) => [
      ...c.keywordGroups.flatMap((g) => [...g.terms, ...g.exclusions]),
      ...familyTerms(c),
      ...c.dangerousGoods.goods.flatMap((g) => g.exclusions),
      ...c.dangerousGoods.lithium.equipmentTerms,
      ...c.dangerousGoods.lithium.damagedTerms,
      ...c.dangerousGoods.lithium.exclusions,
    ]),
  ),
];
const word = fc.oneof(
  fc.constantFrom(...allTerms).map((t) => t.replace(/\*$/, '')),
  fc.tuple(fc.constantFrom(...allTerms), fc.constantFrom('', 's', 'es', 'x', 'ー', '手', 'ing')).map(([t, end]) => t.replace(/\*$/, '') + end),
  fc.constantFrom(...allTerms).map((t) => t.slice(0, Math.max(1, t.length - 2))),
  fc.constantFrom('gift', 'for', 'and', '12', '3x', 'ー', '・', '手', '充电', 'ß', 'Œ', 'é', '𠀀', 'カ', '한'),
  fc.string({ maxLength: 6 }),
);
const text = fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', ', ', '', '-')).map(([ws, sep]) => foldText(ws.join(sep)));

describe('keyword index', () => {
  it('matching a prepared text is matching the text, for every matcher of every shipped config', () => {
    fc.assert(
      fc.property(text, (folded) => {
        for (const rules of compiled) {
          const prepared = rules.keywords.prepare(folded);
          const lithiumExclusions = rules.dangerousGoods.lithium.exclusions;
          const replaced = lithiumExclusions ? folded.replace(lithiumExclusions, ' ') : folded;
          for (const m of matchersOf(rules)) {
            expect(m.matchPrepared(prepared)).toBe(m.match(folded));
            expect(m.matchPrepared(prepared, replaced)).toBe(m.match(replaced));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the family's mayMatch is the word-by-word test over its terms", () => {
    fc.assert(
      fc.property(text, (folded) => {
        compiled.forEach((rules, i) => {
          expect(rules.dangerousGoods.mayMatch(rules.keywords.prepare(folded))).toBe(referenceMayMatch(familyTerms(configs[i]!), folded));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('flags a matcher by a first word or a stem, and every matcher for unspaced text', () => {
    const index = new KeywordIndex();
    const pistol = index.matcher(['pistol*', 'hand gun']);
    const drugs = index.matcher(['cocaine']);
    const p = index.prepare(foldText('Pistolet, jouet'));
    expect([p.words[pistol.id], p.words[drugs.id]]).toEqual([1, 0]);
    expect(index.prepare('hand cream').words[pistol.id]).toBe(1);
    expect(index.prepare('handy').words[pistol.id]).toBe(0);
    expect(pistol.matchPrepared(index.prepare('hand cream'))).toBeUndefined();
    expect(pistol.matchPrepared(index.prepare(foldText('toy pistols')))).toBe('pistols');
    expect(drugs.mayMatch(index.prepare('手 cocaine'))).toBe(true);
    expect(drugs.mayMatch(index.prepare('cocainー'))).toBe(true);
  });
});
