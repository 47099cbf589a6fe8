// The first attempt of a delivery's first cycle is made without a claim (its queue message is its lease) and logged
// in the write that ends it or schedules its retry; later attempts and replays claim theirs and log an item.
import { attemptDelivery } from '#shared/webhooks/deliver';
import { replay } from '#shared/webhooks/replay';
import { webhookWorld } from '#test/kit/webhooks';

function counted(w: ReturnType<typeof webhookWorld>) {
  const calls: string[] = [];
  for (const name of ['claim', 'schedule', 'finish', 'logAttempt'] as const) {
    const original = w.deliveries[name].bind(w.deliveries) as (...a: unknown[]) => Promise<unknown>;
    (w.deliveries as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => (calls.push(name), original(...a));
  }
  return calls;
}

describe('the first attempt', () => {
  it('delivered: one write of the record (no claim, no log item), its log entry in it', async () => {
    const w = webhookWorld();
    const writes = counted(w);
    expect(await attemptDelivery(w.first, w.on('fast'))).toBe('delivered');
    expect(writes).toEqual(['finish']);
    expect(w.rec()).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(w.log()).toEqual([expect.objectContaining({ attempt: 1, outcome: 'delivered', statusCode: 204 })]);
  });

  it('failed: the retry is scheduled with the attempt counted and logged in the same write; the retry claims its attempt', async () => {
    let n = 0;
    const w = webhookWorld({ answer: () => (++n === 1 ? { statusCode: 500, latencyMs: 10 } : { statusCode: 204, latencyMs: 10 }) });
    const writes = counted(w);
    expect(await attemptDelivery(w.first, w.on('fast'))).toBe('retrying');
    expect(writes).toEqual(['schedule']);
    expect(w.rec()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(w.rec().sweepAt).toBeDefined();
    w.rec().nextAttemptAt = new Date(0).toISOString(); // due now
    expect(await attemptDelivery({ ...w.first, attempt: 2 }, w.on('fast'))).toBe('delivered');
    expect(writes).toEqual(['schedule', 'claim', 'logAttempt', 'finish']);
    expect(w.log().map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'retrying'],
      [2, 'delivered'],
    ]);
  });

  it("a replay's first attempt is claimed (its record is in the sweeper's index)", async () => {
    const w = webhookWorld();
    await attemptDelivery(w.first, w.on('fast'));
    await replay(w.rec().subscriptionId, new Date(0), w.on('fast'));
    const writes = counted(w);
    expect(await attemptDelivery({ ...w.first, cycle: 1 }, w.on('fast'))).toBe('delivered');
    expect(writes).toEqual(['claim', 'logAttempt', 'finish']);
    expect(w.rec()).toMatchObject({ status: 'delivered', cycle: 1, attempts: 1 });
  });
});
