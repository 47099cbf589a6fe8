// Parcel events (CONTRACT section 5): what the stages publish onto the publish queue for webhooks.
// Each history entry of a parcel is one event; its id is derived from the itemId and its place in the history,
// so publishing the same entry again (a retried stage) yields the same event id and receivers can drop the copy.
// An event's data is a snapshot: the parcel as it was when the entry happened, not as it is now.
import { createHash } from 'node:crypto';
import { edifact7365 } from '../risk/response';
import { type CustomsResponse, type HistoryEntry, type Parcel, ENGINE, scopeOf } from './parcel';
import type { ParcelEvent, PublishedEvent } from './messages';
import { type Audience, assessmentView, responseView } from './view';

export type { ParcelEvent, PublishedEvent } from './messages';

export const eventId = (itemId: string, sequence: number): string => 'evt_' + createHash('sha256').update(`${itemId}#${sequence}`).digest('base64url').slice(0, 24);

const responseOf = (h: HistoryEntry): CustomsResponse => ({ code: h.code!, edifact7365: edifact7365(h.code!), issuedAt: h.at, issuedBy: h.issuedBy ?? ENGINE, reasons: h.reasons ?? [] });

/** The events of a parcel's history entries from `fromSequence` on (1-based), each a snapshot of its moment. */
export function eventsOf(parcel: Parcel, fromSequence: number): PublishedEvent[] {
  const scope = scopeOf(parcel);
  const a = parcel.assessment;
  const assessedAt = a ? parcel.history.findIndex((h) => h.version === a.version && (h.type === 'parcel.assessed' || h.type === 'parcel.rejected')) : -1;
  const out: PublishedEvent[] = [];
  let response: CustomsResponse | undefined;
  parcel.history.forEach((h, i) => {
    if (h.type === 'customs.response.issued' && h.code) response = responseOf(h);
    const sequence = i + 1;
    if (sequence < fromSequence) return;
    const assessment = a && assessedAt >= 0 && i >= assessedAt && h.version === a.version ? assessmentView(a, 'customs') : undefined;
    out.push({
      event: {
        id: eventId(parcel.itemId, sequence),
        type: h.type,
        createdAt: h.at,
        data: { itemId: parcel.itemId, version: h.version, sequence, status: h.status, customsResponse: h.status === 'RECEIVED' ? undefined : response, assessment },
      },
      scope,
    });
  });
  return out;
}

/** The event as an audience may see it. */
export function eventFor(e: ParcelEvent, audience: Audience): ParcelEvent {
  if (audience === 'customs') return e;
  const { customsResponse, assessment } = e.data;
  return {
    ...e,
    data: {
      ...e.data,
      customsResponse: customsResponse && responseView(customsResponse, audience),
      assessment: assessment && assessmentView(assessment as Parameters<typeof assessmentView>[0], audience),
    },
  };
}

/** Port: puts events on the publish queue; throws when any could not be queued (the caller's stage is retried). */
export interface EventPublisher {
  publish(events: PublishedEvent[]): Promise<void>;
}
