// The pipeline's refusals as a user meets them (CONTRACT sections 1 and 6): `npm start` as a child process, driven over
// HTTP only, with a key per role (test/helpers/pipeline-child.ts). Split from pipeline.test.ts, which has the rest.
import { randomBytes } from 'node:crypto';
import { clone, validDeclaration } from '../fixtures/declarations';
import { type ApiClient, type ApiResponse } from '../helpers/api-client';
import { expectProblem } from '../helpers/problems';
import { usePipelineChild } from '../helpers/pipeline-child';
import { s10Sequence } from '../helpers/s10';

jest.setTimeout(60_000);

const child = usePipelineChild();
const { ADMIN, keys, key } = child;
const nextId = s10Sequence(51_000_000);
let api: ApiClient;
beforeAll(() => {
  ({ api } = child);
});

describe('refusals', () => {
  it('401 without a key, with an unknown key, and with a revoked key', async () => {
    const k = await api.createKey(ADMIN, { role: 'platform', tenantId: 'shop-revoked' });
    expect((await api.get('/v1/parcels', k.key)).status).toBe(200);

    const revoked = await api.del(`/v1/admin/api-keys/${k.id}`, ADMIN);

    expect(revoked.status).toBe(204);
    expectProblem(await api.get('/v1/parcels'), 401, 'UNAUTHORIZED');
    expectProblem(await api.get('/v1/parcels', 'ead_' + randomBytes(32).toString('base64url')), 401, 'UNAUTHORIZED');
    expectProblem(await api.get('/v1/parcels', k.key), 401, 'UNAUTHORIZED');
    expectProblem(await api.del(`/v1/admin/api-keys/${k.id}x`, ADMIN), 404, 'NOT_FOUND');
  });

  it('403 for customs submitting and for a non-admin managing keys', async () => {
    expectProblem(await api.post('/v1/parcels', key('customsFR'), validDeclaration({ itemId: nextId() })), 403, 'FORBIDDEN');
    expectProblem(await api.post('/v1/admin/api-keys', key('shop1'), { role: 'admin' }), 403, 'FORBIDDEN');
    expectProblem(await api.del(`/v1/admin/api-keys/${keys.shop2!.id}`, key('postFR')), 403, 'FORBIDDEN');
    expect((await api.get('/v1/parcels', key('shop2'))).status).toBe(200); // not revoked by the refused call
  });

  it('400 for an invalid declaration, with every error and its JSON pointer', async () => {
    const d = clone(validDeclaration({ itemId: nextId(), totalValue: 99 })) as Record<string, any>;
    d.contents[0].hsCode = '999999';
    d.unknownField = true;

    const r = await api.post('/v1/parcels', key('shop1'), d);

    expectProblem(r, 400, 'INVALID_DECLARATION');
    expect(r.body.errors.length).toBeGreaterThanOrEqual(3);
    expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/contents/0/hsCode', '/totalValue']));
    for (const e of r.body.errors) expect(e).toEqual({ pointer: expect.stringMatching(/^(\/|$)/), code: expect.stringMatching(/^[A-Z_0-9]+$/), detail: expect.any(String) });
    expect((await api.get(`/v1/parcels/${d.itemId}`, key('shop1'))).status).toBe(404); // refused before it was stored
  });

  it('413 for a declaration over 64 KiB, 415 for text/plain, 400 for malformed JSON', async () => {
    const big = validDeclaration({ itemId: nextId(), comments: 'x'.repeat(70 * 1024) });

    expectProblem(await api.post('/v1/parcels', key('shop1'), big), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(
      await api.call('POST', '/v1/parcels', { key: key('shop1'), rawBody: JSON.stringify(validDeclaration({ itemId: nextId() })), contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(await api.call('POST', '/v1/parcels', { key: key('shop1'), rawBody: '{"itemId": "CP', contentType: 'application/json' }), 400, 'MALFORMED_JSON');
  });

  it('422 for a destination this region does not serve', async () => {
    const d = validDeclaration({
      itemId: nextId(),
      destinationCountry: 'US',
      recipient: { name: 'Joe Doe', address: { lines: ['1 Main St'], city: 'Boston', postcode: '02108', countryCode: 'US' }, phone: '+16175550100' },
    });

    expectProblem(await api.post('/v1/parcels', key('shop1'), d), 422, 'DESTINATION_NOT_SERVED');
  });

  it('429 with Retry-After once a key sends faster than its rate and burst allow', async () => {
    // The child runs with the region's limits (50/s, burst 100), which the other tests' polling needs, so send
    // concurrent waves until this key's bucket is empty; another key is not affected.
    const flood = await api.createKey(ADMIN, { role: 'platform', tenantId: 'shop-flood' });
    let throttled: ApiResponse | undefined;
    let sent = 0;
    while (!throttled && sent < 3_000) {
      const wave = await Promise.all(Array.from({ length: 100 }, () => api.get(`/v1/parcels/${'CP000000000DE'}`, flood.key)));
      sent += wave.length;
      throttled = wave.find((r) => r.status === 429);
    }

    expect(throttled).toBeDefined();
    expectProblem(throttled!, 429, 'THROTTLED');
    expect(Number(throttled!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await api.get('/v1/parcels?limit=1', key('shop2'))).status).toBe(200);
  });
});
