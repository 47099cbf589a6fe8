// Hostile input over real HTTP against the local runtime in this process: malformed percent-escapes in path
// parameters, numbers DynamoDB cannot store, deep nesting and floods of validation errors. Each answers a
// problem (4xx) and changes nothing; none answers 5xx.
import { memoryLog } from '../../../infra/local/log';
import { type LocalRuntime } from '../../../infra/local/runtime';
import { topology } from '../../../infra/topology';
import { ApiClient, type ApiResponse } from '../../helpers/api-client';
import { s10Sequence } from '../../helpers/s10';
import { startWebhookRuntime } from '../../helpers/webhook-runtime';
import { validDeclaration } from '../../fixtures/declarations';

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

  it.each(['GET /v1/webhooks/{}', 'DELETE /v1/webhooks/{}', 'POST /v1/webhooks/{}/rotate-secret', 'GET /v1/webhooks/{}/deliveries', 'DELETE /v1/admin/api-keys/{}'])('%s with malformed escapes finds nothing', async (route) => {
    const [method, template] = route.split(' ') as [string, string];
    for (const seg of odd) expectProblem(await api.call(method, template.replace('{}', seg), { key: admin }), 404, 'NOT_FOUND');
  });

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
