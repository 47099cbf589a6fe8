// Text folding shared by every rule that reads free text (descriptions, names, addresses).
// Declarations arrive in any language and any typing habit: rules compare folded tokens so that
// "Pistolet", "PISTOLET" and "pistolét" are one word, and "feux d'artifice" is the token run
// "feux d artifice". Keyword lists in the config are folded the same way when the engine is built.

// Letters NFKD does not split into base + combining mark.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h' };
const FOLD_RE = /[ßæœøđðłþıħ]/g;
const MARKS_RE = /\p{M}+/gu;
const SEPARATORS_RE = /[^\p{L}\p{N}]+/gu;
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Lower case, accents removed, every run of non-letters/digits one space, trimmed. */
export function foldText(raw: string): string {
  const lower = raw.toLowerCase();
  // Fast path: most descriptions are plain ASCII; NFKD and the Unicode regexes cost more than the rest of a rule.
  if (ASCII_RE.test(lower)) return lower.replace(/[^a-z0-9]+/g, ' ').trim();
  return lower
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(SEPARATORS_RE, ' ')
    .trim();
}

/** Folded words of a text (see foldText). */
export function foldedTokens(raw: string): string[] {
  const f = foldText(raw);
  return f.length === 0 ? [] : f.split(' ');
}

/** Han, Hiragana/Katakana and Hangul have no spaces between words: their terms match as substrings. */
export const UNSPACED_SCRIPT_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** True when the text contains at least one letter of any script. */
export const hasLetter = (raw: string): boolean => /\p{L}/u.test(raw);
