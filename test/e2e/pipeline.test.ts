// The pipeline as a user runs it: `npm start` (node + tsx on infra/local/main.ts) as a child process on a
// free port with ADMIN_API_KEY, driven over HTTP only, per CONTRACT sections 1, 3, 4 and 6. The refusals (401, 403,
// 400, 413, 415, 422, 429) are in pipeline-refusals.test.ts, over a child of their own.
import { clone, validDeclaration } from '../fixtures/declarations';
import { type ApiClient, type ApiResponse } from '../helpers/api-client';
import { type ChildRuntime } from '../helpers/child-runtime';
import { expectProblem } from '../helpers/problems';
import { KEY_REQUESTS, type KeyName, usePipelineChild } from '../helpers/pipeline-child';
import { s10Sequence } from '../helpers/s10';
import { waitFor } from '../helpers/wait';

jest.setTimeout(60_000);

const child = usePipelineChild();
const { ADMIN, keys, created, key } = child;
const nextId = s10Sequence(50_000_000);
let rt: ChildRuntime | undefined;
let api: ApiClient;
beforeAll(() => {
  ({ rt, api } = child);
});

/** Polls GET /v1/parcels/{itemId} until the parcel has a customs response for `version`. */
const assessed = (itemId: string, k: string, version = 1) =>
  waitFor(
    async () => {
      const r = await api.get(`/v1/parcels/${itemId}`, k);
      return r.status === 200 && r.body.version === version && r.body.status !== 'RECEIVED' && r.body;
    },
    `${itemId} v${version} to be assessed`,
    20_000,
    100,
  );

describe('start-up and public routes', () => {
  it('serves /health and the OpenAPI document without a key, and printed its URL and admin key', async () => {
    const health = await api.get('/health');
    const doc = await api.get('/v1/openapi.json');

    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/parcels', '/v1/parcel-batches', '/v1/parcels/{itemId}']));
    expect(rt!.output()).toContain(`listening on ${rt!.url}`);
    expect(rt!.output()).toContain(ADMIN);
  });

  it('admin created a key per role: 201 with id, key (shown once) and role', () => {
    for (const [name, request] of Object.entries(KEY_REQUESTS)) {
      expect(created[name]).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^ead_/), ...request } });
    }
  });
});

describe('submitting and assessment', () => {
  it('202 on submit, then the parcel gets a customs response', async () => {
    const d = validDeclaration({ itemId: nextId() });

    const r = await api.post('/v1/parcels', key('shop1'), d);

    expect(r.status).toBe(202);
    expect(r.body).toEqual({ itemId: d.itemId, version: 1, status: 'RECEIVED', receivedAt: expect.any(String), links: { self: `/v1/parcels/${d.itemId}` } });
    const parcel = await assessed(d.itemId, key('shop1'));
    expect(parcel).toMatchObject({
      itemId: d.itemId,
      version: 1,
      status: 'RELEASED',
      submittedBy: 'platform:shop-1',
      // A filer sees no score or level: only what it must fix (nothing here).
      assessment: { hits: [], rulesetVersion: expect.any(String), assessedAt: expect.any(String) },
      customsResponse: { code: 'RELEASED', edifact7365: '4', issuedBy: 'risk-engine', issuedAt: expect.any(String), reasons: [] },
      declaration: { itemId: d.itemId, destinationCountry: 'FR' },
    });
    expect(parcel.history.map((h: { type: string }) => h.type)).toEqual(['parcel.received', 'parcel.assessed', 'customs.response.issued']);
    expect(Object.keys(parcel.assessment).sort()).toEqual(['assessedAt', 'hits', 'rulesetVersion']);
  });

  it('a batch answers each parcel alone: valid, invalid with every error and its pointer, destination not served', async () => {
    const valid = validDeclaration({ itemId: nextId() });
    const invalid = clone(validDeclaration({ itemId: 'CP719248651DE', currency: 'XXY' })) as Record<string, any>;
    invalid.contents[0].hsCode = '999999';
    invalid.contents[1].quantity = 0;
    const elsewhere = validDeclaration({
      itemId: nextId(),
      destinationCountry: 'US',
      recipient: { name: 'Joe Doe', address: { lines: ['1 Main St'], city: 'Boston', postcode: '02108', countryCode: 'US' }, phone: '+16175550100' },
    });

    const r = await api.post('/v1/parcel-batches', key('shop1'), { parcels: [valid, invalid, elsewhere] });

    expect(r.status).toBe(202);
    const [ok, bad, notServed] = r.body.results;
    expect(ok).toMatchObject({ index: 0, itemId: valid.itemId, status: 'RECEIVED', version: 1 });
    expect(bad).toMatchObject({ index: 1, status: 'REJECTED' });
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/itemId', code: 'INVALID_S10_CHECK_DIGIT', detail: expect.any(String) }),
        expect.objectContaining({ pointer: '/currency' }),
        expect.objectContaining({ pointer: '/contents/0/hsCode' }),
        expect.objectContaining({ pointer: '/contents/1/quantity' }),
      ]),
    );
    expect(notServed).toMatchObject({ index: 2, status: 'REJECTED', code: 'DESTINATION_NOT_SERVED' });
    await assessed(valid.itemId, key('shop1'));
    expect((await api.get(`/v1/parcels/${elsewhere.itemId}`, key('shop1'))).status).toBe(404);
  });

  it('an identical resubmission answers 200 with the current state; a changed one is version 2, assessed again', async () => {
    const d = validDeclaration({ itemId: nextId() });
    await api.post('/v1/parcels', key('shop1'), d);
    await assessed(d.itemId, key('shop1'));

    const same = await api.post('/v1/parcels', key('shop1'), clone(d));
    const amended = await api.post('/v1/parcels', key('shop1'), { ...d, postage: 12.5 });

    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ itemId: d.itemId, version: 1, status: 'RELEASED', customsResponse: { code: 'RELEASED' } });
    expect(amended).toMatchObject({ status: 202, body: { version: 2, status: 'RECEIVED' } });
    const v2 = await assessed(d.itemId, key('shop1'), 2);
    expect(v2).toMatchObject({ version: 2, assessment: { assessedAt: expect.any(String) }, declaration: { postage: 12.5 } });
    expect(v2.history.filter((h: { type: string }) => h.type === 'customs.response.issued').map((h: { version: number }) => h.version)).toEqual([1, 2]);
  });

  it('409 for the same itemId from another submitter', async () => {
    const d = validDeclaration({ itemId: nextId() });
    expect((await api.post('/v1/parcels', key('shop1'), d)).status).toBe(202);

    const r = await api.post('/v1/parcels', key('shop2'), d);

    expectProblem(r, 409, 'ITEM_ID_TAKEN');
  });
});

describe('decisions and visibility', () => {
  let itemId: string;
  beforeAll(async () => {
    const d = validDeclaration({ itemId: nextId() }); // DE → FR
    await api.post('/v1/parcels', key('shop1'), d);
    itemId = d.itemId;
    await assessed(itemId, key('shop1'));
  });

  it("shop-2 cannot see shop-1's parcel; post DE (origin) and post FR (destination) can; post IT cannot; customs DE cannot", async () => {
    const status = async (k: KeyName) => (await api.get(`/v1/parcels/${itemId}`, key(k))).status;

    const seen = { shop1: await status('shop1'), postDE: await status('postDE'), postFR: await status('postFR'), customsFR: await status('customsFR') };
    const hidden = await api.get(`/v1/parcels/${itemId}`, key('shop2'));

    expect(seen).toEqual({ shop1: 200, postDE: 200, postFR: 200, customsFR: 200 });
    expectProblem(hidden, 404, 'NOT_FOUND');
    expectProblem(await api.get(`/v1/parcels/${itemId}`, key('postIT')), 404, 'NOT_FOUND');
    expectProblem(await api.get(`/v1/parcels/${itemId}`, key('customsDE')), 404, 'NOT_FOUND');
    // exactly like a parcel that does not exist
    const missing = await api.get(`/v1/parcels/${nextId()}`, key('shop2'));
    expect({ ...hidden.body, detail: undefined, instance: undefined }).toEqual({ ...missing.body, detail: undefined, instance: undefined });
  });

  it('customs DE: 404; platform: 403; customs FR: 201 DETAINED; then an amendment answers 409', async () => {
    const decision = { code: 'DETAINED', reason: 'counterfeit goods found on inspection' };

    const byCustomsDE = await api.post(`/v1/parcels/${itemId}/decisions`, key('customsDE'), decision);
    const byPlatform = await api.post(`/v1/parcels/${itemId}/decisions`, key('shop1'), decision);
    const byCustomsFR = await api.post(`/v1/parcels/${itemId}/decisions`, key('customsFR'), decision);

    expectProblem(byCustomsDE, 404, 'NOT_FOUND');
    expectProblem(byPlatform, 403, 'FORBIDDEN');
    expect(byCustomsFR.status).toBe(201);
    expect(byCustomsFR.body).toMatchObject({ code: 'DETAINED', edifact7365: '7', issuedBy: keys.customsFR!.id, reasons: [decision.reason] });
    expect((await api.get(`/v1/parcels/${itemId}`, key('shop1'))).body).toMatchObject({ status: 'DETAINED', customsResponse: { code: 'DETAINED' } });

    const amendment = await api.post('/v1/parcels', key('shop1'), validDeclaration({ itemId, postage: 1 }));
    expectProblem(amendment, 409, 'FINAL_DECISION_TAKEN');
  });
});

describe('listing', () => {
  it('pages of limit=2 over 5 parcels come newest first, each once, with no cursor on the last page', async () => {
    const lister = await api.createKey(ADMIN, { role: 'platform', tenantId: 'shop-list' });
    const submitted: { itemId: string; receivedAt: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api.post('/v1/parcels', lister.key, validDeclaration({ itemId: nextId() }));
      expect(r.status).toBe(202);
      submitted.push({ itemId: r.body.itemId, receivedAt: r.body.receivedAt });
    }
    const newestFirst = [...submitted].sort((a, b) => (`${a.receivedAt}#${a.itemId}` < `${b.receivedAt}#${b.itemId}` ? 1 : -1)).map((s) => s.itemId);

    const pages: ApiResponse[] = [];
    let path = '/v1/parcels?limit=2';
    for (;;) {
      const page = await api.get(path, lister.key);
      expect(page.status).toBe(200);
      pages.push(page);
      if (page.body.cursor === undefined || pages.length > 5) break;
      path = `/v1/parcels?limit=2&cursor=${encodeURIComponent(page.body.cursor)}`;
    }

    expect(pages.map((p) => p.body.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.body.items.map((x: { itemId: string }) => x.itemId))).toEqual(newestFirst);
    expect(pages.map((p) => 'cursor' in p.body)).toEqual([true, true, false]);
    expect(pages[0]!.body.items[0]).toMatchObject({ submittedBy: 'platform:shop-list', links: { self: `/v1/parcels/${newestFirst[0]}` } });
  });

  it('filters by status, and refuses a cursor it did not give and an unknown query parameter', async () => {
    const received = await api.get('/v1/parcels?status=DETAINED&limit=100', key('shop1'));

    expect(received.status).toBe(200);
    expect(received.body.items.length).toBeGreaterThanOrEqual(1);
    expect(received.body.items.every((p: { status: string }) => p.status === 'DETAINED')).toBe(true);
    expectProblem(await api.get('/v1/parcels?cursor=not-a-cursor', key('shop1')), 400, 'INVALID_CURSOR');
    expectProblem(await api.get('/v1/parcels?colour=blue', key('shop1')), 400, 'INVALID_REQUEST');
  });

  it('customs FR lists only parcels to FR; post IT lists none of the DE → FR parcels', async () => {
    const fr = await api.get('/v1/parcels?limit=100', key('customsFR'));
    const it = await api.get('/v1/parcels?limit=100', key('postIT'));

    expect(fr.body.items.length).toBeGreaterThan(0);
    expect(fr.body.items.every((p: { declaration: { destinationCountry: string } }) => p.declaration.destinationCountry === 'FR')).toBe(true);
    expect(it.body.items).toEqual([]);
  });
});
