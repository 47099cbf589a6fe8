// The list's names (primary names, aliases and the forms derived from them), indexed once by token
// deletion keys, so a query only scores names sharing a token within one edit of its own. Flat typed
// arrays: tokens of name n are nameTok[nameStart[n] .. nameStart[n+1]).
import { derivedNames, PARTICLES, type DerivedKind } from './derived-names';
import { givenNames } from './given-names';
import { canonicalToken } from './romanisation';
import { skeleton } from './skeleton';
import { abjadKey, alphabetKey, KeyTable } from './phonetic';
import { nameTokens, tokenWeight } from './normalise';
import type { SanctionsEntry } from './sdn-csv';
import { DeletionKeys } from './deletion-keys';

/** What a name of an entry is: its primary name, an alias, or a form derived from one of those. */
export type NameForm = 'primary' | 'alias' | DerivedKind;

/** One token of at most SHORT_TOKEN_MAX letters ("BNC", "ALI"): alone, at most weak. */
export const FLAG_SHORT = 2;
/** A derived form: it must score strong to count at all (a weak hit on it is noise). */
export const FLAG_STRICT = 4;
/** Only an initial stands for the given name ("DERIPASKA, O"): at most weak. */
export const FLAG_INITIAL = 8;

export const SHORT_TOKEN_MAX = 4;
/** Flags that hold a strong score to weak. */
export const CAPPED = FLAG_SHORT | FLAG_INITIAL;

export interface CommonNamePolicy {
  /** A token is common when at least this many entries of individuals carry it in a name (or it is a known given name). */
  minEntries: number;
  /** A match resting on at most this many tokens, all common, is a match on a common name. */
  maxTokens: number;
}
export const DEFAULT_COMMON_NAME_POLICY: CommonNamePolicy = { minEntries: 5, maxTokens: 2 };

function deletions(token: string): string[] {
  const out: string[] = [];
  if (token.length < 2) return out;
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/** Bits of the sorted token positions that come from the part before the comma (the surname), particles excluded. */
function surnameMask(text: string, sorted: readonly string[]): number {
  const comma = text.indexOf(',');
  if (comma <= 0) return 0;
  const surname = new Set(nameTokens(text.slice(0, comma)).filter((t) => !PARTICLES.has(t)));
  let mask = 0;
  sorted.forEach((t, i) => {
    if (surname.has(t) && i < 31) mask |= 1 << i;
  });
  return mask;
}

interface NameSource {
  text: string;
  form: NameForm;
}

/** Primary name, aliases, then their derived forms; duplicates (same tokens) dropped by the caller. */
function namesOf(entry: SanctionsEntry): NameSource[] {
  const person = entry.type === 'individual';
  const own: NameSource[] = [{ text: entry.name, form: 'primary' }, ...entry.aliases.map((a) => ({ text: a, form: 'alias' as const }))];
  const derived = own.flatMap((n) => derivedNames(n.text, person).map((d) => ({ text: d.name, form: d.kind })));
  return [...own, ...derived];
}

/** Entries (of individuals) per token, over primary names and aliases. */
function tokenEntryCounts(entries: readonly SanctionsEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.type !== 'individual') continue;
    const seen = new Set<string>();
    for (const n of [e.name, ...e.aliases]) for (const t of nameTokens(n)) seen.add(t);
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export class NameIndex {
  readonly vocabStr: string[] = [];
  readonly vocabWeight: Float64Array;
  /** 1 when the token occurs in a name of an individual. */
  readonly vocabPerson: Uint8Array;
  /** 1 when the token occurs in names of individuals only. */
  readonly vocabOnlyPerson: Uint8Array;
  /** Deletion key (a token, or a token less one character) -> vocabulary ids, by the key's hash (./deletion-keys.ts). */
  readonly keys: DeletionKeys;
  /** Vocabulary id of each token. */
  readonly vocabId: ReadonlyMap<string, number>;
  /** isCommonToken of each vocabulary token, worked out once: the tokens of most queries are on the list. */
  private readonly vocabCommon: Uint8Array;
  readonly nameEntry: Int32Array;
  readonly nameStart: Int32Array;
  readonly nameTok: Int32Array;
  readonly nameTotal: Float64Array;
  readonly nameFlags: Uint8Array;
  readonly nameText: string[] = [];
  readonly nameForm: NameForm[] = [];
  /** Names containing vocabulary id v are postName[postStart[v] .. postStart[v+1]). */
  readonly postStart: Int32Array;
  readonly postName: Int32Array;
  /** Entries of individuals carrying each token (the commonness evidence). */
  readonly tokenEntries: Map<string, number>;
  /** Known given names: frequent, and distinct from each other (see ./given-names.ts). */
  readonly given: ReadonlySet<string> = givenNames();
  /** Per name, a bit per (sorted) token position that is a surname ("SURNAME, Given" names of individuals). */
  readonly nameSurname: Int32Array;

  constructor(
    readonly entries: readonly SanctionsEntry[],
    readonly common: CommonNamePolicy = DEFAULT_COMMON_NAME_POLICY,
  ) {
    this.tokenEntries = tokenEntryCounts(entries);
    const vocab = new Map<string, number>();
    const nameEntry: number[] = [];
    const nameStart: number[] = [0];
    const nameTok: number[] = [];
    const nameTotal: number[] = [];
    const nameFlags: number[] = [];
    const nameSurname: number[] = [];
    entries.forEach((entry, ei) => {
      const seen = new Set<string>();
      for (const source of namesOf(entry))
        for (const tokens of [nameTokens(source.text, false), nameTokens(source.text)]) {
          const key = tokens.join(' ');
          if (tokens.length === 0 || seen.has(key)) continue;
          seen.add(key);
          let total = 0;
          for (const t of tokens) {
            let id = vocab.get(t);
            if (id === undefined) {
              id = this.vocabStr.length;
              vocab.set(t, id);
              this.vocabStr.push(t);
            }
            nameTok.push(id);
            total += tokenWeight(t);
          }
          nameEntry.push(ei);
          nameStart.push(nameTok.length);
          nameTotal.push(total);
          nameFlags.push(this.flagsOf(tokens, source.form));
          nameSurname.push(entry.type === 'individual' ? surnameMask(source.text, tokens) : 0);
          this.nameText.push(source.text);
          this.nameForm.push(source.form);
        }
    });
    this.nameEntry = Int32Array.from(nameEntry);
    this.nameStart = Int32Array.from(nameStart);
    this.nameTok = Int32Array.from(nameTok);
    this.nameTotal = Float64Array.from(nameTotal);
    this.nameFlags = Uint8Array.from(nameFlags);
    this.nameSurname = Int32Array.from(nameSurname);
    this.vocabWeight = Float64Array.from(this.vocabStr, tokenWeight);
    this.vocabPerson = new Uint8Array(this.vocabStr.length);
    this.vocabOnlyPerson = new Uint8Array(this.vocabStr.length);
    this.markPersons(entries);
    [this.postStart, this.postName] = this.postings();
    this.vocabId = vocab;
    this.vocabCommon = Uint8Array.from(this.vocabStr, (t) => (this.commonByPolicy(t) ? 1 : 0));
    this.keys = new DeletionKeys(this.vocabStr.length, (v) => [this.vocabStr[v]!, ...deletions(this.vocabStr[v]!)]);
  }

  /** Per token: whether a name of an individual carries it (vocabPerson), and whether only such names do (vocabOnlyPerson). */
  private markPersons(entries: readonly SanctionsEntry[]): void {
    for (let n = 0; n < this.nameEntry.length; n++) {
      const person = entries[this.nameEntry[n]!]!.type === 'individual' ? 1 : 2;
      for (let p = this.nameStart[n]!; p < this.nameStart[n + 1]!; p++) {
        const t = this.nameTok[p]!;
        this.vocabOnlyPerson[t] = this.vocabOnlyPerson[t]! | person;
      }
    }
    for (let v = 0; v < this.vocabStr.length; v++) {
      this.vocabPerson[v] = this.vocabOnlyPerson[v]! & 1;
      this.vocabOnlyPerson[v] = this.vocabOnlyPerson[v] === 1 ? 1 : 0;
    }
  }

  /** Keys of the vocabulary for queries in other scripts (./phonetic.ts), built on the first such query. */
  readonly skeletons = new KeyTable(this.vocabStr, skeleton);
  readonly abjadKeys = new KeyTable(this.vocabStr, abjadKey);
  readonly alphabetKeys = new KeyTable(this.vocabStr, alphabetKey);

  get names(): number {
    return this.nameEntry.length;
  }

  /** A known given name, or a token that at least `minEntries` listed people carry. */
  isCommonToken(token: string): boolean {
    const v = this.vocabId.get(token);
    return v !== undefined ? this.vocabCommon[v] === 1 : this.commonByPolicy(token);
  }

  /** On the list's vocabulary, or a common token: vocabId.has(token) || isCommonToken(token), looking the token up once. */
  isKnownToken(token: string): boolean {
    return this.vocabId.has(token) || this.commonByPolicy(token);
  }

  private commonByPolicy(token: string): boolean {
    const t = canonicalToken(token);
    return this.given.has(t) || (this.tokenEntries.get(t) ?? 0) >= this.common.minEntries;
  }

  /**
   * Matched tokens form a common name when there are at most `maxTokens` of them (particles and
   * initials aside) and each is common: "Mohamed Hassan", "Carlos Martinez", "Li". Three or more
   * ("Mohammad Ali Hosseini") make a name specific enough to stand on its own.
   */
  isCommonName(tokens: readonly string[]): boolean {
    const significant = tokens.filter((t) => t.length >= 2 && !PARTICLES.has(t));
    return significant.length > 0 && significant.length <= this.common.maxTokens && significant.every((t) => this.isCommonToken(t));
  }

  private flagsOf(tokens: readonly string[], form: NameForm): number {
    let flags = 0;
    if (tokens.length === 1 && tokens[0]!.length <= SHORT_TOKEN_MAX) flags |= FLAG_SHORT;
    if (form !== 'primary' && form !== 'alias') flags |= FLAG_STRICT;
    if (form === 'first-initial') flags |= FLAG_INITIAL;
    return flags;
  }

  private postings(): [Int32Array, Int32Array] {
    const V = this.vocabStr.length;
    const counts = new Int32Array(V + 1);
    for (const id of this.nameTok) counts[id + 1]!++;
    for (let v = 0; v < V; v++) counts[v + 1]! += counts[v]!;
    const postName = new Int32Array(this.nameTok.length);
    const fill = counts.slice();
    for (let n = 0; n < this.nameEntry.length; n++) {
      for (let p = this.nameStart[n]!; p < this.nameStart[n + 1]!; p++) postName[fill[this.nameTok[p]!]!++] = n;
    }
    return [counts, postName];
  }
}
