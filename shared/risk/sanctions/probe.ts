// How a query finds the names worth scoring: the vocabulary tokens near each query token (one edit
// away, through the deletion keys; for Arabic and Hebrew names, the same consonant skeleton), and the
// names that contain them, with an upper bound of what each could score. Shared by nothing else: the
// linear scan scores every name with the same querySim.
import type { NameIndex } from './name-index';
import { REC, REC_ACC, REC_ACC_Q, REC_NWI_L, REC_NWI_Q, REC_SPAN, REC_STAMP, SPAN, type QueryScratch } from './scratch';
import { MIN_SKELETON, MIN_SKELETON_WORD, SKELETON_SIM } from './skeleton';
import { PARTICLES } from './derived-names';
import { MIN_ABJAD_KEY, MIN_KEY } from './phonetic';
import { TWO_LETTER_SIM, tokenSim } from './scoring';
import { deletionHashes, keyHash } from './deletion-keys';
import type { NearLists } from './near-lists';

/**
 * Similarity of query token i to vocabulary token v. A common name one edit from a token of a listed
 * person's name ("Mary" / "Mark", "Li" / "Ali") is another name, not a typing error; a token of an
 * Arabic- or Hebrew-script query also matches a token of the same consonant skeleton.
 */
export function querySim(ix: NameIndex, s: QueryScratch, i: number, q: string, v: number): number {
  const l = ix.vocabStr[v]!;
  if (q === l) return 1;
  // The same key is what the other script writes for the listed token: exact, not a typing error (see ./describe.ts).
  if ((s.abjad || s.alphabet) && sameKey(ix, s, i, q, v)) return SKELETON_SIM;
  // A common query token near a person's token scores, but ./describe.ts holds such a match to weak unless an exact, uncommon token stands beside it.
  return tokenSim(q, l);
}

/**
 * A key long enough to match on, or the key of a token of one or two letters that stands for a listed token as short:
 * "ка" is C.A., "кв" C.V., "οι" OY, "و" the U of "U-STONE", Devanagari "क" (k, its final a unwritten) the C of "I T C".
 * Such a key must keep every letter of the query token ("مم", "mm", keyed "m", is not "IM"), and a listed initial
 * is matched by one letter only.
 */
const keyFits = (key: string, min: number, q: string, l: string) => key.length >= min || (key.length >= q.length && q.length <= 2 && l.length <= 2 && (l.length === 2 || q.length === 1));

/** For a query in another script: the same skeleton or abjad key (Arabic, Hebrew), or the same alphabet key (Cyrillic, Greek, Devanagari). */
function sameKey(ix: NameIndex, s: QueryScratch, i: number, q: string, v: number): boolean {
  const l = ix.vocabStr[v]!;
  if (s.abjad) {
    const sk = s.qSkel[i]!;
    if (sk.length >= MIN_SKELETON && sk === ix.skeletons.of(v) && (sk.length >= MIN_SKELETON_WORD || PARTICLES.has(l))) return true;
    return s.qKey[i] === ix.abjadKeys.of(v) && keyFits(s.qKey[i], MIN_ABJAD_KEY, q, l);
  }
  const key = ix.alphabetKeys.of(v);
  return (s.qKey[i] === key && keyFits(key, MIN_KEY, q, l)) || (s.qKeyAlt[i] === key && keyFits(key, MIN_KEY, q, l));
}

function probe(ix: NameIndex, s: QueryScratch, ids: ArrayLike<number> | undefined, i: number, token: string, stamp: number, nearV: number[], nearQ: number[], from = 0, to = ids?.length ?? 0): void {
  if (ids === undefined) return;
  const w = s.qWeight[i]!;
  const seen = s.probeSeen;
  const tokenStamp = s.tokenStamp;
  for (let k = from; k < to; k++) {
    const v = ids[k]!;
    if (seen[v] === tokenStamp) continue;
    seen[v] = tokenStamp;
    const sim = querySim(ix, s, i, token, v);
    if (sim !== 0) reach(ix, s, v, i, sim, w, stamp, nearV, nearQ);
  }
}

/** Query token i (of weight w) is near vocabulary token v, with that similarity. */
function reach(ix: NameIndex, s: QueryScratch, v: number, i: number, sim: number, w: number, stamp: number, nearV: number[], nearQ: number[]): void {
  s.setSim(v, i, sim, stamp);
  // A common query token near a person's token is scored but is no way in: names reached only so ("Mary" → every
  // "Mark", "Mara", "Marya") are another name (./describe.ts), and screening every one of them is what costs.
  // Nor is a typo of two letters ("al" → "el", "ad", "an", ...): it is scored beside the tokens that reach the name.
  // What such a pair can add to a candidate's score is bounded per candidate (noWayInShares).
  if ((s.qCommon[i] === 1 && ix.vocabOnlyPerson[v] === 1 && sim < 1) || sim === TWO_LETTER_SIM) {
    s.noWayIn(v, i, w);
    return;
  }
  nearV.push(v);
  nearQ.push(i);
  if (s.vocabStamp[v] !== stamp) {
    s.vocabStamp[v] = stamp;
    s.vocabQueryWeight[v] = w;
  } else if (w > s.vocabQueryWeight[v]!) s.vocabQueryWeight[v] = w;
}

/** The vocabulary tokens under the deletion key of hash h. */
function probeKey(ix: NameIndex, s: QueryScratch, h: number, i: number, token: string, stamp: number, nearV: number[], nearQ: number[]): void {
  const keys = ix.keys;
  const k = keys.list(h);
  if (k >= 0) probe(ix, s, keys.ids, i, token, stamp, nearV, nearQ, keys.start[k], keys.start[k + 1]);
}

/** 1. Vocabulary tokens within one edit of (or of the skeleton of) each query token, with their similarity. */
export function nearTokens(ix: NameIndex, s: QueryScratch, q: string[], stamp: number, near?: NearLists): [number[], number[]] {
  const nearV: number[] = [];
  const nearQ: number[] = [];
  for (let i = 0; i < q.length; i++) {
    const token = q[i]!;
    // A Latin token on the list: what the keys below would find is in its near list (./near-lists.ts).
    const v0 = near !== undefined && !s.abjad && !s.alphabet ? ix.vocabId.get(token) : undefined;
    if (v0 !== undefined) {
      for (let p = near!.start[v0]!; p < near!.start[v0 + 1]!; p++) reach(ix, s, near!.ids[p]!, i, near!.sims[p]!, s.qWeight[i]!, stamp, nearV, nearQ);
      continue;
    }
    s.nextToken();
    if (s.abjad) {
      if (s.qSkel[i]!.length >= MIN_SKELETON) probe(ix, s, ix.skeletons.with(s.qSkel[i]!), i, token, stamp, nearV, nearQ);
      // Short keys too for a short token (see keyFits); the alternative Devanagari key ("pm" → "pma") even when the key itself is short.
      if (s.qKey[i]!.length >= MIN_ABJAD_KEY || token.length <= 2) probe(ix, s, ix.abjadKeys.with(s.qKey[i]!), i, token, stamp, nearV, nearQ);
    } else if (s.alphabet) {
      if (s.qKey[i]!.length >= MIN_KEY || token.length <= 2) probe(ix, s, ix.alphabetKeys.with(s.qKey[i]!), i, token, stamp, nearV, nearQ);
      if (s.qKeyAlt[i] !== '' && (s.qKeyAlt[i]!.length >= MIN_KEY || token.length <= 2)) probe(ix, s, ix.alphabetKeys.with(s.qKeyAlt[i]!), i, token, stamp, nearV, nearQ);
    }
    probeKey(ix, s, keyHash(token), i, token, stamp, nearV, nearQ);
    if (token.length >= 2) {
      const hashes = deletionHashes(token);
      for (let d = 0; d < token.length; d++) probeKey(ix, s, hashes[d]!, i, token, stamp, nearV, nearQ);
    }
  }
  return [nearV, nearQ];
}

/** The names holding the listed tokens of the pairs that are no way in (reach): how many. */
export function noWayInPostings(ix: NameIndex, s: QueryScratch): number {
  let postings = 0;
  for (let k = 0; k < s.nwiCount; k++) postings += ix.postStart[s.nwiV[k]! + 1]! - ix.postStart[s.nwiV[k]!]!;
  return postings;
}

/**
 * What the pairs that are no way in could add to a name the prefix filter below leaves out: per query token that has
 * such pairs its weight and the heaviest listed token of them (qNwiW, qNwiCap), and their sums; nothing when those
 * names are read (`read`: noWayInShares then finds each of them that holds a way in).
 */
export function noWayInAllowance(ix: NameIndex, s: QueryScratch, nq: number, read: boolean): [number, number] {
  const { qNwiW, qNwiCap, nwiV, nwiQ, nwiW } = s;
  for (let i = 0; i < nq; i++) {
    qNwiW[i] = 0;
    qNwiCap[i] = 0;
  }
  for (let k = 0; k < (read ? 0 : s.nwiCount); k++) {
    const i = nwiQ[k]!;
    qNwiW[i] = nwiW[k]!;
    qNwiCap[i] = Math.max(qNwiCap[i]!, ix.vocabWeight[nwiV[k]!]!);
  }
  let w = 0;
  let cap = 0;
  for (let i = 0; i < nq; i++) {
    w += qNwiW[i]!;
    cap += qNwiCap[i]!;
  }
  return [w, cap];
}

/**
 * 2. Prefix filtering: the most frequent query tokens ("al", "muhammad", "limited") are not read at all
 * when a name matching only those could not reach the weak threshold anyway. A listed token near query
 * token i weighs at most len(i) + 1 (a skeleton match may weigh more: then nothing is skipped), which
 * bounds the score of a name matching only the skipped set B by (sum w_B + sum cap_B) / (W_Q + sum cap_B).
 */
export function skippable(ix: NameIndex, s: QueryScratch, q: string[], totalQ: number, weak: number, nearV: number[], nearQ: number[], common: readonly [number, number]): [number, number] {
  const { qCost: cost, qSkip: skip, qWeight, qNwiW, qNwiCap } = s;
  // Loops, not fill(): for a few values a call of the builtin costs more than the stores.
  for (let i = 0; i < q.length; i++) skip[i] = 0;
  if (s.abjad || s.alphabet) return [0, 0];
  for (let i = 0; i < q.length; i++) cost[i] = 0;
  for (let k = 0; k < nearV.length; k++) {
    const v = nearV[k]!;
    cost[nearQ[k]!]! += ix.postStart[v + 1]! - ix.postStart[v]!;
  }
  let skipW = 0;
  let skipCap = 0;
  // What the pairs that are no way in (reach) of the tokens not skipped could add; a skipped token's are in its cap.
  let [allowW, allowCap] = common;
  for (;;) {
    let worst = -1;
    for (let i = 0; i < q.length; i++) if (skip[i] === 0 && (worst < 0 || cost[i]! > cost[worst]!)) worst = i;
    if (worst < 0) break;
    const w = skipW + qWeight[worst]!;
    const cap = skipCap + q[worst]!.length + 1;
    const aw = allowW - qNwiW[worst]!;
    const acap = allowCap - qNwiCap[worst]!;
    if ((w + cap + aw + acap) / (totalQ + cap + acap) >= weak - 1e-9) break;
    skip[worst] = 1;
    skipW = w;
    skipCap = cap;
    allowW = aw;
    allowCap = acap;
  }
  return [skipW, skipCap];
}

/** 3. Names containing a token near a probed query token, with what they could score at most. */
export function candidateNames(ix: NameIndex, s: QueryScratch, nearV: number[], nearQ: number[], stamp: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < nearV.length; k++) {
    const v = nearV[k]!;
    if (s.qSkip[nearQ[k]!] === 1 || s.vocabScanned[v] === stamp) continue;
    s.vocabScanned[v] = stamp;
    const wl = ix.vocabWeight[v]!;
    const wq = s.vocabQueryWeight[v]!;
    const rec = s.nameRec;
    for (let p = ix.postStart[v]!; p < ix.postStart[v + 1]!; p++) {
      const n = ix.postName[p]!;
      const r = n * REC;
      if (rec[r + REC_STAMP] !== stamp) {
        openRecord(rec, r, stamp);
        out.push(n);
      }
      rec[r + REC_ACC]! += wl;
      rec[r + REC_ACC_Q]! += wq;
    }
  }
  return out;
}

/**
 * 4. The listed and query weight the pairs that are no way in (reach) can add to each candidate, summed into its
 * record: a candidate holding none of their listed tokens gets no allowance for them. When query tokens were skipped
 * (skippable), a name holding such a listed token and a way in of a skipped token is a candidate too (pushed on `out`):
 * the prefix filter left it out counting on this (noWayInAllowance). A name holding no way in stays out, as without
 * the filter.
 */
export function noWayInShares(ix: NameIndex, s: QueryScratch, stamp: number, skipped: boolean, out: number[]): void {
  const { nwiV, nwiW, nwiCount, nameRec: rec } = s;
  const { postStart, postName, vocabWeight } = ix;
  for (let k = 0; k < nwiCount; k++) {
    const v = nwiV[k]!;
    const wl = vocabWeight[v]!;
    const wq = nwiW[k]!;
    for (let p = postStart[v]!; p < postStart[v + 1]!; p++) {
      const n = postName[p]!;
      const r = n * REC;
      if (rec[r + REC_STAMP] !== stamp) {
        if (!skipped || rec[r + REC_STAMP] === -stamp) continue;
        if (!holdsWayIn(ix, s, n, stamp)) {
          rec[r + REC_STAMP] = -stamp;
          continue;
        }
        openRecord(rec, r, stamp);
        out.push(n);
      }
      rec[r + REC_NWI_L]! += wl;
      rec[r + REC_NWI_Q]! += wq;
    }
  }
}

/** A name's record, opened for this query (its stamp) with nothing summed yet. */
function openRecord(rec: Float64Array, r: number, stamp: number): void {
  rec[r + REC_STAMP] = stamp;
  rec[r + REC_ACC] = 0;
  rec[r + REC_ACC_Q] = 0;
  rec[r + REC_NWI_L] = 0;
  rec[r + REC_NWI_Q] = 0;
}

/** Whether name n holds a token that is a way in for some query token (reach stamped it). */
function holdsWayIn(ix: NameIndex, s: QueryScratch, n: number, stamp: number): boolean {
  const span = s.nameRec[n * REC + REC_SPAN]!;
  const nl = span % SPAN;
  const start = (span - nl) / SPAN;
  for (let j = start; j < start + nl; j++) if (s.vocabStamp[ix.nameTok[j]!] === stamp) return true;
  return false;
}
