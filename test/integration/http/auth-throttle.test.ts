// Key guessing over real HTTP: after a burst of unknown or revoked keys from one address (here loopback, as the
// gateway fills requestContext.http.sourceIp from the socket), every request from it carrying a key answers 429
// problem+json with Retry-After, until the address's budget refills. This runtime allows a burst of 5 failures.
import { randomBytes } from 'node:crypto';
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ApiClient } from '#test/helpers/api-client';
import { startWebhookRuntime } from '#test/helpers/webhook-runtime';

jest.setTimeout(60_000);

let rt: LocalRuntime;
let api: ApiClient;
let admin: string;

beforeAll(async () => {
  const started = await startWebhookRuntime({ topology, log: memoryLog(), env: { AUTH_FAILURE_BURST: '5', AUTH_FAILURE_RATE_PER_SECOND: '0.02' } });
  rt = started.rt;
  admin = started.adminKey;
  api = new ApiClient(rt.url);
});
afterAll(async () => {
  await rt?.close();
});

const guess = () => 'ead_' + randomBytes(32).toString('base64url');

it('valid keys do not count; a burst of unknown and revoked keys then blocks the address with 429 and Retry-After', async () => {
  const k = await api.createKey(admin, { role: 'platform', tenantId: 'throttle-shop' });
  const revoked = await api.createKey(admin, { role: 'platform', tenantId: 'throttle-shop' });
  expect((await api.del(`/v1/admin/api-keys/${revoked.id}`, admin)).status).toBe(204);

  for (let i = 0; i < 30; i++) expect((await api.get('/v1/parcels?limit=1', k.key)).status).toBe(200);

  const first = [await api.get('/v1/parcels', revoked.key)];
  for (let i = 0; i < 4; i++) first.push(await api.get('/v1/parcels', guess()));
  for (const r of first) expect({ status: r.status, type: r.headers.get('content-type'), code: r.body.code }).toEqual({ status: 401, type: 'application/problem+json', code: 'UNAUTHORIZED' });

  const counts: Record<number, number> = {};
  for (let i = 0; i < 200; i++) {
    const r = await api.get('/v1/parcels', guess());
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status === 429) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.body.code).toBe('THROTTLED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  }
  // The refill (one failure per 50 s) may let one more guess through while this loop runs; no more.
  expect(counts[429]).toBeGreaterThanOrEqual(199);
  expect((counts[401] ?? 0) + counts[429]!).toBe(200);

  // While blocked, a valid key from the same address is not told apart from a guess; without a key it is still 401.
  expect((await api.get('/v1/parcels', k.key)).status).toBe(429);
  expect((await api.get('/v1/parcels')).status).toBe(401);
});
