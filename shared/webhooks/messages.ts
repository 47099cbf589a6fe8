// The deliver queues' message (deliver and deliver-slow): one schema, which publish, the sweeper, replay and the
// attempts themselves (a retry, a move to the slow lane) produce, and deliver consumes; the type is the schema's.
import * as z from 'zod';

/** One attempt of one event to one subscription. */
export const AttemptMessageSchema = z.object({
  subscriptionId: z.string().min(1),
  /** The delivery record's key (the adapter's, taken as it is). */
  sk: z.string().min(1),
  cycle: z.number().int().nonnegative(),
  /** Which attempt (1-based) this message asks for. */
  attempt: z.number().int().positive(),
});
export type AttemptMessage = z.infer<typeof AttemptMessageSchema>;

/** The message of a queue body, or undefined when it is not one (not JSON, or not this shape). */
export function attemptMessage(body: string): AttemptMessage | undefined {
  try {
    const r = AttemptMessageSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
