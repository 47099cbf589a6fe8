// The deliveries table over the embedded DynamoDB: a record enters the sweeper's due index only once a retry is
// scheduled or an attempt claimed; the first attempt's log entry lives in the record (written by the update that
// ends it), and the deliveries log merges those with the attempt items, newest first, across pages.
import { provisionTable } from '#infra/local/provision';
import { WebhookDeliveryStore, deliveryKey, webhookDeliveriesTable } from '#shared/store/webhook-delivery-store';
import type { AttemptRecord, DeliveryRecord } from '#shared/webhooks/records';
import { type TestDynamo, startTestDynamo } from './dynamo';

let db: TestDynamo;
let store: WebhookDeliveryStore;
const T0 = Date.parse('2026-12-02T05:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, webhookDeliveriesTable('deliveries'));
  store = new WebhookDeliveryStore(db.doc, 'deliveries');
});
afterAll(() => db?.close());

const record = (sub: string, n: number): DeliveryRecord => ({
  subscriptionId: sub,
  sk: deliveryKey(at(n), `evt_${n}`),
  eventId: `evt_${n}`,
  eventType: 'customs.response.issued',
  itemId: `CP${String(n).padStart(9, '0')}DE`,
  eventCreatedAt: at(n),
  body: '{}',
  status: 'pending',
  cycle: 0,
  attempts: 0,
  nextAttemptAt: at(n),
  createdAt: at(n),
  updatedAt: at(n),
  expiresAt: Math.floor(T0 / 1000) + 86_400,
});
const entry = (n: number, attempt: number, s: number, outcome: AttemptRecord['outcome'] = 'delivered'): AttemptRecord => ({
  eventId: `evt_${n}`,
  eventType: 'customs.response.issued',
  itemId: `CP${String(n).padStart(9, '0')}DE`,
  cycle: 0,
  attempt,
  attemptedAt: at(s),
  latencyMs: 5,
  outcome,
});

describe('webhook delivery records', () => {
  it('getMany reads many records consistently, in the order asked, a key asked twice once, a missing one undefined', async () => {
    // Past one BatchGetItem's 100 keys.
    const recs = Array.from({ length: 105 }, (_, i) => record('wh_many', 1000 + i));
    await Promise.all(recs.map((r) => store.create(r)));
    await store.finish(recs[0]!.subscriptionId, recs[0]!.sk, { cycle: 0, attempts: 0 }, { status: 'delivered', updatedAt: at(2000), expiresAt: recs[0]!.expiresAt, attempts: 1 });
    const keys = [...recs.map((r) => ({ subscriptionId: r.subscriptionId, sk: r.sk })).reverse(), { subscriptionId: 'wh_many', sk: recs[5]!.sk }, { subscriptionId: 'wh_none', sk: recs[0]!.sk }];
    const got = await store.getMany(keys);
    expect(got).toHaveLength(keys.length);
    expect(got.slice(0, 105).map((r) => r?.eventId)).toEqual(recs.map((r) => r.eventId).reverse());
    expect(got[104]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(got[105]).toEqual(await store.get('wh_many', recs[5]!.sk));
    expect(got[106]).toBeUndefined();
  }, 30_000);

  it('a new record is not in the due index; a scheduled retry puts it there, finishing takes it out', async () => {
    const r = record('wh_due', 1);
    expect(await store.create(r)).toBe(true);
    expect(await store.create(r)).toBe(false);
    const due = async () => (await Promise.all(Array.from({ length: store.dueShards }, (_, n) => store.due(n, at(3600), 100)))).flat();
    expect(await due()).toEqual([]);
    const retry = { nextAttemptAt: at(10), sweepAt: at(20), updatedAt: at(2), lastError: 'HTTP 500', attempts: 1, log: entry(1, 1, 2, 'retrying') };
    expect(await store.schedule(r.subscriptionId, r.sk, { cycle: 0, attempts: 0 }, retry)).toBe(true);
    expect(await due()).toEqual([expect.objectContaining({ sk: r.sk, attempts: 1, sweepAt: at(20) })]);
    // the stored record does not show its log entry as a field of its own
    expect(await store.get(r.subscriptionId, r.sk)).not.toHaveProperty('firstLog');
    expect(await store.finish(r.subscriptionId, r.sk, { cycle: 0, attempts: 1 }, { status: 'delivered', updatedAt: at(11), expiresAt: r.expiresAt, attempts: 2 })).toBe(true);
    expect(await due()).toEqual([]);
    // a second finish expecting the old state changes nothing
    expect(await store.finish(r.subscriptionId, r.sk, { cycle: 0, attempts: 0 }, { status: 'failed', updatedAt: at(12), expiresAt: r.expiresAt, attempts: 1 })).toBe(false);
  });

  it('the log merges first attempts kept in their records with attempt items, newest first, page by page', async () => {
    const sub = 'wh_log';
    // prepare: events 1..5; 1, 3 and 5 delivered at once (logged in the record); 2 failed first (in its record),
    // then its retry (an item) at +100 s; 4 still pending, nothing logged
    for (const n of [1, 2, 3, 4, 5]) await store.create(record(sub, n));
    for (const n of [1, 3, 5]) {
      const r = record(sub, n);
      await store.finish(sub, r.sk, { cycle: 0, attempts: 0 }, { status: 'delivered', updatedAt: at(n + 1), expiresAt: r.expiresAt, attempts: 1, log: entry(n, 1, n + 1) });
    }
    const r2 = record(sub, 2);
    await store.schedule(sub, r2.sk, { cycle: 0, attempts: 0 }, { nextAttemptAt: at(100), sweepAt: at(110), updatedAt: at(3), attempts: 1, log: entry(2, 1, 3, 'retrying') });
    await store.logAttempt(sub, entry(2, 2, 100), r2.expiresAt);

    const all: AttemptRecord[] = [];
    let start: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await store.attempts(sub, 2, start);
      expect(page.items.length).toBeLessThanOrEqual(2);
      if (page.next) expect(store.isAttemptsPosition(sub, page.next)).toBe(true);
      all.push(...page.items);
      start = page.next;
    } while (start && ++pages < 10);
    expect(all.map((a) => `${a.eventId}/${a.attempt}`)).toEqual(['evt_2/2', 'evt_5/1', 'evt_3/1', 'evt_2/1', 'evt_1/1']);
    expect(store.isAttemptsPosition('wh_other', { subscriptionId: sub, a: '', e: '' })).toBe(false);
    expect(store.isAttemptsPosition(sub, { subscriptionId: sub, sk: 'A#x' })).toBe(false);
  });
});
