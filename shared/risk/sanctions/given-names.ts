// Given names people commonly carry (8,405 English-language first names, see the reference data README):
// two of them one letter apart ("Mary" / "Mark", "Jon" / "Joan") are different names, not a typing
// error, and a name made of frequent tokens is a common name. Read once, when a screener is built.
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '#shared/reference/files';
import { canonicalToken } from './romanisation';

export const GIVEN_NAMES_FILE = 'first-names-en.txt';
let names: ReadonlySet<string> | undefined;

/** Folded, canonical spellings (./romanisation.ts), so "Mohammed" and "Muhammad" are one entry. */
export function givenNames(): ReadonlySet<string> {
  if (names === undefined) {
    const set = new Set<string>();
    for (const line of readFileSync(referenceDataPath(GIVEN_NAMES_FILE), 'utf8').split('\n')) {
      const t = line.trim();
      if (t.length >= 2) set.add(canonicalToken(t));
    }
    names = set;
  }
  return names;
}
