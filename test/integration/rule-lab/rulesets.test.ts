// Rulesets over the embedded DynamoDB: storage (immutable versions, validation with pointers, scopes), activation
// (recorded, optimistic), and the resolver the assess stage uses (an activation reaches it within its TTL).
import { provisionTable } from '#infra/local/provision';
import type { Principal } from '#shared/auth/principal';
import { rulesetResolver } from '#shared/rule-lab/engines';
import { type RulesetPorts, activateRuleset, createRuleset, endShadowRun, listRulesets, readableSummary } from '#shared/rule-lab/rulesets';
import { createRiskEngine, loadRulesConfig, type RulesConfig } from '#shared/risk/index';
import { RulesetStore, rulesetsTable } from '#shared/store/ruleset-store';
import { startTestDynamo, type TestDynamo } from '../store/dynamo';

jest.setTimeout(30_000);

const defaults = loadRulesConfig('eu-west-1');
const admin: Principal = { keyId: 'key_admin', role: 'admin' };
const customsFR: Principal = { keyId: 'key_fr', role: 'customs', country: 'FR' };
const customsDE: Principal = { keyId: 'key_de', role: 'customs', country: 'DE' };
const platform: Principal = { keyId: 'key_shop', role: 'platform', tenantId: 'shop' };

let db: TestDynamo;
let store: RulesetStore;
let ports: RulesetPorts;
let clock = Date.parse('2026-12-02T08:00:00.000Z');

beforeAll(async () => {
  db = await startTestDynamo();
  await provisionTable(db.ddb, rulesetsTable('rulesets'));
  store = new RulesetStore(db.doc, 'rulesets', defaults);
  ports = { store, defaults, now: () => new Date((clock += 1000)).toISOString() };
});
afterAll(async () => {
  await db?.close();
});

const stricter = (version: string, points = 90): RulesConfig => ({
  ...structuredClone(defaults),
  rulesetVersion: version,
  rules: { ...defaults.rules, VALUE_PER_UNIT_LOW: { ...defaults.rules.VALUE_PER_UNIT_LOW, points } },
});

describe('storing rulesets', () => {
  it('stores a version once: the same document again changes nothing, another one under that version is refused', async () => {
    const first = await createRuleset(admin, stricter('2026-12-03.1'), undefined, ports);
    expect(first).toMatchObject({ created: true, summary: { version: '2026-12-03.1', scope: '*', createdBy: 'key_admin' } });
    expect(await createRuleset(admin, stricter('2026-12-03.1'), undefined, ports)).toMatchObject({ created: false, summary: { version: '2026-12-03.1' } });
    expect(await createRuleset(admin, stricter('2026-12-03.1', 95), undefined, ports)).toMatchObject({ refused: 'RULESET_VERSION_TAKEN' });
    expect(await createRuleset(admin, stricter(defaults.rulesetVersion, 95), undefined, ports)).toMatchObject({ refused: 'RULESET_VERSION_TAKEN' });
    expect((await store.get('2026-12-03.1'))?.rules.VALUE_PER_UNIT_LOW.points).toBe(90);
    expect(await store.get(defaults.rulesetVersion)).toBe(defaults);
    expect(await store.get('2099-01-01.1')).toBeUndefined();
  });

  it('validates by the engine schema and answers every error with its pointer, storing nothing', async () => {
    const bad = { ...stricter('2026-12-03.2'), levels: { medium: 50, high: 40, critical: 100 }, surprise: true, rules: { ...defaults.rules, VALUE_PER_UNIT_LOW: { points: -1 } } };
    const r = await createRuleset(admin, bad, undefined, ports);
    expect(r).toMatchObject({ refused: 'INVALID_REQUEST' });
    const pointers = 'errors' in r ? r.errors!.map((e) => e.pointer) : [];
    expect(pointers).toEqual(expect.arrayContaining(['/surprise', '/rules/VALUE_PER_UNIT_LOW/points']));
    expect(await createRuleset(admin, { ...stricter('2026-12-03.2'), region: 'us-east-1' }, undefined, ports)).toMatchObject({ refused: 'INVALID_REQUEST', errors: [{ pointer: '/region' }] });
    expect(await store.summary('2026-12-03.2')).toBeUndefined();
  });

  it("scopes a customs authority's rulesets to its country: others do not see them, filers see none", async () => {
    expect(await createRuleset(customsFR, stricter('2026-12-04.1'), undefined, ports)).toMatchObject({ created: true, summary: { scope: 'FR', createdBy: 'key_fr' } });
    expect(await createRuleset(customsFR, stricter('2026-12-04.2'), 'DE', ports)).toMatchObject({ refused: 'FORBIDDEN' });
    expect(await createRuleset(platform, stricter('2026-12-04.3'), undefined, ports)).toMatchObject({ refused: 'FORBIDDEN' });
    expect(await readableSummary(customsDE, '2026-12-04.1', ports)).toBeUndefined();
    expect(await activateRuleset(customsDE, '2026-12-04.1', 'active', ports)).toMatchObject({ refused: 'NOT_FOUND' });
    expect(await activateRuleset(customsFR, '2026-12-03.1', 'active', ports)).toMatchObject({ refused: 'FORBIDDEN' }); // the region's: admin only
    const seen = (await listRulesets(customsDE, ports)).items.map((i) => i.version);
    expect(seen).toEqual(expect.arrayContaining([defaults.rulesetVersion, '2026-12-03.1']));
    expect(seen).not.toContain('2026-12-04.1');
    expect((await listRulesets(admin, ports)).items.map((i) => i.version)).toContain('2026-12-04.1');
  });
});

describe('activation', () => {
  it('is recorded (who, when), per scope; a shadow runs beside the active one until it is activated itself', async () => {
    const shadow = await activateRuleset(admin, '2026-12-03.1', 'shadow', ports);
    expect(shadow).toMatchObject({ state: { scope: '*', shadow: { version: '2026-12-03.1', by: 'key_admin', mode: 'shadow' } } });
    expect((await listRulesets(admin, ports)).scopes.find((s) => s.scope === '*')).toMatchObject({ active: { version: defaults.rulesetVersion, by: 'shipped' }, shadow: { version: '2026-12-03.1' } });

    const active = await activateRuleset(admin, '2026-12-03.1', 'active', ports);
    expect(active).toMatchObject({ state: { scope: '*', active: { version: '2026-12-03.1' } } });
    expect('state' in active && active.state.shadow).toBeFalsy();
    const log = await store.activations('2026-12-03.1');
    expect(log.map((a) => [a.mode, a.by])).toEqual([
      ['shadow', 'key_admin'],
      ['active', 'key_admin'],
    ]);
    expect(log[0]!.at < log[1]!.at).toBe(true);
  });

  it('refuses a write on a state that changed since it was read', async () => {
    const [state] = (await store.states()).filter((s) => s.scope === '*');
    const activation = { version: defaults.rulesetVersion, scope: '*', mode: 'active' as const, at: new Date(clock).toISOString(), by: 'key_admin' };
    expect(await store.activate(activation, { scope: '*', active: activation }, state)).toBe(true);
    expect(await store.activate(activation, { scope: '*', active: activation }, state)).toBe(false);
  });

  it("reaches the assess stage's resolver within its TTL; a country's own ruleset wins for its parcels", async () => {
    let now = 0;
    const built: string[] = [];
    const resolver = rulesetResolver({
      source: store,
      defaults,
      ttlMs: 10_000,
      nowMs: () => now,
      build: (config) => (built.push(config.rulesetVersion), createRiskEngine({ config, screener: { screen: () => [] } })),
    });
    expect((await resolver.forDestination('FR')).engine.config.rulesetVersion).toBe(defaults.rulesetVersion);

    await activateRuleset(customsFR, '2026-12-04.1', 'active', ports);
    await activateRuleset(admin, '2026-12-03.1', 'shadow', ports);
    now = 9_999; // within the TTL: what was read stands
    expect((await resolver.forDestination('FR')).engine.config.rulesetVersion).toBe(defaults.rulesetVersion);
    now = 10_000;
    const fr = await resolver.forDestination('FR');
    const de = await resolver.forDestination('DE');
    expect([fr.engine.config.rulesetVersion, fr.shadow?.config.rulesetVersion]).toEqual(['2026-12-04.1', undefined]);
    expect([de.engine.config.rulesetVersion, de.shadow?.config.rulesetVersion]).toEqual([defaults.rulesetVersion, '2026-12-03.1']);
    await resolver.forDestination('DE');
    expect(built.sort()).toEqual([defaults.rulesetVersion, '2026-12-03.1', '2026-12-04.1'].sort()); // one engine per version
  });

  it('ends a shadow run (who, when): the resolver then judges by the active ruleset alone; refused where none runs or for another scope', async () => {
    await createRuleset(customsFR, stricter('2026-12-05.1', 70), undefined, ports);
    expect(await activateRuleset(customsFR, '2026-12-05.1', 'shadow', ports)).toMatchObject({ state: { scope: 'FR', active: { version: '2026-12-04.1' }, shadow: { version: '2026-12-05.1' } } });
    let now = 0;
    const resolver = rulesetResolver({ source: store, defaults, ttlMs: 10_000, nowMs: () => now, build: (config) => createRiskEngine({ config, screener: { screen: () => [] } }) });
    expect((await resolver.forDestination('FR')).shadow?.config.rulesetVersion).toBe('2026-12-05.1');

    expect(await endShadowRun(customsDE, '2026-12-05.1', ports)).toMatchObject({ refused: 'NOT_FOUND' });
    expect(await endShadowRun(platform, '2026-12-05.1', ports)).toMatchObject({ refused: 'NOT_FOUND' });
    expect(await endShadowRun(customsFR, '2026-12-04.1', ports)).toMatchObject({ refused: 'RULESET_NOT_IN_SHADOW' }); // the active one
    const ended = await endShadowRun(customsFR, '2026-12-05.1', ports);
    expect(ended).toMatchObject({ state: { scope: 'FR', active: { version: '2026-12-04.1' } }, activation: { version: '2026-12-05.1', mode: 'shadow-ended', by: 'key_fr' } });
    expect('state' in ended && ended.state.shadow).toBeFalsy();
    expect((await store.states()).find((s) => s.scope === 'FR')).toMatchObject({ active: { version: '2026-12-04.1' } });
    expect((await store.states()).find((s) => s.scope === 'FR')!.shadow).toBeUndefined();
    expect((await store.activations('2026-12-05.1')).map((a) => [a.mode, a.by])).toEqual([
      ['shadow', 'key_fr'],
      ['shadow-ended', 'key_fr'],
    ]);
    expect(await endShadowRun(customsFR, '2026-12-05.1', ports)).toMatchObject({ refused: 'RULESET_NOT_IN_SHADOW' });
    now = 10_000;
    const fr = await resolver.forDestination('FR');
    expect([fr.engine.config.rulesetVersion, fr.shadow]).toEqual(['2026-12-04.1', undefined]);
  });

  it('lists a page at a time, newest version first, the shipped defaults first on the first page', async () => {
    const all = (await listRulesets(admin, ports, { limit: 100 })).items.map((i) => i.version);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let page = await listRulesets(admin, ports, { limit: 2 });
    for (let n = 0; ; n++) {
      expect(n).toBeLessThan(10);
      expect(page.items.length).toBeLessThanOrEqual(n === 0 ? 3 : 2);
      seen.push(...page.items.map((i) => i.version));
      if (!page.next) break;
      expect(store.isListPosition(page.next)).toBe(true);
      page = await listRulesets(admin, ports, { limit: 2, after: page.next });
    }
    expect(seen).toEqual(all);
    expect(seen[0]).toBe(defaults.rulesetVersion);
    expect(seen.slice(1)).toEqual([...seen.slice(1)].sort().reverse());
    expect(store.isListPosition({ after: 1 })).toBe(false);
    expect(store.isListPosition({ before: 'x' })).toBe(false);
  });
});
