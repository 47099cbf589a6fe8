// Fault (c): DynamoDB requests fail for a while, then SQS requests, through the fault proxies between the
// functions and the embedded services (provisioning and the pollers keep their direct clients), while parcels
// keep coming. Clients send a declaration again on any 5xx (QUEUE_UNAVAILABLE included), 429 or network error.
// Every accepted parcel must get its customs response and be notified.
//
// In this process, with queue visibility 3 s (a failed message is back in 3 s; 5 receives before the DLQ, so an
// outage shorter than ~15 s sends nothing there), the sweeper every 500 ms with a 2 s grace, and retries of
// webhook deliveries scaled down (WEBHOOK_RETRY_SCALE=0.05). One runtime; each outage has its own parcels.
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ApiClient } from '../helpers/api-client';
import { startWebhookRuntime } from '../helpers/webhook-runtime';
import { answersOf, describeOutcome, type FaultReceiver, holdFor, type Load, settle, startFaultReceiver, startLoad } from './support';
import { waitFor } from '../helpers/wait';

jest.setTimeout(150_000);

const OUTAGE_MS = 5_000;

let rt: LocalRuntime;
let platformKey: string;
let receiver: FaultReceiver | undefined;
let load: Load | undefined;

beforeAll(async () => {
  let adminKey: string;
  ({ rt, adminKey } = await startWebhookRuntime({
    topology,
    log: memoryLog(),
    faults: true,
    queueVisibilitySeconds: 3,
    scheduleIntervalMs: 500,
    idlePollMs: 20,
    // The functions log every injected failure as an error: expected here, and counted by the test instead.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', WEBHOOK_RETRY_SCALE: '0.05', WEBHOOK_SWEEP_GRACE_SECONDS: '2', API_KEY_RATE_PER_SECOND: '10000', API_KEY_BURST: '10000' },
  }));
  const api = new ApiClient(rt.url);
  platformKey = (await api.createKey(adminKey, { role: 'platform', tenantId: 'faults-services-shop' })).key;
  const post = await api.createKey(adminKey, { role: 'post', country: 'FR' });
  receiver = await startFaultReceiver();
  const sub = await api.post('/v1/webhooks', post.key, { url: receiver.url, events: ['customs.response.issued'] });
  if (sub.status !== 201) throw new Error(`subscribing: ${sub.status} ${sub.text}`);
  receiver.secret = sub.body.secret;
});

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  rt?.faults?.dynamodb.set('pass');
  rt?.faults?.sqs.set('pass');
  await receiver?.close();
  await rt?.close();
});

/** Parcels before, during and after `outage` (which switches a fault on and off); the count once all is settled. */
async function underLoad(firstSerial: number, outage: () => Promise<void>) {
  load = startLoad({ baseUrl: () => rt.url, key: platformKey, firstSerial, workers: 3, perParcelDeadlineMs: 60_000 });
  const l = load;
  await waitFor(() => l.accepted.size >= 20, 'parcels accepted before the outage', 30_000);
  await outage();
  const mark = l.accepted.size;
  await waitFor(() => l.accepted.size >= mark + 20, 'parcels accepted after the outage', 30_000);
  await l.stop();
  expect(l.failures).toEqual([]);
  const outcome = await settle({ baseUrl: rt.url, key: platformKey, accepted: l.accepted, notified: receiver!.notified, timeoutMs: 90_000 });
  if (outcome.stuck.length + outcome.lost.length > 0) console.log(`[faults] answers of the stuck parcels: ${answersOf(l, outcome.stuck)}`);
  return { outcome, resent: l.resent };
}

/** What each outage must leave: requests failed (the fault was real), every delivery signed, none stuck, none lost. */
function expectNoneLost(service: 'DynamoDB' | 'SQS', failed: number, { outcome, resent }: Awaited<ReturnType<typeof underLoad>>): void {
  console.log(describeOutcome(`${service} failing ${OUTAGE_MS / 1000} s`, outcome, `${failed} ${service} requests failed; ${resent} declarations sent again`));
  expect(failed).toBeGreaterThan(0);
  expect(receiver!.counts().invalid).toBe(0);
  expect(outcome.stuck).toEqual([]);
  expect(outcome.lost).toEqual([]);
}

it('loses no accepted parcel while DynamoDB fails for a while', async () => {
  const faults = rt.faults!;
  const run = await underLoad(33_000_000, async () => {
    faults.dynamodb.set('error'); // 500 InternalServerError to every call
    await holdFor(OUTAGE_MS);
    faults.dynamodb.set('pass');
  });
  expectNoneLost('DynamoDB', faults.dynamodb.counts().failed, run);
});

it('then loses no accepted parcel while SQS fails for a while', async () => {
  const faults = rt.faults!;
  const run = await underLoad(34_000_000, async () => {
    faults.sqs.set('unavailable'); // 503 ServiceUnavailable
    await holdFor(OUTAGE_MS / 2);
    faults.sqs.set('drop', { ratio: 0.7 }); // most connections dropped without an answer
    await holdFor(OUTAGE_MS / 2);
    faults.sqs.set('pass');
  });
  expectNoneLost('SQS', faults.sqs.counts().failed, run);
});
