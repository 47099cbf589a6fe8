// Compiles keyword lists into one regular expression per group, once, when the engine is built:
// scoring then costs one exec per group per line instead of a loop over hundreds of terms.
// Matching runs on folded text (see ./text.ts), where words are separated by single spaces, so a
// space or the text's edge is a word boundary in every script (\b only knows ASCII). A character of a script
// written without spaces (Han, kana, Hangul) is a boundary too: in "苹果iphone手机" or "20000mah充电宝" the Latin
// word touches Han characters with no space between them (foldText keeps both as letters).
// Most lines name none of a group's terms: a KeywordIndex (./keyword-index.ts) reads a line's words once and
// tells each matcher built through it whether a term can match at all, so those lines skip its regexes.
import { UNSPACED_SCRIPT_RE, foldText } from './text';

/** The unspaced scripts of UNSPACED_SCRIPT_RE as BMP ranges, usable without the u flag (which slows the big alternations). */
export const UNSPACED_CLASS = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af\\u1100-\\u11ff';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One term as a regex source: folded words, a trailing * making the last word a stem. */
function termSource(term: string): { source: string; unspaced: boolean } | undefined {
  const stem = term.trimEnd().endsWith('*');
  const folded = foldText(stem ? term.trimEnd().slice(0, -1) : term);
  if (folded.length === 0) return undefined;
  return { source: escape(folded) + (stem ? '[^ ]*' : ''), unspaced: UNSPACED_SCRIPT_RE.test(folded) };
}

/** A regex matching any of the terms as whole words (Han etc.: anywhere), or undefined for no terms. */
export function compileTerms(terms: readonly string[], flags = ''): RegExp | undefined {
  const spaced: string[] = [];
  const unspaced: string[] = [];
  for (const t of terms) {
    const s = termSource(t);
    if (s) (s.unspaced ? unspaced : spaced).push(s.source);
  }
  // Longer alternatives first, so a phrase wins over its first word in the evidence.
  const byLength = (a: string, b: string) => b.length - a.length;
  const parts: string[] = [];
  if (spaced.length > 0) parts.push(`(?<![^ ${UNSPACED_CLASS}])(?:${spaced.sort(byLength).join('|')})(?![^ ${UNSPACED_CLASS}])`);
  if (unspaced.length > 0) parts.push(`(?:${unspaced.sort(byLength).join('|')})`);
  return parts.length === 0 ? undefined : new RegExp(parts.join('|'), flags);
}

/** A folded text read once for every matcher of one KeywordIndex (see KeywordIndex.prepare). */
export interface PreparedText {
  readonly folded: string;
  /** By matcher id: 1 when a word of the text is the first word of one of the matcher's terms, or starts with one of its stems. */
  readonly words: Uint8Array;
  /** The text has a character of UNSPACED_SCRIPT_RE (terms in those scripts match anywhere). */
  readonly unspacedScript: boolean;
  /** The text has a character of UNSPACED_CLASS, which the regexes take for a word boundary. */
  readonly unspacedClass: boolean;
}

export interface KeywordMatcher {
  /** The first term found in the folded text, or undefined; exclusions are removed before matching. */
  match(folded: string): string | undefined;
  /**
   * match(text), where text is prepared.folded (the default) or that text with phrases replaced by a space; undefined
   * without running a regex when no word of prepared.folded can start a term (see mayMatch).
   */
  matchPrepared(prepared: PreparedText, text?: string): string | undefined;
  /**
   * False only when no term can match the prepared text, nor that text with phrases replaced by a space: a term's
   * match starts at a word boundary, so its first word (or stem) is a word of the text unless an unspaced character
   * is in it. Always true for a matcher not built through a KeywordIndex.
   */
  mayMatch(prepared: PreparedText): boolean;
}

export interface MatcherRegexes {
  termRe: RegExp | undefined;
  exclusionRe: RegExp | undefined;
}

/** The matcher over compiled regexes; `id` is its index in a KeywordIndex's PreparedText.words (-1: none). */
export function matcherOf({ termRe, exclusionRe }: MatcherRegexes, id: number): KeywordMatcher {
  const match = (folded: string): string | undefined => {
    if (!termRe) return undefined;
    const text = exclusionRe ? folded.replace(exclusionRe, ' ') : folded;
    const m = termRe.exec(text);
    return m ? m[0].trim() : undefined;
  };
  const mayMatch = (p: PreparedText): boolean => id < 0 || p.words[id] === 1 || p.unspacedClass || p.unspacedScript;
  return {
    match,
    matchPrepared: (p, text = p.folded) => (termRe !== undefined && mayMatch(p) ? match(text) : undefined),
    mayMatch,
  };
}

export function keywordMatcher(terms: readonly string[], exclusions: readonly string[] = []): KeywordMatcher {
  return matcherOf({ termRe: compileTerms(terms), exclusionRe: compileTerms(exclusions, 'g') }, -1);
}
