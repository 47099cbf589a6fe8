// The rule lab over HTTP (issue 11): outcomes recorded through the API, a stricter ruleset stored and activated as
// shadow, live traffic assessed by both, and rule performance whose figures match a count made here from the parcels.
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ENGINE_VERDICTS } from '../fixtures/risk-declarations';
import type { ApiClient } from '../helpers/api-client';
import { expectProblem } from '../helpers/problems';
import { s10Sequence } from '../helpers/s10';
import { startApiRuntime } from '../helpers/webhook-runtime';

jest.setTimeout(90_000);

let rt: LocalRuntime;
let api: ApiClient;
let adminKey: string;
let keys: Record<string, { id: string; key: string }> = {};
const nextId = s10Sequence(63_000_000);
const key = (name: string) => keys[name]!.key;
const SHADOW = '2026-12-09.1';
const from = new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  // RULESET_CACHE_SECONDS=0: every batch reads the active versions, so the test need not wait out the 10 s default.
  ({ rt, api, adminKey, keys } = await startApiRuntime(
    { topology, log: memoryLog(), queueVisibilitySeconds: 2, scheduleIntervalMs: 500, idlePollMs: 20, env: { RULESET_CACHE_SECONDS: '0' } },
    { shop: { role: 'platform', tenantId: 'lab-shop' }, customsFR: { role: 'customs', country: 'FR' }, customsDE: { role: 'customs', country: 'DE' } },
  ));
});
afterAll(async () => {
  await rt?.close();
});

async function declare(d: object): Promise<string> {
  const itemId = nextId();
  expect((await api.post('/v1/parcels', key('shop'), { ...d, itemId })).status).toBe(202);
  return itemId;
}
const parcel = async (itemId: string, who = 'customsFR') => (await api.get(`/v1/parcels/${itemId}`, key(who))).body;
async function assessed(itemIds: string[]): Promise<void> {
  await api.awaitAssessed(itemIds, key('customsFR'), 30_000);
}

type Hit = { ruleId: string; points: number; critical?: boolean };
type Row = { ruleId: string; parcelsHit: number; parcelsHeld: number; outcomes: number; found: number };

/** The count made here: per rule, parcels hit and held (the hold's weighing hits), outcomes and FOUND among them. */
function countByRule(assessments: { hits: Hit[]; engineResponse: string; outcome?: string }[]): Map<string, Omit<Row, 'ruleId'>> {
  const rows = new Map<string, Omit<Row, 'ruleId'>>();
  for (const a of assessments) {
    const held = a.engineResponse === 'HELD_FOR_INSPECTION' || a.engineResponse === 'DO_NOT_LOAD';
    for (const ruleId of new Set(a.hits.map((h) => h.ruleId))) {
      const r = rows.get(ruleId) ?? { parcelsHit: 0, parcelsHeld: 0, outcomes: 0, found: 0 };
      rows.set(ruleId, r);
      r.parcelsHit++;
      if (held && a.hits.some((h) => h.ruleId === ruleId && (h.points > 0 || h.critical))) r.parcelsHeld++;
      if (a.outcome) r.outcomes++;
      if (a.outcome === 'FOUND') r.found++;
    }
  }
  return rows;
}

describe('the rule lab', () => {
  it('runs a stricter ruleset in shadow on live traffic and reports rule performance against the outcomes', async () => {
    // Three holds with outcomes (two FOUND), before any shadow.
    const held = [await declare(ENGINE_VERDICTS.HELD_FOR_INSPECTION()), await declare(ENGINE_VERDICTS.HELD_FOR_INSPECTION()), await declare(ENGINE_VERDICTS.HELD_FOR_INSPECTION())];
    await assessed(held);
    const outcomes: Record<string, string> = { [held[0]!]: 'FOUND', [held[1]!]: 'FOUND', [held[2]!]: 'NOTHING_FOUND' };
    for (const [itemId, result] of Object.entries(outcomes)) {
      const body = result === 'FOUND' ? { result, findings: ['PROHIBITED_OR_RESTRICTED'] } : { result };
      expect((await api.post(`/v1/parcels/${itemId}/outcomes`, key('customsFR'), body)).status).toBe(201);
    }

    // A stricter ruleset: the shipped one (read through the API) with vague descriptions weighing enough to hold.
    const shipped = await api.get('/v1/rulesets', key('customsFR'));
    const activeVersion = shipped.body.scopes.find((s: { scope: string }) => s.scope === '*').active.version;
    const document = (await api.get(`/v1/rulesets/${activeVersion}`, adminKey)).body.document;
    const stricter = { ...document, rulesetVersion: SHADOW, rules: { ...document.rules, DESCRIPTION_GENERIC: { ...document.rules.DESCRIPTION_GENERIC, points: 60 } } };
    expect((await api.post('/v1/rulesets', adminKey, stricter)).status).toBe(201);
    expect((await api.post(`/v1/rulesets/${SHADOW}/activate`, adminKey, { mode: 'shadow' })).body).toMatchObject({ state: { scope: '*', shadow: { version: SHADOW, by: 'key_admin_test' } } });

    // Live traffic: two vague ones (the shadow would hold them), a clean one, another hold.
    const live = [
      await declare(ENGINE_VERDICTS.INFORMATION_REQUESTED()),
      await declare(ENGINE_VERDICTS.INFORMATION_REQUESTED()),
      await declare(ENGINE_VERDICTS.RELEASED()),
      await declare(ENGINE_VERDICTS.HELD_FOR_INSPECTION()),
    ];
    await assessed(live);
    const views = await Promise.all([...held, ...live].map((id) => parcel(id)));
    for (const v of views.slice(3)) expect(v.assessment).toMatchObject({ rulesetVersion: activeVersion, shadow: { rulesetVersion: SHADOW } });
    expect(views[3].status).toBe('INFORMATION_REQUESTED'); // only the active ruleset's response is issued
    expect(views[3].assessment.shadow).toMatchObject({ engineResponse: 'HELD_FOR_INSPECTION', level: 'HIGH' });
    expect((await parcel(live[0]!, 'shop')).assessment).not.toHaveProperty('shadow');

    const to = new Date(Date.now() + 60_000).toISOString();
    const r = await api.get(`/v1/rule-performance?from=${from}&to=${to}&destinationCountry=FR`, key('customsFR'));
    expect(r.status).toBe(200);
    expect(r.body.parcels).toBe(7);
    const outcomeOf = (v: { itemId: string }) => outcomes[v.itemId];
    const expectedActive = countByRule(views.map((v) => ({ hits: v.assessment.hits, engineResponse: v.assessment.engineResponse, outcome: outcomeOf(v) })));
    const expectedShadow = countByRule(
      views.filter((v) => v.assessment.shadow).map((v) => ({ hits: v.assessment.shadow.hits, engineResponse: v.assessment.shadow.engineResponse, outcome: outcomeOf(v) })),
    );
    const asMap = (rows: Row[]) => new Map(rows.map(({ ruleId, parcelsHit, parcelsHeld, outcomes: o, found }) => [ruleId, { parcelsHit, parcelsHeld, outcomes: o, found }]));
    expect(asMap(r.body.active.byRule)).toEqual(expectedActive);
    expect(asMap(r.body.shadow.byRule)).toEqual(expectedShadow);
    expect(r.body.shadow).toMatchObject({ parcels: 4, rulesetVersions: { [SHADOW]: 4 } });
    expect(expectedShadow.get('DESCRIPTION_GENERIC')).toMatchObject({ parcelsHit: 2, parcelsHeld: 2 });
    expect(r.body.active.byResponse.find((x: { code: string }) => x.code === 'HELD_FOR_INSPECTION')).toMatchObject({ parcelsHit: 4, outcomes: 3, found: 2, foundRate: { rate: 2 / 3 } });
    expect(r.body.filers).toEqual([expect.objectContaining({ submittedBy: 'platform:lab-shop', parcels: 7, informationRequested: 2 })]);
  });

  it('answers who may not see rule performance, and a bad period, with problem details', async () => {
    const q = `from=2026-12-01&to=2026-12-02`;
    expectProblem(await api.get(`/v1/rule-performance?${q}`, key('shop')), 403, 'FORBIDDEN');
    expectProblem(await api.get(`/v1/rule-performance?${q}&destinationCountry=FR`, key('customsDE')), 403, 'FORBIDDEN');
    const bad = await api.get('/v1/rule-performance?from=2026-12-05&to=2026-12-01', key('customsFR'));
    expectProblem(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/to' })]);
    const long = await api.get('/v1/rule-performance?from=2026-01-01&to=2026-12-01', adminKey);
    expect(long.body.errors).toEqual([expect.objectContaining({ pointer: '/to', code: 'VALUE_TOO_LARGE' })]);
    const garbled = await api.get('/v1/rule-performance?from=yesterday', adminKey);
    expect(garbled.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/from', '/to']);
    expect((await api.get(`/v1/rule-performance?${q}`, adminKey)).status).toBe(200);
  });

  it('manages rulesets over HTTP: pointers for a bad document, 409 for a changed version, filers refused', async () => {
    const doc = (await api.get(`/v1/rulesets/${SHADOW}`, adminKey)).body;
    expect(doc.activations).toEqual([expect.objectContaining({ mode: 'shadow', by: 'key_admin_test' })]);
    const bad = await api.post('/v1/rulesets', key('customsFR'), { ...doc.document, rulesetVersion: 'v2', levels: { medium: 1 } });
    expectProblem(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/rulesetVersion', '/levels/high']));
    expectProblem(await api.post('/v1/rulesets', adminKey, { ...doc.document, nominalValueMax: 2 }), 409, 'RULESET_VERSION_TAKEN');
    expectProblem(await api.get('/v1/rulesets', key('shop')), 403, 'FORBIDDEN');
    const own = await api.post('/v1/rulesets', key('customsFR'), { ...doc.document, rulesetVersion: '2026-12-10.1' });
    expect(own).toMatchObject({ status: 201, body: { scope: 'FR' } });
    expectProblem(await api.get('/v1/rulesets/2026-12-10.1', key('customsDE')), 404, 'NOT_FOUND');
    expectProblem(await api.post('/v1/rulesets/2026-12-10.1/activate', key('customsDE')), 404, 'NOT_FOUND');
    expect((await api.post('/v1/rulesets/2026-12-10.1/activate', key('customsFR'))).body).toMatchObject({ state: { scope: 'FR', active: { version: '2026-12-10.1' } } });
    const itemId = await declare(ENGINE_VERDICTS.RELEASED());
    await assessed([itemId]);
    expect((await parcel(itemId)).assessment.rulesetVersion).toBe('2026-12-10.1');
  });
});
