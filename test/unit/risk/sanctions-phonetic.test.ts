// Keys for names written in other scripts (shared/risk/sanctions/phonetic.ts), each computed by hand, and
// the typing-error rules of describe.ts.
import { abjadKey, alphabetKey, legalWordByKey, withoutScriptTitles } from '#shared/risk/sanctions/phonetic';
import { otherReadings } from '#shared/risk/sanctions/transliterate';
import { skeleton } from '#shared/risk/sanctions/skeleton';
import { toLatin } from '#shared/risk/sanctions/index';
import { listEntry, nameTokens, SanctionsScreener } from '#shared/risk/sanctions/index';

describe('alphabetKey (Cyrillic, Greek, Devanagari)', () => {
  it.each([
    // kh → h, y → i, o → u, ch → h; v after a vowel folds into u (Greek writes w as ου, Russian v as в)
    ['mikhaylovich', 'mihailuih'],
    // Greek χ for kh and ch: the same key
    ['mihailovih', 'mihailuih'],
    ['yariisow', 'iarisu'],
    ['iariisou', 'iarisu'],
    // c, k and q one letter; doubled letters collapse
    ['black', 'blak'],
    ['blakk', 'blak'],
    // Greek writes d as ντ and b as μπ: nt → d, mp → b
    ['control', 'kudrul'],
    ['kodrol', 'kudrul'],
    // dzh and j one; i, y, e one class, collapsed; x → ks
    ['gadzhiyev', 'gajiu'],
    ['gajiev', 'gajiu'],
    ['dynapex', 'dinapiks'],
    // x is ks before the digraphs are read, as the scripts write it: "ексчанге" is Exchange
    ['exchange', 'iksangi'],
    ['ekschange', 'iksangi'],
    // Russian writes the h of th with х (kh): "хеатх" is Heath
    ['kheatkh', 'hiat'],
    ['heath', 'hiat'],
    // no gk digraph: "кгк" is CGQ
    ['kgk', 'kgk'],
    ['cgq', 'kgk'],
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

  it('reads each letter once: "skhlyn" (سخلين) is s + kh, as "sakhalin" is', () => {
    expect(abjadKey('skhlyn')).toBe(abjadKey('sakhalin'));
    expect(skeleton('skhlyn')).toBe(skeleton('sakhalin'));
    expect(abjadKey('kkhbyr')).toBe(abjadKey('kakhaber'));
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

  it('reads LTDA as the limited it is, in Latin and without its final a', () => {
    expect(nameTokens('Colombiana de Cerdos Ltda.')).toEqual(['cerdos', 'colombiana', 'de', 'limited']);
    expect(nameTokens('كولومبينا دي كيردوس لتدا')).toContain('limited');
  });

  it('drops the titles a script spells, and keeps a name of a title only', () => {
    expect(withoutScriptTitles(['ahmed', 'shyyk', 'yassin'], true)).toEqual(['ahmed', 'yassin']);
    expect(withoutScriptTitles(['siih', 'vato'], false)).toEqual(['vato']);
    expect(withoutScriptTitles(['shyyk'], true)).toEqual(['shyyk']);
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

  it('reads Hebrew kaf as k, het as kh', () => {
    expect(toLatin('כים')).toBe('kym');
    expect(toLatin('כחביר')).toBe('kkhbyr');
  });

  it('reads ё as yo, Greek τζ as j (but word-initial ντζ as d-z)', () => {
    expect(toLatin('тамаё рёнг')).toBe('tamayo ryong');
    expect(toLatin('χαντζαρ')).toBe('hanjar');
    expect(toLatin('ντζχαμπραιλ')).toBe('dzhabrail');
  });

  it('puts back the vowel between an s letter and an h letter of an abjad: "סהיל" is Sahel, not Shil', () => {
    expect(toLatin('סהיל')).toBe('sahyl');
    expect(toLatin('سهيل')).toBe('sahyl');
    expect(toLatin('شهيد')).toBe('shhyd');
  });

  it('reads Chinese and Korean names also as the list splits them otherwise', () => {
    expect(toLatin('瞤凌偄')).toBe('run lingruan');
    expect(otherReadings('瞤凌偄')).toEqual(['runling ruan', 'run ling ruan']);
    expect(otherReadings('레에 덩진')[0]).toBe('lee dongjin');
    expect(otherReadings('Claire Martin')).toEqual([]);
  });
});

describe('matching across scripts and typing errors', () => {
  const screener = new SanctionsScreener([
    listEntry({ entNum: 1, name: 'VODYANOV, Roman Mikhaylovich', type: 'individual' }),
    listEntry({ entNum: 2, name: 'BLACK SHIELD COMPANY FOR GENERAL TRADING LLC', type: 'entity' }),
    listEntry({ entNum: 3, name: 'RI, Su Yong', type: 'individual' }),
    listEntry({ entNum: 4, name: 'AYE, Than', type: 'individual' }),
    listEntry({ entNum: 5, name: 'RI, Tong Hyok', type: 'individual' }),
    listEntry({ entNum: 6, name: 'WU, Johan', type: 'individual' }),
    listEntry({ entNum: 7, name: 'PAWLOWSKA HANAFIN, Katarzyna Ewa', type: 'individual' }),
    listEntry({ entNum: 8, name: 'MASA FACIL, S.A. DE C.V.', type: 'entity' }),
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

  it('a typo in a two-letter token stands beside two exact tokens, not one', () => {
    expect(strength('Fi Tong Hyok', 5)).toBe('strong');
    expect(strength('Johan Xu', 6)).not.toBe('strong');
  });

  it('a listed initial matches only itself ("ev" is not the E. of a derived form)', () => {
    expect(strength('Pawlowska Hanafin Katarzyna Ev', 7)).toBe('strong');
    expect(strength('पव्लोव्स्क हनफ़िन कतर्ज़्य्न एव', 7)).toBe('strong');
  });

  it('a token of one or two letters in another script matches a listed token as short by key ("кв" is C.V.)', () => {
    expect(strength('маса факил са де кв', 8)).toBe('strong');
  });

  it('a common given name one edit from the listed one stands beside an exact, uncommon surname', () => {
    expect(strength('Roma Mikhaylovich Vodyanov', 1)).toBe('strong');
  });
});
