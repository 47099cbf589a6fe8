// Screening of one party name against the SDN list, in microseconds: the list is indexed once by
// token deletion keys, so a query only scores names sharing a token within one edit of its own.
import { readFileSync } from 'node:fs';
import { referenceDataPath } from '../../reference/files';
import { MAX_TOKENS, nameTokens, tokenWeight } from './normalise';
import { assignmentScore, MISSING_LISTED_DISCOUNT, tokenSim } from './scoring';
import { parseSdnCsv, type SanctionsEntry } from './sdn-csv';

export { parseSdnCsv, type SanctionsEntry } from './sdn-csv';

export interface SanctionsMatch {
  entNum: number;
  listedName: string;
  /** Set when the best-matching name of the entry was an a.k.a. rather than its primary name. */
  matchedAlias?: string;
  programs: string[];
  /** 0..1 */
  score: number;
  strength: 'strong' | 'weak';
}

export interface ScreenerOptions {
  strongThreshold?: number;
  weakThreshold?: number;
  /** Names of one token are matched on that token alone, so they must score this to be strong. */
  singleTokenStrongThreshold?: number;
  maxResults?: number;
}

// Chosen from the figures of test/bench/sanctions.bench.ts: see the table in README.md here.
export const DEFAULT_STRONG_THRESHOLD = 0.88;
export const DEFAULT_WEAK_THRESHOLD = 0.75;
export const DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD = 0.95;
const DEFAULT_MAX_RESULTS = 5;

function deletions(token: string): string[] {
  const out: string[] = [];
  if (token.length < 2) return out;
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

export class SanctionsScreener {
  /** Number of entries screened against (vessels and aircraft are not: they never send parcels). */
  readonly size: number;
  private readonly entries: SanctionsEntry[];
  private readonly strong: number;
  private readonly weak: number;
  private readonly singleStrong: number;
  private readonly maxResults: number;

  private readonly vocabStr: string[] = [];
  private readonly vocabWeight: Float64Array;
  /** Deletion key (a token, or a token less one character) -> vocabulary ids. */
  private readonly keys = new Map<string, number[]>();

  // Names (primary and aliases), flattened: tokens of name n are nameTok[nameStart[n] .. nameStart[n+1]).
  private readonly nameEntry: Int32Array;
  private readonly nameAlias: Int32Array; // -1 for the primary name
  private readonly nameStart: Int32Array;
  private readonly nameTok: Int32Array;
  private readonly nameTotal: Float64Array;
  // Postings: names containing vocabulary id v are postName[postStart[v] .. postStart[v+1]).
  private readonly postStart: Int32Array;
  private readonly postName: Int32Array;

  // Per-query scratch, reused so a query allocates almost nothing. Stamps avoid clearing arrays.
  private stamp = 0;
  private readonly simSeen: Int32Array; // vocab x MAX_TOKENS
  private readonly simVal: Float64Array; // vocab x MAX_TOKENS
  private readonly vocabStamp: Int32Array;
  private readonly vocabScanned: Int32Array;
  private readonly vocabQueryWeight: Float64Array; // heaviest query token near each vocabulary token
  private readonly nameAccQ: Float64Array;
  private readonly nameStamp: Int32Array;
  private readonly nameAcc: Float64Array;
  private readonly entryStamp: Int32Array;
  private readonly entryBest: Float64Array;
  private readonly entryBestName: Int32Array;
  private readonly sims = new Float64Array(MAX_TOKENS * MAX_TOKENS);
  private readonly lWeight = new Float64Array(MAX_TOKENS);
  private readonly qWeight = new Float64Array(MAX_TOKENS);
  private readonly qCost = new Float64Array(MAX_TOKENS);
  private readonly qSkip = new Uint8Array(MAX_TOKENS);

  constructor(entries: SanctionsEntry[], options: ScreenerOptions = {}) {
    this.strong = options.strongThreshold ?? DEFAULT_STRONG_THRESHOLD;
    this.weak = options.weakThreshold ?? DEFAULT_WEAK_THRESHOLD;
    this.singleStrong = Math.max(this.strong, options.singleTokenStrongThreshold ?? DEFAULT_SINGLE_TOKEN_STRONG_THRESHOLD);
    this.maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    this.entries = entries.filter((e) => e.type !== 'vessel' && e.type !== 'aircraft');
    this.size = this.entries.length;

    const vocab = new Map<string, number>();
    const nameEntry: number[] = [];
    const nameAlias: number[] = [];
    const nameStart: number[] = [0];
    const nameTok: number[] = [];
    const nameTotal: number[] = [];
    this.entries.forEach((entry, ei) => {
      const seen = new Set<string>();
      [entry.name, ...entry.aliases].forEach((raw, k) => {
        const tokens = nameTokens(raw);
        const key = tokens.join(' ');
        if (tokens.length === 0 || seen.has(key)) return;
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
        nameAlias.push(k - 1);
        nameStart.push(nameTok.length);
        nameTotal.push(total);
      });
    });
    this.nameEntry = Int32Array.from(nameEntry);
    this.nameAlias = Int32Array.from(nameAlias);
    this.nameStart = Int32Array.from(nameStart);
    this.nameTok = Int32Array.from(nameTok);
    this.nameTotal = Float64Array.from(nameTotal);

    const V = this.vocabStr.length;
    this.vocabWeight = Float64Array.from(this.vocabStr, tokenWeight);
    const counts = new Int32Array(V + 1);
    for (const id of nameTok) counts[id + 1]!++;
    for (let v = 0; v < V; v++) counts[v + 1]! += counts[v]!;
    this.postStart = counts.slice();
    this.postName = new Int32Array(nameTok.length);
    const fill = counts.slice();
    for (let n = 0; n < nameEntry.length; n++) {
      for (let p = nameStart[n]!; p < nameStart[n + 1]!; p++) this.postName[fill[nameTok[p]!]!++] = n;
    }

    for (let v = 0; v < V; v++) {
      const t = this.vocabStr[v]!;
      this.addKey(t, v);
      for (const d of deletions(t)) this.addKey(d, v);
    }

    this.simSeen = new Int32Array(V * MAX_TOKENS);
    this.simVal = new Float64Array(V * MAX_TOKENS);
    this.vocabStamp = new Int32Array(V);
    this.vocabScanned = new Int32Array(V);
    this.vocabQueryWeight = new Float64Array(V);
    this.nameStamp = new Int32Array(nameEntry.length);
    this.nameAcc = new Float64Array(nameEntry.length);
    this.nameAccQ = new Float64Array(nameEntry.length);
    this.entryStamp = new Int32Array(this.size);
    this.entryBest = new Float64Array(this.size);
    this.entryBestName = new Int32Array(this.size);
  }

  private addKey(key: string, v: number): void {
    const list = this.keys.get(key);
    if (list === undefined) this.keys.set(key, [v]);
    else if (list[list.length - 1] !== v) list.push(v);
  }

  /** Best match per entry at or above the weak threshold, strongest first, at most maxResults. */
  screen(name: string): SanctionsMatch[] {
    const q = nameTokens(name);
    if (q.length === 0) return [];
    const stamp = this.nextStamp();
    const totalQ = this.queryWeights(q);

    // 1. Vocabulary tokens within one edit of each query token, with their similarity, and how
    // many postings each query token would make us read.
    const nearV: number[] = [];
    const nearQ: number[] = [];
    const cost = this.qCost.fill(0, 0, q.length);
    for (let i = 0; i < q.length; i++) {
      const token = q[i]!;
      this.lookup(token, i, token, stamp, nearV, nearQ);
      if (token.length >= 2) {
        for (let d = 0; d < token.length; d++) this.lookup(token.slice(0, d) + token.slice(d + 1), i, token, stamp, nearV, nearQ);
      }
    }
    for (let k = 0; k < nearV.length; k++) {
      const v = nearV[k]!;
      cost[nearQ[k]!]! += this.postStart[v + 1]! - this.postStart[v]!;
    }

    // 2. Prefix filtering: the most frequent query tokens ("al", "mohammed", "limited") are not
    // read at all when a name matching only those could not reach the weak threshold anyway. A
    // listed token one edit from query token i weighs at most len(i) + 1, which bounds the score
    // of a name matching only the skipped set B by (sum w_B + sum cap_B) / (W_Q + sum cap_B)
    // (the listed total is at least what it matched, and a smaller one only raises the score).
    const skip = this.qSkip.fill(0, 0, q.length);
    let skipW = 0;
    let skipCap = 0;
    for (;;) {
      let worst = -1;
      for (let i = 0; i < q.length; i++) if (skip[i] === 0 && (worst < 0 || cost[i]! > cost[worst]!)) worst = i;
      if (worst < 0) break;
      const w = skipW + this.qWeight[worst]!;
      const cap = skipCap + q[worst]!.length + 1;
      if ((w + cap) / (totalQ + cap) >= this.weak - 1e-9) break;
      skip[worst] = 1;
      skipW = w;
      skipCap = cap;
    }

    // 3. Names containing a token near a probed query token, with what they could score at most.
    const candidates: number[] = [];
    for (let k = 0; k < nearV.length; k++) {
      const v = nearV[k]!;
      if (skip[nearQ[k]!] === 1 || this.vocabScanned[v] === stamp) continue;
      this.vocabScanned[v] = stamp;
      const wl = this.vocabWeight[v]!;
      const wq = this.vocabQueryWeight[v]!;
      for (let p = this.postStart[v]!; p < this.postStart[v + 1]!; p++) {
        const n = this.postName[p]!;
        if (this.nameStamp[n] !== stamp) {
          this.nameStamp[n] = stamp;
          this.nameAcc[n] = 0;
          this.nameAccQ[n] = 0;
          candidates.push(n);
        }
        this.nameAcc[n]! += wl;
        this.nameAccQ[n]! += wq;
      }
    }

    // 4. Score the names that can still reach the weak threshold: no better than if every token
    // read above matched perfectly, plus whatever the skipped query tokens could add.
    const found: number[] = [];
    for (const n of candidates) {
      const totalL = this.nameTotal[n]!;
      const matchQ = Math.min(totalQ, this.nameAccQ[n]! + skipW);
      const matchL = Math.min(totalL, this.nameAcc[n]! + skipCap);
      const bound = (matchQ + matchL) / (totalQ + (1 - MISSING_LISTED_DISCOUNT) * totalL + MISSING_LISTED_DISCOUNT * matchL);
      if (bound < this.weak - 1e-9) continue;
      this.keepBest(n, this.scoreName(n, q, totalQ, stamp, true), stamp, found);
    }
    return this.results(found, q.length);
  }

  /** Same scoring as `screen`, without the index: every name on the list is scored. */
  linearScan(name: string): SanctionsMatch[] {
    const q = nameTokens(name);
    if (q.length === 0) return [];
    const stamp = this.nextStamp();
    const totalQ = this.queryWeights(q);
    const found: number[] = [];
    for (let n = 0; n < this.nameEntry.length; n++) {
      this.keepBest(n, this.scoreName(n, q, totalQ, stamp, false), stamp, found);
    }
    return this.results(found, q.length);
  }

  private queryWeights(q: string[]): number {
    let total = 0;
    for (let i = 0; i < q.length; i++) {
      const w = tokenWeight(q[i]!);
      this.qWeight[i] = w;
      total += w;
    }
    return total;
  }

  private nextStamp(): number {
    this.stamp = this.stamp === 0x7fffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) {
      this.simSeen.fill(0);
      this.vocabStamp.fill(0);
      this.vocabScanned.fill(0);
      this.nameStamp.fill(0);
      this.entryStamp.fill(0);
    }
    return this.stamp;
  }

  private lookup(key: string, i: number, token: string, stamp: number, nearV: number[], nearQ: number[]): void {
    const ids = this.keys.get(key);
    if (ids === undefined) return;
    const w = this.qWeight[i]!;
    for (const v of ids) {
      const slot = v * MAX_TOKENS + i;
      if (this.simSeen[slot] === stamp) continue;
      this.simSeen[slot] = stamp;
      const s = tokenSim(token, this.vocabStr[v]!);
      this.simVal[slot] = s;
      if (s === 0) continue;
      nearV.push(v);
      nearQ.push(i);
      if (this.vocabStamp[v] !== stamp) {
        this.vocabStamp[v] = stamp;
        this.vocabQueryWeight[v] = w;
      } else if (w > this.vocabQueryWeight[v]!) this.vocabQueryWeight[v] = w;
    }
  }

  private scoreName(n: number, q: string[], totalQ: number, stamp: number, indexed: boolean): number {
    const start = this.nameStart[n]!;
    const nl = this.nameStart[n + 1]! - start;
    const nq = q.length;
    for (let j = 0; j < nl; j++) {
      const v = this.nameTok[start + j]!;
      this.lWeight[j] = this.vocabWeight[v]!;
      for (let i = 0; i < nq; i++) {
        let s: number;
        if (indexed) {
          const slot = v * MAX_TOKENS + i;
          s = this.simSeen[slot] === stamp ? this.simVal[slot]! : 0;
        } else {
          s = tokenSim(q[i]!, this.vocabStr[v]!);
        }
        this.sims[i * nl + j] = s;
      }
    }
    return assignmentScore(this.sims, nq, nl, this.qWeight, this.lWeight, totalQ, this.nameTotal[n]!);
  }

  private keepBest(n: number, score: number, stamp: number, found: number[]): void {
    if (score < this.weak) return;
    const e = this.nameEntry[n]!;
    if (this.entryStamp[e] !== stamp) {
      this.entryStamp[e] = stamp;
      this.entryBest[e] = score;
      this.entryBestName[e] = n;
      found.push(e);
    } else if (score > this.entryBest[e]! || (score === this.entryBest[e]! && n < this.entryBestName[e]!)) {
      this.entryBest[e] = score;
      this.entryBestName[e] = n;
    }
  }

  private isStrong(e: number, nq: number): boolean {
    const n = this.entryBestName[e]!;
    const nl = this.nameStart[n + 1]! - this.nameStart[n]!;
    return this.entryBest[e]! >= (nq === 1 || nl === 1 ? this.singleStrong : this.strong);
  }

  private results(found: number[], nq: number): SanctionsMatch[] {
    // Strong before weak even when a weak single-token match scores higher; then score, then entNum
    // so that both paths (and reruns) order ties identically.
    const strong = new Map<number, boolean>();
    for (const e of found) strong.set(e, this.isStrong(e, nq));
    found.sort(
      (a, b) =>
        Number(strong.get(b)) - Number(strong.get(a)) ||
        this.entryBest[b]! - this.entryBest[a]! ||
        this.entries[a]!.entNum - this.entries[b]!.entNum,
    );
    const out: SanctionsMatch[] = [];
    for (let k = 0; k < found.length && k < this.maxResults; k++) {
      const e = found[k]!;
      const entry = this.entries[e]!;
      const alias = this.nameAlias[this.entryBestName[e]!]!;
      const match: SanctionsMatch = {
        entNum: entry.entNum,
        listedName: entry.name,
        programs: entry.programs,
        score: this.entryBest[e]!,
        strength: strong.get(e) ? 'strong' : 'weak',
      };
      if (alias >= 0) match.matchedAlias = entry.aliases[alias];
      out.push(match);
    }
    return out;
  }
}

export const SDN_FILE = 'ofac-sdn-2024-05-03.csv';
let defaultScreener: SanctionsScreener | undefined;

/** The screener over the bundled SDN snapshot, built on first use and kept for the process. */
export function loadDefaultScreener(): SanctionsScreener {
  defaultScreener ??= new SanctionsScreener(parseSdnCsv(readFileSync(referenceDataPath(SDN_FILE), 'utf8')));
  return defaultScreener;
}
