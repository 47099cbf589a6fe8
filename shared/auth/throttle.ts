// Per-key token buckets. In AWS each authorizer instance keeps its own buckets (API Gateway's stage
// throttling is the global backstop); locally there is one instance, so the limit is exact.
export interface ThrottleConfig {
  ratePerSecond: number;
  burst: number;
}

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly config: ThrottleConfig) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string, nowMs: number): number {
    const { ratePerSecond, burst } = this.config;
    const b = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * ratePerSecond);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / ratePerSecond;
  }
}

export function throttleConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ThrottleConfig {
  const rate = Number(env.API_KEY_RATE_PER_SECOND ?? 50);
  const burst = Number(env.API_KEY_BURST ?? 100);
  if (!(rate > 0) || !(burst >= 1)) throw new Error('API_KEY_RATE_PER_SECOND must be > 0 and API_KEY_BURST >= 1');
  return { ratePerSecond: rate, burst };
}
