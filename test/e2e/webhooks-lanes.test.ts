// The slow lane end to end: the local runtime with the real handlers and queues, its fast lane cut to
// 2 consumers of 1 message (so a hanging endpoint could take all of them) and a 1 s fast budget;
// the slow lane waits the full 15 s. Real receivers on 127.0.0.1, signatures checked with `standardwebhooks`.
import { memoryLog } from '#infra/local/log';
import { topology } from '#infra/topology';
import { type Topology } from '#infra/topology-types';
import { QUEUES } from '#shared/resources';
import { type WebhookSession, useWebhookRuntime, waitFor as waitForDeadline } from '../helpers/e2e';

jest.setTimeout(60_000);

/** Polls with a deadline; deliveries here need longer than the shared default. */
const waitFor = <T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000) => waitForDeadline(probe, what, timeoutMs);

// The shared session's calls, under the names this file has always used.
const call: WebhookSession['call'] = (...a) => runtime.session.call(...a);
const platformKey = async (tenantId: string) => (await runtime.session.keyFor({ role: 'platform', tenantId })).key;
const receiver: WebhookSession['receiver'] = (...a) => runtime.session.receiver(...a);
const subscribe = (key: string, url: string) => runtime.session.subscribe(key, url);
const submit = (key: string) => runtime.session.submit(key);
const attemptsOf: WebhookSession['attemptsOf'] = (...a) => runtime.session.attemptsOf(...a);

const narrow: Topology = { ...topology, eventSources: topology.eventSources.map((e) => (e.queue === QUEUES.deliver ? { ...e, batchSize: 1, maxConcurrency: 2 } : e)) };
const runtime = useWebhookRuntime({
  topology: narrow,
  log: memoryLog(),
  queueVisibilitySeconds: 30,
  idlePollMs: 20,
  env: {
    WEBHOOK_FAST_TIMEOUT_MS: '1000',
    WEBHOOK_TIMEOUT_MS: '15000',
  },
});

describe('slow lane', () => {
  it('an endpoint that answers after 4 s gets the event from the slow lane, exactly as signed, with the same webhook-id', async () => {
    const key = await platformKey('lanes-slow');
    const slow = await receiver(() => ({ status: 200, delayMs: 4000 }));
    const sub = await subscribe(key, slow.url);
    const itemId = await submit(key);

    const attempts = await waitFor(async () => {
      const a = await attemptsOf(key, sub.id);
      return a.some((x) => x.outcome === 'delivered') && a;
    }, 'the delivery through the slow lane');
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [2, 'delivered'],
      [1, 'slow-lane'],
    ]);
    expect(attempts[1]).toMatchObject({ error: expect.stringMatching(/no answer within 1000 ms: moved to the slow lane/) });
    expect(attempts[1].statusCode).toBeUndefined();
    expect(attempts[0]).toMatchObject({ statusCode: 200 });

    // Both tries carried the same event: same webhook-id, same body, each verifying with the secret.
    expect(slow.received).toHaveLength(2);
    const events = slow.verified(sub.secret);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual(events[0]);
    expect(events[0]).toMatchObject({ type: 'customs.response.issued', data: { itemId } });
    expect(new Set(slow.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([events[0]!.id]));
    expect(slow.received[1]!.body).toBe(slow.received[0]!.body);
    // A slow endpoint is not a failing one: no circuit, still active.
    expect((await call(key, 'GET', `/v1/webhooks/${sub.id}`)).body.status).toBe('active');
  });

  it("a hanging endpoint does not hold back a healthy one's deliveries while it hangs", async () => {
    const key = await platformKey('lanes-hang');
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    const bad = await subscribe(key, hanging.url);
    const good = await subscribe(key, healthy.url);
    const items: string[] = [];
    for (let i = 0; i < 8; i++) items.push(await submit(key));

    // Every healthy delivery arrives while the hanging endpoint's first requests are still open on the
    // slow lane: none of its attempts has yet reached the end of its 15 s (that would log 'retrying').
    // Without the slow lane, the 2 fast consumers would wait out those 15 s before the later parcels.
    await waitFor(() => items.every((i) => healthy.verified(good.secret).some((e) => e.data.itemId === i)), 'every parcel at the healthy receiver');
    const badLog = await attemptsOf(key, bad.id);
    expect(badLog.filter((a) => a.outcome === 'retrying' || a.outcome === 'exhausted')).toEqual([]);
    expect(badLog.length).toBeGreaterThan(0);
    expect(badLog.every((a) => a.outcome === 'slow-lane')).toBe(true);
    expect(hanging.open()).toBeGreaterThan(0);

    // The hanging endpoint is on the slow lane now: its first try moved once, the next parcels went there directly.
    const moved = await waitFor(async () => (await attemptsOf(key, bad.id)).filter((a) => a.outcome === 'slow-lane'), 'the moves in the log');
    expect(moved.length).toBeLessThan(items.length);
    expect((await call(key, 'GET', `/v1/webhooks/${good.id}`)).body.status).toBe('active');
  });
});
