// The words of a line read once for every keyword matcher of the engine (./keyword-matcher.ts). Each matcher
// built through the index gets an id; the index keeps the first word of each term (a whole word, looked up whole)
// and a character trie of each one-word stem ("perfume*": a word's prefix). prepare reads a line's words once,
// allocating one flag per matcher, and flags the matchers whose terms may start at one of its words; the
// others are skipped without running their regexes. A text with a character of an unspaced script passes every
// matcher (such terms match anywhere, and such characters are word boundaries).
import { type KeywordMatcher, type PreparedText, UNSPACED_CLASS, compileTerms, matcherOf } from './keyword-matcher';
import { UNSPACED_SCRIPT_RE, foldText } from './text';

interface StemNode {
  /** Children by character code (ASCII in an array, the rest in a map). */
  ascii: (StemNode | undefined)[];
  other: Map<number, StemNode>;
  /** Matchers with a stem ending here (any word with this prefix); undefined for none. */
  stems: number[] | undefined;
}

const UNSPACED_CLASS_RE = new RegExp(`[${UNSPACED_CLASS}]`);
const NON_ASCII_RE = /[^\x00-\x7f]/;
const stemNode = (): StemNode => ({ ascii: [], other: new Map(), stems: undefined });
const child = (n: StemNode, c: number): StemNode | undefined => (c < 128 ? n.ascii[c] : n.other.get(c));

/** The trie key of a term: its first folded word, and whether the term is that word as a stem. */
export function termKey(term: string): { word: string; stem: boolean } | undefined {
  const stem = term.trimEnd().endsWith('*');
  const folded = foldText(stem ? term.trimEnd().slice(0, -1) : term);
  if (folded.length === 0) return undefined;
  const word = folded.split(' ')[0]!;
  return { word, stem: stem && !folded.includes(' ') };
}

export class KeywordIndex {
  /** First words of terms (whole words) → matcher ids. */
  private readonly firstWords = new Map<string, number[]>();
  /** One-word stems, by character. */
  private readonly stems = stemNode();
  private count = 0;

  /** A matcher of the terms (exclusions removed first) that skips texts prepare ruled out. */
  matcher(terms: readonly string[], exclusions: readonly string[] = []): KeywordMatcher & { readonly id: number } {
    const id = this.count++;
    for (const t of terms) {
      const key = termKey(t);
      if (key === undefined) continue;
      let ids: number[];
      if (key.stem) {
        let at = this.stems;
        for (let i = 0; i < key.word.length; i++) {
          const c = key.word.charCodeAt(i);
          let next = child(at, c);
          if (next === undefined) {
            next = stemNode();
            if (c < 128) at.ascii[c] = next;
            else at.other.set(c, next);
          }
          at = next;
        }
        ids = at.stems ??= [];
      } else {
        ids = this.firstWords.get(key.word) ?? [];
        this.firstWords.set(key.word, ids);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return { ...matcherOf({ termRe: compileTerms(terms), exclusionRe: compileTerms(exclusions, 'g') }, id), id };
  }

  /** Reads a folded text (single spaces, see foldText), split into its words, for every matcher built so far. */
  prepare(folded: string, words: readonly string[] = folded.split(' ')): PreparedText {
    const flags = new Uint8Array(this.count);
    for (const w of words) {
      const ids = this.firstWords.get(w);
      if (ids !== undefined) for (let k = 0; k < ids.length; k++) flags[ids[k]!] = 1;
      let at: StemNode | undefined = this.stems;
      for (let i = 0; i < w.length && at !== undefined; i++) {
        at = child(at, w.charCodeAt(i));
        const stems = at?.stems;
        if (stems !== undefined) for (let k = 0; k < stems.length; k++) flags[stems[k]!] = 1;
      }
    }
    const nonAscii = NON_ASCII_RE.test(folded);
    return {
      folded,
      words: flags,
      unspacedScript: nonAscii && UNSPACED_SCRIPT_RE.test(folded),
      unspacedClass: nonAscii && UNSPACED_CLASS_RE.test(folded),
    };
  }
}
