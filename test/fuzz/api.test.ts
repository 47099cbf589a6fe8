// Fuzzing the public API over real HTTP, against the local runtime in this process. Requests are generated from
// the OpenAPI document (every path and method, its parameters) and its schemas (which come from the zod schemas
// that validate requests), then mutated; sent with keys of each role created through the API, with no key and
// with bad keys. Whatever is sent, no answer is 5xx, every error is a problem with a known code, and no body
// shows internals (see ./support/check.ts). `npm test` runs a fixed seed and count; `npm run fuzz` runs more.
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { memoryLog } from '#infra/local/log';
import { MAX_PAYLOAD_BYTES } from '#infra/local/gateway';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { EXAMPLE_DECLARATION } from '#shared/ead/example';
import { validDeclaration } from '../fixtures/declarations';
import { ApiClient } from '../helpers/api-client';
import { s10Sequence } from '../helpers/s10';
import { startWebhookRuntime } from '../helpers/webhook-runtime';
import { GATEWAY_NOT_FOUND, GATEWAY_TOO_LARGE, Tally, checkAnswer } from './support/check';
import { RUNS, SEED, fcParams, replayHint } from './support/config';
import { type RawRequest, type RawResponse, rawClient } from './support/http';
import { bodyText, contentType, enc, mutated, oddString, pathSegment, queryString } from './support/mutations';
import { type FuzzRoute, arbitraryFor, fuzzRoutes } from './support/openapi';

jest.setTimeout(300_000);

const log = memoryLog();
const tally = new Tally();
const routes = fuzzRoutes();
const nextItemId = s10Sequence(64_000_000 + (SEED % 1_000_000) * 10);

let rt: LocalRuntime;
let client: ReturnType<typeof rawClient>;
let receiver: Server;
let receiverUrl: string;
/** Authorization headers by principal; `bad-*` are keys that do not exist or are not keys. */
const principals: Record<string, Record<string, string>> = {};
const known = { itemIds: [] as string[], webhookIds: [] as string[], keyIds: [] as string[] };

beforeAll(async () => {
  // A receiver on loopback for the webhooks the fuzz creates: deliveries never leave this machine.
  receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  // Throttling would answer most of the fuzz 429 (it is tested on its own): lift the limits here.
  const started = await startWebhookRuntime({
    topology,
    log,
    env: { API_KEY_RATE_PER_SECOND: '100000', API_KEY_BURST: '100000', AUTH_FAILURE_RATE_PER_SECOND: '100000', AUTH_FAILURE_BURST: '100000' },
  });
  rt = started.rt;
  client = rawClient(rt.url);
  const api = new ApiClient(rt.url);
  const admin = (await api.createKey(started.adminKey, { role: 'admin' })).key;
  const keys = {
    platform: (await api.createKey(admin, { role: 'platform', tenantId: 'fuzz-shop' })).key,
    post: (await api.createKey(admin, { role: 'post', country: 'FR' })).key,
    customs: (await api.createKey(admin, { role: 'customs', country: 'FR' })).key,
    admin,
  };
  for (const [role, key] of Object.entries(keys)) principals[role] = { authorization: `Bearer ${key}` };
  principals['post-x-api-key'] = { 'x-api-key': keys.post };
  principals.none = {};
  principals['bad-unknown'] = { authorization: `Bearer ead_${randomBytes(32).toString('base64url')}` };
  principals['bad-basic'] = { authorization: 'Basic dXNlcjpwYXNz' };
  principals['bad-long'] = { 'x-api-key': 'k'.repeat(5000) };

  for (let i = 0; i < 3; i++) {
    const itemId = nextItemId();
    const r = await api.post('/v1/parcels', keys.platform, validDeclaration({ itemId }));
    if (r.status !== 202) throw new Error(`seeding a parcel: ${r.status} ${r.text}`);
    known.itemIds.push(itemId);
  }
  const hook = await api.post('/v1/webhooks', keys.platform, { url: receiverUrl, events: ['customs.response.issued', 'parcel.received'] });
  if (hook.status !== 201) throw new Error(`seeding a webhook: ${hook.status} ${hook.text}`);
  known.webhookIds.push(hook.body.id, 'wh_doesnotexist');
  // Keys the fuzz may revoke (never the ones it sends).
  for (let i = 0; i < 3; i++) known.keyIds.push((await api.createKey(admin, { role: 'platform', tenantId: `fuzz-victim-${i}` })).id);
  known.keyIds.push('key_doesnotexist');
});

afterAll(async () => {
  process.stdout.write(`\n${tally.report(replayHint())}\n`);
  client?.close();
  await rt?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
});

async function send(req: RawRequest): Promise<RawResponse> {
  const res = await client.send(req);
  tally.add(res.status, checkAnswer(req, res));
  return res;
}

/** Known values for a route's path parameters. */
function knownFor(route: FuzzRoute, param: string): string[] {
  if (param === 'itemId') return [...known.itemIds, EXAMPLE_DECLARATION.itemId];
  return route.template.startsWith('/v1/admin/api-keys') ? known.keyIds : known.webhookIds;
}

/** Webhook URLs the fuzz may send: loopback, IP literals and refusals only, so nothing resolves a name or leaves the machine. */
const SAFE_URLS = () => [
  receiverUrl,
  'https://10.0.0.1/x',
  'https://169.254.169.254/latest',
  'http://[::1]:1/',
  'https://[fd00::1]/',
  'ftp://127.0.0.1/',
  'not a url',
  'https://user:pw@127.0.0.1/',
  'https://127.0.0.1/#frag',
  'http://127.0.0.1:0/',
  'https://0.0.0.0/',
  '',
];
function keepLocal(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { url?: unknown }).url === 'string') {
    const url = (body as { url: string }).url;
    if (!SAFE_URLS().includes(url)) return { ...body, url: SAFE_URLS()[url.length % SAFE_URLS().length] };
  }
  return body;
}

/** Valid-ish bodies for a route: its OpenAPI example (declarations with fresh itemIds), or values from its schema. */
function bodyFor(route: FuzzRoute): fc.Arbitrary<unknown> {
  if (!route.body) return fc.constant(undefined);
  const fromSchema = arbitraryFor(route.body.schema);
  const fresh = fc.constant(null).map(() => validDeclaration({ itemId: nextItemId() }));
  let example: fc.Arbitrary<unknown> = route.body.example === undefined ? fromSchema : fc.constant(route.body.example);
  if (route.template === '/v1/parcels') example = fresh;
  if (route.template === '/v1/parcel-batches') example = fc.array(fresh, { minLength: 1, maxLength: 4 }).map((parcels) => ({ parcels }));
  if (route.template === '/v1/webhooks') example = fc.constant({ url: receiverUrl, events: ['customs.response.issued'] });
  return fc.oneof({ weight: 2, arbitrary: example }, { weight: 1, arbitrary: fromSchema }).map(keepLocal);
}

const principalArb = () => fc.constantFrom(...Object.keys(principals));

function requestArb(route: FuzzRoute, opts: { mutate: boolean }): fc.Arbitrary<RawRequest> {
  const segments = fc.tuple(...route.pathParams.map((p) => pathSegment(knownFor(route, p))));
  const query = queryString(route.query.map((q) => ({ name: q.name, valid: arbitraryFor(q.schema) })));
  const value = opts.mutate ? mutated(bodyFor(route)).map(keepLocal) : bodyFor(route);
  const body = route.body ? fc.option(bodyText(value), { freq: 8, nil: undefined }) : fc.option(fc.constantFrom('{}', 'x', '[]'), { freq: 2, nil: undefined });
  return fc.record({ principal: principalArb(), segments, query, body, type: contentType }).map(({ principal, segments: segs, query: q, body: text, type }) => {
    let i = 0;
    const path = route.template.replace(/\{[^}]+\}/g, () => segs[i++]!) + q;
    const headers: Record<string, string> = { ...principals[principal]! };
    if (text !== undefined && type !== undefined) headers['content-type'] = type;
    return { method: route.method, path, headers, ...(text !== undefined ? { body: text } : {}) };
  });
}

describe('every route of the OpenAPI document', () => {
  it('covers every route the gateway serves', () => {
    expect(routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(topology.routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('answers each principal, with the documented example, without 5xx', async () => {
    for (const route of routes) {
      for (const [name, auth] of Object.entries(principals)) {
        const [sample] = fc.sample(requestArb(route, { mutate: false }), { seed: SEED, numRuns: 1 });
        await send({
          ...sample!,
          headers: { ...auth, ...(sample!.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          path: route.template.replace(/\{([^}]+)\}/g, (_, p: string) => knownFor(route, p)[0]!),
        });
        void name;
      }
    }
  });

  it('answers bad percent-escapes and odd unicode in every path parameter without 5xx', async () => {
    const nasty = ['%25', '%ZZ', '%', '%E9', '%ED%A0%80', '%C3', '%00', '%2F', '%2e%2e', '%20', 'a%2525b', '%F0%9F%93%A6', enc('Ω≈ç√∫˜µ'), enc('\u202E'), 'x'.repeat(3000)];
    for (const route of routes.filter((r) => r.pathParams.length > 0)) {
      for (const seg of nasty) {
        for (const who of ['admin', 'customs']) {
          const path = route.template.replace(/\{[^}]+\}/g, seg);
          const res = await send({ method: route.method, path, headers: { ...principals[who]!, 'content-type': 'application/json' }, ...(route.body ? { body: '{}' } : {}) });
          if (!seg.includes('%2F')) expect(res.status).not.toBe(200);
        }
      }
    }
  });
});

describe('generated requests', () => {
  it(`random requests over every route (${RUNS} runs): valid-ish and mutated bodies, parameters, content types, keys`, async () => {
    const arb = fc.constantFrom(...routes).chain((route) => requestArb(route, { mutate: true }));
    await fc.assert(
      fc.asyncProperty(arb, async (req) => void (await send(req))),
      fcParams(),
    );
  });

  it(`declarations, one and in batches (${RUNS} runs): wrong types, missing and unknown fields, edge numbers, deep nesting`, async () => {
    const submit = routes.filter((r) => (r.template === '/v1/parcels' && r.method === 'POST') || r.template === '/v1/parcel-batches');
    const arb = fc
      .constantFrom(...submit)
      .chain((route) => requestArb(route, { mutate: true }))
      .map((r) => ({ ...r, headers: { ...principals[['platform', 'post', 'admin'][r.path.length % 3]!]!, ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}) } }));
    await fc.assert(
      fc.asyncProperty(arb, async (req) => void (await send(req))),
      fcParams(),
    );
  });

  it(`query strings and path parameters of the GET routes (${RUNS} runs)`, async () => {
    const gets = routes.filter((r) => r.method === 'GET');
    const arb = fc
      .tuple(
        fc.constantFrom(...gets).chain((route) => requestArb(route, { mutate: false })),
        fc.constantFrom('admin', 'platform', 'post', 'customs'),
      )
      .map(([r, who]) => ({ ...r, headers: principals[who]! }));
    await fc.assert(
      fc.asyncProperty(arb, async (req) => void (await send(req))),
      fcParams(),
    );
  });

  it('odd strings in every string field of a declaration are refused or stored, never 5xx', async () => {
    const leaves = [
      '/itemId',
      '/sender/name',
      '/recipient/address/city',
      '/contents/0/description',
      '/contents/0/hsCode',
      '/currency',
      '/ioss',
      '/sender/email',
      '/recipient/phone',
      '/postingDate',
      '/comments',
    ];
    const arb = fc.tuple(fc.constantFrom(...leaves), oddString).map(([pointer, s]) => {
      const d = validDeclaration({ itemId: nextItemId() }) as Record<string, any>;
      const segs = pointer.split('/').slice(1);
      let o = d;
      for (const seg of segs.slice(0, -1)) o = o[seg];
      o[segs[segs.length - 1]!] = s;
      return { method: 'POST', path: '/v1/parcels', headers: { ...principals.platform!, 'content-type': 'application/json' }, body: JSON.stringify(d) };
    });
    await fc.assert(
      fc.asyncProperty(arb, async (req) => void (await send(req))),
      fcParams(Math.max(20, Math.floor(RUNS / 3))),
    );
  });
});

describe("the gateway's own answers", () => {
  it('answers an unknown route with its API Gateway-style 404 body', async () => {
    for (const path of ['/v1/nope', '/v1/parcels/', '/v1/parcels/CP719248650DE/extra', '//v1/parcels', '/V1/parcels']) {
      const res = await send({ method: 'GET', path, headers: principals.admin! });
      expect({ status: res.status, body: JSON.parse(res.text) }).toEqual({ status: 404, body: GATEWAY_NOT_FOUND });
    }
    const res = await send({ method: 'PATCH', path: '/v1/parcels', headers: principals.admin! });
    expect({ status: res.status, body: JSON.parse(res.text) }).toEqual({ status: 404, body: GATEWAY_NOT_FOUND });
  });

  it('answers a payload over 10 MiB with its API Gateway-style 413 body', async () => {
    const res = await send({ method: 'POST', path: '/v1/parcel-batches', headers: { ...principals.platform!, 'content-type': 'application/json' }, body: Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20) });
    expect({ status: res.status, body: JSON.parse(res.text) }).toEqual({ status: 413, body: GATEWAY_TOO_LARGE });
  });

  it('logged no function or authorizer failure during the whole run', () => {
    expect(log.lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });
});
