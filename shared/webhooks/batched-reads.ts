// The reads of one batch of attempts, together: the attempts of a batch start at once, and each first reads its
// delivery record and its subscription. Reads started in the same turn of the event loop are gathered and asked in
// one request per store (its getMany: a BatchGetItem of 100 keys instead of a GetItem each), the same key once.
// Stores without getMany, and a turn with a single read, read one by one as before. The answers are the same
// consistent reads either way: only the number of requests changes.
import type { Subscription } from './model';
import type { DeliveryPorts } from './ports';
import type { DeliveryRecord } from './records';

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

/** The store with its `get` gathered (every other method its own). */
function withGatheredGet<S extends object>(store: S, get: unknown): S {
  const s = Object.create(store) as S;
  Object.defineProperty(s, 'get', { value: get });
  return s;
}

/** The ports of one invocation, their record and subscription reads gathered per event-loop turn. */
export function batchedReads<P extends Pick<DeliveryPorts, 'deliveries' | 'subscriptions'>>(ports: P): P {
  const { deliveries, subscriptions } = ports;
  const out = { ...ports };
  if (deliveries.getMany) {
    const many = deliveries.getMany.bind(deliveries);
    const get = gatheredGet<{ subscriptionId: string; sk: string }, DeliveryRecord>(
      (k) => `${k.subscriptionId}\n${k.sk}`,
      (k) => deliveries.get(k.subscriptionId, k.sk),
      many,
    );
    out.deliveries = withGatheredGet(deliveries, (subscriptionId: string, sk: string) => get({ subscriptionId, sk }));
  }
  if (subscriptions.getMany) {
    const many = subscriptions.getMany.bind(subscriptions);
    const get = gatheredGet<string, Subscription>(
      (id) => id,
      (id) => subscriptions.get(id),
      many,
    );
    out.subscriptions = withGatheredGet(subscriptions, get);
  }
  return out;
}
