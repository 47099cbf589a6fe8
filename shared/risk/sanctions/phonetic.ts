// Keys for names written in another script. A name transliterated back from Cyrillic, Greek or Devanagari
// has lost the distinctions that script does not write: "Chavez Tamayo" comes back as "chavez tamae"
// (ё), "Mikhaylovich" as "mihailovih" (Greek χ for kh, ch and h), "Black Company" as "blakk kompany" (κ
// for c, k and q), "Tatyana" as "tatyan" (Devanagari drops a final a). alphabetKey folds exactly those
// distinctions on both sides: the digraphs these scripts write with one letter, c/k/q, w/v, the vowels
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

const ALPHABET_DIGRAPHS: readonly [RegExp, string][] = [
  [/shch/g, 's'],
  [/dzh|dj|tz|jh/g, 'j'],
  [/zh/g, 'z'],
  [/sch|sh/g, 's'],
  [/tch|ch|kh/g, 'h'],
  [/gh|gk/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/bh/g, 'b'],
  [/ck/g, 'k'],
  [/x/g, 'ks'],
  [/nt/g, 'd'],
  [/mp/g, 'b'],
];
// Three vowel classes: what these scripts keep apart (a; e, i, y; o, u), so that "Mary" is not "Mayra".
const ALPHABET_LETTERS: Record<string, string> = { c: 'k', q: 'k', w: 'v', e: 'i', y: 'i', o: 'u' };

function collapse(s: string, map: Record<string, string>, drop: ReadonlySet<string>): string {
  let out = '';
  for (const ch of s) {
    if (drop.has(ch)) continue;
    const c = map[ch] ?? ch;
    if (out.charAt(out.length - 1) !== c) out += c;
  }
  return out;
}

const NOTHING: ReadonlySet<string> = new Set();

/** Key of a folded token as Cyrillic, Greek or Devanagari would leave it: "mikhaylovich" and "mihailovih" are both "mihailuvih". */
export function alphabetKey(token: string): string {
  let t = token;
  for (const [re, to] of ALPHABET_DIGRAPHS) t = t.replace(re, to);
  return collapse(t, ALPHABET_LETTERS, NOTHING);
}

const ABJAD_DIGRAPHS: readonly [RegExp, string][] = [
  [/dh/g, 'z'],
  [/th/g, 't'],
  [/kh|ch/g, 'h'],
  [/sh/g, 's'],
  [/ph/g, 'f'],
  [/x/g, 'ks'],
  // A word-initial e or i is written with alif or aleph alone ("Ibrahim" إبراهيم, "Emami").
  [/^[ei]/, ''],
];
const ABJAD_LETTERS: Record<string, string> = { q: 'k', c: 'k', p: 'b', f: 'b', v: 'b', g: 'j', e: 'y', i: 'y', o: 'w', u: 'w' };
const ABJAD_DROP: ReadonlySet<string> = new Set(['a', "'", '`']);

/** Key of a folded token as Arabic or Hebrew would write it, long and short vowels alike: "ali" → "ly", "youri" → "ywry". */
export function abjadKey(token: string): string {
  let t = token;
  for (const [re, to] of ABJAD_DIGRAPHS) t = t.replace(re, to);
  const key = collapse(t, ABJAD_LETTERS, ABJAD_DROP);
  // A final h is ta marbuta or he ("Usama" أسامة, "'wsmh"), as in the skeleton.
  return key.length > 2 && key.endsWith('h') ? key.slice(0, -1) : key;
}

/** The legal-form word a token of a query in another script stands for ("ko", "kw" → "company", "korp" → "corporation"), if any. */
export function legalWordByKey(token: string, abjad: boolean): string | undefined {
  return (abjad ? LEGAL_BY_ABJAD_KEY : LEGAL_BY_ALPHABET_KEY).get(abjad ? abjadKey(token) : alphabetKey(token));
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
