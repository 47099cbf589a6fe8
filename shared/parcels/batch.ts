// A batch of declarations (POST /v1/parcel-batches, CONTRACT section 3) as schemas: the envelope
// `{ "parcels": [ 1 to 500 declarations ] }`, and each entry at most 64 KiB of JSON. An entry that is too large is
// refused alone (its result says so, pointing at it); the others are submitted.
import * as z from 'zod';
import type { ValidationError } from '../ead/errors';

/** CONTRACT sections 2 and 3. */
export const MAX_DECLARATION_BYTES = 64 * 1024;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
export const MAX_BATCH_PARCELS = 500;

const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');

export const BatchEnvelopeSchema = z.strictObject({ parcels: z.array(z.unknown()).min(1).max(MAX_BATCH_PARCELS) });
export const BATCH_ENVELOPE_DETAIL = `the body must be { "parcels": [ 1 to ${MAX_BATCH_PARCELS} declarations ] }`;

/** One entry of a batch: any JSON value (the declaration's own validation comes later) of at most MAX_DECLARATION_BYTES. */
export const BatchEntrySchema = z.unknown().refine((p) => jsonBytes(p) <= MAX_DECLARATION_BYTES, `a declaration is at most ${MAX_DECLARATION_BYTES} bytes of JSON`);

export type BatchEntry = { index: number; declaration: unknown } | { index: number; tooLarge: ValidationError };

/** The batch's entries in order, or undefined when the body is not the envelope. */
export function readBatch(body: unknown): BatchEntry[] | undefined {
  const envelope = BatchEnvelopeSchema.safeParse(body);
  if (!envelope.success) return undefined;
  return envelope.data.parcels.map((p, index) => {
    const entry = BatchEntrySchema.safeParse(p);
    if (entry.success) return { index, declaration: entry.data };
    return { index, tooLarge: { pointer: `/parcels/${index}`, code: 'TOO_LONG', detail: entry.error.issues[0]!.message } };
  });
}
