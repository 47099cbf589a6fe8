// The publish stage: each parcel event becomes one delivery record and one attempt message per
// subscription that receives it, so each endpoint is then tried on its own (a slow one holds up no other).
// A batch of events is fanned out together: their records are created side by side, then their first attempts
// are queued in one SendMessageBatch per lane and 10 attempts (not one request per event).
import { type PublishedEvent, eventFor } from '../parcels/events';
import { type Audience, audienceOf } from '../parcels/view';
import { queueFor } from './lanes';
import { ownerKeysFor, receives } from './matching';
import { RETENTION_DAYS, type Subscription } from './model';
import type { DeliveryRecord } from './records';
import { type AttemptMessage, type AttemptQueue, type DeliveryPorts, epochSeconds } from './ports';

export interface FanOutResult {
  /** Subscriptions that receive the event. */
  matched: number;
  /** Attempts queued (0 for a repeated event that is under way already). */
  queued: number;
}

/** A cache of owner partitions for one batch: events of one parcel share their owners. */
export type OwnerCache = Map<string, Promise<Subscription[]>>;

type Ports = Pick<DeliveryPorts, 'subscriptions' | 'deliveries' | 'queue' | 'slowQueue' | 'config' | 'now'>;
type Queued = { sub: Subscription; message: AttemptMessage };

/** The subscriptions that receive the event, its records created; the first attempts to queue (not sent yet). */
async function prepare(published: PublishedEvent, ports: Ports, cache: OwnerCache, now: Date): Promise<{ matched: number; queued: Queued[] }> {
  const owners = ownerKeysFor(published.scope);
  const candidates = (
    await Promise.all(
      owners.map((o) => {
        let p = cache.get(o);
        if (!p) cache.set(o, (p = ports.subscriptions.allOfOwner(o)));
        return p;
      }),
    )
  ).flat();
  const subs = candidates.filter((s) => receives(s, published));
  const at = now.toISOString();
  // Each subscription gets what its owner may see: the risk reasoning goes to customs and admin only.
  const bodies = new Map<Audience, string>();
  const bodyFor = (s: Subscription): string => {
    const audience = audienceOf({ role: s.ownerRole });
    let b = bodies.get(audience);
    if (b === undefined) bodies.set(audience, (b = JSON.stringify(eventFor(published.event, audience))));
    return b;
  };
  const sk = ports.deliveries.keyOf(published.event.createdAt, published.event.id);
  const queued = await Promise.all(
    subs.map(async (s): Promise<Queued | undefined> => {
      const record: DeliveryRecord = {
        subscriptionId: s.id,
        sk,
        eventId: published.event.id,
        eventType: published.event.type,
        itemId: published.event.data.itemId,
        eventCreatedAt: published.event.createdAt,
        body: bodyFor(s),
        status: 'pending',
        cycle: 0,
        attempts: 0,
        nextAttemptAt: at,
        // Not in the sweeper's due index: its first attempt's queue message is its safety net (a message this stage
        // could not send fails the event, which comes again; a consumer that dies leaves the message to SQS). The
        // record enters the due index when a retry is scheduled (2 index writes saved per delivery).
        createdAt: at,
        updatedAt: at,
        expiresAt: epochSeconds(now) + RETENTION_DAYS * 86_400,
      };
      const message: AttemptMessage = { subscriptionId: s.id, sk, cycle: 0, attempt: 1 };
      if (await ports.deliveries.create(record)) return { sub: s, message };
      // The event came again (a retried stage): queue its first attempt again only if none was made,
      // in case the earlier fan-out stopped between the record and the message. Claims drop duplicates.
      const existing = await ports.deliveries.get(s.id, sk);
      return existing && existing.status === 'pending' && existing.cycle === 0 && existing.attempts === 0 ? { sub: s, message } : undefined;
    }),
  );
  return { matched: subs.length, queued: queued.filter((q): q is Queued => q !== undefined) };
}

/**
 * Sends the first attempts of several events to their lanes (a subscription whose endpoint is known to be slow goes
 * to the slow lane directly), one request per lane and 10 attempts. Per event: why it failed, if it did (an event
 * with an attempt in a lane whose send failed fails; it comes again and queues its still untried records again).
 */
async function sendToLanes(queued: Queued[][], now: Date, ports: Pick<DeliveryPorts, 'queue' | 'slowQueue' | 'config'>): Promise<(Error | undefined)[]> {
  const lanes = new Map<AttemptQueue, { messages: AttemptMessage[]; events: Set<number> }>();
  queued.forEach((qs, i) => {
    for (const q of qs) {
      const queue = queueFor(q.sub, now, ports);
      let lane = lanes.get(queue);
      if (!lane) lanes.set(queue, (lane = { messages: [], events: new Set() }));
      lane.messages.push(q.message);
      lane.events.add(i);
    }
  });
  const failed: (Error | undefined)[] = queued.map(() => undefined);
  await Promise.all(
    [...lanes].map(([queue, { messages, events }]) =>
      queue.send(messages.map((message) => ({ message, delaySeconds: 0 }))).catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error('webhook attempts could not be queued', { cause: e });
        for (const i of events) failed[i] = err;
      }),
    ),
  );
  return failed;
}

/** Fans out a batch of events; per event its result, or the error that failed it (the others are not held up). */
export async function publishEvents(events: PublishedEvent[], ports: Ports, cache: OwnerCache = new Map()): Promise<(FanOutResult | Error)[]> {
  const now = ports.now();
  const prepared = await Promise.all(events.map((e) => prepare(e, ports, cache, now).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))));
  const sent = await sendToLanes(
    prepared.map((p) => (p instanceof Error ? [] : p.queued)),
    now,
    ports,
  );
  return prepared.map((p, i) => (p instanceof Error ? p : (sent[i] ?? { matched: p.matched, queued: p.queued.length })));
}

/** Fans out one event. */
export async function publishEvent(published: PublishedEvent, ports: Ports, cache: OwnerCache = new Map()): Promise<FanOutResult> {
  const [result] = await publishEvents([published], ports, cache);
  if (result instanceof Error) throw result;
  return result!;
}
