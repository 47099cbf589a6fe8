// Screening of one party name against the list, in microseconds: the names are indexed once by token
// deletion keys (./name-index.ts), so a query only scores names sharing a token within one edit of its
// own. Strength is decided here (score thresholds, and the caps that hold a strong score to weak); what a
// match means for the parcel (corroboration, the response) is the sanctions rule's policy.
import { CAPPED, FLAG_STRICT, NameIndex, type CommonNamePolicy } from './name-index';
import { nameTokenForms, nameTokens, tokenWeight } from './normalise';
import { assignmentScore, MISSING_LISTED_DISCOUNT } from './scoring';
import type { PartyKind, SanctionsMatch, ScreenOptions } from './match';
import { describeMatch } from './describe';
import { candidateNames, nearTokens, noWayInAllowance, noWayInPostings, noWayInShares, querySim, skippable } from './probe';
import { ABJAD_RE, skeleton } from './skeleton';
import { abjadKey, ALPHABET_RE, alphabetKey, DEVANAGARI_RE, legalWordByKey } from './phonetic';
import { withoutScriptTitles } from './phonetic';
import { otherReadings } from './transliterate';
import type { SanctionsEntry } from './sdn-csv';
import { QueryScratch, REC, REC_ACC, REC_ACC_Q, REC_FLOOR, REC_NWI_L, REC_NWI_Q, REC_TOTAL } from './scratch';
import { candidateScore } from './candidate-score';
import { NearLists } from './near-lists';
import { DEFAULT_RESULT_CACHE, freezeMatches, ScreenCache } from './screen-cache';
import { entryDigest } from './digest';
import { repairedForm } from './repair';

export interface ScreenerOptions {
  strongThreshold?: number;
  weakThreshold?: number;
  /** Names of one token are matched on that token alone, so they must score this to be strong. */
  singleTokenStrongThreshold?: number;
  maxResults?: number;
  commonNames?: CommonNamePolicy;
  /** Which list and release: "OFAC SDN", "2024-05-03". */
  list?: string;
  listVersion?: string;
  /** Names whose results are kept (./screen-cache.ts); 0: none. */
  resultCache?: number;
}

// Chosen from the figures of test/bench/sanctions.bench.ts: see the README here.
export const DEFAULT_STRONG_THRESHOLD = 0.88;
export const DEFAULT_WEAK_THRESHOLD = 0.75;
export const DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD = 0.95;
const DEFAULT_MAX_RESULTS = 5;
/** Names of the pairs that are no way in up to which they are read (./probe.ts noWayInShares). */
const NO_WAY_IN_POSTINGS = 256;
/** Letters of a name's only token from which the single-token threshold gives way to the ordinary strong one. */
export const SINGLE_LONG_TOKEN = 6;

/** Strong before weak even when a weak match scores higher; then score, then entNum, so that both paths (and reruns) order ties identically. */
const byStrength = (a: SanctionsMatch, b: SanctionsMatch) => Number(b.strength === 'strong') - Number(a.strength === 'strong') || b.score - a.score || a.entNum - b.entNum;

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SanctionsScreener {
  /** Number of entries screened against (vessels and aircraft are not: they never send parcels). */
  readonly size: number;
  readonly list: string;
  readonly listVersion: string;
  private readonly all: Map<number, SanctionsEntry>;
  private readonly digests = new Map<number, string>();
  private readonly entries: SanctionsEntry[];
  private readonly index: NameIndex;
  private readonly strong: number;
  private readonly weak: number;
  private readonly singleStrong: number;
  private readonly maxResults: number;
  private readonly s: QueryScratch;
  private readonly cache: ScreenCache | undefined;
  private readonly near: NearLists;

  constructor(entries: SanctionsEntry[], options: ScreenerOptions = {}) {
    this.strong = options.strongThreshold ?? DEFAULT_STRONG_THRESHOLD;
    this.weak = options.weakThreshold ?? DEFAULT_WEAK_THRESHOLD;
    this.singleStrong = Math.max(this.strong, options.singleTokenStrongThreshold ?? DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD);
    this.maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    this.list = options.list ?? 'OFAC SDN';
    this.listVersion = options.listVersion ?? 'unversioned';
    this.all = new Map(entries.map((e) => [e.entNum, e]));
    this.entries = entries.filter((e) => e.type !== 'vessel' && e.type !== 'aircraft');
    this.size = this.entries.length;
    this.index = new NameIndex(this.entries, options.commonNames);
    this.s = new QueryScratch(this.index, (n) => this.floorOf(n), this.size);
    // Built with the scratch as it is before any query: Latin (./near-lists.ts).
    this.near = new NearLists(this.index, this.s, (t, v) => querySim(this.index, this.s, 0, t, v));
    const cached = options.resultCache ?? DEFAULT_RESULT_CACHE;
    this.cache = cached > 0 ? new ScreenCache(cached) : undefined;
  }

  /** A stable hash of everything the list says about an entry (any change of it changes the hash). */
  entryDigest(entNum: number): string | undefined {
    let d = this.digests.get(entNum);
    if (d === undefined) {
      const entry = this.all.get(entNum);
      if (entry === undefined) return undefined;
      d = entryDigest(entry);
      this.digests.set(entNum, d);
    }
    return d;
  }

  /** Whether a name is a common name by this screener's policy (alone, at most a weak match of a listed person). */
  isCommonName(name: string): boolean {
    return this.index.isCommonName(nameTokens(name));
  }

  /** The entry of that number, as the list gives it (vessels and aircraft included). */
  entry(entNum: number): SanctionsEntry | undefined {
    return this.all.get(entNum);
  }

  /** Best match per entry at or above the weak threshold, strongest first, at most maxResults; frozen, and kept for the name's next screening. */
  screen(name: string, options: ScreenOptions = {}): SanctionsMatch[] {
    if (this.cache === undefined) return this.screenUncached(name, options);
    return this.cache.screen(name, options.kind, () => this.screenUncached(name, options));
  }

  /** What `screen` returns, computed whether or not the name was screened before (what the speed figures measure). */
  screenUncached(name: string, options: ScreenOptions = {}): SanctionsMatch[] {
    return freezeMatches(this.both(name, options, (q) => this.screenTokens(q, options.kind)));
  }

  /** Same scoring as `screen`, without the index: every name on the list is scored. */
  linearScan(name: string, options: ScreenOptions = {}): SanctionsMatch[] {
    return this.both(name, options, (q) => this.scanTokens(q, options.kind));
  }

  /**
   * The name as written and with its spelling variants made canonical, screened both ways when they differ; a
   * name in Chinese or Korean also as the list's other splits of it; a name from another script also with the tokens
   * that spell a legal form read as that form and those that spell a title dropped.
   */
  private both(name: string, _options: ScreenOptions, run: (q: string[]) => SanctionsMatch[]): SanctionsMatch[] {
    this.s.abjad = ABJAD_RE.test(name);
    this.s.alphabet = !this.s.abjad && ALPHABET_RE.test(name);
    this.s.devanagari = this.s.alphabet && DEVANAGARI_RE.test(name);
    const [raw, canonical] = nameTokenForms(name);
    if (raw.length === 0) return [];
    const forms = [raw, canonical];
    if (this.s.abjad || this.s.alphabet) forms.push(...forms.map((f) => f.map((t) => legalWordByKey(t, this.s.abjad) ?? t).sort()));
    if (this.s.abjad || this.s.alphabet) forms.push(...forms.map((f) => withoutScriptTitles(f, this.s.abjad)));
    forms.push(...otherReadings(name).map((r) => nameTokens(r)));
    const repaired = repairedForm(forms[1]!, this.known);
    if (repaired !== undefined) forms.push(repaired);
    if (forms.length === 2 && sameTokens(raw, canonical)) return run(raw);
    const seen = new Set<string>();
    const byEntry = new Map<number, SanctionsMatch>();
    for (const form of forms) {
      const key = form.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const m of run(form)) {
        const had = byEntry.get(m.entNum);
        if (had === undefined || byStrength(m, had) < 0) byEntry.set(m.entNum, m);
      }
    }
    return [...byEntry.values()].sort(byStrength).slice(0, this.maxResults);
  }

  /** A token of the list's vocabulary, or a common name token: never repaired (./repair.ts). */
  private readonly known = (t: string): boolean => this.index.isKnownToken(t);

  private screenTokens(q: string[], kind: PartyKind | undefined): SanctionsMatch[] {
    const stamp = this.s.next(q.length);
    const totalQ = this.queryWeights(q);
    const [nearV, nearQ] = nearTokens(this.index, this.s, q, stamp, this.near);
    // The names of the pairs that are no way in are read when few; else every candidate gets what they could add.
    const perName = noWayInPostings(this.index, this.s) <= NO_WAY_IN_POSTINGS ? 1 : 0;
    const [commonW, commonCap] = noWayInAllowance(this.index, this.s, q.length, perName === 1);
    const [skipW, skipCap] = skippable(this.index, this.s, q, totalQ, this.weak, nearV, nearQ, [commonW, commonCap]);
    const candidates = candidateNames(this.index, this.s, nearV, nearQ, stamp);
    if (perName === 1) noWayInShares(this.index, this.s, stamp, skipW > 0, candidates);
    const allowW = perName === 1 ? 0 : commonW;
    const allowCap = perName === 1 ? 0 : commonCap;

    const s = this.s;
    const rec = s.nameRec;
    const found: number[] = [];
    for (const n of candidates) {
      // No better than if every token read matched perfectly, plus what the skipped query tokens and the pairs that are no way in could add.
      const r = n * REC;
      const totalL = rec[r + REC_TOTAL]!;
      const matchQ = Math.min(totalQ, rec[r + REC_ACC_Q]! + skipW + allowW + perName * rec[r + REC_NWI_Q]!);
      const matchL = Math.min(totalL, rec[r + REC_ACC]! + skipCap + allowCap + perName * rec[r + REC_NWI_L]!);
      const bound = (matchQ + matchL) / (totalQ + (1 - MISSING_LISTED_DISCOUNT) * totalL + MISSING_LISTED_DISCOUNT * matchL);
      const floor = rec[r + REC_FLOOR]!;
      if (bound < floor - 1e-9) continue;
      const score = candidateScore(this.index, s, n, q.length, totalQ, stamp);
      if (score >= floor) this.keepBest(n, score, q.length, stamp, found);
    }
    return this.results(found, q, kind);
  }

  private scanTokens(q: string[], kind: PartyKind | undefined): SanctionsMatch[] {
    const stamp = this.s.next(q.length);
    const totalQ = this.queryWeights(q);
    const found: number[] = [];
    for (let n = 0; n < this.index.names; n++) this.keepBest(n, this.scoreName(n, q, totalQ), q.length, stamp, found);
    return this.results(found, q, kind);
  }

  /**
   * Query weights, and which query tokens are common names themselves: a common name one letter from a
   * token of a listed person's name ("Mary" / "Mark", "Li" / "Ali", "Kumar" / "Umar") is another name,
   * not a typing error.
   */
  private queryWeights(q: string[]): number {
    let total = 0;
    for (let i = 0; i < q.length; i++) {
      const w = tokenWeight(q[i]!);
      this.s.qWeight[i] = w;
      this.s.qCommon[i] = q[i]!.length >= 2 && this.index.isCommonToken(q[i]!) ? 1 : 0;
      if (this.s.abjad) {
        this.s.qSkel[i] = skeleton(q[i]!);
        this.s.qKey[i] = abjadKey(q[i]!);
      } else if (this.s.alphabet) {
        const key = alphabetKey(q[i]!);
        this.s.qKey[i] = key;
        this.s.qKeyAlt[i] = this.s.devanagari && !key.endsWith('a') ? `${key}a` : '';
      }
      total += w;
    }
    return total;
  }

  private scoreName(n: number, q: string[], totalQ: number, pairs?: number[]): number {
    const ix = this.index;
    const s = this.s;
    const start = ix.nameStart[n]!;
    const nl = ix.nameStart[n + 1]! - start;
    const nq = q.length;
    for (let j = 0; j < nl; j++) {
      const v = ix.nameTok[start + j]!;
      s.lWeight[j] = ix.vocabWeight[v]!;
      for (let i = 0; i < nq; i++) s.sims[i * nl + j] = querySim(ix, s, i, q[i]!, v);
    }
    return assignmentScore(s.sims, nq, nl, s.qWeight, s.lWeight, totalQ, ix.nameTotal[n]!, pairs);
  }

  /** The least score at which name n counts at all: derived forms only count when strong. */
  private floorOf(n: number): number {
    return (this.index.nameFlags[n]! & FLAG_STRICT) !== 0 ? this.strong : this.weak;
  }

  private strongAt(n: number, nq: number): number {
    const nl = this.index.nameStart[n + 1]! - this.index.nameStart[n]!;
    if (nq !== 1 && nl !== 1) return this.strong;
    // One long listed token: a typing error in it still leaves a name specific enough (see SINGLE_LONG_TOKEN).
    return nl === 1 && this.index.vocabStr[this.index.nameTok[this.index.nameStart[n]!]!]!.length >= SINGLE_LONG_TOKEN ? this.strong : this.singleStrong;
  }

  /** Ranks a name's match: strong and not held to weak first, then strong, then by score. */
  private rank(n: number, score: number, nq: number): number {
    if (score < this.strongAt(n, nq)) return score;
    return score + ((this.index.nameFlags[n]! & CAPPED) === 0 ? 4 : 2);
  }

  private keepBest(n: number, score: number, nq: number, stamp: number, found: number[]): void {
    if (score < this.floorOf(n)) return;
    const s = this.s;
    const e = this.index.nameEntry[n]!;
    const rank = this.rank(n, score, nq);
    if (s.entryStamp[e] !== stamp) {
      s.entryStamp[e] = stamp;
      s.entryBest[e] = rank;
      s.entryBestName[e] = n;
      found.push(e);
    } else if (rank > s.entryBest[e]! || (rank === s.entryBest[e]! && n < s.entryBestName[e]!)) {
      s.entryBest[e] = rank;
      s.entryBestName[e] = n;
    }
  }

  private results(found: number[], q: string[], kind: PartyKind | undefined): SanctionsMatch[] {
    const out: SanctionsMatch[] = [];
    if (found.length === 0) return out;
    const totalQ = this.queryWeights(q);
    for (const e of found) {
      const n = this.s.entryBestName[e]!;
      const pairs: number[] = [];
      const score = this.scoreName(n, q, totalQ, pairs);
      const m = describeMatch({ index: this.index, entry: this.entries[e]!, n, q, score, pairs, strongAt: this.strongAt(n, q.length), kind, list: this.list, listVersion: this.listVersion });
      if (m !== undefined) out.push(m);
    }
    return out.sort(byStrength).slice(0, this.maxResults);
  }
}
