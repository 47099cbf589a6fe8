// The assessment with the officers' sanctions clearances applied. Clearances are read only for a parcel that has a
// sanctions hit (well under 1 % of parcels): the others cost no read. Such a parcel is assessed once more with the
// clearances in force for its parties (the engine applies them after its rules: shared/risk/clearances.ts).
import type { Declaration } from '../ead/schema';
import { type ParcelAssessment, type ParcelFacts, type RecipientHistory, type RiskEngine, assessParcel } from '../risk';
import { type ClearanceGrant, isSanctionsHit } from '../risk/clearances';

/** Port: the clearances in force now, against the list in use, for a declaration's sender and recipient in its destination country. */
export interface ClearanceLookup {
  inForceFor(d: Declaration, now: string): Promise<ClearanceGrant[]>;
}

export async function assessWithClearances(
  engine: RiskEngine,
  d: Declaration,
  history: RecipientHistory,
  now: string,
  facts: ParcelFacts,
  clearances: ClearanceLookup | undefined,
): Promise<ParcelAssessment> {
  const result = await assessParcel(engine, d, history, now, facts);
  if (!clearances || !result.assessment.hits.some(isSanctionsHit)) return result;
  const grants = await clearances.inForceFor(d, now);
  return grants.length === 0 ? result : assessParcel(engine, d, history, now, { ...facts, clearances: grants });
}
