import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { jaroWinkler, listEntry, loadDefaultScreener, nameKey, nameTokens, parseSdnCsv, SanctionsScreener, type SanctionsEntry } from '#shared/risk/sanctions/index';
import { withinOneEdit } from '#shared/risk/sanctions/jaro-winkler';
import { generateVariants, innocentNames, measureQuality } from '#test/fixtures/sanctions-variants';

const SDN_PATH = join(__dirname, '../../../shared/reference/data/ofac-sdn-2024-05-03.csv');
const entries = parseSdnCsv(readFileSync(SDN_PATH, 'utf8'));
const screener = loadDefaultScreener();

function strongHit(name: string, entNum: number): boolean {
  return screener.screen(name).some((m) => m.entNum === entNum && m.strength === 'strong');
}

describe('parseSdnCsv', () => {
  const csv = [
    `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
    `6925,"GHAILANI, Ahmed Khalfan","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 14 Mar 1974; a.k.a. 'AHMED, A.'; a.k.a. 'KHABAR, Abu'; a.k.a. ''FOOPIE''; f.k.a. 'ABDEL' AZIZ BEN NARVAN'."`,
    `100,"SHIP ""QUOTED"" ONE","vessel","IRAN] [SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
    '\u001a',
  ].join('\r\n');
  const parsed = parseSdnCsv(csv);

  it('reads every row, skipping the end-of-file byte', () => {
    expect(parsed.map((e) => e.entNum)).toEqual([36, 6925, 100]);
  });

  it('maps -0- to empty and an empty type to entity', () => {
    expect(parsed[0]).toMatchObject({ entNum: 36, name: 'AEROCARIBBEAN AIRLINES', type: 'entity', programs: ['CUBA'], aliases: [], title: '', remarks: '' });
  });

  it('takes aliases from the remarks, apostrophes inside them included', () => {
    expect(parsed[1]!.type).toBe('individual');
    expect(parsed[1]!.aliases).toEqual(['AHMED, A.', 'KHABAR, Abu', 'FOOPIE', "ABDEL' AZIZ BEN NARVAN"]);
  });

  it('unescapes doubled quotes and splits multiple programs', () => {
    expect(parsed[2]!.name).toBe('SHIP "QUOTED" ONE');
    expect(parsed[2]!.type).toBe('vessel');
    expect(parsed[2]!.programs).toEqual(['IRAN', 'SDGT']);
  });

  it('parses the whole snapshot', () => {
    expect(entries).toHaveLength(14965);
    expect(entries.filter((e) => e.type === 'individual')).toHaveLength(6854);
    const aliasTotal = entries.reduce((n, e) => n + e.aliases.length, 0);
    expect(aliasTotal).toBeGreaterThan(3500);
    expect(entries.some((e) => e.aliases.some((a) => a.includes('k.a.')))).toBe(false);
  });
});

describe('name normalisation', () => {
  it('drops case and accents', () => {
    expect(nameKey('José MÜLLER-Łukasz')).toBe('jose lukasz muller');
    expect(nameKey('Straße Ærø')).toBe('aero strasse');
  });

  it('ignores token order and the comma of "LAST, First"', () => {
    expect(nameKey('MARTIN OLIVARES, Pedro Luis')).toBe(nameKey('Pedro Luis Martin Olivares'));
  });

  it('removes honorifics but not an honorific that is the whole name', () => {
    expect(nameTokens('Dr. Ayman AL-ZAWAHIRI')).toEqual(['al', 'ayman', 'zawahiri']);
    expect(nameTokens('Sheikh Mr Umar')).toEqual(['umar']);
    expect(nameTokens('Sheikh')).toEqual(['sheikh']);
  });

  it('joins at apostrophes and dots, splits at other punctuation', () => {
    expect(nameTokens("Rifa'i S.A. (o'Brien)/x")).toEqual(['obrien', 'rifai', 'sa', 'x']);
  });

  it('keeps legal forms as tokens (they are weighted down, not removed)', () => {
    expect(nameTokens('Muster Versand GmbH')).toEqual(['gmbh', 'muster', 'versand']);
  });

  it('returns nothing for names without letters or digits', () => {
    expect(nameTokens('  -- ,. ')).toEqual([]);
  });
});

describe('Jaro-Winkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('%s / %s = %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });

  it('is 1 for equal and 0 for disjoint or empty strings', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });

  it('one-edit gate accepts substitution, insertion, deletion and adjacent swap only', () => {
    expect(withinOneEdit('martin', 'martyn')).toBe(true);
    expect(withinOneEdit('martin', 'martins')).toBe(true);
    expect(withinOneEdit('martin', 'artin')).toBe(true);
    expect(withinOneEdit('martin', 'amrtin')).toBe(true);
    expect(withinOneEdit('martin', 'marnit')).toBe(false);
    expect(withinOneEdit('mohammed', 'muhamad')).toBe(false);
  });
});

describe('SanctionsScreener on the SDN list', () => {
  it('screens individuals and entities, not vessels or aircraft', () => {
    expect(screener.size).toBe(14965 - 851 - 376);
  });

  it.each([
    ['exact, as listed', 'AL ZAWAHIRI, Dr. Ayman', 2676],
    ['reordered First Last', 'Ayman al-Zawahiri', 2676],
    ['lowercase', 'pedro luis martin olivares', 23883],
    ['accents', 'Pédro Luís Martín Olivarés', 23883],
    ['one typo', 'Pedro Luis Martn Olivares', 23883],
    ['a swapped pair', 'Pedro Luis Martin Oilvares', 23883],
    ['via an alias', 'Abu Khabar', 6925],
    ['an entity with its legal form changed', 'Anglo-Caribbean Company Limited', 173],
    ['an entity without its legal form', 'Anglo Caribbean', 173],
  ])('finds a listed name strongly: %s', (_, query, entNum) => {
    expect(strongHit(query, entNum)).toBe(true);
  });

  it('reports the alias that matched', () => {
    const hit = screener.screen('Abu Khabar').find((m) => m.entNum === 6925);
    expect(hit?.matchedAlias).toBe('KHABAR, Abu');
    expect(hit?.listedName).toBe('GHAILANI, Ahmed Khalfan');
    expect(hit?.programs).toEqual(['SDGT']);
  });

  it.each(['Claire Martin', 'John Smith', 'Muster Versand GmbH', 'Pedro Martin', 'Maria Garcia'])('does not flag %s strongly', (name) => {
    expect(screener.screen(name).filter((m) => m.strength === 'strong')).toEqual([]);
  });

  it('penalises missing listed tokens: two of five names is not strong, four of five is', () => {
    const listed: SanctionsEntry = listEntry({ entNum: 1, name: 'MARTIN, Claire Jose Antonio Garcia', type: 'individual' });
    const small = new SanctionsScreener([listed]);
    expect(small.screen('Claire Martin').filter((m) => m.strength === 'strong')).toEqual([]);
    expect(small.screen('Jose Antonio Garcai Martin')[0]?.strength).toBe('strong');
  });

  it('orders strongest first and returns at most 5', () => {
    const ms = screener.screen('Mohammed Ali');
    expect(ms.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < ms.length; i++) {
      const a = ms[i - 1]!;
      const b = ms[i]!;
      expect(a.strength === 'weak' && b.strength === 'strong').toBe(false);
      if (a.strength === b.strength) expect(a.score).toBeGreaterThanOrEqual(b.score);
    }
  });

  it('is stricter for single-token names of fewer than six letters', () => {
    const small = new SanctionsScreener([listEntry({ entNum: 2, name: 'ANSAR', type: 'entity' })]);
    expect(small.screen('Ansar')[0]?.strength).toBe('strong');
    // Jaro-Winkler of ansar / ansir: m = 4 of 5, no transpositions: (0.8 + 0.8 + 1) / 3 = 0.8667, prefix 3: + 0.3 * 0.1333 = 0.9067.
    const typo = small.screen('Ansir')[0];
    expect(typo?.strength).toBe('weak');
    expect(typo!.score).toBeCloseTo(0.9067, 3);
  });

  it('lets one typing error in a single token of six letters or more stand strong', () => {
    const small = new SanctionsScreener([listEntry({ entNum: 2, name: 'ANSARU', type: 'entity' })]);
    // ansaru / ansanu: (5/6 + 5/6 + 1) / 3 = 0.8889, prefix 4: + 0.4 * 0.1111 = 0.9333 (>= 0.88, < 0.95).
    const typo = small.screen('Ansanu')[0];
    expect(typo?.strength).toBe('strong');
    expect(typo!.score).toBeCloseTo(0.9333, 3);
    // Two edits are not one typing error: no pair, no hit.
    expect(small.screen('Ansonu')).toEqual([]);
  });

  it('indexed screen returns exactly what the linear scan returns', () => {
    const queries = [...generateVariants(entries, 300, 1234).map((v) => v.query), ...innocentNames(entries).filter((_, i) => i % 40 === 0), 'al', 'Mohammed Ali Hassan', 'Limited Liability Company'];
    for (const q of queries) expect([q, screener.screen(q)]).toEqual([q, screener.linearScan(q)]);
  });

  it('never throws, on any string including empty and huge ones', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 50 })), (s) => {
        const ms = screener.screen(s);
        expect(ms.length).toBeLessThanOrEqual(5);
        for (const m of ms) expect(m.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
    expect(screener.screen('')).toEqual([]);
    expect(() => screener.screen('Ayman al-Zawahiri '.repeat(100_000))).not.toThrow();
    expect(() => screener.screen('x'.repeat(1_000_000))).not.toThrow();
  });

  it('indexed and linear agree on arbitrary short strings too', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abdeilmnorsu -,'), maxLength: 14 }), (s) => {
        expect(screener.screen(s)).toEqual(screener.linearScan(s));
      }),
      { numRuns: 100 },
    );
  });
});

describe('screening quality (looser bounds than the bench reports)', () => {
  it('finds generated variants of listed names and rarely flags common names', () => {
    const innocent = innocentNames(entries).filter((_, i) => i % 4 === 0);
    const q = measureQuality(screener, generateVariants(entries, 1200, 99), innocent);
    expect(q.strongRecall).toBeGreaterThanOrEqual(0.97);
    expect(q.anyRecall).toBeGreaterThanOrEqual(0.99);
    expect(q.falseStrong).toBeLessThanOrEqual(0.01);
  });
});
