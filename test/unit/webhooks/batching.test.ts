// Batching on the webhook path: a batch of events is fanned out with one send per lane (and an event whose lane
// could not be queued fails alone), and the reads a batch of attempts starts at once go to the stores together.
import { batchedReads, gatheredGet } from '#shared/webhooks/batched-reads';
import { attemptDelivery } from '#shared/webhooks/deliver';
import { publishEvents } from '#shared/webhooks/publish';
import type { AttemptQueue } from '#shared/webhooks/ports';
import type { PublishedEvent } from '#shared/parcels/events';
import { InMemoryDeliveries, InMemorySubscriptions, RecordingQueue, T0, TEST_DELIVERY_CONFIG, deliveryRecord, subscription, webhookWorld } from '#test/kit/webhooks';

const event = (n: number, destinationCountry = 'FR'): PublishedEvent =>
  ({
    event: { id: `evt_${n}`, type: 'customs.response.issued', createdAt: T0.toISOString(), data: { itemId: `CP00000000${n}DE`, version: 1, sequence: 3, status: 'RELEASED' } },
    scope: { submittedBy: 'platform:shop', originCountry: 'DE', destinationCountry },
  }) as never;

/** A queue that counts its send calls, failing them while `failing`. */
class CountingQueue extends RecordingQueue implements AttemptQueue {
  calls = 0;
  failing = false;
  override async send(items: Parameters<AttemptQueue['send']>[0]): Promise<void> {
    this.calls++;
    if (this.failing) throw new Error('SQS is down');
    return super.send(items);
  }
}

function fanOutWorld(subs = [subscription({ id: 'wh_1' }), subscription({ id: 'wh_2', slowUntil: new Date(T0.getTime() + 60_000).toISOString() })]) {
  const fast = new CountingQueue();
  const slow = new CountingQueue();
  const deliveries = new InMemoryDeliveries();
  const ports = { subscriptions: new InMemorySubscriptions(subs), deliveries, queue: fast, slowQueue: slow, config: TEST_DELIVERY_CONFIG, now: () => T0 };
  return { fast, slow, deliveries, ports };
}

describe('fan-out of a batch', () => {
  it('queues the first attempts of every event of the batch with one send per lane', async () => {
    const w = fanOutWorld();
    const results = await publishEvents(
      [1, 2, 3, 4, 5].map((n) => event(n)),
      w.ports,
    );
    expect(results).toEqual(Array(5).fill({ matched: 2, queued: 2 }));
    expect([w.fast.calls, w.slow.calls]).toEqual([1, 1]);
    expect(w.fast.sent.map((s) => s.message.sk)).toEqual([1, 2, 3, 4, 5].map((n) => `E#${T0.toISOString()}#evt_${n}`));
    expect(w.fast.sent.every((s) => s.message.subscriptionId === 'wh_1' && s.delaySeconds === 0)).toBe(true);
    expect(w.slow.sent.every((s) => s.message.subscriptionId === 'wh_2')).toBe(true);
  });

  it('fails the events with an attempt on a lane that could not be queued, and only those; they queue again when they come back', async () => {
    const w = fanOutWorld([subscription({ id: 'wh_1', owner: 'customs#FR', ownerRole: 'customs', ownerCountry: 'FR' } as never)]);
    w.fast.failing = true;
    const [toFr, toIt] = await publishEvents([event(1, 'FR'), event(2, 'IT')], w.ports);
    expect(toFr).toBeInstanceOf(Error);
    expect(toIt).toEqual({ matched: 0, queued: 0 });
    // The event comes again: its record exists, untried, so its first attempt is queued again.
    w.fast.failing = false;
    expect(await publishEvents([event(1, 'FR')], w.ports)).toEqual([{ matched: 1, queued: 1 }]);
    expect(w.fast.sent).toHaveLength(1);
  });
});

describe('gathered reads', () => {
  it('asks the reads started in one turn in one call, each key once, and answers each in its order', async () => {
    const asked: string[][] = [];
    const one = jest.fn(async (k: string) => `one:${k}`);
    const get = gatheredGet<string, string>(
      (k) => k,
      one,
      async (keys) => (asked.push(keys), keys.map((k) => (k === 'gone' ? undefined : `v:${k}`))),
    );
    expect(await Promise.all([get('a'), get('b'), get('a'), get('gone')])).toEqual(['v:a', 'v:b', 'v:a', undefined]);
    expect(asked).toEqual([['a', 'b', 'gone']]);
    // A lone read goes on its own.
    expect(await get('c')).toBe('one:c');
    expect(one).toHaveBeenCalledTimes(1);
  });

  it('fails every read of the turn when the call fails (each message then fails and comes again)', async () => {
    const get = gatheredGet<string, string>(
      (k) => k,
      async () => 'x',
      async () => {
        throw new Error('DynamoDB is down');
      },
    );
    const reads = await Promise.allSettled([get('a'), get('b')]);
    expect(reads.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('a batch of first attempts reads records and subscriptions with one getMany each, and delivers them all', async () => {
    const w = webhookWorld();
    const recs = [2, 3, 4].map((n) => deliveryRecord({ sk: `E#2026-03-01T09:59:59.000Z#evt_${n}`, eventId: `evt_${n}` }));
    for (const r of recs) await w.deliveries.create(r);
    const spies = {
      deliveriesGet: jest.spyOn(w.deliveries, 'get'),
      deliveriesMany: jest.fn(async (keys: { subscriptionId: string; sk: string }[]) => keys.map((k) => w.deliveries.at(k.subscriptionId, k.sk))),
      subscriptionsGet: jest.spyOn(w.subscriptions, 'get'),
      subscriptionsMany: jest.fn((ids: string[]) => Promise.all(ids.map((id) => w.subscriptions.get(id)))),
    };
    Object.assign(w.deliveries, { getMany: spies.deliveriesMany });
    Object.assign(w.subscriptions, { getMany: spies.subscriptionsMany });
    const ports = batchedReads(w.on('fast'));
    const outcomes = await Promise.all([w.first, ...recs.map((r) => ({ ...w.first, sk: r.sk }))].map((m) => attemptDelivery(m, ports)));
    expect(outcomes).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(spies.deliveriesMany).toHaveBeenCalledTimes(1);
    expect(spies.deliveriesMany.mock.calls[0]![0]).toHaveLength(4);
    expect(spies.subscriptionsMany).not.toHaveBeenCalled(); // one subscription: read once, alone
    expect(spies.subscriptionsGet).toHaveBeenCalledTimes(1);
    expect(spies.deliveriesGet).not.toHaveBeenCalled();
    expect(w.calls).toHaveLength(4);
  });
});
