// Every figure is printed beside what it is compared against in the same run (a ratio),
// because the machines are shared and absolute numbers are noisy.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** How to read the ratio: 'higher' when value/baseline should be large, 'lower' when small. */
  target?: string;
}

export function printFigure(f: Figure): void {
  const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));
  let line = `  ${f.name}: ${fmt(f.value)} ${f.unit}`;
  if (f.baseline) {
    line += `  | ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}  | ratio ${(f.value / f.baseline.value).toFixed(2)}`;
  }
  if (f.target) line += `  | target: ${f.target}`;
  console.log(line);
}

/** Runs fn repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
export function opsPerSecond(fn: () => void, opsPerCall: number, ms = 1500): number {
  return opsPerSecondAndCpu(fn, opsPerCall, ms).wall;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Like opsPerSecond, also per second of the process's CPU time (user + system): less sensitive to other processes than the wall clock. */
export function opsPerSecondAndCpu(fn: () => void, opsPerCall: number, ms = 1500): { wall: number; cpu: number } {
  const warmUntil = performance.now() + Math.min(300, ms / 5);
  while (performance.now() < warmUntil) fn();
  let calls = 0;
  const c0 = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    calls++;
    now = performance.now();
  }
  const c = process.cpuUsage(c0);
  return { wall: (calls * opsPerCall) / ((now - start) / 1000), cpu: (calls * opsPerCall) / ((c.user + c.system) / 1e6) };
}
