// The score of one candidate name of the index from the similarities the probe found (./scratch.ts, simRows):
// only the token pairs above 0, which are few, are read and assigned. The score is assignmentScore's over the
// full matrix, to the last bit (./scoring.ts sparseAssignmentScore), so the index finds what the linear scan finds.
import type { NameIndex } from './name-index';
import { REC, REC_SPAN, REC_TOTAL, SPAN, type QueryScratch } from './scratch';
import { sparseAssignmentScore } from './scoring';

/** Score of name n against the query of `nq` tokens and total weight totalQ whose probe ran with `stamp`. */
export function candidateScore(ix: NameIndex, s: QueryScratch, n: number, nq: number, totalQ: number, stamp: number): number {
  const { nameRec, simStamp, simRow, simRows, pairQ, pairL, pairW, pairSim } = s;
  const span = nameRec[n * REC + REC_SPAN]!;
  const nl = span % SPAN;
  const start = (span - nl) / SPAN;
  let count = 0;
  for (let j = 0; j < nl; j++) {
    const v = ix.nameTok[start + j]!;
    if (simStamp[v] !== stamp) continue;
    const r = simRow[v]! * nq;
    for (let i = 0; i < nq; i++) {
      const sim = simRows[r + i]!;
      if (sim <= 0) continue;
      pairQ[count] = i;
      pairL[count] = j;
      pairW[count] = ix.vocabWeight[v]!;
      pairSim[count] = sim;
      count++;
    }
  }
  if (count === 0) return 0;
  return sparseAssignmentScore(pairQ, pairL, pairW, pairSim, count, s.qWeight, totalQ, nameRec[n * REC + REC_TOTAL]!);
}
