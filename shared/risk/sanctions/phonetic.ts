// Keys for names written in another script. A name transliterated back from Cyrillic, Greek or Devanagari
// has lost the distinctions that script does not write: "Chavez Tamayo" comes back as "chavez tamae"
// (ё), "Mikhaylovich" as "mihailovih" (Greek χ for kh, ch and h), "Black Company" as "blakk kompany" (κ
// for c, k and q), "Tatyana" as "tatyan" (Devanagari drops a final a). alphabetKey folds exactly those
// distinctions on both sides: the digraphs these scripts write with one letter, c/k/q, w/v (and u after a vowel), the vowels
// into three classes (a; e, i, y; o, u), and doubled letters; a Devanagari query is also tried with a final a. Arabic and Hebrew write consonants and
// long vowels only: besides the consonant skeleton (./skeleton.ts), abjadKey keeps the letters that write
// vowels (y for e/i, w for o/u) and drops a, so that names whose skeleton is one letter ("Ali" → "ly",
// "Ayad" → "yd") can still be compared. The keys are compared only for queries in those scripts: a Latin
// query never matches by key.

import { LEGAL_SYNONYMS, LEGAL_WORDS } from './normalise';

/** Cyrillic, Greek (and its extended block), Devanagari. */
// eslint-disable-next-line no-misleading-character-class -- whole scripts' code-point ranges, their combining marks included on purpose
export const ALPHABET_RE = /[\u0370-\u03FF\u0400-\u04FF\u0900-\u097F\u1F00-\u1FFF]/;
/** Devanagari does not write a word's final a (the consonant's inherent vowel): its keys are also tried with one. */
export const DEVANAGARI_RE = /[\u0900-\u097F]/;
/** Keys shorter than this are too weak to match on. */
export const MIN_KEY = 3;
/** An abjad key keeps vowel letters, so two letters ("ly", "yd") are already a name. */
export const MIN_ABJAD_KEY = 2;

/**
 * The token read left to right, each letter once: at each position the longest digraph there is replaced, and what
 * it is replaced by is not read again. Applied in turn, rules re-read their own output ("sakhalin" without its
 * vowels, "skhln", became "shln" by kh → h and then "sln" by sh → s, while the listed "sakhalin" stayed "shln").
 * An x is spelt ks first, on both sides, because the other scripts write it so ("ексчанге", "रेक्स्हेपि").
 */
function readOnce(token: string, digraphs: ReadonlyMap<string, string>, longest: number): string {
  const t = token.replace(/x/g, 'ks');
  let out = '';
  for (let i = 0; i < t.length;) {
    let len = Math.min(longest, t.length - i);
    for (; len >= 2; len--) {
      const to = digraphs.get(t.slice(i, i + len));
      if (to !== undefined) {
        out += to;
        break;
      }
    }
    if (len < 2) {
      out += t[i];
      len = 1;
    }
    i += len;
  }
  return out;
}

const digraphTable = (pairs: Record<string, string>): [ReadonlyMap<string, string>, number] => [new Map(Object.entries(pairs)), Math.max(...Object.keys(pairs).map((k) => k.length))];

// No "gk": Greek γκ is read as g before the key (./transliterate.ts), and "кгк" (CGQ) is k-g-k.
const [ALPHABET_DIGRAPHS, ALPHABET_LONGEST] = digraphTable({
  shch: 's',
  dzh: 'j',
  dj: 'j',
  tz: 'j',
  jh: 'j',
  zh: 'z',
  sch: 's',
  sh: 's',
  tch: 'h',
  ch: 'h',
  kh: 'h',
  gh: 'g',
  ph: 'f',
  th: 't',
  dh: 'd',
  bh: 'b',
  // Russian writes the h of th, dh, gh, bh as х (kh): "хеатх" is Heath.
  tkh: 't',
  dkh: 'd',
  gkh: 'g',
  bkh: 'b',
  ck: 'k',
  nt: 'd',
  mp: 'b',
});
// Three vowel classes: what these scripts keep apart (a; e, i, y; o, u), so that "Mary" is not "Mayra".
const ALPHABET_LETTERS: Record<string, string> = { c: 'k', q: 'k', w: 'v', e: 'i', y: 'i', o: 'u' };
const VOWEL_KEYS: ReadonlySet<string> = new Set(['a', 'i', 'u']);

function collapse(s: string, map: Record<string, string>, drop: ReadonlySet<string>, afterVowel?: ReadonlySet<string>): string {
  let out = '';
  for (const ch of s) {
    if (drop.has(ch)) continue;
    const last = out.charAt(out.length - 1);
    const c = afterVowel?.has(ch) && VOWEL_KEYS.has(last) ? 'u' : (map[ch] ?? ch);
    if (last !== c) out += c;
  }
  return out;
}

const NOTHING: ReadonlySet<string> = new Set();
// After a vowel, w, v and u are one sound these scripts write either way: Greek writes w as ου ("Yariisow",
// "ιαριισοου"), Russian v as в, and "Pavlovich", "Pawlowska" and "Paulovich" are one spelling of it.
const W_V_U: ReadonlySet<string> = new Set(['w', 'v', 'u']);

/** Key of a folded token as Cyrillic, Greek or Devanagari would leave it: "mikhaylovich" and "mihailovih" are both "mihailuvih". */
export function alphabetKey(token: string): string {
  return collapse(readOnce(token, ALPHABET_DIGRAPHS, ALPHABET_LONGEST), ALPHABET_LETTERS, NOTHING, W_V_U);
}

const [ABJAD_DIGRAPHS, ABJAD_LONGEST] = digraphTable({ dh: 'z', th: 't', kh: 'h', ch: 'h', sh: 's', ph: 'f' });
const ABJAD_LETTERS: Record<string, string> = { q: 'k', c: 'k', p: 'b', f: 'b', v: 'b', g: 'j', e: 'y', i: 'y', o: 'w', u: 'w' };
const ABJAD_DROP: ReadonlySet<string> = new Set(['a', "'", '`']);

/** Key of a folded token as Arabic or Hebrew would write it, long and short vowels alike: "ali" → "ly", "youri" → "ywry". */
export function abjadKey(token: string): string {
  // A word-initial e or i is written with alif or aleph alone ("Ibrahim" إبراهيم, "Emami").
  const key = collapse(readOnce(token.replace(/^[ei]/, ''), ABJAD_DIGRAPHS, ABJAD_LONGEST), ABJAD_LETTERS, ABJAD_DROP);
  // A final h is ta marbuta or he ("Usama" أسامة, "'wsmh"), as in the skeleton.
  return key.length > 2 && key.endsWith('h') ? key.slice(0, -1) : key;
}

/** The legal-form word a token of a query in another script stands for ("ko", "kw" → "company", "korp" → "corporation"), if any. */
export function legalWordByKey(token: string, abjad: boolean): string | undefined {
  return (abjad ? LEGAL_BY_ABJAD_KEY : LEGAL_BY_ALPHABET_KEY).get(abjad ? abjadKey(token) : alphabetKey(token));
}

/**
 * Titles as the other scripts write them ("шейх", "شيخ", "הגי": Sheikh, Haji): the ones of the names these scripts
 * carry, long enough that their key is no name's. Dropped like the Latin titles (./normalise.ts HONORIFICS).
 */
const TITLES = ['sheikh', 'shaykh', 'sheik', 'shaikh', 'cheikh', 'haji', 'hajji', 'hadji', 'mullah', 'mulla', 'maulana', 'mawlana'];
const TITLE_ALPHABET_KEYS: ReadonlySet<string> = new Set(TITLES.map(alphabetKey));
const TITLE_ABJAD_KEYS: ReadonlySet<string> = new Set(TITLES.map(abjadKey));

/** The tokens of a query in another script without those that spell a title (of three letters or more); never none. */
export function withoutScriptTitles(tokens: readonly string[], abjad: boolean): string[] {
  const titles = abjad ? TITLE_ABJAD_KEYS : TITLE_ALPHABET_KEYS;
  const kept = tokens.filter((t) => t.length < 3 || !titles.has(abjad ? abjadKey(t) : alphabetKey(t)));
  return kept.length > 0 ? kept : [...tokens];
}

/** Keys of the legal forms of three letters or more, and of the short forms ("co", "ltd") of the synonyms; the first form of a key wins. */
function byKey(keyOf: (t: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [short, long] of LEGAL_SYNONYMS) out.set(keyOf(short), long);
  for (const w of LEGAL_WORDS) if (w.length >= 3 && !out.has(keyOf(w))) out.set(keyOf(w), LEGAL_SYNONYMS.get(w) ?? w);
  return out;
}
const LEGAL_BY_ALPHABET_KEY = byKey(alphabetKey);
const LEGAL_BY_ABJAD_KEY = byKey(abjadKey);

/** Vocabulary ids by key, built on the first query that needs them. */
export class KeyTable {
  private keys: string[] | undefined;
  private byKey: Map<string, number[]> | undefined;

  constructor(
    private readonly vocab: readonly string[],
    private readonly keyOf: (token: string) => string,
  ) {}

  of(v: number): string {
    return this.table()[v]!;
  }

  with(key: string): readonly number[] | undefined {
    this.table();
    return this.byKey!.get(key);
  }

  private table(): string[] {
    if (this.keys === undefined) {
      const byKey = new Map<string, number[]>();
      this.keys = this.vocab.map(this.keyOf);
      this.keys.forEach((k, v) => {
        const list = byKey.get(k);
        if (list === undefined) byKey.set(k, [v]);
        else list.push(v);
      });
      this.byKey = byKey;
    }
    return this.keys;
  }
}
