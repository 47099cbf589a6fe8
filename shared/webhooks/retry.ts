// When a failed delivery is tried again (CONTRACT section 5): exponential backoff with bounded jitter,
// the first two retries within 30 s, the whole schedule longer than 24 h even at its shortest,
// Retry-After honoured up to a cap. Pure: the caller passes the random number and the scale.

/** Base delay before retry n (n = 1 is the first retry), in seconds. 12 retries, 13 attempts in all. */
export const RETRY_DELAYS_SECONDS = [3, 15, 60, 300, 1800, 3600, 7200, 14_400, 21_600, 21_600, 21_600, 21_600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Each delay is multiplied by a factor in [1 - JITTER, 1 + JITTER]. */
export const JITTER = 0.2;
/** A Retry-After longer than this is cut to this. */
export const RETRY_AFTER_CAP_SECONDS = 6 * 3600;

export interface RetryOptions {
  /** Uniform in [0, 1). */
  random: number;
  /** Seconds the receiver asked for (Retry-After), if any. */
  retryAfterSeconds?: number;
  /** Multiplies every delay and the cap: 1 in production, small in tests (WEBHOOK_RETRY_SCALE). */
  scale?: number;
}

export type RetryDecision = { retry: true; delaySeconds: number } | { retry: false };

/** After attempt `attempt` (1-based) failed: wait how long before the next one, or give up. */
export function nextRetry(attempt: number, opts: RetryOptions): RetryDecision {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return { retry: false };
  const scale = opts.scale ?? 1;
  const jittered = base * (1 - JITTER + 2 * JITTER * Math.min(Math.max(opts.random, 0), 1)) * scale;
  const asked = opts.retryAfterSeconds === undefined ? 0 : Math.min(opts.retryAfterSeconds, RETRY_AFTER_CAP_SECONDS * scale);
  return { retry: true, delaySeconds: Math.max(jittered, asked) };
}

/**
 * Retry-After as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 section 10.2.3).
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at) || !/[a-z]/i.test(v)) return undefined;
  return Math.max(0, (at - now.getTime()) / 1000);
}

/** Consecutive failures of one subscription that open its circuit breaker. */
export const CIRCUIT_THRESHOLD = 5;
/** How long an open circuit holds a subscription's deliveries back (scaled like the schedule). */
export const CIRCUIT_COOLDOWN_SECONDS = 60;
