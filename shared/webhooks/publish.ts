// The publish stage: each parcel event becomes one delivery record and one attempt message per
// subscription that receives it, so each endpoint is then tried on its own (a slow one holds up no other).
import { type PublishedEvent, eventFor } from '../parcels/events';
import { type Audience, audienceOf } from '../parcels/view';
import { queueFor } from './lanes';
import { ownerKeysFor, receives } from './matching';
import { RETENTION_DAYS, type Subscription } from './model';
import type { DeliveryRecord } from './records';
import { type AttemptMessage, type DeliveryPorts, epochSeconds } from './ports';

export interface FanOutResult {
  /** Subscriptions that receive the event. */
  matched: number;
  /** Attempts queued (0 for a repeated event that is under way already). */
  queued: number;
}

/** A cache of owner partitions for one batch: events of one parcel share their owners. */
export type OwnerCache = Map<string, Promise<Subscription[]>>;

/** Sends each first attempt to its lane (a subscription whose endpoint is known to be slow goes to the slow lane directly); how many were sent. */
async function sendToLanes(queued: ({ sub: Subscription; message: AttemptMessage } | undefined)[], now: Date, ports: Pick<DeliveryPorts, 'queue' | 'slowQueue' | 'config'>): Promise<number> {
  const byQueue = new Map<DeliveryPorts['queue'], AttemptMessage[]>();
  let count = 0;
  for (const q of queued) {
    if (!q) continue;
    const queue = queueFor(q.sub, now, ports);
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), q.message]);
    count++;
  }
  await Promise.all([...byQueue].map(([queue, messages]) => queue.send(messages.map((message) => ({ message, delaySeconds: 0 })))));
  return count;
}

export async function publishEvent(
  published: PublishedEvent,
  ports: Pick<DeliveryPorts, 'subscriptions' | 'deliveries' | 'queue' | 'slowQueue' | 'config' | 'now'>,
  cache: OwnerCache = new Map(),
): Promise<FanOutResult> {
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
  const now = ports.now();
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
    subs.map(async (s): Promise<{ sub: Subscription; message: AttemptMessage } | undefined> => {
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
  const count = await sendToLanes(queued, now, ports);
  return { matched: subs.length, queued: count };
}
