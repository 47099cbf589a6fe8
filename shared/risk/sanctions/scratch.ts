// Per-query scratch of the screener, reused so that a query allocates almost nothing. Stamps avoid
// clearing arrays: a slot is valid for the current query only when its stamp is the query's.
import { MAX_TOKENS } from './normalise';
import type { NameIndex } from './name-index';

/**
 * What a query reads and writes of one candidate name, in one record of nameRec (REC values, 64 bytes: one
 * cache line), so that a candidate costs one memory access rather than one per array: the query's stamp,
 * the listed and query weight the probe reached, and the name's total weight, floor, first token and length
 * (REC_SPAN: first token * SPAN + length), and the listed and query weight of its pairs that are no way in
 * (REC_NWI_L, REC_NWI_Q: ./probe.ts noWayIn).
 */
export const REC = 8;
export const REC_STAMP = 0;
export const REC_ACC = 1;
export const REC_ACC_Q = 2;
export const REC_TOTAL = 3;
export const REC_FLOOR = 4;
export const REC_SPAN = 5;
export const REC_NWI_L = 6;
export const REC_NWI_Q = 7;
/** REC_SPAN packs a name's first token and its length (at most MAX_TOKENS, below SPAN). */
export const SPAN = 32;

export class QueryScratch {
  private stamp = 0;
  /** The stamp of the query token being probed (nextToken). */
  tokenStamp = 0;
  /** Per vocabulary token, the token stamp of the query token that last probed it (./probe.ts reads each pair once). */
  readonly probeSeen: Int32Array;
  /**
   * The similarities above 0 the probe found, by vocabulary token: when simStamp[v] is the query's stamp,
   * simRow[v] is v's row of simRows (width values, one per query token; the others are 0). A row per
   * near token, not a slot per vocabulary token and query token: the rows of one query are a few kilobytes,
   * so scoring a candidate reads memory that is in cache.
   */
  readonly simStamp: Int32Array;
  readonly simRow: Int32Array;
  simRows = new Float64Array(64 * MAX_TOKENS);
  rows = 0;
  /** Values per row of simRows: the query's number of tokens (next), so that a new row clears only those. */
  width = MAX_TOKENS;
  readonly vocabStamp: Int32Array;
  readonly vocabScanned: Int32Array;
  /** Heaviest query token near each vocabulary token. */
  readonly vocabQueryWeight: Float64Array;
  readonly nameRec: Float64Array;
  readonly entryStamp: Int32Array;
  readonly entryBest: Float64Array;
  readonly entryBestName: Int32Array;
  readonly sims = new Float64Array(MAX_TOKENS * MAX_TOKENS);
  readonly lWeight = new Float64Array(MAX_TOKENS);
  readonly qWeight = new Float64Array(MAX_TOKENS);
  readonly qCost = new Float64Array(MAX_TOKENS);
  readonly qSkip = new Uint8Array(MAX_TOKENS);
  /** The token pairs of one candidate with a similarity above 0: query index, listed index, listed weight, similarity. */
  readonly pairQ = new Int32Array(MAX_TOKENS * MAX_TOKENS);
  readonly pairL = new Int32Array(MAX_TOKENS * MAX_TOKENS);
  readonly pairW = new Float64Array(MAX_TOKENS * MAX_TOKENS);
  readonly pairSim = new Float64Array(MAX_TOKENS * MAX_TOKENS);
  /** 1 when query token i is a common name token (it then matches only itself). */
  readonly qCommon = new Uint8Array(MAX_TOKENS);
  /** The query is in Arabic or Hebrew script: its tokens also match by consonant skeleton (qSkel) and abjad key (qKey). */
  abjad = false;
  /** The query is in Cyrillic, Greek or Devanagari script: its tokens also match by alphabet key (qKey). */
  alphabet = false;
  readonly qSkel: string[] = [];
  readonly qKey: string[] = [];
  /** A Devanagari query's keys with the final a it does not write ('' for other scripts). */
  readonly qKeyAlt: string[] = [];
  devanagari = false;
  /**
   * The pairs of the query that are no way in (./probe.ts reach): vocabulary token and query token weight, nwiCount
   * of them. Their names' share of the bound is added per candidate, not as an allowance for every candidate.
   */
  nwiV = new Int32Array(64);
  nwiQ = new Int32Array(64);
  nwiW = new Float64Array(64);
  nwiCount = 0;
  /** Per query token with pairs that are no way in: its weight, and the heaviest listed token of those pairs (else 0, 0). */
  readonly qNwiW = new Float64Array(MAX_TOKENS);
  readonly qNwiCap = new Float64Array(MAX_TOKENS);

  /** floorOf(n): the least score at which name n counts. */
  constructor(ix: NameIndex, floorOf: (n: number) => number, entries: number) {
    const vocab = ix.vocabStr.length;
    const names = ix.names;
    this.probeSeen = new Int32Array(vocab);
    this.simStamp = new Int32Array(vocab);
    this.simRow = new Int32Array(vocab);
    this.vocabStamp = new Int32Array(vocab);
    this.vocabScanned = new Int32Array(vocab);
    this.vocabQueryWeight = new Float64Array(vocab);
    this.nameRec = new Float64Array(names * REC);
    for (let n = 0; n < names; n++) {
      this.nameRec[n * REC + REC_TOTAL] = ix.nameTotal[n]!;
      this.nameRec[n * REC + REC_FLOOR] = floorOf(n);
      this.nameRec[n * REC + REC_SPAN] = ix.nameStart[n]! * SPAN + (ix.nameStart[n + 1]! - ix.nameStart[n]!);
    }
    this.entryStamp = new Int32Array(entries);
    this.entryBest = new Float64Array(entries);
    this.entryBestName = new Int32Array(entries);
  }

  /** A new stamp for a query of `width` tokens; on wrap-around every stamped array is cleared. */
  next(width: number): number {
    this.width = width;
    this.stamp = this.stamp === 0x7fffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) {
      this.simStamp.fill(0);
      this.vocabStamp.fill(0);
      this.vocabScanned.fill(0);
      for (let k = REC_STAMP; k < this.nameRec.length; k += REC) this.nameRec[k] = 0;
      this.entryStamp.fill(0);
    }
    this.rows = 0;
    this.nwiCount = 0;
    return this.stamp;
  }

  /** A new stamp for one query token's probe. */
  nextToken(): number {
    this.tokenStamp = this.tokenStamp === 0x7fffffff ? 1 : this.tokenStamp + 1;
    if (this.tokenStamp === 1) this.probeSeen.fill(0);
    return this.tokenStamp;
  }

  /** Records a pair of vocabulary token v and query token i, of weight w, that is no way in. */
  noWayIn(v: number, i: number, w: number): void {
    if (this.nwiCount === this.nwiV.length) {
      const n = this.nwiV.length * 2;
      const [v2, q2, w2] = [new Int32Array(n), new Int32Array(n), new Float64Array(n)];
      v2.set(this.nwiV);
      q2.set(this.nwiQ);
      w2.set(this.nwiW);
      [this.nwiV, this.nwiQ, this.nwiW] = [v2, q2, w2];
    }
    this.nwiV[this.nwiCount] = v;
    this.nwiQ[this.nwiCount] = i;
    this.nwiW[this.nwiCount++] = w;
  }

  /** Records sim (above 0) of query token i and vocabulary token v for the query of that stamp. */
  setSim(v: number, i: number, sim: number, stamp: number): void {
    let r: number;
    if (this.simStamp[v] === stamp) r = this.simRow[v]!;
    else {
      r = this.rows++;
      const width = this.width;
      if ((r + 1) * width > this.simRows.length) {
        const grown = new Float64Array(this.simRows.length * 2);
        grown.set(this.simRows);
        this.simRows = grown;
      }
      for (let k = r * width; k < (r + 1) * width; k++) this.simRows[k] = 0;
      this.simStamp[v] = stamp;
      this.simRow[v] = r;
    }
    this.simRows[r * this.width + i] = sim;
  }
}
