// The assess stage's domain with the rule lab (issue 11), on the real ParcelStore over dynalite: a parcel is judged
// by its destination's active ruleset, the shadow's would-be answer is stored beside it and never issued, and a
// shadow that fails leaves the live assessment alone.
import { provisionTable } from '#infra/local/provision';
import { type AssessPorts, assessQueuedParcel } from '#shared/parcels/assess';
import { receivedParcel, declarationHash } from '#shared/parcels/parcel';
import type { EnginesFor } from '#shared/rule-lab/engines';
import { DeclarationSchema } from '#shared/ead/schema';
import { createRiskEngine, loadRulesConfig, type RiskEngine } from '#shared/risk/index';
import { ParcelStore } from '#shared/store/parcel-store';
import { ENGINE_VERDICTS } from '#test/fixtures/risk-declarations';
import { s10Sequence } from '#test/helpers/s10';
import { startTestDynamo, type TestDynamo } from '../store/dynamo';
import { rulesetsTable } from '#shared/store/ruleset-store';

jest.setTimeout(30_000);

const defaults = loadRulesConfig('eu-west-1');
const screener = { screen: () => [] };
const active = createRiskEngine({ config: defaults, screener });
const stricter = createRiskEngine({
  config: { ...defaults, rulesetVersion: '2026-12-05.1', rules: { ...defaults.rules, DESCRIPTION_GENERIC: { ...defaults.rules.DESCRIPTION_GENERIC, points: 60 } } },
  screener,
});
const nextId = s10Sequence(64_000_000);
let db: TestDynamo;
let store: ParcelStore;

beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, rulesetsTable('rulesets'));
  store = new ParcelStore(db.doc, 'parcels');
});
afterAll(async () => {
  await db?.close();
});

function ports(engines: EnginesFor): AssessPorts {
  return { store, engine: active, rulesets: { forDestination: async () => engines }, events: { publish: async () => undefined }, now: () => new Date() };
}
async function stored(make: () => object): Promise<string> {
  const d = DeclarationSchema.parse({ ...make(), itemId: nextId() });
  const now = new Date().toISOString();
  await store.putReceived(receivedParcel(d, 'platform:shop', declarationHash(d), now));
  return JSON.stringify({ itemId: d.itemId, version: 1 });
}

describe('assessing with a shadow ruleset', () => {
  it("issues the active ruleset's answer and stores the shadow's beside it", async () => {
    const body = await stored(ENGINE_VERDICTS.INFORMATION_REQUESTED);
    const out = await assessQueuedParcel(body, ports({ engine: active, shadow: stricter }));
    expect(out).toMatchObject({ outcome: 'assessed', issued: true, customsResponse: { code: 'INFORMATION_REQUESTED' } });
    const p = await store.get(JSON.parse(body).itemId);
    expect(p).toMatchObject({
      status: 'INFORMATION_REQUESTED',
      assessment: {
        rulesetVersion: defaults.rulesetVersion,
        engineResponse: 'INFORMATION_REQUESTED',
        shadow: { rulesetVersion: '2026-12-05.1', engineResponse: 'HELD_FOR_INSPECTION', level: 'HIGH', score: 60 },
      },
    });
    expect(p!.assessment!.shadow!.hits.map((h) => h.ruleId)).toEqual(['DESCRIPTION_GENERIC']);
  });

  it('names the ruleset that judged the parcel: the one the resolver gave for its destination', async () => {
    const body = await stored(ENGINE_VERDICTS.INFORMATION_REQUESTED);
    await assessQueuedParcel(body, ports({ engine: stricter }));
    const p = await store.get(JSON.parse(body).itemId);
    expect(p).toMatchObject({ status: 'HELD_FOR_INSPECTION', assessment: { rulesetVersion: '2026-12-05.1' } });
    expect(p!.assessment).not.toHaveProperty('shadow');
  });

  it('leaves the live assessment alone when the shadow fails', async () => {
    const broken = {
      ...stricter,
      assess: () => {
        throw new Error('shadow rule bug');
      },
    } as RiskEngine;
    const body = await stored(ENGINE_VERDICTS.RELEASED);
    expect(await assessQueuedParcel(body, ports({ engine: active, shadow: broken }))).toMatchObject({ outcome: 'assessed', customsResponse: { code: 'RELEASED' } });
    expect((await store.get(JSON.parse(body).itemId))!.assessment).not.toHaveProperty('shadow');
  });
});
