// The deliveries log of a subscription (CONTRACT section 5): every attempt, newest first, for its owner.
import type { Page, Position } from '../page';
import type { Subscription } from './model';
import type { AttemptLog } from './ports';
import type { AttemptRecord } from './records';
import { type Refusal, badCursor } from './subscriptions';

/** One attempt as the log shows it (the cycle is internal). */
export type LoggedAttempt = Omit<AttemptRecord, 'cycle'>;

/** The log of a subscription (its owner checked by the caller: ownedSubscription), from an earlier page's position. */
export async function listDeliveries(s: Subscription, limit: number, start: Position | undefined, log: AttemptLog): Promise<Page<LoggedAttempt> | Refusal> {
  if (start && !log.isAttemptsPosition(s.id, start)) return badCursor;
  const page = await log.attempts(s.id, limit, start);
  return { items: page.items.map(({ cycle: _c, ...a }) => a), ...(page.next ? { next: page.next } : {}) };
}
