// The words of a line read once for every keyword matcher of the engine (./keyword-matcher.ts). Each matcher
// built through the index gets an id; the index keeps a character trie of the first word of each term (a whole
// word) and of each one-word stem ("perfume*": a word's prefix). prepare walks a folded text once, allocating one
// flag per matcher, and flags the matchers whose terms may start at one of its words; the
// others are skipped without running their regexes. A text with a character of an unspaced script passes every
// matcher (such terms match anywhere, and such characters are word boundaries).
import { type KeywordMatcher, type PreparedText, UNSPACED_CLASS, compileTerms, matcherOf } from './keyword-matcher';
import { UNSPACED_SCRIPT_RE, foldText } from './text';

interface TrieNode {
  /** Children by character code (ASCII in an array, the rest in a map). */
  ascii: (TrieNode | undefined)[];
  other: Map<number, TrieNode>;
  /** Matchers with a one-word stem ending here (any word with this prefix); undefined for none. */
  stems: number[] | undefined;
  /** Matchers with a term whose first word ends here (a word equal to it); undefined for none. */
  words: number[] | undefined;
}

const UNSPACED_CLASS_RE = new RegExp(`[${UNSPACED_CLASS}]`);
const trieNode = (): TrieNode => ({ ascii: [], other: new Map(), stems: undefined, words: undefined });
const child = (n: TrieNode, c: number): TrieNode | undefined => (c < 128 ? n.ascii[c] : n.other.get(c));
const SPACE = 32;

function flag(flags: Uint8Array, ids: readonly number[] | undefined): void {
  if (ids !== undefined) for (let k = 0; k < ids.length; k++) flags[ids[k]!] = 1;
}

/** The trie key of a term: its first folded word, and whether the term is that word as a stem. */
export function termKey(term: string): { word: string; stem: boolean } | undefined {
  const stem = term.trimEnd().endsWith('*');
  const folded = foldText(stem ? term.trimEnd().slice(0, -1) : term);
  if (folded.length === 0) return undefined;
  const word = folded.split(' ')[0]!;
  return { word, stem: stem && !folded.includes(' ') };
}

export class KeywordIndex {
  private readonly root = trieNode();
  private count = 0;

  /** A matcher of the terms (exclusions removed first) that skips texts prepare ruled out. */
  matcher(terms: readonly string[], exclusions: readonly string[] = []): KeywordMatcher & { readonly id: number } {
    const id = this.count++;
    for (const t of terms) {
      const key = termKey(t);
      if (key === undefined) continue;
      let at = this.root;
      for (let i = 0; i < key.word.length; i++) {
        const c = key.word.charCodeAt(i);
        let next = child(at, c);
        if (next === undefined) {
          next = trieNode();
          if (c < 128) at.ascii[c] = next;
          else at.other.set(c, next);
        }
        at = next;
      }
      const ids = key.stem ? (at.stems ??= []) : (at.words ??= []);
      if (!ids.includes(id)) ids.push(id);
    }
    return { ...matcherOf({ termRe: compileTerms(terms), exclusionRe: compileTerms(exclusions, 'g') }, id), id };
  }

  /** Reads a folded text (single spaces, see foldText) for every matcher built so far: one walk, no substrings. */
  prepare(folded: string): PreparedText {
    const flags = new Uint8Array(this.count);
    const root = this.root;
    let at: TrieNode | undefined = root;
    let nonAscii = false;
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      if (c === SPACE) {
        if (at !== undefined) flag(flags, at.words);
        at = root;
      } else {
        if (c >= 128) nonAscii = true;
        if (at !== undefined) {
          at = child(at, c);
          if (at !== undefined) flag(flags, at.stems);
        }
      }
    }
    if (at !== undefined) flag(flags, at.words);
    return {
      folded,
      words: flags,
      unspacedScript: nonAscii && UNSPACED_SCRIPT_RE.test(folded),
      unspacedClass: nonAscii && UNSPACED_CLASS_RE.test(folded),
    };
  }
}
