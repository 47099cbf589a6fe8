// The slow lane end to end: the local runtime with the real handlers and queues, its fast lane cut to
// 2 consumers of 1 message (so a hanging endpoint could take all of them) and a 1 s fast budget;
// the slow lane waits the full 15 s. Real receivers on 127.0.0.1, signatures checked with `standardwebhooks`.
import { randomInt } from 'node:crypto';
import { memoryLog } from '../../infra/local/log';
import { type LocalRuntime } from '../../infra/local/runtime';
import { topology } from '../../infra/topology';
import { type Topology } from '../../infra/topology-types';
import { s10CheckDigit } from '../../shared/ead/s10';
import { QUEUES } from '../../shared/resources';
import { validDeclaration } from '../fixtures/declarations';
import { type Receiver, type Script, startReceiver } from './webhooks-receiver';
import { waitFor as waitForDeadline } from '../helpers/wait';
import { startWebhookRuntime } from '../helpers/webhook-runtime';

jest.setTimeout(60_000);

let rt: LocalRuntime;
let adminKey: string;
const receivers: Receiver[] = [];

let serial = randomInt(10_000_000, 90_000_000);
const nextItemId = () => {
  const digits = String(serial++);
  return `CP${digits}${s10CheckDigit(digits)}DE`;
};

/** Polls with a deadline; deliveries here need longer than the shared default. */
const waitFor = <T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000) => waitForDeadline(probe, what, timeoutMs);

async function call(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(rt.url + path, { method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function platformKey(tenantId: string): Promise<string> {
  const r = await call(adminKey, 'POST', '/v1/admin/api-keys', { role: 'platform', tenantId });
  expect(r.status).toBe(201);
  return r.body.key;
}

async function receiver(script?: Script): Promise<Receiver> {
  const r = await startReceiver(script);
  receivers.push(r);
  return r;
}

async function subscribe(key: string, url: string): Promise<{ id: string; secret: string }> {
  const r = await call(key, 'POST', '/v1/webhooks', { url, events: ['customs.response.issued'] });
  expect(r.status).toBe(201);
  return r.body;
}

async function submit(key: string): Promise<string> {
  const itemId = nextItemId();
  expect((await call(key, 'POST', '/v1/parcels', validDeclaration({ itemId }))).status).toBe(202);
  return itemId;
}

const attemptsOf = async (key: string, id: string) => (await call(key, 'GET', `/v1/webhooks/${id}/deliveries?limit=100`)).body.items as any[];

beforeAll(async () => {
  const narrow: Topology = { ...topology, eventSources: topology.eventSources.map((e) => (e.queue === QUEUES.webhookAttempts ? { ...e, batchSize: 1, maxConcurrency: 2 } : e)) };
  ({ rt, adminKey } = await startWebhookRuntime({
    topology: narrow,
    log: memoryLog(),
    queueVisibilitySeconds: 30,
    idlePollMs: 20,
    env: {
      WEBHOOK_FAST_TIMEOUT_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '15000',
    },
  }));
});

afterAll(async () => {
  // Receivers first: open requests end, so the consumers can finish and the runtime stop.
  await Promise.allSettled(receivers.map((r) => r.close()));
  await rt?.close();
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
