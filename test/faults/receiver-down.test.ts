// Fault (b): the webhook receiver goes down under load for a (scaled) minute, first answering 503, then
// refusing connections, and comes back. (Its circuit breaker opens within the first failures, so most attempts
// of the outage wait for its cooldown rather than reach the receiver.) Every accepted parcel must still be notified, with a valid signature.
//
// Scaled: WEBHOOK_RETRY_SCALE=0.25 multiplies the retry schedule and the circuit breaker's cooldown, so the
// outage of 15 s here stands for a minute at full scale (retries at ~0.75 s, 3.75 s, 15 s, 75 s, ...).
// The local runtime runs in this process with the sweeper every 500 ms and short queue visibility.
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ApiClient } from '../helpers/api-client';
import { startWebhookRuntime } from '../helpers/webhook-runtime';
import { answersOf, describeOutcome, type FaultReceiver, holdFor, type Load, settle, startFaultReceiver, startLoad } from './support';
import { waitFor } from '../helpers/wait';

jest.setTimeout(180_000);

const SCALE = 0.25;
const OUTAGE_MS = 60_000 * SCALE;

let rt: LocalRuntime | undefined;
let receiver: FaultReceiver | undefined;
let load: Load | undefined;

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  await receiver?.close();
  await rt?.close();
});

it('notifies every accepted parcel after the receiver was down for a scaled minute', async () => {
  // prepare
  let adminKey: string;
  ({ rt, adminKey } = await startWebhookRuntime({
    topology,
    log: memoryLog(),
    queueVisibilitySeconds: 5,
    scheduleIntervalMs: 500,
    idlePollMs: 20,
    env: { WEBHOOK_RETRY_SCALE: String(SCALE), WEBHOOK_SWEEP_GRACE_SECONDS: '2', API_KEY_RATE_PER_SECOND: '10000', API_KEY_BURST: '10000' },
  }));
  const api = new ApiClient(rt.url);
  const platform = await api.createKey(adminKey, { role: 'platform', tenantId: 'faults-down-shop' });
  const customs = await api.createKey(adminKey, { role: 'customs', country: 'FR' });
  receiver = await startFaultReceiver();
  const sub = await api.post('/v1/webhooks', customs.key, { url: receiver.url, events: ['customs.response.issued'] });
  expect(sub.status).toBe(201);
  receiver.secret = sub.body.secret;
  load = startLoad({ baseUrl: () => rt!.url, key: platform.key, firstSerial: 32_000_000, workers: 2, perParcelDeadlineMs: 60_000 });
  await waitFor(() => receiver!.notified.size >= 20, 'the first notifications', 30_000);

  // act: down (503, then connections refused) while parcels keep coming, then back
  await receiver.set('unavailable');
  await holdFor(OUTAGE_MS / 2);
  const during = receiver.counts();
  await receiver.set('refusing');
  await holdFor(OUTAGE_MS / 2);
  const acceptedWhileDown = load.accepted.size - [...load.accepted].filter((id) => receiver!.notified.has(id)).length;
  await receiver.set('healthy');
  const acceptedAtRecovery = load.accepted.size;
  await waitFor(() => load!.accepted.size >= acceptedAtRecovery + 20, 'more parcels after the receiver is back', 30_000);
  await load.stop();

  // assess
  expect(load.failures).toEqual([]);
  expect(during.refused503).toBeGreaterThan(0); // deliveries met the outage
  expect(acceptedWhileDown).toBeGreaterThan(0); // parcels were waiting for the receiver when it came back
  const outcome = await settle({ baseUrl: rt.url, key: platform.key, accepted: load.accepted, notified: receiver.notified, timeoutMs: 120_000 });
  console.log(
    describeOutcome(
      `receiver down ${OUTAGE_MS / 1000} s (a minute at WEBHOOK_RETRY_SCALE=${SCALE})`,
      outcome,
      `${during.refused503} deliveries answered 503, ${acceptedWhileDown} parcels not yet notified when it came back; ${receiver.counts().invalid} bad signatures`,
    ),
  );
  if (outcome.stuck.length + outcome.lost.length > 0) console.log(`[faults] answers of the stuck or lost parcels: ${answersOf(load, [...outcome.stuck, ...outcome.lost])}`);
  expect(receiver.counts().invalid).toBe(0);
  expect(outcome.stuck).toEqual([]);
  expect(outcome.lost).toEqual([]);
});
