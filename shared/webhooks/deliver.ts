// One delivery attempt: claim it (so duplicate messages never send twice; the first attempt of a first cycle is
// read, not claimed: its queue message is its lease, and a duplicate delivered at the very same time may send it
// twice, with the same webhook-id), sign, POST, log the attempt, then finish the record or schedule the next attempt. A subscription whose circuit is open is not
// called: its attempts wait for the cooldown without counting. On the fast lane the POST has a short
// budget: an endpoint that has not answered by then gets the same event again from the slow lane
// (lanes.ts), and that first try is logged as moved, not as a failure of the endpoint.
import type { AttemptOutcome, AttemptRecord, DeliveryRecord, Expect } from './records';
import { placeAttempt } from './config';
import { budgetMs, isSlow, queueFor, slowLaneOn } from './lanes';
import { RETENTION_DAYS, type Subscription } from './model';
import { type AttemptMessage, type AttemptQueue, type DeliveryPorts, type Lane, type Poster, type PostResult, epochSeconds } from './ports';
import { CIRCUIT_COOLDOWN_SECONDS, CIRCUIT_THRESHOLD, JITTER, RETRY_DELAYS_SECONDS, nextRetry, parseRetryAfter } from './retry';
import { signedHeaders } from './signing';

export type { AttemptOutcome } from './records';

export interface AttemptPorts extends DeliveryPorts {
  post: Poster;
  /** Decrypts a stored secret of a subscription. */
  openSecret(sealed: string, subscriptionId: string): string;
  /** The lane this consumer serves (default 'fast'). */
  lane?: Lane;
}

/** The longest a delivery may stay pending, circuit deferrals included: the whole schedule at its longest. */
const maxWindowMs = (scale: number) => RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) * (1 + JITTER) * scale * 1000;

const is2xx = (code: number | undefined) => code !== undefined && code >= 200 && code < 300;

function describe(r: { statusCode?: number; error?: string }): string | undefined {
  if (r.error) return r.error;
  if (r.statusCode === undefined || is2xx(r.statusCode)) return undefined;
  if (r.statusCode >= 300 && r.statusCode < 400) return `HTTP ${r.statusCode}: redirects are not followed`;
  return `HTTP ${r.statusCode}`;
}

const expiry = (now: Date) => epochSeconds(now) + RETENTION_DAYS * 86_400;
const baseOf = (rec: DeliveryRecord, attempt: number) => ({ eventId: rec.eventId, eventType: rec.eventType, itemId: rec.itemId, cycle: rec.cycle, attempt, ...(rec.replay ? { replay: true } : {}) });

export async function attemptDelivery(m: AttemptMessage, ports: AttemptPorts): Promise<AttemptOutcome> {
  const lane = ports.lane ?? 'fast';
  const now = ports.now();
  const budget = budgetMs(lane, ports);
  const leaseUntil = new Date(now.getTime() + budget + ports.config.sweepGraceSeconds * 1000);
  const unclaimed = m.attempt - 1;
  const dueBy = new Date(now.getTime() + 50).toISOString();
  // The first attempt of a first cycle is not claimed: its queue message is its lease (a consumer that dies leaves
  // it to SQS to deliver again, the same webhook-id), so the happy path writes the record once, when it ends. Later
  // attempts (and replays) claim theirs, so the sweeper sees a lease. One round trip before the POST either way.
  const unleased = m.attempt === 1 && m.cycle === 0;
  const [rec, sub] = await Promise.all([
    unleased
      ? ports.deliveries.get(m.subscriptionId, m.sk).then((r) => (r && r.status === 'pending' && r.cycle === 0 && r.attempts === 0 && r.nextAttemptAt <= dueBy ? r : undefined))
      : ports.deliveries.claim(m.subscriptionId, m.sk, { cycle: m.cycle, attempts: unclaimed }, now.toISOString(), leaseUntil.toISOString(), dueBy),
    ports.subscriptions.get(m.subscriptionId),
  ]);
  if (!rec) return notClaimed(m, sub, ports, now, lane);
  /** What the record holds now: what every write below expects (they all say how many attempts were made). */
  const claimed: Expect = { cycle: rec.cycle, attempts: unleased ? unclaimed : m.attempt };

  if (!sub || sub.status !== 'active') {
    const why = sub ? `not sent: the subscription is disabled (${sub.disabledReason ?? 'disabled'})` : 'not sent: the subscription was deleted';
    if (sub) await ports.deliveries.logAttempt(sub.id, { ...baseOf(rec, m.attempt), attemptedAt: now.toISOString(), latencyMs: 0, error: why, outcome: 'disabled' }, expiry(now));
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, claimed, { status: 'failed', updatedAt: now.toISOString(), lastError: why, expiresAt: expiry(now), attempts: unclaimed });
    return 'cancelled';
  }

  if (sub.circuitOpenUntil && Date.parse(sub.circuitOpenUntil) > now.getTime()) return defer(m, rec, sub, ports, now, new Date(sub.circuitOpenUntil), claimed);

  if (lane === 'fast' && slowLaneOn(ports) && isSlow(sub, now)) {
    // Its endpoint is known to be slow (queued here by the sweeper, a replay or an earlier retry):
    // give the claim back and hand the attempt, unmade, to the slow lane.
    const sweepAt = new Date(now.getTime() + ports.config.timeoutMs + ports.config.sweepGraceSeconds * 1000);
    if (await ports.deliveries.schedule(rec.subscriptionId, rec.sk, claimed, { attempts: unclaimed, nextAttemptAt: now.toISOString(), sweepAt: sweepAt.toISOString(), updatedAt: now.toISOString() })) {
      await ports.slowQueue!.send([{ message: m, delaySeconds: 0 }]);
    }
    return 'forwarded';
  }

  const secrets = sub.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime()).map((s) => ports.openSecret(s.sealed, sub.id));
  const headers = { ...signedHeaders(secrets, rec.eventId, now, rec.body) };
  const result = await ports.post(sub.url, rec.body, headers, budget);
  return afterPost(m, rec, sub, ports, lane, budget, now, result, claimed, unleased);
}

/** The claim failed: another consumer has the attempt (stale), or it is not due yet (early). */
async function notClaimed(m: AttemptMessage, sub: Subscription | undefined, ports: AttemptPorts, now: Date, lane: Lane): Promise<AttemptOutcome> {
  const rec = await ports.deliveries.get(m.subscriptionId, m.sk);
  if (!rec || rec.status !== 'pending' || rec.cycle !== m.cycle || rec.attempts !== m.attempt - 1) return 'stale';
  // Queued ahead of time (by the sweeper, or a delay rounded down): wait on the queue, or stay parked.
  const place = placeAttempt(new Date(rec.nextAttemptAt), now, ports.config);
  const queue = lane === 'slow' && slowLaneOn(ports) ? ports.slowQueue! : queueFor(sub, now, ports);
  if (place.queueDelaySeconds !== undefined) await queue.send([{ message: m, delaySeconds: Math.max(1, place.queueDelaySeconds) }]);
  return 'early';
}

/** What is known once the POST has answered (or not): shared by the paths that record its outcome. */
interface Answered {
  m: AttemptMessage;
  rec: DeliveryRecord;
  sub: Subscription;
  ports: AttemptPorts;
  result: PostResult;
  /** What the record holds (the claim this consumer holds, or the unclaimed first attempt). */
  claimed: Expect;
  /** Made without a claim: its log entry goes into the record's own write. */
  unleased: boolean;
  /** When the answer came. */
  done: Date;
  expiresAt: number;
  error: string | undefined;
  /** The attempt's log entry, without its outcome. */
  log: Omit<AttemptRecord, 'outcome'>;
}

async function afterPost(
  m: AttemptMessage,
  rec: DeliveryRecord,
  sub: Subscription,
  ports: AttemptPorts,
  lane: Lane,
  budget: number,
  now: Date,
  result: PostResult,
  claimed: Expect,
  unleased: boolean,
): Promise<AttemptOutcome> {
  const error = describe(result);
  const log = {
    ...baseOf(rec, m.attempt),
    attemptedAt: now.toISOString(),
    latencyMs: Math.round(result.latencyMs),
    ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
    ...(error ? { error } : {}),
  };
  const a: Answered = { m, rec, sub, ports, result, claimed, unleased, done: ports.now(), expiresAt: expiry(now), error, log };
  if (lane === 'fast' && result.timedOut && slowLaneOn(ports)) return moveToSlowLane(a, budget);
  const lanes = laneAfter(a, lane);
  if (is2xx(result.statusCode)) return delivered(a, lanes.update);
  if (result.statusCode === 410) return gone(a);
  return failed(a, lanes);
}

/** The attempt's log entry as part of the record's write, when the attempt was made without a claim. */
const logged = (a: Answered, entry: AttemptRecord): { log?: AttemptRecord } => (a.unleased ? { log: entry } : {});

const slowUntil = (a: Answered) => new Date(a.done.getTime() + a.ports.config.slowLaneSeconds * 1000).toISOString();

/**
 * Not a failure of the endpoint: it is slower than the fast lane waits. The slow lane sends the same event (same
 * webhook-id and body) again at once and waits the full timeout; the subscription's next attempts go there directly for a while.
 */
async function moveToSlowLane(a: Answered, budget: number): Promise<AttemptOutcome> {
  const { m, rec, sub, ports, done } = a;
  const why = `no answer within ${budget} ms: moved to the slow lane, which sends the same event again and waits up to ${ports.config.timeoutMs} ms`;
  const sweepAt = new Date(done.getTime() + ports.config.timeoutMs + ports.config.sweepGraceSeconds * 1000);
  const [scheduled] = await Promise.all([
    ports.deliveries.schedule(rec.subscriptionId, rec.sk, a.claimed, {
      nextAttemptAt: done.toISOString(),
      sweepAt: sweepAt.toISOString(),
      updatedAt: done.toISOString(),
      lastError: why,
      slowMoves: (rec.slowMoves ?? 0) + 1,
      attempts: m.attempt,
    }),
    ports.deliveries.logAttempt(sub.id, { ...a.log, error: why, outcome: 'slow-lane' }, a.expiresAt),
    ports.subscriptions.markSlow(sub.id, slowUntil(a)),
  ]);
  if (scheduled) await ports.slowQueue!.send([{ message: { ...m, attempt: m.attempt + 1 }, delaySeconds: 0 }]);
  return 'slow-lane';
}

/**
 * On the slow lane, how long the endpoint took decides its lane: back to the fast one after an answer within the
 * fast budget, kept on the slow one otherwise (renewed when half its time is gone). Also: the queue of a retry.
 */
function laneAfter(a: Answered, lane: Lane): { update: () => Promise<void> | undefined; nextQueue: AttemptQueue } {
  const { sub, ports, result, done } = a;
  const slowAnswer = result.timedOut === true || result.latencyMs > ports.config.fastTimeoutMs;
  const onSlowLane = lane === 'slow' && slowLaneOn(ports);
  const update = (): Promise<void> | undefined => {
    if (!onSlowLane) return undefined;
    if (!slowAnswer) return sub.slowUntil ? ports.subscriptions.clearSlow(sub.id) : undefined;
    const renewAt = Date.parse(sub.slowUntil ?? '') - (ports.config.slowLaneSeconds * 1000) / 2;
    return Number.isNaN(renewAt) || renewAt <= done.getTime() ? ports.subscriptions.markSlow(sub.id, slowUntil(a)) : undefined;
  };
  return { update, nextQueue: onSlowLane ? (slowAnswer ? ports.slowQueue! : ports.queue) : queueFor(sub, done, ports) };
}

async function delivered(a: Answered, laneUpdate: () => Promise<void> | undefined): Promise<AttemptOutcome> {
  const { rec, sub, ports, done, expiresAt } = a;
  const entry: AttemptRecord = { ...a.log, outcome: 'delivered' };
  await Promise.all([
    a.unleased ? undefined : ports.deliveries.logAttempt(sub.id, entry, expiresAt),
    ports.deliveries.finish(rec.subscriptionId, rec.sk, a.claimed, { status: 'delivered', updatedAt: done.toISOString(), expiresAt, attempts: a.m.attempt, ...logged(a, entry) }),
    sub.consecutiveFailures > 0 || sub.circuitOpenUntil ? ports.subscriptions.recordSuccess(sub.id) : undefined,
    laneUpdate(),
  ]);
  return 'delivered';
}

/** 410 Gone: the endpoint asks for no more deliveries; the subscription is disabled. */
async function gone(a: Answered): Promise<AttemptOutcome> {
  const { rec, sub, ports, done, expiresAt } = a;
  const entry: AttemptRecord = { ...a.log, outcome: 'disabled' };
  if (!a.unleased) await ports.deliveries.logAttempt(sub.id, entry, expiresAt);
  await ports.subscriptions.disable(sub.id, 'the endpoint answered 410 Gone', done.toISOString());
  await ports.deliveries.finish(rec.subscriptionId, rec.sk, a.claimed, { status: 'failed', updatedAt: done.toISOString(), lastError: a.error!, expiresAt, attempts: a.m.attempt, ...logged(a, entry) });
  return 'disabled';
}

/** A failed attempt: counted against the circuit, then retried on the schedule, or given up when it is over. */
async function failed(a: Answered, lanes: { update: () => Promise<void> | undefined; nextQueue: AttemptQueue }): Promise<AttemptOutcome> {
  const { m, rec, sub, ports, done, expiresAt, error } = a;
  const retryAfterSeconds = parseRetryAfter(a.result.retryAfter, done);
  // Attempts moved to the slow lane are not failures: they do not advance the schedule.
  const failures = m.attempt - (rec.slowMoves ?? 0);
  const next = nextRetry(failures, { random: ports.random(), scale: ports.config.scale, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  const cooldownMs = CIRCUIT_COOLDOWN_SECONDS * ports.config.scale * 1000;
  await Promise.all([ports.subscriptions.recordFailure(sub.id, CIRCUIT_THRESHOLD, new Date(done.getTime() + cooldownMs).toISOString()), lanes.update()]);
  if (!next.retry) {
    const entry: AttemptRecord = { ...a.log, outcome: 'exhausted' };
    if (!a.unleased) await ports.deliveries.logAttempt(sub.id, entry, expiresAt);
    const lastError = `${error}; gave up after ${m.attempt} attempts`;
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, a.claimed, { status: 'failed', updatedAt: done.toISOString(), lastError, expiresAt, attempts: m.attempt, ...logged(a, entry) });
    return 'exhausted';
  }
  const nextAt = new Date(done.getTime() + next.delaySeconds * 1000);
  const entry: AttemptRecord = { ...a.log, outcome: 'retrying', nextAttemptAt: nextAt.toISOString() };
  if (!a.unleased) await ports.deliveries.logAttempt(sub.id, entry, expiresAt);
  const place = placeAttempt(nextAt, done, ports.config);
  if (
    await ports.deliveries.schedule(rec.subscriptionId, rec.sk, a.claimed, {
      nextAttemptAt: nextAt.toISOString(),
      sweepAt: place.sweepAt.toISOString(),
      updatedAt: done.toISOString(),
      lastError: error!,
      attempts: m.attempt,
      ...logged(a, entry),
    })
  ) {
    if (place.queueDelaySeconds !== undefined) await lanes.nextQueue.send([{ message: { ...m, attempt: m.attempt + 1 }, delaySeconds: place.queueDelaySeconds }]);
  }
  return 'retrying';
}

/**
 * The endpoint's circuit is open: give the claim back and move the attempt past `until`
 * (spread by jitter) without counting it, or give up once the retry window is over.
 */
async function defer(
  m: AttemptMessage,
  rec: DeliveryRecord,
  sub: Subscription,
  ports: AttemptPorts,
  now: Date,
  until: Date,
  claimed: Expect,
  jitterMs = CIRCUIT_COOLDOWN_SECONDS * ports.config.scale * 1000,
): Promise<AttemptOutcome> {
  const spread = jitterMs * ports.random();
  const nextAt = new Date(until.getTime() + spread);
  if (nextAt.getTime() - Date.parse(rec.createdAt) > maxWindowMs(ports.config.scale)) {
    const why = 'not sent: the endpoint kept failing (circuit open) until the retry window ended';
    await ports.deliveries.logAttempt(sub.id, { ...baseOf(rec, m.attempt), attemptedAt: now.toISOString(), latencyMs: 0, error: why, outcome: 'exhausted' }, expiry(now));
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, claimed, { status: 'failed', updatedAt: now.toISOString(), lastError: why, expiresAt: expiry(now), attempts: m.attempt - 1 });
    return 'exhausted';
  }
  const place = placeAttempt(nextAt, now, ports.config);
  if (
    await ports.deliveries.schedule(rec.subscriptionId, rec.sk, claimed, {
      attempts: m.attempt - 1,
      nextAttemptAt: nextAt.toISOString(),
      sweepAt: place.sweepAt.toISOString(),
      updatedAt: now.toISOString(),
      deferrals: (rec.deferrals ?? 0) + 1,
    })
  ) {
    if (place.queueDelaySeconds !== undefined) await queueFor(sub, now, ports).send([{ message: m, delaySeconds: place.queueDelaySeconds }]);
  }
  return 'deferred';
}
