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

function foldedWords(raw: string): string[] {
  return foldCase(raw)
    .split(SEPARATORS_RE)
    .filter((t) => t.length > 0);
}

function tokensOf(words: readonly string[], canonical: boolean): string[] {
  const tokens = words.map((t) => LEGAL_SYNONYMS.get(t) ?? (canonical ? canonicalToken(t) : t));
  if (tokens.length === 0) return tokens;
  // Titles go, but never all of a name: "Sheikh" alone stays "sheikh".
  const withoutTitles = tokens.filter((t) => !HONORIFICS.has(t));
  const cleaned = withoutTitles.length > 0 ? withoutTitles : tokens;
  const capped = cleaned.length > MAX_TOKENS ? cleaned.slice(0, MAX_TOKENS) : cleaned;
  return capped.sort();
}

/** One canonical string per name: equal keys mean the same name up to case, accents, order and titles. */
export function nameKey(raw: string): string {
  return nameTokens(raw).join(' ');
}
