// How well a queried name matches one listed name. Used unchanged by the indexed and the linear
// path; they differ only in how they find the token pairs worth scoring.
import { jaroWinkler, withinOneEdit } from './jaro-winkler';

/**
 * Token pairs less similar than this count as unrelated. Below it Jaro-Winkler rates pairs such as
 * "al"/"el" or "li"/"lu" that are different names, not typing errors.
 */
export const TOKEN_FLOOR = 0.7;

/**
 * Similarity of two normalised tokens: Jaro-Winkler, but only for tokens at most one edit apart.
 * The edit gate is what lets a deletion-key index find every pair this function accepts; without
 * it JW >= 0.8 admits pairs no cheap index can enumerate. Spelling variants two or more edits
 * apart ("mohammed"/"muhamad") therefore do not match token-wise unless ./romanisation.ts knows them.
 */
export function tokenSim(q: string, l: string): number {
  if (q === l) return 1;
  // A listed initial matches only itself: "ev" is not the E. of "HANAFIN, Katarzyna E." (and a typo in an
  // initial is another initial).
  if (l.length === 1 || !withinOneEdit(q, l)) return 0;
  // Window of at least 1, so that a swap or a missing first letter in a short token ("kim"/"ikm")
  // still reads as the typing error it is, not as a different name.
  const s = Math.max(jaroWinkler(q, l, 1), oneEditSim(q, l));
  return s >= TOKEN_FLOOR ? s : q.length === 2 && l.length === 2 ? TWO_LETTER_SIM : 0;
}

/**
 * One wrong letter of two, the first ("Fi" / "RI", "io" / "AO"): Jaro-Winkler rates it 0.67, below the floor, however
 * plainly the rest of the name is the listed one ("Fi Tong Hyok"). It scores this, just under the floor, and
 * ./describe.ts lets it stand strong only beside two exact tokens, since beside one it is as likely another name
 * ("Xu John" / "WU, John").
 */
export const TWO_LETTER_SIM = 0.68;

/**
 * What one edit leaves of a long token, wherever it falls: 1 - 0.8 / (longer length), from 7 letters on
 * (0.886 at 7, 0.9 at 8). Jaro-Winkler punishes an error near the start of a long token more than one at
 * its end ("mchanga" / "machanga" 0.83); one edit in eight letters is a typing error either way. Shorter
 * tokens keep Jaro-Winkler alone, where one edit is often another name.
 */
export function oneEditSim(q: string, l: string): number {
  const len = Math.max(q.length, l.length);
  return len >= ONE_EDIT_MIN_LENGTH ? 1 - 0.8 / len : 0;
}
export const ONE_EDIT_MIN_LENGTH = 7;

export const MISSING_LISTED_DISCOUNT = 0.25;

let usedQ = new Uint8Array(16);
let usedL = new Uint8Array(64);

/**
 * Greedy one-to-one assignment of query tokens to listed tokens (best pair first), then
 *   score = sum(sim * (weight q + weight l)) / (total query weight + total listed weight).
 * Weights (tokenWeight) make an unmatched "al" or "ltd" cost little and an unmatched surname a
 * lot; counting both sides penalises missing listed tokens ("Claire Martin" vs a five-part listed
 * name) as well as extra query tokens. Listed tokens left unmatched count only
 * (1 - MISSING_LISTED_DISCOUNT) in the denominator: parcels often drop a middle name of a listed
 * person ("Jose Antonio Garcia Martin" for "MARTIN, Claire Jose Antonio Garcia"), while an extra
 * query token is evidence of a different person. `sims` is nq x nl, query-major.
 */
export function assignmentScore(
  sims: Float64Array,
  nq: number,
  nl: number,
  qWeight: ArrayLike<number>,
  lWeight: ArrayLike<number>,
  totalQ: number,
  totalL: number,
  /** When given, receives the matched pairs as [query index, listed index, similarity] triples. */
  pairs?: number[],
): number {
  if (usedQ.length < nq) usedQ = new Uint8Array(nq * 2);
  if (usedL.length < nl) usedL = new Uint8Array(nl * 2);
  usedQ.fill(0, 0, nq);
  usedL.fill(0, 0, nl);
  let sum = 0;
  let matchedL = 0;
  const rounds = Math.min(nq, nl);
  for (let r = 0; r < rounds; r++) {
    let best = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < nq; i++) {
      if (usedQ[i] === 1) continue;
      const row = i * nl;
      for (let j = 0; j < nl; j++) {
        const s = sims[row + j]!;
        if (s > best && usedL[j] === 0) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    usedQ[bi] = 1;
    usedL[bj] = 1;
    sum += best * (qWeight[bi]! + lWeight[bj]!);
    pairs?.push(bi, bj, best);
    matchedL += lWeight[bj]!;
  }
  return sum / (totalQ + totalL - MISSING_LISTED_DISCOUNT * (totalL - matchedL));
}

/**
 * assignmentScore over the pairs above 0 only, given as parallel arrays (query index, listed index, listed
 * weight, similarity), in any order: the same greedy assignment, ties going to the lower query index and then
 * the lower listed index as assignmentScore's scan order gives them, the same sums in the same order, so the
 * same score to the last bit. `sim` is overwritten.
 */
export function sparseAssignmentScore(pairQ: Int32Array, pairL: Int32Array, pairW: Float64Array, sim: Float64Array, count: number, qWeight: Float64Array, totalQ: number, totalL: number): number {
  let sum = 0;
  let matchedL = 0;
  for (;;) {
    let b = -1;
    let best = 0;
    for (let k = 0; k < count; k++) {
      const s = sim[k]!;
      if (s > best || (s === best && b >= 0 && (pairQ[k]! < pairQ[b]! || (pairQ[k] === pairQ[b] && pairL[k]! < pairL[b]!)))) {
        best = s;
        b = k;
      }
    }
    if (b < 0) break;
    sum += best * (qWeight[pairQ[b]!]! + pairW[b]!);
    matchedL += pairW[b]!;
    const bi = pairQ[b];
    const bj = pairL[b];
    // Both tokens of the pair are used: every pair sharing one of them is out.
    for (let k = 0; k < count; k++) if (pairQ[k] === bi || pairL[k] === bj) sim[k] = -1;
  }
  return sum / (totalQ + totalL - MISSING_LISTED_DISCOUNT * (totalL - matchedL));
}
