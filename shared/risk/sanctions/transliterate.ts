// Names in Greek, Cyrillic, Hebrew, Arabic, Devanagari, Hangul, kana and CJK ideographs, to Latin, by the
// any-ascii library's tables (see scripts/build-transliteration-table.mjs for why they are reference data
// rather than bundled code). The table is read on the first name that needs it; Latin names never pay.
// Word breaks that the scripts do not write are added: a run of Chinese characters is a surname of one
// syllable and a given name of the rest ("李伟" → "Li Wei", "林作友" → "Lin Zuoyou"), Hangul syllables
// are separate words ("김정은" → "Gim Jeong Eun", which ./romanisation.ts and the McCune-Reischauer
// vowels below make "Kim Jong Un", as the list writes North Korean names).
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '#shared/reference/files';

export const TRANSLITERATION_FILE = 'any-ascii-blocks.json';

/** Characters of the scripts the table covers (and nothing Latin), to decide cheaply whether to transliterate. */
// eslint-disable-next-line no-misleading-character-class -- whole scripts' code-point ranges, their combining marks included on purpose
export const NEEDS_TRANSLITERATION_RE = /[\u0370-\u05FF\u0600-\u077F\u0900-\u097F\u1100-\u11FF\u1F00-\u1FFF\u3040-\u318F\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uFB50-\uFEFF]/;

let blocks: Map<number, string[] | string> | undefined;

function table(): Map<number, string[] | string> {
  if (blocks === undefined) {
    const parsed = JSON.parse(readFileSync(referenceDataPath(TRANSLITERATION_FILE), 'utf8')) as { blocks: Record<string, string> };
    blocks = new Map(Object.entries(parsed.blocks).map(([k, v]) => [Number.parseInt(k, 16), v]));
  }
  return blocks;
}

/** The Latin form of one code point, or undefined when the table does not cover its block. */
function latinOf(cp: number): string | undefined {
  const t = table();
  const block = t.get(cp >> 8);
  if (block === undefined) return undefined;
  let row = block;
  if (typeof row === 'string') {
    row = row.split('\t');
    t.set(cp >> 8, row);
  }
  return row[cp & 0xff];
}

// Devanagari consonants carry an inherent
// "a" unless a vowel sign or virama follows or the word ends (schwa deletion, as Hindi names are spelt).
// Greek writes foreign b, d, g as μπ, ντ, γκ, and u as ου; χ is h as often as ch; Russian writes j as дж. Letter
// by letter these would be mp, nt, gk, ou, ch and dzh. The list is of foreign (Latin-script) names, so these
// are read as the Latin letters they stand for there.
// Russian ё is yo as names spell it ("Tamayo" тамаё, "Ryong" рёнг; any-ascii: e); Greek writes j as τζ, read before
// ντ so that "χαντζαρ" is "hanjar" (Khanjar), not "hadzar", except at the start of a word, where ντζ is d-z ("Dzhabrail").
const DIGRAPHS: readonly [RegExp, string][] = [
  [/[ёЁ]/g, 'yo'],
  [/(?<!\p{L})[νΝ][τΤ]/gu, 'd'],
  [/[τΤ][ζΖ]/g, 'j'],
  [/[μΜ][πΠ]/g, 'b'],
  [/[νΝ][τΤ]/g, 'd'],
  [/[γΓ][κΚ]/g, 'g'],
  [/[γΓ][γΓ]/g, 'ng'],
  [/[οΟ][υΥύ]/g, 'u'],
  [/[χΧ]/g, 'h'],
  [/[дД][жЖ]/g, 'j'],
];
// Hebrew vav in names written from Arabic or Latin is mostly the vowel o/u, bet is b (any-ascii: v for both),
// and kaf in a name is k far more often than kh (a final kaf, always kh, keeps any-ascii's reading). Het is kh (any-ascii:
// h), the letter that writes kh and ch: "כחביר" is k-kh-b-y-r (Kakhaber), which read as "khbyr" lost the kaf.
const HEBREW_RE = /[\u05D1\u05D5\u05D7\u05DB]/g;
const HEBREW: Record<string, string> = { '\u05D1': 'b', '\u05D5': 'o', '\u05D7': 'kh', '\u05DB': 'k' };
// Arabic and Hebrew write sh (ش, ש) with a letter of their own, Arabic th and dh (ث, ذ), Hebrew kh (ח): an s, t, d (Arabic)
// or k (Hebrew) letter followed by an h letter are two sounds with an unwritten vowel between ("سهيل", "סהיל": Sahel).
// Letter by letter they would read "shyl", the key of "Shil"; the a that the script does not write is put back.
const ABJAD_S_H_RE = /([\u0633\u0635\u062A\u0637\u062F\u0636\u05E1\u05E9\u05DB\u05E7])(?=[\u0647\u062D\u05D4])/g;
// Devanagari: a consonant with nukta (written as two code points, which NFC keeps apart) is the precomposed
// letter any-ascii reads as f, z, q ("फ़" → "f", not "ph"); ca, cha, sha and ssa are "ch", "chh" and "sh" as
// names spell them ("Chandra", "Shah", not IAST "Candra", "Śah").
const NUKTA_RE = /([\u0915-\u0917\u091C\u0921\u0922\u092B\u092F])\u093C/g;
const NUKTA: Record<string, string> = { क: '\u0958', ख: '\u0959', ग: '\u095A', ज: '\u095B', ड: '\u095C', ढ: '\u095D', फ: '\u095E', य: '\u095F' };
const DEVA_LATIN: Record<number, string> = { 0x091a: 'ch', 0x091b: 'chh', 0x0936: 'sh', 0x0937: 'sh' };
// Anusvara is "n" except before labials, where it is "m" ("Gandhi", "Ambani").
const ANUSVARA_RE = /\u0902(?![\u092A-\u092E])/g;
const isDevaConsonant = (cp: number) => (cp >= 0x0915 && cp <= 0x0939) || (cp >= 0x0958 && cp <= 0x095f);
const isDevaSign = (cp: number) => (cp >= 0x093a && cp <= 0x094d) || cp === 0x0955 || cp === 0x0956 || cp === 0x0957 || cp === 0x0962 || cp === 0x0963;
const inherentA = (cp: number, next: number | undefined) => isDevaConsonant(cp) && next !== undefined && (isDevaConsonant(next) || (next >= 0x0901 && next <= 0x0903)) && !isDevaSign(next);

type Run = 'han' | 'hangul' | 'other';
const runOf = (cp: number): Run => ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ? 'han' : cp >= 0xac00 && cp <= 0xd7af ? 'hangul' : 'other');

// Revised Romanization (any-ascii) to the McCune-Reischauer vowels of the list's Korean names: eo → o, eu → u.
const hangulSyllable = (s: string) => s.replace(/eo/gi, 'o').replace(/eu/gi, 'u');

/**
 * How a run of Chinese characters and a word of Hangul syllables are split into tokens: as a Chinese name splits (surname,
 * then the given name joined) and a Korean name is listed (each syllable a word), or the other ways the list writes them.
 */
export interface Split {
  han: 'surname-first' | 'surname-last' | 'syllables';
  hangul: 'syllables' | 'joined';
}
const AS_NAMES_SPLIT: Split = { han: 'surname-first', hangul: 'syllables' };

/** Space before the i-th character of a run of n Chinese characters. */
function hanBreak(split: Split['han'], i: number, n: number): string {
  if (i === 0) return '';
  if (split === 'syllables') return ' ';
  return (split === 'surname-first' ? i === 1 : i === n - 1) ? ' ' : '';
}

function hanRunLength(chars: readonly string[], k: number): number {
  let n = 0;
  while (k + n < chars.length && runOf(chars[k + n]!.codePointAt(0)!) === 'han') n++;
  return n;
}

/** `s` with every character of a covered script replaced by its Latin transliteration; others kept. */
export function toLatin(s: string, split: Split = AS_NAMES_SPLIT): string {
  if (!NEEDS_TRANSLITERATION_RE.test(s)) return s;
  let t = s;
  for (const [re, latin] of DIGRAPHS) t = t.replace(re, latin);
  const chars = [
    ...t
      .replace(ABJAD_S_H_RE, '$1a')
      .replace(HEBREW_RE, (c) => HEBREW[c]!)
      .replace(NUKTA_RE, (_, c: string) => NUKTA[c]!)
      .replace(ANUSVARA_RE, '\u0928\u094D'),
  ];
  let out = '';
  let prev: Run = 'other';
  let hanInRun = 0;
  let hanRun = 0;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k]!;
    const cp = ch.codePointAt(0)!;
    const run = runOf(cp);
    const latin = DEVA_LATIN[cp] ?? latinOf(cp);
    if (latin === undefined) {
      out += ch;
      prev = 'other';
      continue;
    }
    if (run === 'han') {
      hanInRun = prev === 'han' ? hanInRun + 1 : 0;
      if (hanInRun === 0) hanRun = hanRunLength(chars, k);
      out += (hanInRun === 0 && prev !== 'other' ? ' ' : hanBreak(split.han, hanInRun, hanRun)) + latin.toLowerCase();
    } else if (run === 'hangul') {
      out += (prev === 'hangul' && split.hangul === 'syllables' ? ' ' : '') + hangulSyllable(latin.toLowerCase());
    } else out += inherentA(cp, chars[k + 1]?.codePointAt(0)) ? `${latin}a` : latin;
    prev = run;
  }
  return out;
}

const CJK_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF]/;

/**
 * The other ways the list writes a name written in Chinese or Korean, in Latin: given name first ("瞤凌偄" is
 * "RUNLING, Ruan" as well as "Run Lingruan"), every syllable a word ("傈叿倚", "LI, Hong Ri"), a Korean word's
 * syllables joined ("레에 덩진", "LEE, Dongjin"). None for other names.
 */
export function otherReadings(s: string): string[] {
  if (!CJK_RE.test(s)) return [];
  return [toLatin(s, { han: 'surname-last', hangul: 'joined' }), toLatin(s, { han: 'syllables', hangul: 'syllables' })];
}
