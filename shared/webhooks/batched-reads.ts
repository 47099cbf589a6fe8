// The reads of one batch of attempts, together: the attempts of a batch start at once, and each first reads its
// delivery record and its subscription. Reads started in the same turn of the event loop are gathered and asked in
// one request per store (its getMany: a BatchGetItem of 100 keys instead of a GetItem each), the same key once.
// (The gathering itself: shared/parcels/gathered-reads.ts.) Stores without getMany, and a turn with a single read, read one by one as before. The answers are the same
// consistent reads either way: only the number of requests changes.
import { gatheredGet } from '../parcels/gathered-reads';
import type { Subscription } from './model';
import type { DeliveryPorts } from './ports';
import type { DeliveryRecord } from './records';

export { gatheredGet };

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
