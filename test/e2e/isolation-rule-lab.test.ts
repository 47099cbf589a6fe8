// Isolation matrix (sanctions clearances and the rule lab): every route of this family × every kind of caller, each cell its own test asserting
// the exact HTTP status (and, for refusals, the problem code and application/problem+json). The matrix and the
// set-up (its own local runtime, freed when the file ends) are in test/helpers/isolation-matrix.ts.
//
// Tests in this file run in order and share state (A's parcel, A's webhook): the blocks are ordered so that each
// cell sees what it expects.
import {
  A_ITEM,
  FORBIDDEN,
  NOT_FOUND,
  ROLES,
  SEES_A,
  type Authenticated,
  adminKey,
  api,
  declarationOf,
  expectAnswer,
  key,
  keys,
  nextItemId,
  no,
  ok,
  only,
  rows,
  setUpMatrix,
  settled,
} from '../helpers/isolation-matrix';

jest.setTimeout(60_000);
setUpMatrix('ruleLab');

// ---- Sanctions clearances (on parcels to FR: A's, which has no sanctions hit, and one to a listed person) ----

const CLEARS = ['customsDest', 'admin'] as Authenticated[];
let clearanceId: string;

describe("POST /v1/sanctions/clearances (the recipient of A's parcel, which no hit names)", () => {
  // Who may see A's parcel but not decide on it: 403; who may not see it: 404; who may decide: there is no hit to clear.
  const cells = {
    ...only(
      [...SEES_A].filter((r): r is Authenticated => r !== 'customsDest' && r !== 'admin'),
      FORBIDDEN,
      NOT_FOUND,
    ),
    customsDest: no(400, 'INVALID_REQUEST'),
    admin: no(400, 'INVALID_REQUEST'),
  };
  it.each(rows('POST /v1/sanctions/clearances', cells))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.post('/v1/sanctions/clearances', key(role), { itemId: A_ITEM, pointer: '/recipient/name', reason: 'not the listed party' }), e);
  });
});

describe('GET /v1/sanctions/clearances', () => {
  it.each(rows('GET /v1/sanctions/clearances', only(['customsDest', 'customsOther', 'admin'], ok(200), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get('/v1/sanctions/clearances', key(role)), e);
  });
});

describe("GET and DELETE /v1/sanctions/clearances/{id} (a clearance of FR's customs)", () => {
  beforeAll(async () => {
    const itemId = nextItemId();
    const listed = declarationOf(itemId, {
      recipient: { name: 'Eusebio Arzallus Tapia', address: { lines: ['12 rue de la Paix'], city: 'Paris', postcode: '75002', countryCode: 'FR' }, phone: '+33612345678' },
    });
    expect((await api.post('/v1/parcels', keys.platformA, listed)).status).toBe(202);
    await settled(itemId);
    const r = await api.post('/v1/sanctions/clearances', keys.customsDest, { itemId, pointer: '/recipient/name', reason: 'passport seen' });
    expect(r.status).toBe(201);
    clearanceId = r.body.clearances[0].id;
  });
  it.each(rows('GET /v1/sanctions/clearances/{id}', only(CLEARS, ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get(`/v1/sanctions/clearances/${clearanceId}`, key(role)), e);
  });
  it.each(rows('DELETE /v1/sanctions/clearances/{id}', only(CLEARS, ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.del(`/v1/sanctions/clearances/${clearanceId}`, key(role));
    expectAnswer(r, e);
    // Only those who may revoke it get it back, revoked; the others learn nothing of it (404, as for none).
    if (e.status === 200) expect(r.body).toMatchObject({ id: clearanceId, status: 'REVOKED' });
  });
});

// ---- The rule lab (rulesets, rule performance, what-if replays): customs and admin only ----

const RULE_LAB = ['customsDest', 'customsOther', 'admin'] as Authenticated[];
const PERIOD = { from: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
/** A replay's period is two instants. */
const INSTANTS = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
let shipped: { version: string; document: Record<string, unknown> };
/** A ruleset of FR customs (its own country's scope), to read, activate and replay. */
let frVersion: string;

describe('rulesets', () => {
  beforeAll(async () => {
    const list = await api.get('/v1/rulesets', adminKey);
    expect(list.status).toBe(200);
    const version = String(list.body.items[0].version);
    const read = await api.get(`/v1/rulesets/${encodeURIComponent(version)}`, adminKey);
    expect(read.status).toBe(200);
    shipped = { version, document: read.body.document };
    frVersion = '2099-01-01.1';
    const made = await api.post('/v1/rulesets', keys.customsDest, { ...shipped.document, rulesetVersion: frVersion });
    expect(made.status).toBe(201);
  });

  it.each(rows('GET /v1/rulesets', only(RULE_LAB, ok(200), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get('/v1/rulesets', key(role)), e);
  });

  // FR customs' own ruleset: FR customs and admin read it; DE customs learns nothing of it (404); filers are refused.
  it.each(rows('GET /v1/rulesets/{version}', { ...only(['customsDest', 'admin'], ok(200), FORBIDDEN), customsOther: NOT_FOUND }))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get(`/v1/rulesets/${frVersion}`, key(role)), e);
  });

  // Each caller stores a version of its own (customs: its own country's scope; admin: the region's).
  it.each(rows('POST /v1/rulesets', only(RULE_LAB, ok(201), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    const version = `2099-02-${String(ROLES.indexOf(role) + 1).padStart(2, '0')}.1`;
    expectAnswer(await api.post('/v1/rulesets', key(role), { ...shipped.document, rulesetVersion: version }), e);
  });

  // In shadow, so the live parcels of the cells after this one are judged as before.
  it.each(rows('POST /v1/rulesets/{version}/activate', { ...only(['customsDest', 'admin'], ok(200), FORBIDDEN), customsOther: NOT_FOUND }))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.post(`/v1/rulesets/${frVersion}/activate`, key(role), { mode: 'shadow' }), e);
  });

  // Ending FR customs' shadow run: FR customs and admin (each after putting it back in shadow); DE customs learns nothing of it.
  it.each(rows('POST /v1/rulesets/{version}/deactivate', { ...only(['customsDest', 'admin'], ok(200), FORBIDDEN), customsOther: NOT_FOUND }))('%s as %s → %s', async (_route, role, _label, e) => {
    if (e.status === 200) expect((await api.post(`/v1/rulesets/${frVersion}/activate`, adminKey, { mode: 'shadow' })).status).toBe(200);
    expectAnswer(await api.post(`/v1/rulesets/${frVersion}/deactivate`, key(role), { mode: 'shadow' }), e);
  });
});

describe('GET /v1/rule-performance (FR)', () => {
  // Customs sees its own country's only: DE customs asking for FR is refused.
  it.each(rows('GET /v1/rule-performance', { ...only(['customsDest', 'admin'], ok(200), FORBIDDEN) }))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get(`/v1/rule-performance?from=${PERIOD.from}&to=${PERIOD.to}&destinationCountry=FR`, key(role)), e);
  });
});

describe('what-if replays (FR)', () => {
  let replayId: string;
  beforeAll(async () => {
    const r = await api.post('/v1/rule-lab/replays', keys.customsDest, { ruleset: frVersion, ...INSTANTS });
    if (r.status !== 202) throw new Error(`starting a replay: ${r.status} ${r.text}`);
    replayId = r.body.id;
  });

  it.each(rows('POST /v1/rule-lab/replays', { ...only(['customsDest', 'admin'], ok(202), FORBIDDEN) }))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.post('/v1/rule-lab/replays', key(role), { ruleset: shipped.version, ...INSTANTS, destinationCountry: 'FR' }), e);
  });

  // A replay of FR customs: FR customs and admin read it; everyone else learns nothing of it.
  it.each(rows('GET /v1/rule-lab/replays/{id}', only(['customsDest', 'admin'], ok(200), NOT_FOUND)))('%s as %s → %s', async (_route, role, _label, e) => {
    expectAnswer(await api.get(`/v1/rule-lab/replays/${replayId}`, key(role)), e);
  });

  // The listing of FR's replays: FR customs and admin; DE customs asking for FR and filers are refused.
  it.each(rows('GET /v1/rule-lab/replays', only(['customsDest', 'admin'], ok(200), FORBIDDEN)))('%s as %s → %s', async (_route, role, _label, e) => {
    const r = await api.get('/v1/rule-lab/replays?destinationCountry=FR', key(role));
    expectAnswer(r, e);
    if (e.status === 200) expect(r.body.items.map((i: { id: string }) => i.id)).toContain(replayId);
  });
});
