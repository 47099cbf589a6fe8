// Reads started in the same turn of the event loop, asked together: a batch's messages start at once, and each first
// reads its item. The calls of one turn go in one `many` call (a BatchGetItem of up to 100 keys instead of a GetItem
// each), the same key once; a turn with a single read goes to `one`, as before. The answers are the same reads: only
// the number of requests changes.
import type { Parcel } from './parcel';

type Waiter<V> = { resolve(v: V | undefined): void; reject(e: unknown): void };

/** A `get` that gathers the calls of one event-loop turn into one `many` call (a lone call goes to `one`). */
export function gatheredGet<K, V>(keyOf: (key: K) => string, one: (key: K) => Promise<V | undefined>, many: (keys: K[]) => Promise<(V | undefined)[]>): (key: K) => Promise<V | undefined> {
  let waiting = new Map<string, { key: K; waiters: Waiter<V>[] }>();
  const flush = () => {
    const batch = [...waiting.values()];
    waiting = new Map();
    const answered = batch.length === 1 ? one(batch[0]!.key).then((v) => [v]) : many(batch.map((b) => b.key));
    answered.then(
      (values) => batch.forEach((b, i) => b.waiters.forEach((w) => w.resolve(values[i]))),
      (err: unknown) => batch.forEach((b) => b.waiters.forEach((w) => w.reject(err))),
    );
  };
  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (waiting.size === 0) setImmediate(flush);
      const id = keyOf(key);
      let entry = waiting.get(id);
      if (!entry) waiting.set(id, (entry = { key, waiters: [] }));
      entry.waiters.push({ resolve, reject });
    });
}

/** A parcel store whose consistent reads can be asked many at once (the parcel store's BatchGetItem). */
export interface ManyParcelReads {
  get(itemId: string): Promise<Parcel | undefined>;
  getMany?(itemIds: string[], opts: { consistent: true }): Promise<Parcel[]>;
}

/**
 * The store with its `get` gathered per event-loop turn into one consistent `getMany` (every other method its own);
 * the store itself when it has no `getMany`. One per invocation: what it gathers is that batch's reads.
 */
export function withGatheredParcelGets<S extends ManyParcelReads>(store: S): S {
  if (!store.getMany) return store;
  const getMany = store.getMany.bind(store);
  const get = gatheredGet<string, Parcel>(
    (id) => id,
    (id) => store.get(id),
    async (ids) => {
      const byId = new Map((await getMany(ids, { consistent: true })).map((p) => [p.itemId, p]));
      return ids.map((id) => byId.get(id));
    },
  );
  const s = Object.create(store) as S;
  Object.defineProperty(s, 'get', { value: get });
  return s;
}
