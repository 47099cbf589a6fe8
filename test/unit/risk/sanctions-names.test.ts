// Names as people write them: forms derived from listed names, romanisation variants, weak aliases
// (common names, one short token), the entry type, and names in other scripts, on the real list.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalToken, derivedNames, listEntry, loadDefaultScreener, SanctionsScreener, toLatin } from '#shared/risk/sanctions/index';
import { referenceDataPath } from '#shared/reference/files';

const screener = loadDefaultScreener();
const best = (name: string, kind?: 'person' | 'business') => screener.screen(name, kind === undefined ? {} : { kind })[0];

describe('derived forms of listed names', () => {
  it('drops middle names and patronymics, the second surname, keeps initials, joins particles', () => {
    expect(derivedNames('DERIPASKA, Oleg Vladimirovich', true).map((d) => [d.name, d.kind])).toEqual([
      ['DERIPASKA, Oleg', 'given-names-dropped'],
      ['DERIPASKA, Oleg V', 'initials'],
      ['DERIPASKA, O', 'first-initial'],
    ]);
    expect(derivedNames('ARZALLUS TAPIA, Eusebio', true).map((d) => d.name)).toEqual(['ARZALLUS, Eusebio', 'ARZALLUS TAPIA, E', 'ARZALLUS, E']);
    expect(derivedNames('AL-ZAWAHIRI, Ayman', true).map((d) => d.name)).toContain('ALZAWAHIRI, Ayman');
    expect(derivedNames('KIM, Jong Un', true).map((d) => d.name)).toContain('KIM, JongUn');
    expect(derivedNames('BANCO NACIONAL DE CUBA', false)).toEqual([{ name: 'BANCO NACIONAL DECUBA', kind: 'particle-joined' }]);
  });

  it('finds "Oleg Deripaska", "O. V. Deripaska" is not strong, a shared surname alone is nothing', () => {
    expect(best('Oleg Deripaska', 'person')).toMatchObject({ listedName: 'DERIPASKA, Oleg Vladimirovich', strength: 'strong', matchedForm: 'given-names-dropped' });
    expect(best('Oleg V. Deripaska', 'person')).toMatchObject({ listedName: 'DERIPASKA, Oleg Vladimirovich', strength: 'strong' });
    expect(best('O. Deripaska', 'person')).toMatchObject({ strength: 'weak', weakBecause: ['initial-only'] });
    expect(screener.screen('Anna Deripaska', { kind: 'person' }).filter((m) => m.strength === 'strong')).toEqual([]);
    expect(best('Ayman Alzawahiri', 'person')).toMatchObject({ listedName: 'AL ZAWAHIRI, Dr. Ayman', strength: 'strong' });
  });
});

describe('romanisation variants', () => {
  it('makes spellings of one name one token, and endings too', () => {
    expect(['mohammed', 'muhammad', 'mohamed', 'mohamad'].map(canonicalToken)).toEqual(['muhammad', 'muhammad', 'muhammad', 'muhammad']);
    expect(['aleksandr', 'alexander'].map(canonicalToken)).toEqual(['aleksandr', 'aleksandr']);
    expect(['yuri', 'juri', 'smirnoff', 'smirnov'].map(canonicalToken)).toEqual(['yuri', 'yuri', 'smirnov', 'smirnov']);
  });

  it('matches a listed name written with another spelling of its given name', () => {
    expect(best('Alexander Viktorovich Zakharchenko', 'person')?.strength).toBeDefined();
    const small = new SanctionsScreener([listEntry({ entNum: 1, name: 'PETROV, Aleksandr Sergeyevich', type: 'individual' })]);
    expect(small.screen('Alexander Sergeyevich Petroff', { kind: 'person' })[0]).toMatchObject({ entNum: 1, strength: 'strong' });
  });
});

describe('weak aliases and entry types', () => {
  it('holds an alias that is a common name, or one short token, to weak', () => {
    const m = screener.screen('Mohamed Hassan', { kind: 'person' });
    expect(m.filter((x) => x.strength === 'strong')).toEqual([]);
    expect(m.some((x) => x.weakBecause?.includes('common-name'))).toBe(true);
    expect(best('BNC', 'business')).toMatchObject({ entNum: 306, strength: 'weak', weakBecause: ['short-token'] });
  });

  it('a common given name one letter from a listed one is another name, not a typing error', () => {
    const small = new SanctionsScreener([listEntry({ entNum: 1, name: 'TAYLOR, Mark John', type: 'individual' })]);
    expect(small.screen('Mary Taylor', { kind: 'person' })).toEqual([]);
  });

  it("a person's name against a company is at most weak, and a business name against a person", () => {
    expect(best('Marie Davis', 'person')?.strength ?? 'none').not.toBe('strong');
    const bank = best('Banco Nacional de Cuba', 'person');
    expect(bank).toMatchObject({ entNum: 306, strength: 'weak', weakBecause: ['entry-type'] });
    expect(best('Banco Nacional de Cuba', 'business')).toMatchObject({ entNum: 306, strength: 'strong' });
    expect(best('Eusebio Arzallus Tapia', 'business')).toMatchObject({ strength: 'weak', weakBecause: ['entry-type'] });
  });

  it('a match on given names that misses the listed surname is at most weak', () => {
    const small = new SanctionsScreener([listEntry({ entNum: 1, name: 'RAD, Zoltan Bartholomew', type: 'individual' })]);
    expect(small.screen('Zoltan Bartholomew', { kind: 'person' })[0]).toMatchObject({ strength: 'weak', weakBecause: ['surname-not-matched'] });
  });
});

describe('every script', () => {
  it.each([
    ['Олег Дерипаска', 'DERIPASKA, Oleg Vladimirovich'],
    ['Ρομπέρτο Πέρεζ Βερντούζκο', 'PEREZ VERDUZCO, Roberto'],
    ['أيمن الظواهري', 'AL ZAWAHIRI, Dr. Ayman'],
    ['אוסאמה בן לאדן', 'BIN LADIN, Usama bin Muhammad bin Awad'],
    ['김정은', 'KIM, Jong Un'],
    ['林作友', 'LIN, Zuoyou'],
  ])('%s finds %s', (query, listed) => {
    expect(screener.screen(query).map((m) => m.listedName)).toContain(listed);
  });

  it('transliterates Devanagari with inherent vowels and Chinese as surname + given name', () => {
    expect(toLatin('राहुल गांधी').toLowerCase()).toBe('rahul gandhi');
    expect(toLatin('李伟')).toBe('li wei');
    expect(toLatin('Claire Martin')).toBe('Claire Martin');
  });

  it('ships exactly the table any-ascii generates (regenerate with scripts/build-transliteration-table.mjs)', () => {
    const generated = execFileSync(process.execPath, [join(__dirname, '../../../scripts/build-transliteration-table.mjs'), '--print'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(generated === readFileSync(referenceDataPath('any-ascii-blocks.json'), 'utf8')).toBe(true);
  });
});
