// Webhooks end to end: the local runtime in this process (real topology, pollers, sweeper timer),
// driven over HTTP, with real receivers on 127.0.0.1 verifying signatures with `standardwebhooks`.
// Retry delays are scaled down (WEBHOOK_RETRY_SCALE=0.001) and SQS delays above 1 s are parked for the
// sweeper (WEBHOOK_MAX_QUEUE_DELAY_SECONDS=1), so both retry paths run in seconds.
import { memoryLog } from '#infra/local/log';
import { topology } from '#infra/topology';
import { type Receiver } from './webhooks-receiver';
import { type WebhookSession, useWebhookRuntime, waitFor as waitForDeadline } from '../helpers/e2e';

jest.setTimeout(60_000);

const log = memoryLog();

/** Polls with a deadline; deliveries here need longer than the shared default. */
const waitFor = <T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000) => waitForDeadline(probe, what, timeoutMs);

// The shared session's calls, under the names this file has always used.
const call: WebhookSession['call'] = (...a) => runtime.session.call(...a);
const keyFor: WebhookSession['keyFor'] = (...a) => runtime.session.keyFor(...a);
const receiver: WebhookSession['receiver'] = (...a) => runtime.session.receiver(...a);
const subscribe: WebhookSession['subscribe'] = (...a) => runtime.session.subscribe(...a);
const submit: WebhookSession['submit'] = (...a) => runtime.session.submit(...a);
const attemptsOf: WebhookSession['attemptsOf'] = (...a) => runtime.session.attemptsOf(...a);
const eventsFor = (r: Receiver, secret: string, itemId: string) => r.verified(secret).filter((e) => e.data.itemId === itemId);

const runtime = useWebhookRuntime({
  topology,
  log,
  queueVisibilitySeconds: 2,
  scheduleIntervalMs: 200,
  idlePollMs: 20,
  env: {
    WEBHOOK_RETRY_SCALE: '0.001',
    WEBHOOK_MAX_QUEUE_DELAY_SECONDS: '1',
  },
});

describe('delivery', () => {
  it('delivers customs.response.issued for a submitted parcel, signed per Standard Webhooks, with what a filer may see', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-a' });
    const hooks = await receiver();
    const sub = await subscribe(key, hooks.url);
    const itemId = await submit(key);

    const [event] = await waitFor(() => eventsFor(hooks, sub.secret, itemId).length > 0 && eventsFor(hooks, sub.secret, itemId), 'the customs response to arrive');
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'customs.response.issued',
      createdAt: expect.any(String),
      data: expect.objectContaining({
        itemId,
        version: 1,
        sequence: expect.any(Number),
        status: 'RELEASED',
        customsResponse: expect.objectContaining({ code: 'RELEASED', issuedBy: 'risk-engine' }),
        assessment: { rulesetVersion: expect.any(String), assessedAt: expect.any(String), hits: [] },
      }),
    });
    expect(hooks.received[0]!.headers['webhook-id']).toBe(event!.id);
    expect(hooks.received[0]!.headers['content-type']).toBe('application/json');
    const attempts = await waitFor(async () => (await attemptsOf(key, sub.id)).filter((a) => a.outcome === 'delivered').length === 1 && attemptsOf(key, sub.id), 'the attempt in the log');
    expect(attempts).toEqual([
      expect.objectContaining({ eventId: event!.id, eventType: 'customs.response.issued', itemId, attempt: 1, statusCode: 204, latencyMs: expect.any(Number), outcome: 'delivered' }),
    ]);
  });

  it('retries a failing receiver with the same webhook-id until it answers 2xx, logging every attempt', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-retry' });
    const hooks = await receiver((n) => ({ status: n < 2 ? 500 : 200 }));
    const sub = await subscribe(key, hooks.url);
    const itemId = await submit(key);

    await waitFor(() => hooks.received.length >= 3, 'three attempts');
    const ids = hooks.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(eventsFor(hooks, sub.secret, itemId)).toHaveLength(3);
    const attempts = await waitFor(async () => {
      const a = await attemptsOf(key, sub.id);
      return a.length === 3 && a;
    }, 'three attempts in the log');
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [3, 200, 'delivered'],
      [2, 500, 'retrying'],
      [1, 500, 'retrying'],
    ]);
    expect(attempts.every((a) => a.eventId === ids[0])).toBe(true);
    expect(attempts[2]).toMatchObject({ error: 'HTTP 500', nextAttemptAt: expect.any(String) });
  });

  it('honours Retry-After (a wait longer than the queue may delay goes through the sweeper)', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-later' });
    const hooks = await receiver((n) => (n === 0 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 }));
    const sub = await subscribe(key, hooks.url);
    await submit(key);

    await waitFor(() => hooks.received.length >= 2, 'the retry');
    const [first, second] = await waitFor(async () => {
      const a = await attemptsOf(key, sub.id);
      return a.length === 2 && [a[1], a[0]];
    }, 'both attempts in the log');
    expect(first).toMatchObject({ statusCode: 503, outcome: 'retrying' });
    expect(Date.parse(first.nextAttemptAt) - Date.parse(first.attemptedAt)).toBeGreaterThanOrEqual(2000);
    expect(Date.parse(second.attemptedAt)).toBeGreaterThanOrEqual(Date.parse(first.nextAttemptAt));
    expect(second).toMatchObject({ statusCode: 200, outcome: 'delivered' });
  });

  it('disables a subscription whose endpoint answers 410, and sends it nothing more', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-gone' });
    const gone = await receiver(() => ({ status: 410 }));
    const healthy = await receiver();
    const sub = await subscribe(key, gone.url);
    await submit(key);
    const disabled = await waitFor(async () => {
      const w = await call(key, 'GET', `/v1/webhooks/${sub.id}`);
      return w.body.status === 'disabled' && w.body;
    }, 'the subscription to be disabled');
    expect(disabled.disabledReason).toMatch(/410/);
    expect(await attemptsOf(key, sub.id)).toEqual([expect.objectContaining({ statusCode: 410, outcome: 'disabled' })]);

    const other = await subscribe(key, healthy.url);
    const later = await submit(key);
    await waitFor(() => eventsFor(healthy, other.secret, later).length > 0, 'the next parcel at the healthy receiver');
    expect(gone.received).toHaveLength(1);
    expect((await call(key, 'POST', `/v1/webhooks/${sub.id}/replay`, { since: '2020-01-01T00:00:00Z' })).body.code).toBe('WEBHOOK_DISABLED');
  });

  it('a hanging endpoint does not hold back a healthy one', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-hang' });
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    await subscribe(key, hanging.url);
    const good = await subscribe(key, healthy.url);
    const items = [await submit(key), await submit(key), await submit(key), await submit(key)];

    await waitFor(() => items.every((i) => eventsFor(healthy, good.secret, i).length > 0), 'every parcel at the healthy receiver');
    // The hanging receiver still holds requests it never answered: the healthy deliveries did not wait for them.
    expect(hanging.open()).toBeGreaterThan(0);
  });
});

describe('secrets', () => {
  it('rotation: during the overlap, both the old and the new secret verify', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-rotate' });
    const hooks = await receiver();
    const sub = await subscribe(key, hooks.url);
    const before = await submit(key);
    await waitFor(() => eventsFor(hooks, sub.secret, before).length > 0, 'an event signed by the first secret');

    const rotated = await call(key, 'POST', `/v1/webhooks/${sub.id}/rotate-secret`);
    expect(rotated).toMatchObject({ status: 200, body: { id: sub.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) } });
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(sub.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const after = await submit(key);
    await waitFor(() => eventsFor(hooks, newSecret, after).length > 0, 'an event signed by the new secret');
    expect(eventsFor(hooks, sub.secret, after)).toHaveLength(1);
    const last = hooks.received.find((r) => JSON.parse(r.body).data.itemId === after)!;
    expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(eventsFor(hooks, newSecret, before)).toHaveLength(0);
  });

  it('shows the secret only when it is made', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-once' });
    const sub = await subscribe(key, (await receiver()).url);
    const read = await call(key, 'GET', `/v1/webhooks/${sub.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    const listed = await call(key, 'GET', '/v1/webhooks');
    expect(listed.body.items.map((w: any) => w.id)).toEqual([sub.id]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect((await call(key, 'DELETE', `/v1/webhooks/${sub.id}`)).status).toBe(204);
    expect((await call(key, 'GET', `/v1/webhooks/${sub.id}`)).status).toBe(404);
  });
});

describe('replay', () => {
  it('re-sends the events since a time, with their original ids', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-replay' });
    const hooks = await receiver();
    const sub = await subscribe(key, hooks.url);
    const since = new Date(Date.now() - 1000).toISOString();
    const itemId = await submit(key);
    const [original] = await waitFor(() => eventsFor(hooks, sub.secret, itemId).length > 0 && eventsFor(hooks, sub.secret, itemId), 'the first delivery');

    const replay = await call(key, 'POST', `/v1/webhooks/${sub.id}/replay`, { since });
    expect(replay).toMatchObject({ status: 202, body: { replayed: 1 } });
    const both = await waitFor(() => eventsFor(hooks, sub.secret, itemId).length >= 2 && eventsFor(hooks, sub.secret, itemId), 'the replayed delivery');
    expect(both[1]).toEqual(original);
    const attempts = await waitFor(async () => {
      const a = await attemptsOf(key, sub.id);
      return a.length === 2 && a;
    }, 'the replayed attempt in the log');
    expect(attempts[0]).toMatchObject({ eventId: original!.id, outcome: 'delivered', replay: true, attempt: 1 });

    const future = await call(key, 'POST', `/v1/webhooks/${sub.id}/replay`, { since: new Date(Date.now() + 60_000).toISOString() });
    expect(future.body.replayed).toBe(0);
  });
});

describe('URL safety', () => {
  it.each([
    ['https://169.254.169.254/latest/meta-data/', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['http://169.254.169.254/latest/meta-data/', 422, 'WEBHOOK_URL_NOT_HTTPS'],
    ['https://10.0.0.1/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://172.16.5.4/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://192.168.0.1/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://100.64.0.1/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fd00:ec2::254]/latest/meta-data/', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fe80::1]/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[fc00::1]/hook', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::ffff:169.254.169.254]/', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://[::ffff:a00:1]/', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['https://0.0.0.0/', 422, 'WEBHOOK_URL_FORBIDDEN_ADDRESS'],
    ['http://hooks.example.com/ead', 422, 'WEBHOOK_URL_NOT_HTTPS'],
    ['ftp://127.0.0.1/', 422, 'WEBHOOK_URL_NOT_HTTPS'],
    ['https://user:secret@127.0.0.1/', 400, 'WEBHOOK_URL_INVALID'],
  ])('refuses %s with %i %s, without connecting', async (url, status, code) => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-ssrf' });
    const r = await call(key, 'POST', '/v1/webhooks', { url, events: ['customs.response.issued'] });
    expect(r).toMatchObject({ status, body: { code, status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) } });
    expect((await call(key, 'GET', '/v1/webhooks')).body.items).toEqual([]);
  });

  it('refuses requests that are not subscriptions', async () => {
    const { key } = await keyFor({ role: 'platform', tenantId: 'wh-shop-bad' });
    expect((await call(key, 'POST', '/v1/webhooks', { url: 'https://8.8.8.8/' })).body.code).toBe('INVALID_REQUEST');
    expect((await call(key, 'POST', '/v1/webhooks', { url: 'https://8.8.8.8/', events: ['parcel.exploded'] })).body.code).toBe('INVALID_REQUEST');
  });
});

describe('isolation', () => {
  it('each owner receives only the parcels it may see; others get 404 for its subscriptions', async () => {
    const shop1 = await keyFor({ role: 'platform', tenantId: 'wh-iso-1' });
    const shop2 = await keyFor({ role: 'platform', tenantId: 'wh-iso-2' });
    const customsFr = await keyFor({ role: 'customs', country: 'FR' });
    const customsIt = await keyFor({ role: 'customs', country: 'IT' });
    const [r1, r2, rFr, rIt] = [await receiver(), await receiver(), await receiver(), await receiver()];
    const [s1, s2, sFr, sIt] = [await subscribe(shop1.key, r1.url), await subscribe(shop2.key, r2.url), await subscribe(customsFr.key, rFr.url), await subscribe(customsIt.key, rIt.url)];

    const toFr = await submit(shop1.key, { destinationCountry: 'FR' });
    const toIt = await submit(shop2.key, {
      destinationCountry: 'IT',
      recipient: { name: 'Giulia Rossi', address: { lines: ['Via Roma 1'], city: 'Roma', postcode: '00100', countryCode: 'IT' }, phone: '+390612345678' },
    });
    await waitFor(
      () => eventsFor(r1, s1.secret, toFr).length && eventsFor(rFr, sFr.secret, toFr).length && eventsFor(r2, s2.secret, toIt).length && eventsFor(rIt, sIt.secret, toIt).length,
      'each parcel at its receivers',
    );
    // A later parcel of shop-2 arriving shows that shop-1's deliveries, queued together with the others, are done.
    const sentinel = await submit(shop2.key, {
      destinationCountry: 'IT',
      recipient: { name: 'Marco Bianchi', address: { lines: ['Via Po 2'], city: 'Torino', postcode: '10100', countryCode: 'IT' }, phone: '+390111234567' },
    });
    await waitFor(() => eventsFor(r2, s2.secret, sentinel).length > 0, 'the sentinel parcel');

    const itemIds = (r: Receiver) => new Set(r.received.map((x) => JSON.parse(x.body).data.itemId));
    expect(itemIds(r1).has(toIt)).toBe(false);
    expect(itemIds(r2).has(toFr)).toBe(false);
    expect(itemIds(rFr).has(toIt)).toBe(false);
    expect(itemIds(rIt).has(toFr)).toBe(false);

    expect((await call(shop2.key, 'GET', `/v1/webhooks/${s1.id}`)).status).toBe(404);
    expect((await call(customsIt.key, 'GET', `/v1/webhooks/${sFr.id}/deliveries`)).status).toBe(404);
    expect((await call(shop2.key, 'DELETE', `/v1/webhooks/${s1.id}`)).status).toBe(404);
    expect((await call(shop2.key, 'POST', `/v1/webhooks/${s1.id}/rotate-secret`)).status).toBe(404);
    expect((await call(runtime.adminKey, 'GET', `/v1/webhooks/${s1.id}`)).status).toBe(200);
    const otherShop1Key = await keyFor({ role: 'platform', tenantId: 'wh-iso-1' });
    expect((await call(otherShop1Key.key, 'GET', `/v1/webhooks/${s1.id}`)).status).toBe(200);
  });
});

describe('customs decisions', () => {
  it('delivers a decision as customs.response.issued', async () => {
    const shop = await keyFor({ role: 'platform', tenantId: 'wh-shop-decided' });
    const customs = await keyFor({ role: 'customs', country: 'FR' });
    const hooks = await receiver();
    const sub = await subscribe(customs.key, hooks.url);
    const itemId = await submit(shop.key, { destinationCountry: 'FR' });
    const [first] = await waitFor(() => eventsFor(hooks, sub.secret, itemId).length > 0 && eventsFor(hooks, sub.secret, itemId), 'the risk engine response');

    const decided = await call(customs.key, 'POST', `/v1/parcels/${itemId}/decisions`, { code: 'DETAINED', reason: 'Counterfeit goods found on inspection' });
    expect(decided.status).toBe(201);
    const decision = await waitFor(() => eventsFor(hooks, sub.secret, itemId).find((e) => e.data.customsResponse?.code === 'DETAINED'), 'the decision');
    expect(decision).toMatchObject({
      type: 'customs.response.issued',
      data: { itemId, status: 'DETAINED', customsResponse: { code: 'DETAINED', issuedBy: customs.id, reasons: ['Counterfeit goods found on inspection'] } },
    });
    expect(decision.data.sequence).toBeGreaterThan(first!.data.sequence);
    expect(decision.id).not.toBe(first!.id);
  });
});
