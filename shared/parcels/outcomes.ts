// Inspection outcomes (CONTRACT section 4): after a hold, customs of the destination (or admin) records what the
// inspection found. An outcome is a history entry (`parcel.inspected`) that only customs and admin see, and an event
// for their subscriptions; rule performance (the rule lab) is computed from these.
import * as z from 'zod';
import { type Principal, mayDecide, maySee } from '../auth/principal';
import { type EventPublisher, eventsOf } from './events';
import type { ParcelChanges } from './changes';
import { type HistoryEntry, type Parcel, WriteConflict, isHold, scopeOf } from './parcel';
import type { Clock } from '../util';

export const INSPECTION_RESULTS = ['FOUND', 'NOTHING_FOUND'] as const;
/** What an inspection can find: a fixed vocabulary, so found rates can be counted per category. */
export const INSPECTION_FINDINGS = ['COUNTERFEIT', 'PROHIBITED_OR_RESTRICTED', 'UNDERVALUED', 'MISDECLARED', 'SANCTIONED_PARTY', 'DANGEROUS_GOODS', 'OTHER'] as const;

export const OutcomeRequest = z
  .strictObject({
    result: z.enum(INSPECTION_RESULTS),
    findings: z
      .array(z.enum(INSPECTION_FINDINGS))
      .max(INSPECTION_FINDINGS.length)
      .default([])
      .transform((f) => [...new Set(f)])
      .meta({ description: 'What was found (FOUND needs at least one; NOTHING_FOUND none)' }),
    notes: z.string().trim().min(1).max(2000).optional().meta({ description: "The officer's notes: seen by customs and admin only" }),
  })
  .superRefine((o, ctx) => {
    if (o.result === 'FOUND' && o.findings.length === 0) ctx.addIssue({ code: 'custom', path: ['findings'], message: 'say what was found', params: { code: 'REQUIRED' } });
    if (o.result === 'NOTHING_FOUND' && o.findings.length > 0) ctx.addIssue({ code: 'custom', path: ['findings'], message: 'NOTHING_FOUND has no findings', params: { code: 'INVALID_VALUE' } });
  })
  .meta({ id: 'OutcomeRequest' });
export type OutcomeRequest = z.output<typeof OutcomeRequest>;

export interface Outcome {
  result: OutcomeRequest['result'];
  findings: OutcomeRequest['findings'];
  notes?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface OutcomePorts {
  store: {
    get(itemId: string): Promise<Parcel | undefined>;
    /** Appends an entry if the history still has `historyLength` entries and no final decision stops it; else throws WriteConflict. */
    appendHistory(itemId: string, historyLength: number, entry: HistoryEntry, opts?: { final?: boolean }): Promise<void>;
  };
  events: EventPublisher;
  now: Clock;
  /** Told before a parcel is written (rule performance's day aggregates); none when absent. */
  changes?: ParcelChanges;
}

export type OutcomeResult = { outcome: 'recorded'; recorded: Outcome } | { outcome: 'refused'; code: 'NOT_FOUND' | 'FORBIDDEN' | 'NOT_HELD' | 'CONCURRENT_UPDATE'; detail: string };

/** Whether the parcel was ever held (HELD_FOR_INSPECTION or DO_NOT_LOAD issued): only then is there an inspection to report. */
export const wasHeld = (p: Pick<Parcel, 'history'>): boolean => p.history.some((h) => h.type === 'customs.response.issued' && h.code !== undefined && isHold(h.code));

export async function recordOutcome(p: Principal, itemId: string, request: OutcomeRequest, ports: OutcomePorts): Promise<OutcomeResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const parcel = await ports.store.get(itemId);
    if (!parcel || !maySee(p, scopeOf(parcel))) {
      return { outcome: 'refused', code: 'NOT_FOUND', detail: `no parcel ${itemId} that this key may see` };
    }
    if (!mayDecide(p, parcel.declaration.destinationCountry))
      return { outcome: 'refused', code: 'FORBIDDEN', detail: 'only the customs authority of the destination country records inspection outcomes' };
    if (!wasHeld(parcel)) return { outcome: 'refused', code: 'NOT_HELD', detail: `${itemId} was never held for inspection: there is no inspection to report` };
    const now = ports.now().toISOString();
    const recorded: Outcome = { result: request.result, findings: request.findings, ...(request.notes ? { notes: request.notes } : {}), recordedAt: now, recordedBy: p.keyId };
    const entry: HistoryEntry = {
      at: now,
      type: 'parcel.inspected',
      version: parcel.version,
      status: parcel.status,
      issuedBy: p.keyId,
      result: recorded.result,
      findings: recorded.findings,
      ...(recorded.notes ? { notes: recorded.notes } : {}),
    };
    await ports.changes?.willChange(parcel);
    try {
      // An outcome may follow a final decision (seized after the inspection found something): it is a record, not a decision.
      await ports.store.appendHistory(itemId, parcel.history.length, entry, { final: true });
    } catch (err) {
      if (err instanceof WriteConflict) continue;
      throw err;
    }
    await ports.events.publish(eventsOf({ ...parcel, history: [...parcel.history, entry] }, parcel.history.length + 1));
    return { outcome: 'recorded', recorded };
  }
  return { outcome: 'refused', code: 'CONCURRENT_UPDATE', detail: `${itemId} changed while the outcome was recorded; send it again` };
}
