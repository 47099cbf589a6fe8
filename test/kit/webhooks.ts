// The webhook world for unit tests of the use cases: a clock the test moves, fixtures, and every port in memory
// (the adapters are in ./webhook-stores.ts, re-exported here for the tests that import them from this file).
import type { AttemptPorts } from '#shared/webhooks/deliver';
import type { DeliveryConfig } from '#shared/webhooks/config';
import type { Subscription } from '#shared/webhooks/model';
import type { AttemptMessage, Lane, PostResult } from '#shared/webhooks/ports';
import type { DeliveryRecord } from '#shared/webhooks/records';
import { InMemoryDeliveries, InMemorySubscriptions, RecordingQueue } from './webhook-stores';

export { InMemoryDeliveries, InMemorySubscriptions, RecordingQueue, type Sent } from './webhook-stores';

/** A clock the test moves. */
export class TestClock {
  constructor(private t: Date) {}
  now = (): Date => this.t;
  advance(ms: number): Date {
    this.t = new Date(this.t.getTime() + ms);
    return this.t;
  }
}

export const TEST_DELIVERY_CONFIG: DeliveryConfig = { scale: 1, maxQueueDelaySeconds: 900, timeoutMs: 15_000, allowLoopback: true, sweepGraceSeconds: 120, fastTimeoutMs: 3000, slowLaneSeconds: 600 };
export const T0 = new Date('2026-03-01T10:00:00.000Z');

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'wh_1',
    owner: 'platform#shop',
    ownerRole: 'platform',
    ownerTenantId: 'shop',
    url: 'https://hooks.example.com/x',
    events: ['customs.response.issued'],
    status: 'active',
    secrets: [{ sealed: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: T0.toISOString() }],
    createdAt: T0.toISOString(),
    createdBy: 'k',
    consecutiveFailures: 0,
    ...overrides,
  };
}

export function deliveryRecord(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  const eventId = overrides.eventId ?? 'evt_1';
  const eventCreatedAt = overrides.eventCreatedAt ?? '2026-03-01T09:59:59.000Z';
  return {
    subscriptionId: 'wh_1',
    sk: `E#${eventCreatedAt}#${eventId}`,
    eventId,
    eventType: 'customs.response.issued',
    itemId: 'CP000000015DE',
    eventCreatedAt,
    body: `{"id":"${eventId}"}`,
    status: 'pending',
    cycle: 0,
    attempts: 0,
    nextAttemptAt: T0.toISOString(),
    createdAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    expiresAt: 0,
    ...overrides,
  };
}

export interface PostCall {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number | undefined;
}

/**
 * The webhook world of one subscription and one pending delivery, with every port in memory. `answer` gives the
 * endpoint's answer to each POST (default 204 in 20 ms); the clock moves by each answer's latency.
 */
export function webhookWorld(opts: { sub?: Partial<Subscription>; record?: Partial<DeliveryRecord>; answer?: (timeoutMs: number, call: number) => PostResult; slowQueue?: boolean } = {}) {
  const clock = new TestClock(T0);
  const subscriptions = new InMemorySubscriptions([subscription(opts.sub)]);
  const deliveries = new InMemoryDeliveries();
  const fast = new RecordingQueue();
  const slow = new RecordingQueue();
  const calls: PostCall[] = [];
  const rec = deliveryRecord(opts.record);
  void deliveries.create(rec);
  const ports: AttemptPorts = {
    config: TEST_DELIVERY_CONFIG,
    now: clock.now,
    random: () => 0.5,
    queue: fast,
    ...(opts.slowQueue === false ? {} : { slowQueue: slow }),
    openSecret: (sealed) => sealed,
    post: async (url, body, headers, timeoutMs) => {
      calls.push({ url, body, headers, timeoutMs });
      const r = (opts.answer ?? (() => ({ statusCode: 204, latencyMs: 20 })))(timeoutMs ?? TEST_DELIVERY_CONFIG.timeoutMs, calls.length);
      clock.advance(r.latencyMs);
      return r;
    },
    subscriptions,
    deliveries,
  };
  const sub = subscriptions.at(rec.subscriptionId);
  return {
    ports,
    on: (lane: Lane): AttemptPorts => ({ ...ports, lane }),
    clock,
    subscriptions,
    deliveries,
    sub,
    rec: () => deliveries.at(rec.subscriptionId, rec.sk),
    /** The attempts logged, without their subscription. */
    log: () => deliveries.log.map(({ subscriptionId: _s, ...a }) => a),
    calls,
    failures: subscriptions.failures,
    fast,
    slow,
    first: { subscriptionId: rec.subscriptionId, sk: rec.sk, cycle: rec.cycle, attempt: rec.attempts + 1 } as AttemptMessage,
  };
}

/** An endpoint that does not answer within the timeout it is given. */
export const hangs = (timeoutMs: number): PostResult => ({ latencyMs: timeoutMs, error: `timeout: no complete answer within ${timeoutMs} ms`, timedOut: true });
