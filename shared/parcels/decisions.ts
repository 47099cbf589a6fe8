// Customs officers' decisions on a parcel (CONTRACT section 4): appended to its history and delivered
// like any customs response. DETAINED and REFUSED are final.
import * as z from 'zod';
import { type Principal, mayDecide, maySee } from '../auth/principal';
import { CUSTOMS_RESPONSE_CODES, edifact7365 } from '../risk/response';
import { type EventPublisher, eventsOf } from './events';
import type { ParcelChanges } from './changes';
import { type CustomsResponse, type HistoryEntry, type Parcel, WriteConflict, hasFinalDecision, scopeOf } from './parcel';
import type { Clock } from '../util';

export const DecisionRequest = z
  .strictObject({
    code: z.enum(CUSTOMS_RESPONSE_CODES),
    reason: z.string().trim().min(1).max(1000).meta({ description: 'Why: shown to the submitter and the posts' }),
  })
  .meta({ id: 'DecisionRequest' });
export type DecisionRequest = z.output<typeof DecisionRequest>;

export interface DecisionPorts {
  store: {
    get(itemId: string): Promise<Parcel | undefined>;
    /** Appends the response if the parcel's history still has `historyLength` entries; else throws WriteConflict. */
    recordDecision(itemId: string, historyLength: number, customsResponse: CustomsResponse, entry: HistoryEntry): Promise<void>;
  };
  events: EventPublisher;
  now: Clock;
  /** Told before a parcel is written (rule performance's day aggregates); none when absent. */
  changes?: ParcelChanges;
}

export type DecisionOutcome =
  { outcome: 'recorded' | 'unchanged'; customsResponse: CustomsResponse } | { outcome: 'refused'; code: 'NOT_FOUND' | 'FORBIDDEN' | 'FINAL_DECISION_TAKEN' | 'CONCURRENT_UPDATE'; detail: string };

const sameDecision = (r: CustomsResponse | undefined, p: Principal, d: DecisionRequest) => r?.code === d.code && r.issuedBy === p.keyId && r.reasons[0] === d.reason;

export async function recordDecision(p: Principal, itemId: string, decision: DecisionRequest, ports: DecisionPorts): Promise<DecisionOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const parcel = await ports.store.get(itemId);
    if (!parcel || !maySee(p, scopeOf(parcel))) return { outcome: 'refused', code: 'NOT_FOUND', detail: `no parcel ${itemId} that this key may see` };
    if (!mayDecide(p, parcel.declaration.destinationCountry)) return { outcome: 'refused', code: 'FORBIDDEN', detail: 'only the customs authority of the destination country decides on a parcel' };
    if (sameDecision(parcel.customsResponse, p, decision)) {
      // The same decision sent again (perhaps its delivery failed last time): publish its event again.
      await ports.events.publish(eventsOf(parcel, parcel.history.length));
      return { outcome: 'unchanged', customsResponse: parcel.customsResponse! };
    }
    if (hasFinalDecision(parcel)) return { outcome: 'refused', code: 'FINAL_DECISION_TAKEN', detail: `${itemId} is ${parcel.status}: that decision is final` };

    const now = ports.now().toISOString();
    const customsResponse: CustomsResponse = { code: decision.code, edifact7365: edifact7365(decision.code), issuedAt: now, issuedBy: p.keyId, reasons: [decision.reason] };
    const entry: HistoryEntry = { at: now, type: 'customs.response.issued', version: parcel.version, status: decision.code, code: decision.code, issuedBy: p.keyId, reasons: customsResponse.reasons };
    await ports.changes?.willChange(parcel);
    try {
      await ports.store.recordDecision(itemId, parcel.history.length, customsResponse, entry);
    } catch (err) {
      if (err instanceof WriteConflict) continue;
      throw err;
    }
    const updated: Parcel = { ...parcel, status: decision.code, updatedAt: now, customsResponse, history: [...parcel.history, entry] };
    await ports.events.publish(eventsOf(updated, updated.history.length));
    return { outcome: 'recorded', customsResponse };
  }
  return { outcome: 'refused', code: 'CONCURRENT_UPDATE', detail: `${itemId} changed while the decision was recorded; send it again` };
}
