// Delivery settings from the environment, read once per instance (shared/wiring/webhooks.ts), and the one rule
// for where a scheduled attempt waits: on the queue (SQS delays up to 15 min) or parked in DynamoDB
// for the sweeper.
import * as z from 'zod';

export interface DeliveryConfig {
  /** WEBHOOK_RETRY_SCALE (default 1): multiplies retry delays, the Retry-After cap and the circuit cooldown (tests). */
  scale: number;
  /** WEBHOOK_MAX_QUEUE_DELAY_SECONDS (default 900, SQS's limit): longer waits are parked for the sweeper. */
  maxQueueDelaySeconds: number;
  /** WEBHOOK_TIMEOUT_MS (default 15 000): one attempt's whole request. */
  timeoutMs: number;
  /** WEBHOOK_ALLOW_HTTP_LOOPBACK=true (local runtime only): receivers on this machine. */
  allowLoopback: boolean;
  /** How late a queued attempt may be before the sweeper queues it again (a lost message, a crashed consumer). */
  sweepGraceSeconds: number;
  /**
   * WEBHOOK_FAST_TIMEOUT_MS (default 3 000): the fast lane's budget for one POST. An endpoint that has not
   * answered by then is sent the same event again by the slow lane, which waits the full `timeoutMs`,
   * so a hanging endpoint holds the fast lane's consumers for this long, not 15 s. At `timeoutMs` or more
   * there is no slow lane.
   */
  fastTimeoutMs: number;
  /** WEBHOOK_SLOW_LANE_SECONDS (default 600): how long a subscription stays on the slow lane after an answer (or none) slower than the fast budget. */
  slowLaneSeconds: number;
}

const Env = z.object({
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  WEBHOOK_MAX_QUEUE_DELAY_SECONDS: z.coerce.number().int().min(1).max(900).default(900),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(15_000).default(15_000),
  WEBHOOK_ALLOW_HTTP_LOOPBACK: z.enum(['true', 'false']).default('false'),
  WEBHOOK_SWEEP_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  WEBHOOK_FAST_TIMEOUT_MS: z.coerce.number().int().min(100).max(15_000).default(3000),
  WEBHOOK_SLOW_LANE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});

export function readDeliveryConfig(env: Record<string, string | undefined>): DeliveryConfig {
  const r = Env.safeParse(env);
  if (!r.success) throw new Error(`webhook settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {
    scale: r.data.WEBHOOK_RETRY_SCALE,
    maxQueueDelaySeconds: r.data.WEBHOOK_MAX_QUEUE_DELAY_SECONDS,
    timeoutMs: r.data.WEBHOOK_TIMEOUT_MS,
    allowLoopback: r.data.WEBHOOK_ALLOW_HTTP_LOOPBACK === 'true',
    sweepGraceSeconds: r.data.WEBHOOK_SWEEP_GRACE_SECONDS,
    fastTimeoutMs: Math.min(r.data.WEBHOOK_FAST_TIMEOUT_MS, r.data.WEBHOOK_TIMEOUT_MS),
    slowLaneSeconds: r.data.WEBHOOK_SLOW_LANE_SECONDS,
  };
}

export interface Placement {
  /** Queue the attempt now with this delay (seconds), or leave it to the sweeper (undefined). */
  queueDelaySeconds?: number;
  /** When the sweeper looks at the record: a safety net after a queued attempt, the wake-up of a parked one. */
  sweepAt: Date;
}

/** Where an attempt due at `due` waits. */
export function placeAttempt(due: Date, now: Date, c: Pick<DeliveryConfig, 'maxQueueDelaySeconds' | 'sweepGraceSeconds'>): Placement {
  const wait = Math.max(0, (due.getTime() - now.getTime()) / 1000);
  if (wait <= c.maxQueueDelaySeconds) {
    return { queueDelaySeconds: Math.ceil(wait), sweepAt: new Date(due.getTime() + c.sweepGraceSeconds * 1000) };
  }
  // Parked: the sweeper queues it a little ahead, with the remaining delay, so it is not late by a sweep interval.
  const lead = Math.min(c.maxQueueDelaySeconds, 60);
  return { sweepAt: new Date(due.getTime() - lead * 1000) };
}
