/**
 * Every once() value and every cache registered with onReset(), so that a process that runs several local
 * runtimes one after another (the bench, a test file) can forget clients and settings built for the previous
 * one. In Lambda nothing calls resetOnce(): one instance, one environment.
 */
const resets = new Set<() => void>();

/**
 * Which instance a once() value belongs to. In Lambda there is one (nothing calls setInstanceScope); the local runtime
 * runs every function in one process and gives each its own (infra/local/function-scope.ts), so a value one function
 * built from its environment is never another's.
 */
let instanceScope: () => object | undefined = () => undefined;
export function setInstanceScope(scope: () => object | undefined): void {
  instanceScope = scope;
}

/** A value built on first use and kept: clients and config read once per Lambda instance, not at import. */
export function once<T>(build: () => T): () => T {
  const values = new Map<object | undefined, { v: T }>();
  resets.add(() => values.clear());
  return () => {
    const scope = instanceScope();
    let value = values.get(scope);
    if (!value) values.set(scope, (value = { v: build() }));
    return value.v;
  };
}

/** Runs `forget` on every resetOnce(): for caches that are not once() values (e.g. SDK clients per endpoint). */
export function onReset(forget: () => void): void {
  resets.add(forget);
}

/** Forgets every once() value (the next call builds it again from the current environment) and clears registered caches. */
export function resetOnce(): void {
  for (const forget of resets) forget();
}

/** Runs `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The one clock type: what a use case asks for the time (the wiring passes `() => new Date()`, a test its own). */
export type Clock = () => Date;
