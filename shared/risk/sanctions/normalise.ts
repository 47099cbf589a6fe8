// Name normalisation shared by the list side and the query side: whatever is done to one must be
// done to the other, or exact names stop matching exactly. Names in other scripts are transliterated
// first (./transliterate.ts), and spelling variants of given names and endings made one (./romanisation.ts).
import { canonicalToken } from './romanisation';
import { toLatin } from './transliterate';

/** Longer inputs are cut: no real name is this long, and it bounds the work an attacker can cause. */
export const MAX_INPUT_CHARS = 256;
/** Tokens beyond this are ignored, for the same reason. */
export const MAX_TOKENS = 24;

// Letters NFKD does not decompose into base + combining mark.
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
};
const FOLD_RE = /[ßæœøđðłþıħŧ]/g;
const MARKS_RE = /\p{M}+/gu;
// Apostrophes and dots vanish rather than split: "Rifa'i" = "Rifai", "S.A." = "SA", "A.K." = "AK".
const JOINERS_RE = /['’‘`´ʼʻ.]/g;
// Letters of any script are kept (a script the transliteration does not cover still yields tokens);
// everything else separates tokens.
const SEPARATORS_RE = /[^\p{L}\p{N}]+/gu;

/**
 * Forms of address and titles. They carry no identity and are used inconsistently on parcels
 * ("Dr. Ayman Al Zawahiri" vs "AL ZAWAHIRI, Ayman"). "don", "sr" and the like are deliberately
 * absent: they are also given names or suffixes that can tell two people apart.
 */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'madam',
  'madame',
  'mme',
  'mlle',
  'monsieur',
  'herr',
  'frau',
  'sheikh',
  'shaykh',
  'sheik',
  'shaikh',
  'cheikh',
  'haji',
  'hajji',
  'hadji',
  'hajj',
  'mullah',
  'mulla',
  'maulana',
  'mawlana',
  'sayyid',
  'sayed',
]);

/**
 * Legal-form words of companies. Parcels name "Muster Versand GmbH" or "Muster Versand", the list
 * "... CO., LTD.": neither form should make or break a match. They are kept as tokens but weigh
 * little (see tokenWeight) rather than being removed: removal only works when the words are spelt
 * and ordered as expected, and "LIMITED LIABILITY COMPANY X" arrives as "X Company Limitd Liability"
 * too. Forms that are also ordinary name parts ("AS", "AB", "SAL", "OY", "STOCK") are left out.
 */
export const LEGAL_WORDS: ReadonlySet<string> = new Set([
  'ltd',
  'ltda',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'ug',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'sl',
  'bv',
  'nv',
  'cv',
  'rl',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'ooo',
  'zao',
  'oao',
  'pao',
  'fze',
  'fzco',
  'fzc',
  'fzllc',
  'pte',
  'pvt',
  'pty',
  'bhd',
  'sdn',
  'sae',
  'wll',
  'liability',
  'joint',
  'partnership',
]);

// One spelling per legal form, so "Company Limited" and "CO., LTD." match token for token. The
// long form is kept, so that a typing error in it ("Compnay") is still one edit from it. LTDA (limitada) is the same
// form: Arabic and Devanagari do not write its final a ("لتدا", "ल्त्द" are ltd).
export const LEGAL_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['co', 'company'],
  ['ltd', 'limited'],
  ['ltda', 'limited'],
  ['corp', 'corporation'],
  ['inc', 'incorporated'],
]);

/** Weight of a token in a name score: its length, so an unmatched "al" costs less than a surname. */
export function tokenWeight(token: string): number {
  return LEGAL_WORDS.has(token) ? 1 : token.length;
}

/** Names in ASCII, most of them: toLatin, NFKD, the marks and the FOLD letters leave them as they are. */
const ASCII_RE = /^[\x00-\x7f]*$/;
/** SEPARATORS_RE on lower-case ASCII: its letters and digits are a-z and 0-9. */
const ASCII_SEPARATORS_RE = /[^a-z0-9]+/;

function foldCase(raw: string): string {
  const s = toLatin(raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw);
  return s
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(JOINERS_RE, '');
}

/**
 * Normalised tokens of a name, sorted: order carries no identity ("LAST, First" = "First Last"),
 * so every caller can compare token multisets. `canonical`: spelling variants made one (./romanisation.ts);
 * the screener indexes and screens both forms, so a typing error in a variant ("Seregy") still matches.
 */
export function nameTokens(raw: string, canonical = true): string[] {
  return tokensOf(foldedWords(raw), canonical);
}

/** [nameTokens(raw, false), nameTokens(raw)], the name folded and split once. */
export function nameTokenForms(raw: string): [string[], string[]] {
  const words = foldedWords(raw);
  return [tokensOf(words, false), tokensOf(words, true)];
}

// The last name folded and its words: the sanctions rule reads a name's tokens (isBusinessName) just before the
// screener screens it, so the name is folded and split once. The words never leave this module (tokensOf copies).
let lastRaw: string | undefined;
let lastWords: readonly string[] = [];

function foldedWords(raw: string): readonly string[] {
  if (raw === lastRaw) return lastWords;
  const ascii = ASCII_RE.test(raw) && raw.length <= MAX_INPUT_CHARS;
  const folded = ascii ? raw.toLowerCase().replace(JOINERS_RE, '') : foldCase(raw);
  const words = folded.split(ascii ? ASCII_SEPARATORS_RE : SEPARATORS_RE).filter((t) => t.length > 0);
  lastRaw = raw;
  lastWords = words;
  return words;
}

function tokensOf(words: readonly string[], canonical: boolean): string[] {
  const tokens: string[] = [];
  let titles = 0;
  for (const w of words) {
    const t = LEGAL_SYNONYMS.get(w) ?? (canonical ? canonicalToken(w) : w);
    if (HONORIFICS.has(t)) titles++;
    tokens.push(t);
  }
  // Titles go, but never all of a name: "Sheikh" alone stays "sheikh".
  const cleaned = titles > 0 && titles < tokens.length ? tokens.filter((t) => !HONORIFICS.has(t)) : tokens;
  if (cleaned.length > MAX_TOKENS) cleaned.length = MAX_TOKENS;
  return sortTokens(cleaned);
}

/** Array.prototype.sort's order for strings (UTF-16 code units), by insertion: names have a few tokens, for which the builtin costs more. */
function sortTokens(t: string[]): string[] {
  for (let i = 1; i < t.length; i++) {
    const x = t[i]!;
    let j = i - 1;
    while (j >= 0 && t[j]! > x) {
      t[j + 1] = t[j]!;
      j--;
    }
    t[j + 1] = x;
  }
  return t;
}

/** One canonical string per name: equal keys mean the same name up to case, accents, order and titles. */
export function nameKey(raw: string): string {
  return nameTokens(raw).join(' ');
}
