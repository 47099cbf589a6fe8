// Hostile input over real HTTP against the local runtime in this process: malformed percent-escapes in path
// parameters, numbers DynamoDB cannot store, deep nesting and floods of validation errors. Each answers a
// problem (4xx) and changes nothing; none answers 5xx.
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ApiClient, type ApiResponse } from '#test/helpers/api-client';
import { s10Sequence } from '#test/helpers/s10';
import { startWebhookRuntime } from '#test/helpers/webhook-runtime';
import { waitFor } from '#test/helpers/wait';
import { validDeclaration } from '#test/fixtures/declarations';

jest.setTimeout(60_000);

let rt: LocalRuntime;
let api: ApiClient;
let admin: string;
let platform: string;
let customs: string;
const nextItemId = s10Sequence(71_300_000);

beforeAll(async () => {
  const started = await startWebhookRuntime({ topology, log: memoryLog() });
  rt = started.rt;
  admin = started.adminKey;
  api = new ApiClient(rt.url);
  platform = (await api.createKey(admin, { role: 'platform', tenantId: 'hardening-shop' })).key;
  customs = (await api.createKey(admin, { role: 'customs', country: 'FR' })).key;
});
afterAll(async () => {
  await rt?.close();
});

function expectProblem(r: ApiResponse, status: number, code: string): void {
  expect({ status: r.status, type: r.headers.get('content-type'), code: r.body?.code }).toEqual({ status, type: 'application/problem+json', code });
}

describe('path parameters with percent-escapes', () => {
  const odd = ['%25', '%ZZ', '%', '%E9', '%ED%A0%80', '%20', '%00', '%2F', 'a%2525b', '%C3%A9%F0%9F%93%A6'];

  it.each(odd)('GET /v1/parcels/%s finds nothing (404 problem)', async (seg) => {
    expectProblem(await api.get(`/v1/parcels/${seg}`, platform), 404, 'NOT_FOUND');
  });

  it.each(odd)('POST /v1/parcels/%s/decisions finds nothing (404 problem)', async (seg) => {
    expectProblem(await api.post(`/v1/parcels/${seg}/decisions`, customs, { code: 'DETAINED', reason: 'found' }), 404, 'NOT_FOUND');
  });

  it.each(['GET /v1/webhooks/{}', 'DELETE /v1/webhooks/{}', 'POST /v1/webhooks/{}/rotate-secret', 'GET /v1/webhooks/{}/deliveries', 'DELETE /v1/admin/api-keys/{}'])(
    '%s with malformed escapes finds nothing',
    async (route) => {
      const [method, template] = route.split(' ') as [string, string];
      for (const seg of odd) expectProblem(await api.call(method, template.replace('{}', seg), { key: admin }), 404, 'NOT_FOUND');
    },
  );

  it('decodes a parameter once: an escaped letter of an itemId still finds the parcel', async () => {
    const itemId = nextItemId();
    expect((await api.post('/v1/parcels', platform, validDeclaration({ itemId }))).status).toBe(202);
    const escaped = `${itemId.slice(0, 11)}%${itemId.charCodeAt(11).toString(16)}${itemId.slice(12)}`;
    const r = await api.get(`/v1/parcels/${escaped}`, platform);
    expect({ status: r.status, itemId: r.body.itemId }).toEqual({ status: 200, itemId });
    // `%25` is a literal '%' after one decode: never decoded a second time into something else
    expectProblem(await api.get(`/v1/parcels/${itemId.slice(0, 11)}%2544${itemId.slice(12)}`, platform), 404, 'NOT_FOUND');
  });
});

describe('numbers DynamoDB cannot store', () => {
  it.each([1e-131, 5e-324, -5e-324])('POST /v1/parcels with postage %p answers 400 NUMBER_NOT_STORABLE at /postage and stores nothing', async (postage) => {
    const itemId = nextItemId();
    const r = await api.post('/v1/parcels', platform, validDeclaration({ itemId, postage }));
    expectProblem(r, 400, 'INVALID_DECLARATION');
    expect(r.body.errors).toContainEqual(expect.objectContaining({ pointer: '/postage', code: 'NUMBER_NOT_STORABLE' }));
    expectProblem(await api.get(`/v1/parcels/${itemId}`, platform), 404, 'NOT_FOUND');
  });

  it('in a batch, only the entry with the number is rejected; the others are stored', async () => {
    const ids = [nextItemId(), nextItemId(), nextItemId()];
    const parcels = [validDeclaration({ itemId: ids[0] }), validDeclaration({ itemId: ids[1], insuredValue: 5e-324 }), validDeclaration({ itemId: ids[2] })];
    (parcels[2]!.contents[0] as { netWeightKg: number }).netWeightKg = 1e-200;
    const r = await api.post('/v1/parcel-batches', platform, { parcels });
    expect(r.status).toBe(202);
    expect(r.body.results).toEqual([
      expect.objectContaining({ index: 0, itemId: ids[0], status: 'RECEIVED' }),
      expect.objectContaining({ index: 1, status: 'REJECTED', code: 'INVALID_DECLARATION', errors: [expect.objectContaining({ pointer: '/insuredValue', code: 'NUMBER_NOT_STORABLE' })] }),
      expect.objectContaining({
        index: 2,
        status: 'REJECTED',
        code: 'INVALID_DECLARATION',
        errors: expect.arrayContaining([expect.objectContaining({ pointer: '/contents/0/netWeightKg', code: 'NUMBER_NOT_STORABLE' })]),
      }),
    ]);
    expect((await api.get(`/v1/parcels/${ids[0]}`, platform)).status).toBe(200);
    expect((await api.get(`/v1/parcels/${ids[1]}`, platform)).status).toBe(404);
    expect((await api.get(`/v1/parcels/${ids[2]}`, platform)).status).toBe(404);
  });

  it('the smallest storable magnitude is accepted, stored and assessed', async () => {
    const itemId = nextItemId();
    expect((await api.post('/v1/parcels', platform, validDeclaration({ itemId, postage: 1e-130 }))).status).toBe(202);
    const parcel = await waitFor(async () => {
      const r = await api.get(`/v1/parcels/${itemId}`, platform);
      return r.body?.customsResponse ? r.body : undefined;
    }, `a customs response for ${itemId}`);
    expect(parcel.declaration.postage).toBe(1e-130);
  });
});

describe('deep nesting', () => {
  const deep = (levels: number) => '['.repeat(levels) + '1' + ']'.repeat(levels);

  it.each([
    ['POST', '/v1/parcels', (d: string) => JSON.stringify(validDeclaration({ itemId: 'CP719248650DE' })).replace('"postage":9.5', `"postage":${d}`)],
    ['POST', '/v1/parcel-batches', (d: string) => `{"parcels":[${d}]}`],
    ['POST', '/v1/parcel-batches', (d: string) => `{"parcels":[${JSON.stringify(validDeclaration({ itemId: 'CP719248650DE' })).replace('"postage":9.5', `"postage":${d}`)}]}`],
    ['POST', '/v1/admin/api-keys', (d: string) => `{"role":${d}}`],
    ['POST', '/v1/webhooks', (d: string) => `{"url":"https://example.com","events":${d}}`],
    ['POST', '/v1/parcels/CP719248650DE/decisions', (d: string) => `{"code":${d}}`],
  ])('%s %s nested 5,000 levels deep answers 400 JSON_TOO_DEEP', async (method, path, body) => {
    const r = await api.call(method, path, { key: admin, rawBody: body(deep(5000)) });
    expectProblem(r, 400, 'JSON_TOO_DEEP');
  });

  it('a batch of 500 entries each nested 40 levels is refused as a whole and stores nothing', async () => {
    const r = await api.call('POST', '/v1/parcel-batches', { key: platform, rawBody: `{"parcels":[${Array.from({ length: 500 }, () => deep(40)).join(',')}]}` });
    expectProblem(r, 400, 'JSON_TOO_DEEP');
  });
});

describe('floods of validation errors', () => {
  const badLine = { description: '', quantity: 0, netWeightKg: 0, value: -1 };
  const bad = (itemId: string) => ({ ...validDeclaration({ itemId }), contents: Array.from({ length: 620 }, () => badLine) });

  it('one declaration with 620 bad lines lists the first 50 errors and counts them', async () => {
    const r = await api.post('/v1/parcels', platform, bad(nextItemId()));
    expectProblem(r, 400, 'INVALID_DECLARATION');
    expect(r.body.errors).toHaveLength(50);
    expect(r.body.errorCount).toBe(1000);
    expect(r.body.errors[0]).toEqual(expect.objectContaining({ pointer: '/contents/0/description', code: 'TOO_SHORT' }));
  });

  it('a batch of 89 such declarations answers well under 1 MB, each entry with its first 50 errors and errorCount', async () => {
    const ids = Array.from({ length: 89 }, () => nextItemId());
    const r = await api.post('/v1/parcel-batches', platform, { parcels: ids.map(bad) });
    expect(r.status).toBe(202);
    expect(Buffer.byteLength(r.text)).toBeLessThan(500_000);
    expect(r.body.results).toHaveLength(89);
    for (const [i, result] of (r.body.results as any[]).entries()) {
      expect(result).toMatchObject({ index: i, status: 'REJECTED', code: 'INVALID_DECLARATION', errorCount: 1000 });
      expect(result.errors).toHaveLength(50);
    }
  });

  it('a short list is complete, and its count matches it', async () => {
    const d = validDeclaration({ itemId: nextItemId(), totalValue: 51 });
    const r = await api.post('/v1/parcels', platform, d);
    expectProblem(r, 400, 'INVALID_DECLARATION');
    expect(r.body).toMatchObject({ errorCount: 1, errors: [expect.objectContaining({ pointer: '/totalValue', code: 'TOTAL_VALUE_MISMATCH' })] });
  });
});
