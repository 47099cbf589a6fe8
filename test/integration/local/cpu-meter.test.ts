// The main thread's time by stage (infra/local/cpu-meter.ts): work is counted for the stage it runs for, across
// awaits, and nothing is tagged unless stages are on.
import { performance } from 'node:perf_hooks';
import { inStage, startCpuMeter, stopCpuMeter, tagStages } from '#infra/local/cpu-meter';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const tick = () => new Promise<void>((r) => setImmediate(r));

afterEach(() => {
  stopCpuMeter();
  tagStages(false);
});

it('counts each callback for the stage it runs for, across awaits', async () => {
  // prepare
  tagStages(true);
  startCpuMeter();

  // act: 'busy' spins after each of three awaits, 'idle' only awaits; both run interleaved
  await Promise.all([
    inStage('busy', async () => {
      for (let i = 0; i < 3; i++) {
        await tick();
        spin(10);
      }
    }),
    inStage('idle', async () => {
      for (let i = 0; i < 3; i++) await tick();
    }),
  ]);
  const stages = stopCpuMeter();

  // assess: the spins (30 ms at least) went to 'busy', whatever ran between them
  expect(stages.get('busy')).toBeGreaterThanOrEqual(30);
  expect(stages.get('idle') ?? 0).toBeLessThan(stages.get('busy')!);
  expect([...stages.keys()].filter((k) => !['busy', 'idle', 'other'].includes(k))).toEqual([]);
});

it('tags nothing while stages are off', async () => {
  startCpuMeter();
  await inStage('untagged', async () => {
    await tick();
    spin(5);
  });
  expect(stopCpuMeter().has('untagged')).toBe(false);
});
