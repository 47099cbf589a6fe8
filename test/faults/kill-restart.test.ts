// Fault (a): `npm start --data-dir` killed with SIGKILL (its whole process group) at seeded random points
// under load, restarted each time on the same data directory and port, while a post's webhook subscription
// receives the customs responses. Clients send a declaration again on any network error or 5xx.
// Nothing accepted may be lost: every accepted parcel gets a customs response and a signed notification.
//
// Environment given to the child: WEBHOOK_SWEEP_GRACE_SECONDS=2 (a webhook attempt that was claimed when the
// process died is queued again by the sweeper 2 s after its lease, instead of 120 s; the sweeper itself still
// runs every minute, as in `npm start`), and a per-key rate high enough that the load is not throttled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../helpers/api-client';
import { type ChildRuntime, freePort, startChildRuntime } from '../helpers/child-runtime';
import { answersOf, describeOutcome, faultSeed, type FaultReceiver, type Load, settle, startFaultReceiver, startLoad } from './support';
import { waitFor } from '../helpers/wait';
import { seededRandom } from '../helpers/random';

jest.setTimeout(240_000);

const KILLS = 3;
const seed = faultSeed(20_261_201);
const random = seededRandom(seed);
const ADMIN_KEY = 'ead_faults_admin_key_for_kill_tests_0001';
const dir = mkdtempSync(join(tmpdir(), 'ead-faults-kill-'));
const env = { WEBHOOK_SWEEP_GRACE_SECONDS: '2', API_KEY_RATE_PER_SECOND: '10000', API_KEY_BURST: '10000' };

let child: ChildRuntime | undefined;
let receiver: FaultReceiver | undefined;
let load: Load | undefined;

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  await child?.kill();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`loses no accepted parcel across ${KILLS} kill -9 and restarts (seed ${seed})`, async () => {
  // prepare: the runtime, a platform that submits, and the destination's post subscribed to customs responses
  const port = await freePort();
  const start = () => startChildRuntime({ adminKey: ADMIN_KEY, args: ['--data-dir', dir], port, env, readyTimeoutMs: 60_000 });
  child = await start();
  const api = new ApiClient(child.url);
  const platform = await api.createKey(ADMIN_KEY, { role: 'platform', tenantId: 'faults-kill-shop' });
  const post = await api.createKey(ADMIN_KEY, { role: 'post', country: 'FR' });
  receiver = await startFaultReceiver();
  const sub = await api.post('/v1/webhooks', post.key, { url: receiver.url, events: ['customs.response.issued'] });
  expect(sub.status).toBe(201);
  receiver.secret = sub.body.secret;
  load = startLoad({ baseUrl: () => child!.url, key: platform.key, firstSerial: 31_000_000, workers: 4, perParcelDeadlineMs: 120_000 });

  // act: each kill comes after a seeded random number of further accepted parcels (a point in the load, not a time)
  const killedAt: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    const target = load.accepted.size + 20 + Math.floor(random() * 60);
    await waitFor(() => load!.accepted.size >= target, `${target} accepted parcels before kill ${k + 1}`, 60_000, 20);
    killedAt.push(load.accepted.size);
    expect(await child.kill()).toBe('SIGKILL');
    child = await start();
  }
  const after = load.accepted.size + 30;
  await waitFor(() => load!.accepted.size >= after, 'more parcels after the last restart', 60_000, 20);
  await load.stop();

  // assess
  expect(load.failures).toEqual([]);
  const outcome = await settle({ baseUrl: child.url, key: platform.key, accepted: load.accepted, notified: receiver.notified, timeoutMs: 150_000 });
  console.log(
    describeOutcome(`kill -9 x${KILLS} (seed ${seed})`, outcome, `killed after ${killedAt.join(', ')} accepted; ${load.resent} declarations sent again; ${receiver.counts().invalid} bad signatures`),
  );
  if (outcome.stuck.length + outcome.lost.length > 0) console.log(`[faults] answers of the stuck or lost parcels: ${answersOf(load, [...outcome.stuck, ...outcome.lost])}`);
  expect(receiver.counts().invalid).toBe(0);
  expect(outcome.stuck).toEqual([]);
  expect(outcome.lost).toEqual([]);
  expect(outcome.accepted).toBeGreaterThan(KILLS * 20);
});
