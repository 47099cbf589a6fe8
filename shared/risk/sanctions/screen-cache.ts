// Screening results by name and party kind, the most recently used kept: parcels of one sender or recipient
// repeat their names, and a name screened again gives the same matches as long as the list is the same (a
// screener is one release of the list: a new release is a new screener, with an empty cache). Results are
// frozen, cached or not, so that no caller can change what another caller is given.
import type { PartyKind, SanctionsMatch } from './match';

/** Names longer than this are not cached (screening cuts them anyway, ./normalise.ts MAX_INPUT_CHARS). */
const MAX_CACHED_NAME = 256;

export const DEFAULT_RESULT_CACHE = 8192;

/** The matches, their token pairs and reasons frozen (the entry's details and programs too: list data no one writes). */
export function freezeMatches(matches: SanctionsMatch[]): SanctionsMatch[] {
  for (const m of matches) {
    if (m.tokens !== undefined) {
      for (const t of m.tokens) Object.freeze(t);
      Object.freeze(m.tokens);
    }
    if (m.weakBecause !== undefined) Object.freeze(m.weakBecause);
    Object.freeze(m.programs);
    Object.freeze(m);
  }
  return Object.freeze(matches) as SanctionsMatch[];
}

export class ScreenCache {
  private readonly byKey = new Map<string, SanctionsMatch[]>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.byKey.size;
  }

  /** The cached result of the name for that kind, else compute()'s, cached. */
  screen(name: string, kind: PartyKind | undefined, compute: () => SanctionsMatch[]): SanctionsMatch[] {
    if (name.length > MAX_CACHED_NAME) return compute();
    // The kind, then a character no kind contains: "person" + name and "" + name never meet.
    const key = `${kind ?? ''}\u0000${name}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) {
      // Most recently used last: a Map keeps insertion order.
      this.byKey.delete(key);
      this.byKey.set(key, hit);
      return hit;
    }
    const result = compute();
    if (this.byKey.size >= this.capacity) this.byKey.delete(this.byKey.keys().next().value!);
    this.byKey.set(key, result);
    return result;
  }
}
