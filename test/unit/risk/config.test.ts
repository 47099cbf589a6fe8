import { DEFAULT_RULES_CONFIG, RULE_IDS, RulesConfigError, knownRegions, loadRulesConfig, parseRulesConfig } from '#shared/risk/index';

const errorOf = (fn: () => unknown): RulesConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RulesConfigError) return e;
    throw e;
  }
  throw new Error('expected a RulesConfigError');
};

describe('loadRulesConfig', () => {
  it.each(knownRegions())('%s is valid and weighs every rule', (region) => {
    const c = loadRulesConfig(region);
    expect(c.region).toBe(region);
    expect(c.rulesetVersion).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(Object.keys(c.rules).sort()).toEqual([...RULE_IDS].sort());
  });

  it('knows eu-west-1 (EU destinations) and us-east-1 (US, CA, MX), which overrides what differs', () => {
    expect(knownRegions()).toEqual(expect.arrayContaining(['eu-west-1', 'us-east-1']));
    const eu = loadRulesConfig('eu-west-1');
    const us = loadRulesConfig('us-east-1');
    expect(eu.servedDestinations).toContain('FR');
    expect(us.servedDestinations).toEqual(['US', 'CA', 'MX']);
    expect(us.levels).toEqual({ medium: 15, high: 40, critical: 100 });
    expect(us.rules.RESTRICTED_HS_MEDICINES.points).toBe(35);
    expect(us.rules.PROHIBITED_HS_ARMS).toEqual(eu.rules.PROHIBITED_HS_ARMS); // merged key by key
    expect(us.deMinimis.FR).toEqual({ amount: 150, currency: 'EUR' }); // the table keeps the defaults
  });

  it('fails fast on an unknown region', () => {
    expect(() => loadRulesConfig('mars-north-1')).toThrow(/no rules config for region "mars-north-1"; known: eu-west-1, us-east-1/);
    expect(() => loadRulesConfig('constructor')).toThrow(RulesConfigError);
  });

  it('applies and validates extra overrides', () => {
    expect(loadRulesConfig('eu-west-1', { rules: { SPLIT_SHIPMENT: { points: 55 } } }).rules.SPLIT_SHIPMENT).toEqual({ points: 55, critical: false, enabled: true });
    expect(() => loadRulesConfig('eu-west-1', { levels: { medium: 60, high: 50, critical: 100 } })).toThrow(/\/levels: levels must rise/);
  });
});

describe('parseRulesConfig names every bad field', () => {
  const bad = (patch: Record<string, unknown>) => errorOf(() => parseRulesConfig({ ...DEFAULT_RULES_CONFIG, ...patch }, 'test')).issues;

  it.each([
    [{ rulesetVersion: 'latest' }, /^\/rulesetVersion: rulesetVersion is YYYY-MM-DD\.n$/],
    [{ servedDestinations: ['FR', 'XX'] }, /^\/servedDestinations\/1: not an ISO 3166-1 alpha-2 country code$/],
    [{ eurPerUnit: { EUR: 1, ABC: 2 } }, /^\/eurPerUnit\/ABC/],
    [{ eurPerUnit: { EUR: 1 }, deMinimis: { US: { amount: 800, currency: 'USD' } } }, /^\/deMinimis\/US\/currency: no exchange rate for USD$/],
    [{ valueFloors: [{ hsPrefix: '851', perUnitEur: 1, label: 'x' }] }, /^\/valueFloors\/0\/hsPrefix: an HS prefix is a chapter/],
    [{ valueFloors: [{ hsPrefix: '85', label: 'x' }] }, /^\/valueFloors\/0: a value floor needs perKgEur or perUnitEur$/],
    [{ deMinimisBand: 0.9 }, /^\/deMinimisBand/],
    [{ unknownKnob: true }, /unknownKnob/],
  ])('%j', (patch, message) => {
    expect(bad(patch)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('requires a weight for every rule id', () => {
    const { SPLIT_SHIPMENT: _, ...rules } = DEFAULT_RULES_CONFIG.rules;
    expect(bad({ rules }).join('\n')).toMatch(/\/rules\/SPLIT_SHIPMENT/);
  });

  it('rejects keyword groups pointing at unknown rules', () => {
    const keywordGroups = [{ ruleId: 'NO_SUCH_RULE', goodsClass: 'ARMS', label: 'x', terms: ['x'] }];
    expect(bad({ keywordGroups }).join('\n')).toMatch(/\/keywordGroups\/0\/ruleId/);
  });

  it('says which config failed in the message', () => {
    expect(() => parseRulesConfig({}, 'eu-west-1')).toThrow(/^rules config for eu-west-1 is invalid: /);
  });

  it('lets a rule be switched off', () => {
    const c = parseRulesConfig({ ...DEFAULT_RULES_CONFIG, rules: { ...DEFAULT_RULES_CONFIG.rules, VALUE_NOMINAL: { points: 20, enabled: false } } });
    expect(c.rules.VALUE_NOMINAL.enabled).toBe(false);
  });
});
