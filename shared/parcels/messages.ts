// The parcel queues' messages: one schema each, which producers and consumers share; each type is its schema's.
//   assess queue   AssessMessage (ingest, the reconciler) and RescreenMessage (the sanctions refresh); consumed by assess
//   publish queue  PublishedEvent (assess, re-screening, and the api's decisions and outcomes); consumed by publish
// (The deliver queues' AttemptMessage is in shared/webhooks/messages.ts; the replay queue's in shared/rule-lab/replay.ts.)
import * as z from 'zod';
import type { ParcelScope } from '../auth/principal';
import { CUSTOMS_RESPONSE_CODES } from '../risk/response';
import { type CustomsResponse, EVENT_TYPES } from './parcel';
import type { AssessmentView } from './view';

/** Assess one version of a parcel. */
export const AssessMessageSchema = z.strictObject({
  itemId: z.string().min(1).max(64),
  version: z.number().int().positive(),
  /**
   * The declarationHash of the normalised declaration ingest validated just now: the assess stage, finding the
   * same hash stored, assesses it without validating it again (validate once). The reconciler's messages carry
   * none, so a version queued again later is validated against the rules of that time.
   */
  digest: z.string().min(1).max(128).optional(),
});
export type AssessMessage = z.infer<typeof AssessMessageSchema>;

/** Judge the assessed version again with the sanctions list `rescreen` (shared/parcels/rescreen.ts). */
export const RescreenMessageSchema = z.strictObject({
  itemId: z.string().min(1).max(64),
  version: z.number().int().positive(),
  rescreen: z.string().min(1).max(64),
  queuedAt: z.iso.datetime().optional(),
});
export type RescreenMessage = z.infer<typeof RescreenMessageSchema>;

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An event of a parcel's history (CONTRACT section 5); the snapshots in its data are the producer's, taken as they are. */
export const ParcelEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  createdAt: z.string().min(1),
  data: z.object({
    itemId: z.string().min(1),
    version: z.number().int().positive(),
    /** Grows per parcel: the entry's position in the parcel's history, from 1. */
    sequence: z.number().int().positive(),
    status: z.enum(['RECEIVED', ...CUSTOMS_RESPONSE_CODES]),
    customsResponse: z.custom<CustomsResponse>(isObject).optional(),
    /** The assessment of this event's version, once it was made. */
    assessment: z.custom<AssessmentView>(isObject).optional(),
  }),
});
export type ParcelEvent = z.infer<typeof ParcelEventSchema>;

/** Who may see the parcel (shared/auth/principal.ts ParcelScope): what publish matches subscriptions by; not part of the delivered body. */
const ScopeSchema = z.object({ submittedBy: z.string().min(1), originCountry: z.string().min(1), destinationCountry: z.string().min(1) }) satisfies z.ZodType<ParcelScope>;

/** An event as published: its data as customs sees it; each subscription gets what its owner may see (eventFor). */
export const PublishedEventSchema = z.object({ event: ParcelEventSchema, scope: ScopeSchema });
export type PublishedEvent = z.infer<typeof PublishedEventSchema>;

/** The event of a publish queue body, or undefined when it is not one (not JSON, or not this shape). */
export function publishedEvent(body: string): PublishedEvent | undefined {
  try {
    const r = PublishedEventSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
