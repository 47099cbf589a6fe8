// One delivery attempt: claim it (so duplicate messages never send twice), sign, POST, log the attempt,
// then finish the record or schedule the next attempt. A subscription whose circuit is open is not
// called: its attempts wait for the cooldown without counting.
import type { DeliveryRecord } from '../store/webhook-delivery-store';
import { placeAttempt } from './config';
import { RETENTION_DAYS, type Subscription } from './model';
import { type AttemptMessage, type DeliveryPorts, type Poster, epochSeconds } from './ports';
import { CIRCUIT_COOLDOWN_SECONDS, CIRCUIT_THRESHOLD, JITTER, RETRY_DELAYS_SECONDS, nextRetry, parseRetryAfter } from './retry';
import { signedHeaders } from './signing';

export type AttemptOutcome = 'stale' | 'early' | 'deferred' | 'cancelled' | 'delivered' | 'retrying' | 'exhausted' | 'disabled';

export interface AttemptPorts extends DeliveryPorts {
  post: Poster;
  /** Decrypts a stored secret of a subscription. */
  openSecret(sealed: string, subscriptionId: string): string;
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

export async function attemptDelivery(m: AttemptMessage, ports: AttemptPorts): Promise<AttemptOutcome> {
  // Both reads at once: one round trip less on every attempt.
  const [rec, sub] = await Promise.all([ports.deliveries.get(m.subscriptionId, m.sk), ports.subscriptions.get(m.subscriptionId)]);
  if (!rec || rec.status !== 'pending' || rec.cycle !== m.cycle || rec.attempts !== m.attempt - 1) return 'stale';
  const expect = { cycle: rec.cycle, attempts: rec.attempts };
  const now = ports.now();
  const due = new Date(rec.nextAttemptAt);
  if (due.getTime() - now.getTime() > 50) {
    // Queued ahead of time (by the sweeper, or a delay rounded down): wait on the queue, or stay parked.
    const place = placeAttempt(due, now, ports.config);
    if (place.queueDelaySeconds !== undefined) await ports.queue.send([{ message: m, delaySeconds: Math.max(1, place.queueDelaySeconds) }]);
    return 'early';
  }
  const expiresAt = epochSeconds(now) + RETENTION_DAYS * 86_400;
  const base = { eventId: rec.eventId, eventType: rec.eventType, itemId: rec.itemId, cycle: rec.cycle, attempt: m.attempt, ...(rec.replay ? { replay: true } : {}) };

  if (!sub || sub.status !== 'active') {
    const why = sub ? `not sent: the subscription is disabled (${sub.disabledReason ?? 'disabled'})` : 'not sent: the subscription was deleted';
    if (sub) await ports.deliveries.logAttempt(sub.id, { ...base, attemptedAt: now.toISOString(), latencyMs: 0, error: why, outcome: 'disabled' }, expiresAt);
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, expect, { status: 'failed', updatedAt: now.toISOString(), lastError: why, expiresAt });
    return 'cancelled';
  }

  if (sub.circuitOpenUntil && Date.parse(sub.circuitOpenUntil) > now.getTime()) return defer(rec, sub, ports, now, new Date(sub.circuitOpenUntil));

  const leaseUntil = new Date(now.getTime() + ports.config.timeoutMs + ports.config.sweepGraceSeconds * 1000);
  return attemptClaimed(m, rec, sub, ports, now, leaseUntil);
}

async function attemptClaimed(m: AttemptMessage, rec: DeliveryRecord, sub: Subscription, ports: AttemptPorts, now: Date, leaseUntil: Date): Promise<AttemptOutcome> {
  const expect = { cycle: rec.cycle, attempts: rec.attempts };
  const expiresAt = epochSeconds(now) + RETENTION_DAYS * 86_400;
  const base = { eventId: rec.eventId, eventType: rec.eventType, itemId: rec.itemId, cycle: rec.cycle, attempt: m.attempt, ...(rec.replay ? { replay: true } : {}) };
  if (!(await ports.deliveries.claim(rec.subscriptionId, rec.sk, expect, now.toISOString(), leaseUntil.toISOString()))) return 'stale';
  const claimed = { cycle: rec.cycle, attempts: m.attempt };

  const secrets = sub.secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime()).map((s) => ports.openSecret(s.sealed, sub.id));
  const headers = { ...signedHeaders(secrets, rec.eventId, now, rec.body) };
  const result = await ports.post(sub.url, rec.body, headers);
  const done = ports.now();
  const error = describe(result);
  const log = { ...base, attemptedAt: now.toISOString(), latencyMs: Math.round(result.latencyMs), ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}), ...(error ? { error } : {}) };

  if (is2xx(result.statusCode)) {
    await Promise.all([
      ports.deliveries.logAttempt(sub.id, { ...log, outcome: 'delivered' }, expiresAt),
      ports.deliveries.finish(rec.subscriptionId, rec.sk, claimed, { status: 'delivered', updatedAt: done.toISOString(), expiresAt }),
    ]);
    if (sub.consecutiveFailures > 0 || sub.circuitOpenUntil) await ports.subscriptions.recordSuccess(sub.id);
    return 'delivered';
  }
  if (result.statusCode === 410) {
    await ports.deliveries.logAttempt(sub.id, { ...log, outcome: 'disabled' }, expiresAt);
    await ports.subscriptions.disable(sub.id, 'the endpoint answered 410 Gone', done.toISOString());
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, claimed, { status: 'failed', updatedAt: done.toISOString(), lastError: error!, expiresAt });
    return 'disabled';
  }

  const retryAfterSeconds = parseRetryAfter(result.retryAfter, done);
  const next = nextRetry(m.attempt, { random: ports.random(), scale: ports.config.scale, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
  const cooldownMs = CIRCUIT_COOLDOWN_SECONDS * ports.config.scale * 1000;
  await ports.subscriptions.recordFailure(sub.id, CIRCUIT_THRESHOLD, new Date(done.getTime() + cooldownMs).toISOString());
  if (!next.retry) {
    await ports.deliveries.logAttempt(sub.id, { ...log, outcome: 'exhausted' }, expiresAt);
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, claimed, { status: 'failed', updatedAt: done.toISOString(), lastError: `${error}; gave up after ${m.attempt} attempts`, expiresAt });
    return 'exhausted';
  }
  const nextAt = new Date(done.getTime() + next.delaySeconds * 1000);
  await ports.deliveries.logAttempt(sub.id, { ...log, outcome: 'retrying', nextAttemptAt: nextAt.toISOString() }, expiresAt);
  const place = placeAttempt(nextAt, done, ports.config);
  if (await ports.deliveries.schedule(rec.subscriptionId, rec.sk, claimed, { nextAttemptAt: nextAt.toISOString(), sweepAt: place.sweepAt.toISOString(), updatedAt: done.toISOString(), lastError: error! })) {
    if (place.queueDelaySeconds !== undefined) await ports.queue.send([{ message: { ...m, attempt: m.attempt + 1 }, delaySeconds: place.queueDelaySeconds }]);
  }
  return 'retrying';
}

/**
 * The endpoint's circuit is open: move the attempt past `until`
 * (spread by jitter) without counting it, or give up once the retry window is over.
 */
async function defer(rec: DeliveryRecord, sub: Subscription, ports: AttemptPorts, now: Date, until: Date, jitterMs = CIRCUIT_COOLDOWN_SECONDS * ports.config.scale * 1000): Promise<AttemptOutcome> {
  const expect = { cycle: rec.cycle, attempts: rec.attempts };
  const spread = jitterMs * ports.random();
  const nextAt = new Date(until.getTime() + spread);
  if (nextAt.getTime() - Date.parse(rec.createdAt) > maxWindowMs(ports.config.scale)) {
    const expiresAt = epochSeconds(now) + RETENTION_DAYS * 86_400;
    const why = 'not sent: the endpoint kept failing (circuit open) until the retry window ended';
    await ports.deliveries.logAttempt(sub.id, { eventId: rec.eventId, eventType: rec.eventType, itemId: rec.itemId, cycle: rec.cycle, attempt: rec.attempts + 1, attemptedAt: now.toISOString(), latencyMs: 0, error: why, outcome: 'exhausted' }, expiresAt);
    await ports.deliveries.finish(rec.subscriptionId, rec.sk, expect, { status: 'failed', updatedAt: now.toISOString(), lastError: why, expiresAt });
    return 'exhausted';
  }
  const place = placeAttempt(nextAt, now, ports.config);
  if (await ports.deliveries.schedule(rec.subscriptionId, rec.sk, expect, { nextAttemptAt: nextAt.toISOString(), sweepAt: place.sweepAt.toISOString(), updatedAt: now.toISOString(), deferrals: (rec.deferrals ?? 0) + 1 })) {
    if (place.queueDelaySeconds !== undefined) await ports.queue.send([{ message: { subscriptionId: rec.subscriptionId, sk: rec.sk, cycle: rec.cycle, attempt: rec.attempts + 1 }, delaySeconds: place.queueDelaySeconds }]);
  }
  return 'deferred';
}
