// Isolation matrix (parcels, declarations, whoami): every route of this family × every kind of caller, each cell its own test asserting
// the exact HTTP status (and, for refusals, the problem code and application/problem+json). The matrix and the
// set-up (its own local runtime, freed when the file ends) are in test/helpers/isolation-matrix.ts.
//
// Tests in this file run in order and share state (A's parcel, A's webhook): the blocks are ordered so that each
// cell sees what it expects (amendments before decisions).
import { topology } from '#infra/topology';
import { type ApiResponse } from '../helpers/api-client';
import { s10 } from '../helpers/s10';
import { waitFor } from '../helpers/wait';
import {
  A_ITEM,
  MISSING_ITEM,
  ROLES,
  ROUTE_FAMILIES,
  SEES_A,
  KEY_REQUESTS,
  NOT_FOUND,
  FORBIDDEN,
  TAKEN,
  type ListedParcel,
  type Role,
  adminKey,
  aHooks,
  aWebhook,
  api,
  bHooks,
  bWebhook,
  cover,
  declarationOf,
  eventsFor,
  everyone,
  expectAnswer,
  key,
  keys,
  mayList,
  nextItemId,
  ok,
  only,
  rows,
  setUpMatrix,
  settled,
} from '../helpers/isolation-matrix';

jest.setTimeout(60_000);
setUpMatrix('parcels');

let amendments = 0;

// ---- The matrix covers the topology ----

it('has rows for every route of infra/topology.ts, and only for those', () => {
  expect(Object.values(ROUTE_FAMILIES).flat().sort()).toEqual(topology.routes.map((r) => `${r.method} ${r.path}`).sort());
});

// ---- Public routes ----

describe.each(
  [
    ['GET /health', '/health'],
    ['GET /v1/openapi.json', '/v1/openapi.json'],
  ].map(([route, path]) => (cover(route!), [route!, path!])),
)('%s', (route, path) => {
  it.each(ROLES.map((role) => [route, role, '200'] as const))('%s as %s → %s', async (_route, role) => {
    const r = await api.get(path, key(role));
    expectAnswer(r, ok(200));
  });
});

// ---- Parcels: reading ----

describe('GET /v1/parcels/{itemId}', () => {
  it.each(rows('GET /v1/parcels/{itemId}', only(['platformA', 'postOrigin', 'postDest', 'customsDest', 'admin'], ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get(`/v1/parcels/${A_ITEM}`, key(role));
    expectAnswer(r, e);
    if (e.status === 200) expect(r.body).toMatchObject({ itemId: A_ITEM, submittedBy: 'platform:iso-a' });
    if (e.status === 404) {
      // Exactly like a parcel that does not exist: the same bytes once the itemId the caller sent is set aside
      // (it is echoed in `detail` and `instance`), and the same content type.
      const missing = await api.get(`/v1/parcels/${MISSING_ITEM}`, key(role));
      expect(missing.status).toBe(404);
      expect(r.text.replaceAll(A_ITEM, '<itemId>')).toBe(missing.text.replaceAll(MISSING_ITEM, '<itemId>'));
      expect(r.headers.get('content-type')).toBe(missing.headers.get('content-type'));
    }
  });
});

// ---- Parcels: submitting ----

/** No problem answer about an itemId taken may say whose it is. */
function expectNamesNobody(p: { title?: string; detail?: string }): void {
  for (const text of [p.title ?? '', p.detail ?? '']) expect(text).not.toMatch(/iso-a|iso-b|platform|tenant|submitt|post:|admin/i);
}

const FILERS = ['platformA', 'platformB', 'postOrigin', 'postDest', 'postOther', 'admin'] as const;
const SUBMIT_NEW = { ...only([...FILERS], ok(202), FORBIDDEN) };

describe('POST /v1/parcels (a new declaration)', () => {
  it.each(rows('POST /v1/parcels (new)', SUBMIT_NEW))('%s as %s → %s', async (_route, role, _label, e) => {
    const itemId = nextItemId();
    const r = await api.post('/v1/parcels', key(role), declarationOf(itemId));
    expectAnswer(r, e);
    if (e.status === 202) expect(r.body).toMatchObject({ itemId, version: 1, status: 'RECEIVED' });
  });
});

describe("POST /v1/parcels (an amendment of A's parcel)", () => {
  it.each(rows('POST /v1/parcels (amend A)', { ...only(['platformA'], ok(202), TAKEN), customsDest: FORBIDDEN, customsOther: FORBIDDEN, reservedTenant: FORBIDDEN }))(
    '%s as %s → %s',
    async (_route, role, _label, e) => {
      const before = (await api.get(`/v1/parcels/${A_ITEM}`, adminKey)).body.version as number;
      const r = await api.post('/v1/parcels', key(role), declarationOf(A_ITEM, { comments: `amended by ${role} (${++amendments})` }));
      expectAnswer(r, e);
      if (e.status === 202) expect(r.body).toMatchObject({ itemId: A_ITEM, version: before + 1 });
      if (e.code === 'ITEM_ID_TAKEN') {
        expectNamesNobody(r.body);
        expect(r.text).not.toMatch(/iso-a/);
      }
      if (e.status !== 202) expect((await api.get(`/v1/parcels/${A_ITEM}`, adminKey)).body).toMatchObject({ version: before, submittedBy: 'platform:iso-a' });
    },
  );
});

describe('POST /v1/parcel-batches (a new declaration and an amendment of A)', () => {
  beforeAll(async () => {
    await settled(A_ITEM);
  });

  it.each(rows('POST /v1/parcel-batches', SUBMIT_NEW))('%s as %s → %s', async (_route, role, _label, e) => {
    const fresh = nextItemId();
    const before = (await api.get(`/v1/parcels/${A_ITEM}`, adminKey)).body.version as number;
    const r = await api.post('/v1/parcel-batches', key(role), { parcels: [declarationOf(fresh), declarationOf(A_ITEM, { comments: `batch-amended by ${role} (${++amendments})` })] });
    expectAnswer(r, e);
    if (e.status !== 202) return;
    const [newOne, amendment] = r.body.results;
    expect(newOne).toMatchObject({ index: 0, itemId: fresh, status: 'RECEIVED', version: 1 });
    if (role === 'platformA') {
      expect(amendment).toMatchObject({ index: 1, itemId: A_ITEM, status: 'RECEIVED', version: before + 1 });
    } else {
      expect(amendment).toMatchObject({ index: 1, status: 'REJECTED', code: 'ITEM_ID_TAKEN' });
      expectNamesNobody(amendment);
      expect(JSON.stringify(amendment)).not.toMatch(/iso-a/);
    }
  });
});

describe('POST /v1/parcels by the issuing post (an itemId issued by DE, first declared by platformB)', () => {
  const itemId = s10(30_000_003, 'CP', 'DE');
  const d = declarationOf(itemId); // DE → FR

  it('POST /v1/parcels as platformB → 202', async () => {
    expectAnswer(await api.post('/v1/parcels', keys.platformB, d), ok(202));
    await settled(itemId);
  });

  it('POST /v1/parcels as postOrigin (post DE, the issuing post) → 202: it takes the itemId over as version 2', async () => {
    const r = await api.post('/v1/parcels', keys.postOrigin, { ...d, comments: 'declared by the post that issued the itemId' });
    expectAnswer(r, ok(202));
    expect(r.body).toMatchObject({ itemId, version: 2 });
    expect((await api.get(`/v1/parcels/${itemId}`, keys.postOrigin)).body).toMatchObject({ itemId, version: 2, submittedBy: 'post:DE' });
  });

  it('GET /v1/parcels/{itemId} as platformB → 404 NOT_FOUND', async () => {
    expectAnswer(await api.get(`/v1/parcels/${itemId}`, keys.platformB), NOT_FOUND);
  });

  it('POST /v1/parcels (a further amendment) as platformB → 409 ITEM_ID_TAKEN', async () => {
    const r = await api.post('/v1/parcels', keys.platformB, { ...d, comments: 'platformB tries again' });
    expectAnswer(r, TAKEN);
    expectNamesNobody(r.body);
  });
});

// ---- Decisions ----

describe("POST /v1/parcels/{itemId}/decisions (on A's parcel)", () => {
  beforeAll(async () => {
    await settled(A_ITEM); // the amendments above are assessed: no engine write races the decisions
  });

  const cells = { ...only(['platformA', 'postOrigin', 'postDest'], FORBIDDEN, NOT_FOUND), customsDest: ok(201), admin: ok(201), reservedTenant: NOT_FOUND };
  it.each(rows('POST /v1/parcels/{itemId}/decisions', cells))('%s as %s → %s', async (_route, role, _label, e) => {
    const decision = { code: 'HELD_FOR_INSPECTION', reason: `inspection requested by ${role}` };
    const r = await api.post(`/v1/parcels/${A_ITEM}/decisions`, key(role), decision);
    expectAnswer(r, e);
    if (e.status === 201) {
      expect(r.body).toMatchObject({ code: 'HELD_FOR_INSPECTION', reasons: [decision.reason] });
      if (role === 'customsDest') expectAnswer(await api.post(`/v1/parcels/${A_ITEM}/decisions`, key(role), decision), ok(200));
    }
    if (e.status === 404) {
      const missing = await api.post(`/v1/parcels/${MISSING_ITEM}/decisions`, key(role), decision);
      expect(r.text.replaceAll(A_ITEM, '<itemId>')).toBe(missing.text.replaceAll(MISSING_ITEM, '<itemId>'));
    }
  });
});

// ---- Inspection outcomes, checking, who am I ----

describe("POST /v1/parcels/{itemId}/outcomes (on A's parcel, held by the decisions above)", () => {
  const cells = { ...only(['platformA', 'postOrigin', 'postDest'], FORBIDDEN, NOT_FOUND), customsDest: ok(201), admin: ok(201), reservedTenant: NOT_FOUND };
  it.each(rows('POST /v1/parcels/{itemId}/outcomes', cells))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.post(`/v1/parcels/${A_ITEM}/outcomes`, key(role), { result: 'NOTHING_FOUND', notes: `inspected for ${role}` });
    expectAnswer(r, e);
    if (e.status === 201) expect(r.body).toMatchObject({ result: 'NOTHING_FOUND', findings: [], notes: `inspected for ${role}`, recordedBy: expect.stringMatching(/^key_/) });
    if (e.status === 404) {
      const missing = await api.post(`/v1/parcels/${MISSING_ITEM}/outcomes`, key(role), { result: 'NOTHING_FOUND' });
      expect(r.text.replaceAll(A_ITEM, '<itemId>')).toBe(missing.text.replaceAll(MISSING_ITEM, '<itemId>'));
    }
  });

  it('the outcomes are in the history for customs and admin only', async () => {
    const inspected = async (role: Role) => ((await api.get(`/v1/parcels/${A_ITEM}`, key(role))).body.history as { type: string }[]).filter((h) => h.type === 'parcel.inspected').length;
    expect(await inspected('customsDest')).toBe(2);
    expect(await inspected('admin')).toBe(2);
    for (const role of ['platformA', 'postOrigin', 'postDest'] as const) expect(await inspected(role)).toBe(0);
  });
});

describe('POST /v1/declarations/check', () => {
  const cells = { ...everyone(ok(200)), customsDest: FORBIDDEN, customsOther: FORBIDDEN, reservedTenant: FORBIDDEN };
  it.each(rows('POST /v1/declarations/check', cells))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.post('/v1/declarations/check', key(role), declarationOf(A_ITEM, { comments: 'only checked' }));
    expectAnswer(r, e);
    if (e.status === 200) expect(r.body).toEqual({ valid: true, errors: [], findings: [] });
  });
});

describe('GET /v1/whoami', () => {
  it.each(rows('GET /v1/whoami', everyone(ok(200))))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get('/v1/whoami', key(role));
    expectAnswer(r, e);
    if (role in KEY_REQUESTS) expect(r.body).toMatchObject(KEY_REQUESTS[role as keyof typeof KEY_REQUESTS]);
  });
});

// After the submissions and the decisions: the listings then hold parcels of every kind of submitter.
describe('GET /v1/parcels', () => {
  /** Every parcel the caller lists (destination FR unless told otherwise), paging through a bounded number of pages. */
  async function listed(k: string | undefined, query = 'destinationCountry=FR&'): Promise<{ first: ApiResponse; items: ListedParcel[] }> {
    const first = await api.get(`/v1/parcels?${query}limit=100`, k);
    const items: ListedParcel[] = [];
    let page = first;
    for (let n = 0; page.status === 200; n++) {
      items.push(...page.body.items);
      if (!page.body.cursor) break;
      if (n >= 10) throw new Error('more than 10 pages of parcels: the listing does not end');
      page = await api.get(`/v1/parcels?${query}limit=100&cursor=${encodeURIComponent(page.body.cursor)}`, k);
    }
    return { first, items };
  }

  it.each(rows('GET /v1/parcels', everyone(ok(200))))('%s as %s → %s', async (_route, role, _label, e) => {
    const { first, items } = await listed(key(role));
    expectAnswer(first, e);
    if (e.status !== 200) return;
    expect({ role, listsA: items.some((p) => p.itemId === A_ITEM) }).toEqual({ role, listsA: SEES_A.has(role) });
    // Nothing it may not see (CONTRACT section 1), though parcels of every kind of submitter exist by now ...
    const unseeable = items.filter((p) => !mayList(role, p)).map((p) => [p.itemId, p.submittedBy]);
    expect({ role, unseeable }).toEqual({ role, unseeable: [] });
    // ... and what it may see: its own submissions (the filers made some above); customs DE has no parcel bound for FR.
    if (role !== 'customsOther' && role !== 'reservedTenant') expect(items.length).toBeGreaterThan(0);
    if (role === 'reservedTenant') expect((await listed(key(role), '')).items).toEqual([]);
  });
});

describe('webhook events', () => {
  it("A's webhook receives A's customs responses; B's webhook, subscribed before A's parcel was declared, never receives an event of it", async () => {
    await waitFor(() => eventsFor(aHooks, aWebhook.secret, A_ITEM).some((e) => e.data.customsResponse?.issuedBy !== 'risk-engine'), "A's customs decision at A's receiver", 20_000);
    // A parcel of B's declared after all of A's events: once it has reached B, A's events (queued earlier) are fanned out.
    const sentinel = nextItemId();
    expectAnswer(await api.post('/v1/parcels', keys.platformB, declarationOf(sentinel)), ok(202));
    await waitFor(() => eventsFor(bHooks, bWebhook.secret, sentinel).length > 0, "B's sentinel parcel at B's receiver", 20_000);

    const itemIdsAtB = new Set(bHooks.received.map((r) => JSON.parse(r.body).data.itemId as string));
    expect(itemIdsAtB.has(A_ITEM)).toBe(false);
    // The itemId the issuing post took over from B: B got its own version 1, nothing after the takeover.
    const takenOver = s10(30_000_003, 'CP', 'DE');
    // (Delivery is at least once: the same event may come twice, so the versions are compared as a set.)
    expect([...new Set(eventsFor(bHooks, bWebhook.secret, takenOver).map((e) => e.data.version))]).toEqual([1]);
  });
});
