// How much the fuzz suite runs. `npm test` runs it with a fixed seed and a bounded count; `npm run fuzz` runs
// more, with the seed from FUZZ_SEED (or a fresh one), printed so that a failure can be replayed:
//   FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npm run fuzz
export const DEFAULT_SEED = 20_261_121;
export const DEFAULT_RUNS = 300;

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, not ${JSON.stringify(raw)}`);
  return n;
}

const seedFromEnv = intFromEnv('FUZZ_SEED');
/** A long run (`npm run fuzz`) draws a fresh seed unless FUZZ_SEED is given; `npm test` always uses DEFAULT_SEED. */
export const SEED = seedFromEnv ?? (process.env.FUZZ_LONG === '1' ? Date.now() % 2_147_483_647 : DEFAULT_SEED);
/** Runs of each property (each run is one HTTP request). */
export const RUNS = Math.max(1, intFromEnv('FUZZ_RUNS') ?? DEFAULT_RUNS);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}... (${s.length} characters)` : s);

/**
 * fast-check parameters: the seed, the count, no shrinking loop over HTTP (the first counterexample is reported),
 * and a report short enough to read (counterexamples may hold megabytes).
 */
export const fcParams = (runs = RUNS) => ({
  seed: SEED,
  numRuns: runs,
  endOnFailure: true,
  asyncReporter: async (out: { failed: boolean; seed: number; counterexamplePath: string | null; counterexample: unknown; errorInstance: unknown; numRuns: number }) => {
    if (!out.failed) return;
    const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(
      `property failed after ${out.numRuns} run(s); seed ${out.seed}, path ${out.counterexamplePath ?? '-'} (replay: ${replayHint()})\n${clip(cause, 2000)}\ncounterexample: ${clip(JSON.stringify(out.counterexample) ?? 'undefined', 2000)}`,
    );
  },
});

export const replayHint = () => `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run fuzz`;
