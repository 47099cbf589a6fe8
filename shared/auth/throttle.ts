// Token buckets: per key for authorized requests, per source IP for failed authentications. In AWS each
// authorizer instance keeps its own buckets (API Gateway's stage throttling, and WAF rate rules where deployed,
// are the global backstop); locally there is one instance, so the limits are exact.
export interface ThrottleConfig {
  ratePerSecond: number;
  burst: number;
  /** At most this many buckets are kept (least recently used go first); unbounded when absent. */
  maxEntries?: number;
}

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly config: ThrottleConfig) {}

  private refill(key: string, nowMs: number): { tokens: number; at: number } {
    const { ratePerSecond, burst, maxEntries } = this.config;
    const b = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    b.tokens = Math.min(burst, b.tokens + (Math.max(0, nowMs - b.at) / 1000) * ratePerSecond);
    b.at = nowMs;
    this.buckets.delete(key); // re-inserted last: Map order is then least recently used first
    this.buckets.set(key, b);
    if (maxEntries !== undefined && this.buckets.size > maxEntries) this.buckets.delete(this.buckets.keys().next().value!);
    return b;
  }

  /** Takes one token for `key`; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string, nowMs: number): number {
    const b = this.refill(key, nowMs);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.config.ratePerSecond;
  }

  /** Like take, without taking: 0 when `key` has a token, else the seconds until it has one. */
  wait(key: string, nowMs: number): number {
    if (!this.buckets.has(key)) return 0;
    const b = this.refill(key, nowMs);
    return b.tokens >= 1 ? 0 : (1 - b.tokens) / this.config.ratePerSecond;
  }

  get size(): number {
    return this.buckets.size;
  }
}

function positive(env: NodeJS.ProcessEnv, rateVar: string, burstVar: string, rateDefault: number, burstDefault: number): { ratePerSecond: number; burst: number } {
  const rate = Number(env[rateVar] ?? rateDefault);
  const burst = Number(env[burstVar] ?? burstDefault);
  if (!(rate > 0) || !(burst >= 1)) throw new Error(`${rateVar} must be > 0 and ${burstVar} >= 1`);
  return { ratePerSecond: rate, burst };
}

export function throttleConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ThrottleConfig {
  return positive(env, 'API_KEY_RATE_PER_SECOND', 'API_KEY_BURST', 50, 100);
}

/** Source IPs whose failed authentications are counted at once; beyond, the least recently seen are forgotten. */
export const AUTH_FAILURE_MAX_SOURCES = 10_000;

/**
 * Failed authentications (unknown, revoked or malformed keys) per source IP: a burst of 20, then one a second.
 * Enough for a person mistyping a key; a guesser is slowed to one guess a second per address.
 */
export function authFailureThrottleConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ThrottleConfig {
  return { ...positive(env, 'AUTH_FAILURE_RATE_PER_SECOND', 'AUTH_FAILURE_BURST', 1, 20), maxEntries: AUTH_FAILURE_MAX_SOURCES };
}
