// Per-query scratch of the screener, reused so that a query allocates almost nothing. Stamps avoid
// clearing arrays: a slot is valid for the current query only when its stamp is the query's.
import { MAX_TOKENS } from './normalise';

export class QueryScratch {
  private stamp = 0;
  readonly simSeen: Int32Array; // vocab x MAX_TOKENS
  readonly simVal: Float64Array; // vocab x MAX_TOKENS
  readonly vocabStamp: Int32Array;
  readonly vocabScanned: Int32Array;
  /** Heaviest query token near each vocabulary token. */
  readonly vocabQueryWeight: Float64Array;
  readonly nameStamp: Int32Array;
  readonly nameAcc: Float64Array;
  readonly nameAccQ: Float64Array;
  readonly entryStamp: Int32Array;
  readonly entryBest: Float64Array;
  readonly entryBestName: Int32Array;
  readonly sims = new Float64Array(MAX_TOKENS * MAX_TOKENS);
  readonly lWeight = new Float64Array(MAX_TOKENS);
  readonly qWeight = new Float64Array(MAX_TOKENS);
  readonly qCost = new Float64Array(MAX_TOKENS);
  readonly qSkip = new Uint8Array(MAX_TOKENS);
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

  constructor(vocab: number, names: number, entries: number) {
    this.simSeen = new Int32Array(vocab * MAX_TOKENS);
    this.simVal = new Float64Array(vocab * MAX_TOKENS);
    this.vocabStamp = new Int32Array(vocab);
    this.vocabScanned = new Int32Array(vocab);
    this.vocabQueryWeight = new Float64Array(vocab);
    this.nameStamp = new Int32Array(names);
    this.nameAcc = new Float64Array(names);
    this.nameAccQ = new Float64Array(names);
    this.entryStamp = new Int32Array(entries);
    this.entryBest = new Float64Array(entries);
    this.entryBestName = new Int32Array(entries);
  }

  /** A new stamp for a query; on wrap-around every stamped array is cleared. */
  next(): number {
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
}
