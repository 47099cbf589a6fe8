// The list's own tokens' neighbours, worked out when the screener is built: for each vocabulary token, the
// vocabulary tokens that a Latin query token equal to it reaches through the deletion keys, with querySim's
// similarity (above 0). Most query tokens are on the list ("martin", "perez", "gmbh"), and for them the probe
// (./probe.ts) reads this list instead of looking up each deletion key and scoring each token under it. It is
// what that lookup and scoring compute, by the same code, so it changes no result; it depends on the list only,
// not on what was screened before.
import type { NameIndex } from './name-index';
import type { QueryScratch } from './scratch';
import { deletionHashes, keyHash } from './deletion-keys';

export class NearLists {
  /** The neighbours of vocabulary token v: ids[start[v] .. start[v + 1]), with sims. */
  readonly start: Int32Array;
  readonly ids: Int32Array;
  readonly sims: Float64Array;

  /** sim(q, v): the similarity of a Latin query token q to vocabulary token v (querySim's). `s` is used for its probe stamps only. */
  constructor(ix: NameIndex, s: QueryScratch, sim: (q: string, v: number) => number) {
    const V = ix.vocabStr.length;
    this.start = new Int32Array(V + 1);
    let ids = new Int32Array(V * 8);
    let sims = new Float64Array(V * 8);
    let n = 0;
    const add = (v: number, value: number) => {
      if (n === ids.length) {
        ids = grow(ids, new Int32Array(2 * n));
        sims = grow(sims, new Float64Array(2 * n));
      }
      ids[n] = v;
      sims[n++] = value;
    };
    for (let v0 = 0; v0 < V; v0++) {
      const token = ix.vocabStr[v0]!;
      const seen = s.probeSeen;
      const stamp = s.nextToken();
      const visit = (h: number) => {
        const k = ix.keys.list(h);
        if (k < 0) return;
        for (let p = ix.keys.start[k]!; p < ix.keys.start[k + 1]!; p++) {
          const v = ix.keys.ids[p]!;
          if (seen[v] === stamp) continue;
          seen[v] = stamp;
          const value = sim(token, v);
          if (value !== 0) add(v, value);
        }
      };
      // The keys nearTokens looks up for a query token: the token, and each of its deletions.
      visit(keyHash(token));
      if (token.length >= 2) {
        const hashes = deletionHashes(token);
        for (let d = 0; d < token.length; d++) visit(hashes[d]!);
      }
      this.start[v0 + 1] = n;
    }
    this.ids = ids.slice(0, n);
    this.sims = sims.slice(0, n);
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
