// Isolation matrix (key management and webhooks): every route of this family × every kind of caller, each cell its own test asserting
// the exact HTTP status (and, for refusals, the problem code and application/problem+json). The matrix and the
// set-up (its own local runtime, freed when the file ends) are in test/helpers/isolation-matrix.ts.
//
// Tests in this file run in order and share state (A's parcel, A's webhook): the blocks are ordered so that each
// cell sees what it expects (destructive webhook cells on webhooks of their own).
import {
  A_ITEM,
  FORBIDDEN,
  NOT_FOUND,
  type Authenticated,
  adminKey,
  aHooks,
  aTarget,
  aWebhook,
  api,
  bWebhook,
  everyone,
  expectAnswer,
  key,
  keys,
  no,
  ok,
  only,
  rows,
  setUpMatrix,
  sink,
  subscribe,
} from '../helpers/isolation-matrix';

jest.setTimeout(60_000);
setUpMatrix('keysAndWebhooks');

// ---- Key management ----

describe('POST /v1/admin/api-keys', () => {
  it.each(rows('POST /v1/admin/api-keys', only(['admin'], ok(201), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.post('/v1/admin/api-keys', key(role), { role: 'platform', tenantId: `iso-made-by-${role}` });
    expectAnswer(r, e);
    if (e.status === 201) expect(r.body).toMatchObject({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^ead_/), role: 'platform', tenantId: 'iso-made-by-admin' });
  });
});

describe('DELETE /v1/admin/api-keys/{id}', () => {
  it.each(rows('DELETE /v1/admin/api-keys/{id}', only(['admin'], ok(204), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    const victim = await api.createKey(adminKey, { role: 'platform', tenantId: 'iso-victim' });
    const r = await api.del(`/v1/admin/api-keys/${victim.id}`, key(role));
    expectAnswer(r, e);
    // Revoked only when the answer said so.
    expect((await api.get('/v1/parcels', victim.key)).status).toBe(e.status === 204 ? 401 : 200);
  });
});

// ---- Webhooks ----

describe('POST /v1/webhooks', () => {
  it.each(rows('POST /v1/webhooks', everyone(ok(201))))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.post('/v1/webhooks', key(role), { url: sink.url, events: ['customs.response.issued'], description: `made by ${role}` });
    expectAnswer(r, e);
    if (e.status === 201) expect(r.body).toMatchObject({ id: expect.stringMatching(/^wh_/), secret: expect.stringMatching(/^whsec_/) });
  });
});

describe('GET /v1/webhooks', () => {
  it.each(rows('GET /v1/webhooks', everyone(ok(200))))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get('/v1/webhooks?limit=100', key(role));
    expectAnswer(r, e);
    if (e.status !== 200) return;
    const ids: string[] = r.body.items.map((w: { id: string }) => w.id);
    // Each caller lists its own subscriptions only: A's appear for platformA alone (admin lists admin's own).
    expect({ role, listsA: ids.includes(aWebhook.id) || ids.includes(aTarget.id) }).toEqual({ role, listsA: role === 'platformA' });
    expect({ role, listsB: ids.includes(bWebhook.id) }).toEqual({ role, listsB: role === 'platformB' });
    expect(r.body.items.map((w: { description?: string }) => w.description).filter(Boolean)).toEqual([`made by ${role}`]);
  });
});

const OWNERS = ['platformA', 'admin'] as Authenticated[];

describe("GET /v1/webhooks/{id} (A's webhook)", () => {
  it.each(rows('GET /v1/webhooks/{id}', only(OWNERS, ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get(`/v1/webhooks/${aWebhook.id}`, key(role));
    expectAnswer(r, e);
    if (e.status === 200) expect(r.body).toMatchObject({ id: aWebhook.id, url: aHooks.url });
    if (e.status === 404) expect(r.text.replaceAll(aWebhook.id, '<id>')).toBe((await api.get('/v1/webhooks/wh_doesnotexist', key(role))).text.replaceAll('wh_doesnotexist', '<id>'));
  });
});

describe("GET /v1/webhooks/{id}/deliveries (A's webhook)", () => {
  it.each(rows('GET /v1/webhooks/{id}/deliveries', only(OWNERS, ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get(`/v1/webhooks/${aWebhook.id}/deliveries`, key(role));
    expectAnswer(r, e);
    if (e.status === 200) expect(r.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ itemId: A_ITEM })]));
  });
});

describe("POST /v1/webhooks/{id}/replay (A's webhook)", () => {
  it.each(rows('POST /v1/webhooks/{id}/replay', only(OWNERS, ok(202), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.post(`/v1/webhooks/${aWebhook.id}/replay`, key(role), { since: new Date(Date.now() - 3600_000).toISOString() });
    expectAnswer(r, e);
    if (e.status === 202) expect(r.body.replayed).toBeGreaterThan(0);
  });
});

describe("POST /v1/webhooks/{id}/rotate-secret (a webhook of A's)", () => {
  it.each(rows('POST /v1/webhooks/{id}/rotate-secret', only(OWNERS, ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    // The owners rotate a fresh webhook each; the refused cells all aim at aTarget, which must come through untouched.
    const target = e.status === 200 ? await subscribe(keys.platformA!, sink.url) : aTarget;
    const r = await api.post(`/v1/webhooks/${target.id}/rotate-secret`, key(role));
    expectAnswer(r, e);
    const after = await api.get(`/v1/webhooks/${target.id}`, keys.platformA);
    if (e.status === 200) {
      expect(r.body).toMatchObject({ id: target.id, secret: expect.stringMatching(/^whsec_/) });
      expect(r.body.secret).not.toBe(target.secret);
      expect(after.body.secretRotatedAt).toEqual(expect.any(String));
    } else {
      expect(after).toMatchObject({ status: 200, body: { id: target.id } });
      expect(after.body.secretRotatedAt).toBeUndefined();
    }
  });
});

describe("DELETE /v1/webhooks/{id} (a webhook of A's)", () => {
  it.each(rows('DELETE /v1/webhooks/{id}', only(OWNERS, ok(204), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const target = e.status === 204 ? await subscribe(keys.platformA!, sink.url) : aTarget;
    const r = await api.del(`/v1/webhooks/${target.id}`, key(role));
    expectAnswer(r, e);
    expect((await api.get(`/v1/webhooks/${target.id}`, keys.platformA)).status).toBe(e.status === 204 ? 404 : 200);
  });
});

// ---- Tenant ids a key may not have ----

describe('POST /v1/admin/api-keys refuses reserved or ambiguous tenant ids', () => {
  it.each(['admin', 'Admin', ' admin ', 'post', 'customs', 'risk-engine', 'a:b', 'a#b'])('POST /v1/admin/api-keys {role: platform, tenantId: %j} as admin → 400 INVALID_REQUEST', async (tenantId) => {
    expectAnswer(await api.post('/v1/admin/api-keys', adminKey, { role: 'platform', tenantId }), no(400, 'INVALID_REQUEST'));
  });

  it("POST /v1/admin/api-keys {role: platform, tenantId: 'shop-1'} as admin → 201", async () => {
    const r = await api.post('/v1/admin/api-keys', adminKey, { role: 'platform', tenantId: 'shop-1' });
    expectAnswer(r, ok(201));
    expect(r.body).toMatchObject({ role: 'platform', tenantId: 'shop-1', key: expect.stringMatching(/^ead_/) });
  });
});
