// The statistics of rule performance: pure functions, unit-tested with hand-computed cases.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** successes / trials, or null when there were no trials */
  rate: number | null;
  /** Wilson score interval at 95 %, or null when there were no trials. */
  interval: { low: number; high: number } | null;
}

/**
 * The Wilson score interval of x successes in n trials (Wilson 1927): unlike the normal approximation it stays within
 * [0, 1] and is honest for small n and for rates near 0 or 1, which is what found rates over a few inspections are.
 */
export function wilson(x: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 (x = n) the bound is exactly 0 (1): say so rather than leave a rounding error.
  return { low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

export const proportion = (x: number, n: number): Proportion => ({ rate: n > 0 ? x / n : null, interval: wilson(x, n) });

/** The median of a list of numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A rate as a share: x / n, or null for n = 0. */
export const share = (x: number, n: number): number | null => (n > 0 ? x / n : null);
