// The bulkhead between fast and slow endpoints. Attempts run on the fast lane (deliver) with a
// short budget (WEBHOOK_FAST_TIMEOUT_MS, 3 s): an endpoint that has not answered by then is sent the
// same event again (same webhook-id, same body) by the slow lane (deliver-slow), whose own
// consumers wait the full 15 s. The subscription is then marked slow for a while (slowUntil), so its
// next attempts go to the slow lane directly and a hanging endpoint holds the fast lane's consumers
// for one budget, not for every event. An answer within the budget brings it back to the fast lane.
import type { DeliveryConfig } from './config';
import type { Subscription } from './model';
import type { AttemptQueue, Lane } from './ports';

/** Whether there is a slow lane: a queue for it and a fast budget shorter than the whole timeout. */
export const slowLaneOn = (ports: { slowQueue?: AttemptQueue; config: Pick<DeliveryConfig, 'fastTimeoutMs' | 'timeoutMs'> }): boolean =>
  ports.slowQueue !== undefined && ports.config.fastTimeoutMs < ports.config.timeoutMs;

/** How long an attempt on this lane may wait for the answer. */
export const budgetMs = (lane: Lane, ports: { slowQueue?: AttemptQueue; config: Pick<DeliveryConfig, 'fastTimeoutMs' | 'timeoutMs'> }): number =>
  lane === 'fast' && slowLaneOn(ports) ? ports.config.fastTimeoutMs : ports.config.timeoutMs;

/** Whether the subscription's attempts belong on the slow lane now. */
export const isSlow = (sub: Pick<Subscription, 'slowUntil'> | undefined, now: Date): boolean => sub?.slowUntil !== undefined && Date.parse(sub.slowUntil) > now.getTime();

/** The queue an attempt of this subscription goes to. */
export function queueFor(
  sub: Pick<Subscription, 'slowUntil'> | undefined,
  now: Date,
  ports: { queue: AttemptQueue; slowQueue?: AttemptQueue; config: Pick<DeliveryConfig, 'fastTimeoutMs' | 'timeoutMs'> },
): AttemptQueue {
  return slowLaneOn(ports) && isSlow(sub, now) ? ports.slowQueue! : ports.queue;
}
