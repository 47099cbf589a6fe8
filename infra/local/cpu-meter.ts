// Where the main thread's time goes, by stage: with the meter on, every callback and promise reaction that runs on
// this thread is timed (async_hooks before/after) and added to the stage it runs for, which AsyncLocalStorage
// carries across awaits: `function:<name>` for a handler invocation (its AWS SDK calls included), `poller:<queue>`
// for a poller's own receives and deletes, `gateway` for the HTTP gateway's own work. What runs outside any stage
// (the bench's clients, timers of the runtime) is `other`. Off by default: timing every callback costs time, and
// so does carrying the stage (the runtime tags stages only when started with `cpuStages: true`). A connection's own
// I/O callbacks count for the stage that opened it (keep-alive sockets are shared); the work awaiting them does not.
// The services' threads are measured by their own CPU clocks (service-thread.ts), not here.
import { AsyncLocalStorage, createHook, type AsyncHook } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

const stageOf = new AsyncLocalStorage<string>();
let hook: AsyncHook | undefined;
const totals = new Map<string, number>();
/** The callbacks running now, innermost last: each with the stage it counts for and when it (re)started. */
const running: { stage: string; since: number }[] = [];

const add = (stage: string, ms: number) => totals.set(stage, (totals.get(stage) ?? 0) + ms);

let tagging = false;

/** From now on `inStage` tags what it runs (the runtime's `cpuStages` option); before, it only calls. */
export function tagStages(on: boolean): void {
  tagging = on;
}

/** Runs `fn` (and everything it starts) as part of `stage`; costs nothing unless stages are tagged. */
export function inStage<T>(stage: string, fn: () => T): T {
  return tagging ? stageOf.run(stage, fn) : fn();
}

/** The stage the current code runs for (while stages are tagged), e.g. to count a stage's requests; undefined outside any. */
export function currentStage(): string | undefined {
  return tagging ? stageOf.getStore() : undefined;
}

/** Starts timing (again), from zero. */
export function startCpuMeter(): void {
  totals.clear();
  if (hook) return;
  hook = createHook({
    before() {
      const now = performance.now();
      const outer = running.at(-1);
      if (outer) add(outer.stage, now - outer.since);
      running.push({ stage: stageOf.getStore() ?? 'other', since: now });
    },
    after() {
      const now = performance.now();
      const done = running.pop();
      if (done) add(done.stage, now - done.since);
      const outer = running.at(-1);
      if (outer) outer.since = now;
    },
  }).enable();
}

/** Stops timing; returns the milliseconds spent on this thread per stage since the start. */
export function stopCpuMeter(): Map<string, number> {
  hook?.disable();
  hook = undefined;
  running.length = 0;
  return new Map(totals);
}
