// Keys for names written in other scripts (shared/risk/sanctions/phonetic.ts), each computed by hand, and
// the typing-error rules of describe.ts.
import { abjadKey, alphabetKey, legalWordByKey } from '#shared/risk/sanctions/phonetic';
import { skeleton } from '#shared/risk/sanctions/skeleton';
import { toLatin } from '#shared/risk/sanctions/index';
import { listEntry, SanctionsScreener } from '#shared/risk/sanctions/index';

describe('alphabetKey (Cyrillic, Greek, Devanagari)', () => {
  it.each([
    // kh → h, y → i, o → u, ch → h
    ['mikhaylovich', 'mihailuvih'],
    // Greek χ for kh and ch: the same key
    ['mihailovih', 'mihailuvih'],
    // c, k and q one letter; doubled letters collapse
    ['black', 'blak'],
    ['blakk', 'blak'],
    // Greek writes d as ντ and b as μπ: nt → d, mp → b
    ['control', 'kudrul'],
    ['kodrol', 'kudrul'],
    // dzh and j one; i, y, e one class, collapsed; x → ks
    ['gadzhiyev', 'gajiv'],
    ['gajiev', 'gajiv'],
    ['dynapex', 'dinapiks'],
  ])('%s → %s', (token, key) => {
    expect(alphabetKey(token)).toBe(key);
  });

  it('keeps the vowel classes apart: Mary is not Mayra', () => {
    expect(alphabetKey('mary')).toBe('mari');
    expect(alphabetKey('mayra')).toBe('maira');
  });
});

describe('abjadKey and skeleton (Arabic, Hebrew)', () => {
  it.each([
    // a dropped, e/i/y → y, o/u/w → w
    ['ali', 'ly'],
    ['ayad', 'yd'],
    ['youri', 'ywry'],
    // a word-initial e or i is alif alone; doubled letters collapse
    ['emami', 'my'],
    ['ibrahim', 'brhym'],
    // final h (ta marbuta) dropped; kh, ch → h
    ['usama', 'wsm'],
    ['osamh', 'wsm'],
    ['khalil', 'hlyl'],
  ])('%s → %s', (token, key) => {
    expect(abjadKey(token)).toBe(key);
  });

  it('skeleton folds kh/ch, sh/s and x as Hebrew and Arabic letters do', () => {
    expect(skeleton('khalil')).toBe('hl');
    expect(skeleton('hlyl')).toBe('hl');
    expect(skeleton('shakeri')).toBe('skr');
    expect(skeleton('alexandr')).toBe('lksndr');
  });
});

describe('legal forms written in other scripts', () => {
  it('reads "ko", "korp", "kw" and "ww" as the legal forms they spell', () => {
    expect(legalWordByKey('ko', false)).toBe('company');
    expect(legalWordByKey('korp', false)).toBe('corporation');
    expect(legalWordByKey('kw', true)).toBe('company');
    expect(legalWordByKey('ww', true)).toBe('ooo');
  });

  it('leaves two-letter forms alone ("su" is not S.A.)', () => {
    expect(legalWordByKey('su', false)).toBeUndefined();
    expect(legalWordByKey('ag', false)).toBeUndefined();
  });
});

describe('transliteration fixes', () => {
  it('reads Devanagari nukta letters and ca/sha as names spell them', () => {
    expect(toLatin('फ़र्स')).toBe('fars');
    expect(toLatin('मिश्चेन्को')).toBe('mishchenko');
  });

  it('reads Hebrew kaf as k', () => {
    expect(toLatin('כים')).toBe('kym');
  });
});

describe('matching across scripts and typing errors', () => {
  const screener = new SanctionsScreener([
    listEntry({ entNum: 1, name: 'VODYANOV, Roman Mikhaylovich', type: 'individual' }),
    listEntry({ entNum: 2, name: 'BLACK SHIELD COMPANY FOR GENERAL TRADING LLC', type: 'entity' }),
    listEntry({ entNum: 3, name: 'RI, Su Yong', type: 'individual' }),
    listEntry({ entNum: 4, name: 'AYE, Than', type: 'individual' }),
  ]);
  const strength = (q: string, entNum: number) => screener.screen(q).find((m) => m.entNum === entNum)?.strength;

  it('finds a name written in Greek by its key', () => {
    expect(strength('ρομαν μιχαιλοβιχ βοντιανοβ', 1)).toBe('strong');
    expect(strength('μπλακκ σχιελντ κομπανι φορ γκενεραλ τραντινγκ λλκ', 2)).toBe('strong');
  });

  it('does not match a Latin query by key', () => {
    expect(strength('Roman Mihailovih Vodianov', 1)).not.toBe('strong');
  });

  it('one typing error beside short exact tokens stands; two at once do not', () => {
    expect(strength('Su Yofg Ri', 3)).toBe('strong');
    expect(strength('Ayse Tran', 4)).not.toBe('strong');
  });

  it('a common given name one edit from the listed one stands beside an exact, uncommon surname', () => {
    expect(strength('Roma Mikhaylovich Vodyanov', 1)).toBe('strong');
  });
});
