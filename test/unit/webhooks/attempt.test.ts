// The attempt paths, the sweeper and replay as use cases over the in-memory ports of test/kit (end to end they are
// in test/e2e/webhooks.test.ts): 410 disables, an open circuit defers without counting and gives up when the retry
// window is over, the schedule ends in exhaustion, the sweeper queues what is due once, replay starts new cycles.
import { attemptDelivery } from '#shared/webhooks/deliver';
import { RETENTION_DAYS } from '#shared/webhooks/model';
import { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from '#shared/webhooks/retry';
import { replay, replaySubscription } from '#shared/webhooks/replay';
import { sweep } from '#shared/webhooks/sweep';
import { T0, deliveryRecord, webhookWorld } from '#test/kit/webhooks';

const failing = (statusCode: number) => () => ({ statusCode, latencyMs: 10 });

describe('410 Gone', () => {
  it('disables the subscription, ends the delivery as failed and queues nothing', async () => {
    // prepare
    const w = webhookWorld({ answer: failing(410) });

    // act
    const outcome = await attemptDelivery(w.first, w.on('fast'));

    // assess
    expect(outcome).toBe('disabled');
    expect(w.sub).toMatchObject({ status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' });
    expect(w.rec()).toMatchObject({ status: 'failed', lastError: 'HTTP 410', attempts: 1 });
    expect(w.log()).toEqual([expect.objectContaining({ attempt: 1, statusCode: 410, outcome: 'disabled' })]);
    expect([w.fast.sent, w.slow.sent, w.failures]).toEqual([[], [], []]);
  });

  it('a later attempt of another event to it is cancelled without a call', async () => {
    const w = webhookWorld({ answer: failing(410) });
    await attemptDelivery(w.first, w.on('fast'));
    const other = deliveryRecord({ eventId: 'evt_2' });
    await w.deliveries.create(other);

    expect(await attemptDelivery({ subscriptionId: other.subscriptionId, sk: other.sk, cycle: 0, attempt: 1 }, w.on('fast'))).toBe('cancelled');
    expect(w.calls).toHaveLength(1);
    expect(w.deliveries.at(other.subscriptionId, other.sk)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/subscription is disabled/) });
  });
});

describe('open circuit', () => {
  it('is not called while open: the claim is given back and the attempt waits past the cooldown, not counted', async () => {
    // prepare: the circuit is open for 60 s more
    const openUntil = new Date(T0.getTime() + 60_000);
    const w = webhookWorld({ sub: { circuitOpenUntil: openUntil.toISOString(), consecutiveFailures: 5 } });

    // act
    const outcome = await attemptDelivery(w.first, w.on('fast'));

    // assess: 60 s plus half the jitter (random 0.5 of the 60 s cooldown)
    expect(outcome).toBe('deferred');
    expect(w.calls).toEqual([]);
    expect(w.rec()).toMatchObject({ status: 'pending', attempts: 0, deferrals: 1, nextAttemptAt: new Date(openUntil.getTime() + 30_000).toISOString() });
    expect(w.fast.sent).toEqual([{ message: w.first, delaySeconds: 90 }]);
    expect([w.log(), w.failures]).toEqual([[], []]);
  });

  it('opens after CIRCUIT_THRESHOLD failures in a row, and a success closes it', async () => {
    let n = 0;
    const w = webhookWorld({ answer: () => (++n <= 5 ? { statusCode: 500, latencyMs: 10 } : { statusCode: 200, latencyMs: 10 }) });
    for (let attempt = 1; attempt <= 5; attempt++) {
      w.clock.advance(24 * 3600_000); // past any retry delay and cooldown
      expect(await attemptDelivery({ ...w.first, attempt }, w.on('fast'))).toBe('retrying');
    }
    expect(w.sub).toMatchObject({ consecutiveFailures: 5, circuitOpenUntil: expect.any(String) });

    w.clock.advance(24 * 3600_000);
    expect(await attemptDelivery({ ...w.first, attempt: 6 }, w.on('fast'))).toBe('delivered');
    expect(w.sub.consecutiveFailures).toBe(0);
    expect(w.sub.circuitOpenUntil).toBeUndefined();
  });

  it('gives up, unsent, once waiting for the circuit would pass the retry window', async () => {
    // prepare: the delivery was created 50 h ago (the whole schedule at its longest, jitter included, is under 44 h)
    // and the circuit is open
    const w = webhookWorld({ record: { createdAt: new Date(T0.getTime() - 50 * 3600_000).toISOString() }, sub: { circuitOpenUntil: new Date(T0.getTime() + 60_000).toISOString() } });

    // act
    const outcome = await attemptDelivery(w.first, w.on('fast'));

    // assess
    expect(outcome).toBe('exhausted');
    expect(w.calls).toEqual([]);
    expect(w.rec()).toMatchObject({ status: 'failed', attempts: 0, lastError: expect.stringMatching(/circuit open/) });
    expect(w.log()).toEqual([expect.objectContaining({ outcome: 'exhausted', latencyMs: 0 })]);
  });
});

describe('exhaustion', () => {
  it('retries on the schedule, then the last attempt is logged as exhausted and the record fails for good', async () => {
    // prepare
    const w = webhookWorld({ answer: failing(503) });
    const outcomes: string[] = [];

    // act: every attempt the schedule allows, each when it is due
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const due = Date.parse(w.rec().nextAttemptAt) - w.clock.now().getTime();
      if (due > 0) w.clock.advance(due);
      w.sub.circuitOpenUntil = undefined; // the circuit is another test's subject
      outcomes.push(await attemptDelivery({ ...w.first, attempt }, w.on('fast')));
    }

    // assess
    expect(outcomes).toEqual([...RETRY_DELAYS_SECONDS.map(() => 'retrying'), 'exhausted']);
    expect(w.rec()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: `HTTP 503; gave up after ${MAX_ATTEMPTS} attempts` });
    expect(w.calls).toHaveLength(MAX_ATTEMPTS);
    expect(w.log().map((l) => l.outcome)).toEqual(outcomes);
    // A message for an attempt after the end finds nothing to do.
    expect(await attemptDelivery({ ...w.first, attempt: MAX_ATTEMPTS + 1 }, w.on('fast'))).toBe('stale');
  });
});

describe('sweep', () => {
  it('queues each due pending delivery once, with its remaining delay, and leaves the rest', async () => {
    // prepare: one delivery due (its sweep time passed), one not yet, one delivered
    const w = webhookWorld({ record: { sweepAt: new Date(T0.getTime() - 1000).toISOString(), nextAttemptAt: new Date(T0.getTime() + 30_000).toISOString(), attempts: 2 } });
    await w.deliveries.create(deliveryRecord({ eventId: 'evt_later', sweepAt: new Date(T0.getTime() + 3600_000).toISOString() }));
    await w.deliveries.create(deliveryRecord({ eventId: 'evt_done', status: 'delivered', sweepAt: new Date(T0.getTime() - 1000).toISOString() }));

    // act: two sweepers at once
    const [a, b] = await Promise.all([sweep(w.ports), sweep(w.ports)]);

    // assess
    expect(a.queued + b.queued).toBe(1);
    expect(w.fast.sent).toEqual([{ message: { ...w.first, attempt: 3 }, delaySeconds: 30 }]);
    expect(Date.parse(w.rec().sweepAt!)).toBeGreaterThan(T0.getTime() + 30_000);
    expect(await sweep(w.ports)).toEqual({ queued: 0 });
  });
});

describe('replay', () => {
  it('starts a new cycle for each delivery since the time, from its first attempt, marked as a replay', async () => {
    // prepare: a delivered event and a failed one; an older one before `since`
    const w = webhookWorld({ record: { status: 'delivered', attempts: 1 } });
    await w.deliveries.create(deliveryRecord({ eventId: 'evt_failed', eventCreatedAt: '2026-03-01T09:59:59.500Z', status: 'failed', attempts: 13, cycle: 2, lastError: 'HTTP 500' }));
    await w.deliveries.create(deliveryRecord({ eventId: 'evt_old', eventCreatedAt: '2026-02-01T00:00:00.000Z', status: 'delivered' }));

    // act
    const result = await replay('wh_1', new Date('2026-03-01T09:00:00.000Z'), w.ports);

    // assess
    expect(result).toEqual({ replayed: 2 });
    expect(w.fast.sent.map((s) => [s.message.sk.split('#').at(-1), s.message.cycle, s.message.attempt, s.delaySeconds])).toEqual([
      ['evt_1', 1, 1, 0],
      ['evt_failed', 3, 1, 0],
    ]);
    expect(w.rec()).toMatchObject({ status: 'pending', cycle: 1, attempts: 0, replay: true });
    expect(w.deliveries.at('wh_1', deliveryRecord({ eventId: 'evt_failed', eventCreatedAt: '2026-03-01T09:59:59.500Z' }).sk)).toMatchObject({ status: 'pending', cycle: 3, attempts: 0 });
    expect(w.deliveries.at('wh_1', deliveryRecord({ eventId: 'evt_old', eventCreatedAt: '2026-02-01T00:00:00.000Z' }).sk)).toMatchObject({ status: 'delivered', cycle: 0 });
  });

  it('stops at the limit and says where to go on: the first event it did not replay', async () => {
    const w = webhookWorld();
    for (let i = 2; i <= 5; i++) await w.deliveries.create(deliveryRecord({ eventId: `evt_${i}`, eventCreatedAt: `2026-03-01T09:59:5${i}.000Z` }));
    expect(await replay('wh_1', new Date('2026-03-01T00:00:00.000Z'), w.ports, 3)).toEqual({ replayed: 3, continueSince: '2026-03-01T09:59:55.000Z' });
    expect(w.fast.sent).toHaveLength(3);
  });

  it('refuses a disabled subscription and replays an active one no further back than the retention', async () => {
    const w = webhookWorld({ record: { eventCreatedAt: new Date(T0.getTime() - (RETENTION_DAYS + 1) * 86_400_000).toISOString() } });
    expect(await replaySubscription({ ...w.sub, status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' }, new Date(0), w.ports)).toEqual({
      refused: 'WEBHOOK_DISABLED',
      detail: 'webhook wh_1 is disabled (the endpoint answered 410 Gone); create a new one',
    });
    // The only record is older than the retention: asked from the epoch, nothing before the retention is replayed.
    expect(await replaySubscription(w.sub, new Date(0), w.ports)).toEqual({ replayed: 0 });
    expect(w.fast.sent).toEqual([]);
  });
});
