// Parcel events (CONTRACT section 5): what the stages publish onto the delivery queue for webhooks.
// Each history entry of a parcel is one event; its id is derived from the itemId and its place in the history,
// so publishing the same entry again (a retried stage) yields the same event id and receivers can drop the copy.
import { createHash } from 'node:crypto';
import type { EventType, Parcel } from './parcel';
import { parcelView } from './view';

export interface ParcelEvent {
  id: string;
  type: EventType;
  createdAt: string;
  data: {
    itemId: string;
    version: number;
    /** Grows per parcel: the entry's position in the parcel's history, from 1. */
    sequence: number;
    status: Parcel['status'];
    customsResponse?: Parcel['customsResponse'];
    assessment?: ReturnType<typeof parcelView>['assessment'];
  };
}

/** What the delivery stage needs to know about who may see the parcel; not part of the delivered body. */
export interface EventScope {
  submittedBy: string;
  originCountry: string;
  destinationCountry: string;
}

export interface PublishedEvent {
  event: ParcelEvent;
  scope: EventScope;
}

export const eventId = (itemId: string, sequence: number): string => 'evt_' + createHash('sha256').update(`${itemId}#${sequence}`).digest('base64url').slice(0, 24);

/** The events of a parcel's history entries from `fromSequence` on (1-based), as of the parcel's current state. */
export function eventsOf(parcel: Parcel, fromSequence: number): PublishedEvent[] {
  const view = parcelView(parcel);
  const scope = { submittedBy: parcel.submittedBy, originCountry: parcel.declaration.originCountry, destinationCountry: parcel.declaration.destinationCountry };
  return parcel.history.slice(fromSequence - 1).map((h, i) => {
    const sequence = fromSequence + i;
    return {
      event: {
        id: eventId(parcel.itemId, sequence),
        type: h.type,
        createdAt: h.at,
        data: { itemId: parcel.itemId, version: h.version, sequence, status: parcel.status, customsResponse: parcel.customsResponse, assessment: view.assessment },
      },
      scope,
    };
  });
}

/** Port: puts events on the delivery queue; throws when any could not be queued (the caller's stage is retried). */
export interface EventPublisher {
  publish(events: PublishedEvent[]): Promise<void>;
}
