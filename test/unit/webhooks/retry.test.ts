import fc from 'fast-check';
import { JITTER, MAX_ATTEMPTS, RETRY_AFTER_CAP_SECONDS, RETRY_DELAYS_SECONDS, nextRetry, parseRetryAfter } from '#shared/webhooks/retry';

/** Every delay of one run of the schedule, with one random value for all. */
const run = (random: number) => {
  const delays: number[] = [];
  for (let attempt = 1; ; attempt++) {
    const d = nextRetry(attempt, { random });
    if (!d.retry) return delays;
    delays.push(d.delaySeconds);
  }
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('the retry schedule', () => {
  it('makes the first two retries within 30 s, even at the longest jitter', () => {
    const longest = run(0.999999);
    expect(longest[0]! + longest[1]!).toBeLessThanOrEqual(30);
  });

  it('keeps retrying for more than 24 h, even at the shortest jitter', () => {
    expect(sum(run(0))).toBeGreaterThanOrEqual(24 * 3600);
    expect(run(0)).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it('grows, and gives up after the last attempt', () => {
    const base = run(0.5);
    expect(base).toEqual([...RETRY_DELAYS_SECONDS]);
    for (let i = 1; i < base.length; i++) expect(base[i]!).toBeGreaterThanOrEqual(base[i - 1]!);
    expect(nextRetry(MAX_ATTEMPTS, { random: 0.5 })).toEqual({ retry: false });
  });

  it('bounds the jitter to ±20 % of each delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const d = nextRetry(attempt, { random });
        const base = RETRY_DELAYS_SECONDS[attempt - 1]!;
        return d.retry && d.delaySeconds >= base * (1 - JITTER) - 1e-9 && d.delaySeconds <= base * (1 + JITTER) + 1e-9;
      }),
    );
  });

  it('honours Retry-After when it asks for longer, up to a cap', () => {
    expect(nextRetry(1, { random: 0.5, retryAfterSeconds: 120 })).toEqual({ retry: true, delaySeconds: 120 });
    expect(nextRetry(5, { random: 0.5, retryAfterSeconds: 10 })).toEqual({ retry: true, delaySeconds: 1800 });
    expect(nextRetry(1, { random: 0.5, retryAfterSeconds: 10 * 86_400 })).toEqual({ retry: true, delaySeconds: RETRY_AFTER_CAP_SECONDS });
  });

  it('scales every delay and the cap (tests run the schedule in seconds)', () => {
    expect(nextRetry(2, { random: 0.5, scale: 0.001 })).toEqual({ retry: true, delaySeconds: 0.015 });
    expect(nextRetry(1, { random: 0.5, scale: 0.001, retryAfterSeconds: 2 })).toEqual({ retry: true, delaySeconds: 2 });
    expect(nextRetry(1, { random: 0.5, scale: 0.001, retryAfterSeconds: 10 * 86_400 })).toEqual({ retry: true, delaySeconds: RETRY_AFTER_CAP_SECONDS * 0.001 });
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    for (const v of [undefined, '', '-5', '1.5', 'soon', '2026-13-45']) expect(parseRetryAfter(v, now)).toBeUndefined();
  });
});
