// The slow lane's decisions, with in-memory fakes of the stores, queues and the HTTP call:
// a fast-lane timeout hands the same event to the slow lane without counting as a failure, a known-slow
// subscription goes there directly, the slow lane waits the full timeout and decides the lane from the latency.
import { attemptDelivery } from '#shared/webhooks/deliver';
import { publishEvent } from '#shared/webhooks/publish';
import type { Subscription } from '#shared/webhooks/model';
import type { AttemptMessage, PostResult } from '#shared/webhooks/ports';
import { T0, hangs, webhookWorld } from '#test/kit/webhooks';

// The in-memory stores, queues and endpoint of test/kit.
const world = (opts: { sub?: Partial<Subscription>; answer?: (timeoutMs: number) => PostResult; slowQueue?: boolean } = {}) => webhookWorld(opts);

const first: AttemptMessage = { subscriptionId: 'wh_1', sk: 'E#2026-03-01T09:59:59.000Z#evt_1', cycle: 0, attempt: 1 };

describe('fast lane', () => {
  it('hands an attempt that gets no answer within the budget to the slow lane: same event, logged as moved, not a failure', async () => {
    const w = world({ answer: hangs });
    expect(await attemptDelivery(first, w.on('fast'))).toBe('slow-lane');
    expect(w.calls.map((c) => c.timeoutMs)).toEqual([3000]);
    expect(w.slow.sent).toEqual([{ message: { ...first, attempt: 2 }, delaySeconds: 0 }]);
    expect(w.fast.sent).toEqual([]);
    expect(w.rec()).toMatchObject({ status: 'pending', attempts: 1, slowMoves: 1 });
    expect(w.log()).toEqual([expect.objectContaining({ attempt: 1, outcome: 'slow-lane', error: expect.stringMatching(/no answer within 3000 ms: moved to the slow lane/) })]);
    expect(w.failures).toEqual([]);
    expect(Date.parse(w.sub.slowUntil!)).toBe(T0.getTime() + 3000 + 600_000);
  });

  it('sends a subscription known to be slow to the slow lane without calling it, giving the claim back', async () => {
    const w = world({ sub: { slowUntil: new Date(T0.getTime() + 60_000).toISOString() } });
    expect(await attemptDelivery(first, w.on('fast'))).toBe('forwarded');
    expect(w.calls).toEqual([]);
    expect(w.rec()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(w.slow.sent).toEqual([{ message: first, delaySeconds: 0 }]);
    expect(w.log()).toEqual([]);
  });

  it('without a slow lane, waits the full timeout and counts a timeout as a failure', async () => {
    const w = world({ answer: hangs, slowQueue: false });
    expect(await attemptDelivery(first, w.on('fast'))).toBe('retrying');
    expect(w.calls.map((c) => c.timeoutMs)).toEqual([15_000]);
    expect(w.failures).toEqual(['wh_1']);
    expect(w.fast.sent).toEqual([{ message: { ...first, attempt: 2 }, delaySeconds: 3 }]);
  });

  it('a duplicate message does not POST twice', async () => {
    const w = world();
    expect(await attemptDelivery(first, w.on('fast'))).toBe('delivered');
    expect(await attemptDelivery(first, w.on('fast'))).toBe('stale');
    expect(w.calls).toHaveLength(1);
  });

  it('an attempt queued ahead of its time waits again on its queue, unclaimed', async () => {
    const w = world();
    w.rec().nextAttemptAt = new Date(T0.getTime() + 10_000).toISOString();
    expect(await attemptDelivery(first, w.on('fast'))).toBe('early');
    expect(w.calls).toEqual([]);
    expect(w.rec().attempts).toBe(0);
    expect(w.fast.sent).toEqual([{ message: first, delaySeconds: 10 }]);
  });
});

describe('slow lane', () => {
  async function moved(answer: (timeoutMs: number) => PostResult) {
    let n = 0;
    const w = world({ answer: (t) => (n++ === 0 ? hangs(t) : answer(t)) });
    await attemptDelivery(first, w.on('fast'));
    return w;
  }

  it('sends the same signed event again with the full timeout; an answer after 4 s is delivered and keeps the subscription slow', async () => {
    const w = await moved(() => ({ statusCode: 200, latencyMs: 4000 }));
    const slowUntil = w.sub.slowUntil;
    expect(await attemptDelivery(w.slow.sent[0]!.message, w.on('slow'))).toBe('delivered');
    const [a, b] = w.calls;
    expect(b!.timeoutMs).toBe(15_000);
    expect(b!.body).toBe(a!.body);
    expect(b!.headers['webhook-id']).toBe(a!.headers['webhook-id']);
    expect(w.rec()).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(w.log().map((l) => [l.attempt, l.outcome])).toEqual([
      [1, 'slow-lane'],
      [2, 'delivered'],
    ]);
    expect(w.sub.slowUntil).toBe(slowUntil);
  });

  it('an answer within the fast budget brings the subscription back to the fast lane', async () => {
    const w = await moved(() => ({ statusCode: 204, latencyMs: 40 }));
    expect(await attemptDelivery(w.slow.sent[0]!.message, w.on('slow'))).toBe('delivered');
    expect(w.sub.slowUntil).toBeUndefined();
  });

  it('a timeout there is a failure: counted, scheduled as the first retry (the move does not count), on the slow lane again', async () => {
    const w = await moved(hangs);
    expect(await attemptDelivery(w.slow.sent[0]!.message, w.on('slow'))).toBe('retrying');
    expect(w.failures).toEqual(['wh_1']);
    const retry = w.log().find((l) => l.outcome === 'retrying')!;
    // First retry: 3 s (jitter at its middle), not the second retry's 15 s.
    expect(Date.parse(retry.nextAttemptAt as string) - Date.parse(w.rec().updatedAt)).toBe(3000);
    expect(w.slow.sent.at(-1)).toEqual({ message: { ...first, attempt: 3 }, delaySeconds: 3 });
    expect(w.rec()).toMatchObject({ status: 'pending', attempts: 2, slowMoves: 1 });
  });

  it('never moves an attempt again: the slow lane waits the whole timeout', async () => {
    const w = await moved(hangs);
    await attemptDelivery(w.slow.sent[0]!.message, w.on('slow'));
    expect(w.calls.map((c) => c.timeoutMs)).toEqual([3000, 15_000]);
    expect(w.log().filter((l) => l.outcome === 'slow-lane')).toHaveLength(1);
  });
});

describe('fan-out', () => {
  it('queues a subscription known to be slow on the slow lane, others on the fast lane', async () => {
    const published = {
      event: { id: 'evt_2', type: 'customs.response.issued' as const, createdAt: T0.toISOString(), data: { itemId: 'CP000000029DE', version: 1, sequence: 3, status: 'RELEASED' } },
      scope: { submittedBy: 'platform:shop', originCountry: 'DE', destinationCountry: 'FR' },
    } as never;
    const slowWorld = world({ sub: { slowUntil: new Date(T0.getTime() + 60_000).toISOString() } });
    expect(await publishEvent(published, slowWorld.ports)).toEqual({ matched: 1, queued: 1 });
    expect([slowWorld.fast.sent.length, slowWorld.slow.sent.length]).toEqual([0, 1]);
    const fastWorld = world({ sub: { slowUntil: new Date(T0.getTime() - 1).toISOString() } });
    await publishEvent(published, fastWorld.ports);
    expect([fastWorld.fast.sent.length, fastWorld.slow.sent.length]).toEqual([1, 0]);
  });
});
