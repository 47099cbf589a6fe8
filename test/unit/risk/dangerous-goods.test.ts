// The dangerous-goods family: one case per rule, by air and by surface; the lithium decisions and the mail limits
// counted over the whole item; the reasons (item, why, source); the terms in seven languages and the CJK matching;
// the config's checks; and the corpus figures the bench prints, bounded.
import { DEFAULT_RULES_CONFIG, RULE_FAMILIES, RulesConfigError, loadRulesConfig, parseRulesConfig } from '#shared/risk/index';
import { keywordMatcher } from '#shared/risk/keyword-matcher';
import { batterySpec, statedAbv } from '#shared/risk/rules/dangerous-goods';
import { foldText } from '#shared/risk/text';
import { DANGEROUS_GOODS_RULE_IDS } from '#shared/risk/types';
import { DG_CORPUS, measureDangerousGoods } from '#test/fixtures/dangerous-goods-corpus';
import { ENGINE_VERDICTS, RISK_SAMPLES } from '#test/fixtures/risk-declarations';
import { assess, dangerousGoodsOutcome, declaration, engine, hitsOf, line, withLines } from './support';

describe('each dangerous-goods rule, by air and by surface', () => {
  it.each([
    // description, HS, rule, by air, by surface
    ['Power bank 20000 mAh', '850760', 'DG_LITHIUM_BATTERY_LOOSE', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Camera with spare battery', '852589', 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT', 'HELD', 'HELD'],
    ['Smartphone, swollen battery', '851713', 'DG_LITHIUM_BATTERY_DAMAGED', 'HELD', 'HELD'],
    ['Electric scooter 36 V', '871160', 'DG_LITHIUM_BATTERY_OVER_LIMIT', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Laptop 14 inch', '847130', 'DG_LITHIUM_BATTERY_IN_EQUIPMENT', 'ACCEPTED_WITH_CONDITIONS', 'ACCEPTED_WITH_CONDITIONS'],
    ['Eau de parfum 50 ml', '330300', 'DG_FLAMMABLE_LIQUID', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Deodorant spray', '330720', 'DG_FLAMMABLE_GAS', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Safety matches', '360500', 'DG_FLAMMABLE_SOLID', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['E-cigarette kit', '854340', 'DG_E_CIGARETTE', 'HELD', 'HELD'],
    ['Neodymium magnets', '850511', 'DG_MAGNETIZED_MATERIAL', 'HELD', 'ACCEPTED_WITH_CONDITIONS'],
    ['Dry ice 2 kg', '281121', 'DG_DRY_ICE', 'HELD', 'ACCEPTED_WITH_CONDITIONS'],
    ['Mercury thermometer', '902511', 'DG_MERCURY', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Car battery 12 V', '850710', 'DG_CORROSIVE', 'FORBIDDEN_BY_AIR', 'HELD'],
    ['Biological substance, category B, UN3373', '300290', 'DG_INFECTIOUS', 'HELD', 'HELD'],
    ['Uranium ore specimen', '261210', 'DG_RADIOACTIVE', 'HELD', 'HELD'],
  ] as const)('"%s" (HS %s): %s, %s by air, %s by surface', (description, hsCode, ruleId, byAir, bySurface) => {
    const air = dangerousGoodsOutcome({ description, hsCode });
    const surface = dangerousGoodsOutcome({ description, hsCode }, 'SURFACE');
    expect(air.ruleIds).toContain(ruleId);
    expect(air.outcome).toBe(byAir);
    expect(surface.ruleIds).toContain(ruleId);
    expect(surface.outcome).toBe(bySurface);
    expect(RULE_FAMILIES[ruleId]).toBe('DANGEROUS_GOODS');
  });

  it('by air, an air-forbidden item is DO_NOT_LOAD; by SURFACE, ROAD or RAIL it is at most held, never critical', () => {
    const c = { description: 'Power bank 20000 mAh', hsCode: '850760' };
    expect(dangerousGoodsOutcome(c).response.code).toBe('DO_NOT_LOAD');
    expect(dangerousGoodsOutcome(c, 'AIR').response.code).toBe('DO_NOT_LOAD');
    for (const mode of ['SURFACE', 'ROAD', 'RAIL'] as const) {
      const { assessment, response } = dangerousGoodsOutcome(c, mode);
      expect(response.code).toBe('HELD_FOR_INSPECTION');
      expect(hitsOf(assessment, 'DG_LITHIUM_BATTERY_LOOSE')[0]).toMatchObject({
        points: 50,
        critical: false,
        evidence: { transport: mode, transportDeclared: true, action: 'HOLD', air: 'FORBIDDEN' },
      });
      expect(response.reasons[0]).toContain(`forbidden by air; by ${mode.toLowerCase()}, held for the post to check (not stopped)`);
    }
  });
});

describe('what a hit says', () => {
  it('names the item and what said it, why it may not fly, and the sources, in the message and the evidence', () => {
    const [hit] = hitsOf(assess(withLines([line('Cotton shirt', { hsCode: '610910' }), line('Batterie externe 20000 mAh')])), 'DG_LITHIUM_BATTERY_LOOSE');
    expect(hit).toMatchObject({ points: 100, critical: true, pointer: '/contents/1/description' });
    expect(hit!.message).toBe(
      'lithium cells or batteries not installed in equipment ("batterie externe"): not to be loaded on aircraft: lithium cells and batteries on their own (PI 965 / 968) are not admitted in air mail: a short circuit or a damaged cell can start a fire no crew can fight in the hold [UPU Convention art. 19; UPU Letter Post Regulations; UPU Parcel Post Regulations; ICAO TI PI 965-970 Section II; IATA DGR 2.4]',
    );
    expect(hit!.evidence).toMatchObject({
      item: 'lithium cells or batteries not installed in equipment',
      matchedTerm: 'batterie externe',
      description: 'Batterie externe 20000 mAh',
      transport: 'AIR',
      transportDeclared: false,
      loading: 'DO_NOT_LOAD_ON_AIRCRAFT',
      battery: { mah: 20000, wh: 74, whEstimated: true },
    });
    expect((hit!.evidence.sources as { id: string }[]).map((s) => s.id)).toEqual([
      'UPU_CONVENTION_ART19',
      'UPU_LETTER_POST_REGULATIONS',
      'UPU_PARCEL_POST_REGULATIONS',
      'ICAO_TI_PI965_970',
      'IATA_DGR_2_4',
    ]);
  });

  it('points at the HS code when the code said it, at the description when the words did', () => {
    expect(hitsOf(assess(withLines([line('Eau de parfum', { hsCode: '330300' })])), 'DG_FLAMMABLE_LIQUID')[0]).toMatchObject({ pointer: '/contents/0/hsCode', evidence: { hsPrefix: '3303' } });
    expect(hitsOf(assess(withLines([line('Nagellack rot', { hsCode: '950300' })])), 'DG_FLAMMABLE_LIQUID')[0]).toMatchObject({
      pointer: '/contents/0/description',
      evidence: { matchedTerm: 'nagellack' },
    });
  });

  it('an installed battery is a condition, 0 points, and no reason of the customs response', () => {
    const d = withLines([line('Laptop with lithium battery installed, 56 Wh', { hsCode: '847130', value: 600, netWeightKg: 1.5 })]);
    const a = assess(d);
    expect(a.hits).toEqual([expect.objectContaining({ ruleId: 'DG_LITHIUM_BATTERY_IN_EQUIPMENT', points: 0, critical: false })]);
    expect(a.hits[0]!.message).toMatch(/may be loaded on aircraft if no more than 4 cells or 2 batteries per item/);
    expect(engine().decide(a)).toMatchObject({ code: 'RELEASED', reasons: [] });
  });
});

describe('lithium batteries: on their own, beside, damaged, in equipment, over the limits', () => {
  it.each([
    ['Phone case with built-in battery', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['Replacement battery for iPhone 12', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['Batterie pour ordinateur portable', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['CR2032 lithium coin cells', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['Drone with 2 extra batteries', 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT'],
    ['Laptop, battery packed separately', 'DG_LITHIUM_BATTERY_PACKED_WITH_EQUIPMENT'],
    ['Handy defekt, Akku aufgebläht', 'DG_LITHIUM_BATTERY_DAMAGED'],
    ['Toy car with rechargeable battery', 'DG_LITHIUM_BATTERY_IN_EQUIPMENT'],
    ['Hoverboard', 'DG_LITHIUM_BATTERY_OVER_LIMIT'],
  ] as const)('"%s" → %s', (description, ruleId) => {
    expect(dangerousGoodsOutcome({ description }).ruleIds).toEqual([ruleId]);
  });

  it('counts the batteries installed over the whole item: 2 phones fly, a third does not', () => {
    const phones = (n: number) => withLines([line('Smartphone', { hsCode: '851713', quantity: n, value: 300 * n, netWeightKg: 0.2 * n })]);
    expect(hitsOf(assess(phones(2)), 'DG_LITHIUM_BATTERY_OVER_LIMIT')).toEqual([]);
    const over = hitsOf(assess(phones(3)), 'DG_LITHIUM_BATTERY_OVER_LIMIT');
    expect(over).toEqual([expect.objectContaining({ critical: true, pointer: '/contents/0/quantity', evidence: expect.objectContaining({ batteriesInItem: 3, batteriesPerItem: 2 }) })]);
    // across lines: a phone and two laptops
    const mixed = withLines([line('Smartphone', { hsCode: '851713', value: 300 }), line('Laptop', { hsCode: '847130', quantity: 2, value: 1200, netWeightKg: 3 })]);
    expect(hitsOf(assess(mixed), 'DG_LITHIUM_BATTERY_OVER_LIMIT')[0]).toMatchObject({ pointer: '/contents/1/quantity', evidence: { linesCounted: [0, 1] } });
  });

  it('counts cells when the description says cells: 4 fly, 5 do not', () => {
    expect(hitsOf(assess(withLines([line('Torch with 4 cells lithium-ion installed')])), 'DG_LITHIUM_BATTERY_OVER_LIMIT')).toEqual([]);
    expect(hitsOf(assess(withLines([line('Torch with 5 cells lithium-ion installed')])), 'DG_LITHIUM_BATTERY_OVER_LIMIT')).toHaveLength(1);
  });

  it('reads Wh, mAh and volts, and lithium content, against the Section II limits', () => {
    expect(hitsOf(assess(withLines([line('Laptop with battery 99.9 Wh', { hsCode: '847130', value: 900, netWeightKg: 2 })])), 'DG_LITHIUM_BATTERY_OVER_LIMIT')).toEqual([]);
    const wh = hitsOf(assess(withLines([line('Laptop with battery 120 Wh', { hsCode: '847130', value: 900, netWeightKg: 2 })])), 'DG_LITHIUM_BATTERY_OVER_LIMIT');
    expect(wh[0]!.message).toContain('120 Wh per battery, over the 100 Wh limit');
    const g = hitsOf(assess(withLines([line('GPS tracker with lithium metal battery, 3 g lithium')])), 'DG_LITHIUM_BATTERY_OVER_LIMIT');
    expect(g[0]!.message).toContain('3 g lithium per battery, over the 2 g limit');
    expect(batterySpec('Akku 11,1 V 4400 mAh', 3.7)).toEqual({ mah: 4400, volts: 11.1, wh: 48.84 });
    expect(batterySpec('2 batteries, 56Wh', 3.7)).toEqual({ wh: 56, batteries: 2 });
    expect(batterySpec('18650 x 3 cells', 3.7)).toEqual({ cells: 3 });
  });

  it('leaves batteries of another or an unknown chemistry, and accessories, to the other rules', () => {
    expect(dangerousGoodsOutcome({ description: 'AA alkaline batteries', hsCode: '850610' }).ruleIds).toEqual([]);
    expect(dangerousGoodsOutcome({ description: 'Battery holder, 4 x AA' }).ruleIds).toEqual([]);
    expect(dangerousGoodsOutcome({ description: 'Phone case, silicone', hsCode: '392690' }).ruleIds).toEqual([]);
  });
});

describe('flammable liquids: alcohol by its strength', () => {
  it('spirits over 70 % vol are forbidden by air, weaker ones are not dangerous goods', () => {
    expect(dangerousGoodsOutcome({ description: 'Vodka 96% vol', hsCode: '220860' }).outcome).toBe('FORBIDDEN_BY_AIR');
    expect(dangerousGoodsOutcome({ description: 'Overproof rum 151 proof', hsCode: '220840' }).outcome).toBe('FORBIDDEN_BY_AIR');
    expect(dangerousGoodsOutcome({ description: 'Vodka 40% vol', hsCode: '220860' }).outcome).toBe('ORDINARY');
    expect(dangerousGoodsOutcome({ description: 'Vodka', hsCode: '220860' }).outcome).toBe('ORDINARY');
    expect(dangerousGoodsOutcome({ description: 'Undenatured ethyl alcohol', hsCode: '220710' }).outcome).toBe('FORBIDDEN_BY_AIR');
    expect(statedAbv('Absinthe 72,5 % vol.')).toBe(72.5);
    expect(statedAbv('ABV: 75')).toBe(75);
    expect(statedAbv('151 proof')).toBe(75.5);
    expect(statedAbv('Cotton')).toBeUndefined();
  });
});

describe('terms in the languages filers use', () => {
  it.each([
    ['batterie externe', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['Powerbank', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['batería externa', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['batteria esterna', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['bateria externa', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['充电宝', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['移动电源', 'DG_LITHIUM_BATTERY_LOOSE'],
    ['PARFUM', 'DG_FLAMMABLE_LIQUID'],
    ['Nagellack', 'DG_FLAMMABLE_LIQUID'],
    ['Vernis à ongles', 'DG_FLAMMABLE_LIQUID'],
    ['Esmalte de uñas', 'DG_FLAMMABLE_LIQUID'],
    ['Smalto per unghie', 'DG_FLAMMABLE_LIQUID'],
    ['Esmalte de unhas', 'DG_FLAMMABLE_LIQUID'],
    ['香水', 'DG_FLAMMABLE_LIQUID'],
    ['指甲油', 'DG_FLAMMABLE_LIQUID'],
    ['Feuerzeug', 'DG_FLAMMABLE_GAS'],
    ['Briquet', 'DG_FLAMMABLE_GAS'],
    ['Mechero', 'DG_FLAMMABLE_GAS'],
    ['Accendino', 'DG_FLAMMABLE_GAS'],
    ['Isqueiro', 'DG_FLAMMABLE_GAS'],
    ['打火机', 'DG_FLAMMABLE_GAS'],
    ['Streichhölzer', 'DG_FLAMMABLE_SOLID'],
    ['Allumettes', 'DG_FLAMMABLE_SOLID'],
    ['Cerillas', 'DG_FLAMMABLE_SOLID'],
    ['Fiammiferi', 'DG_FLAMMABLE_SOLID'],
    ['火柴', 'DG_FLAMMABLE_SOLID'],
    ['电子烟', 'DG_E_CIGARETTE'],
    ['Cigarette électronique', 'DG_E_CIGARETTE'],
    ['Quecksilber', 'DG_MERCURY'],
    ['干冰', 'DG_DRY_ICE'],
  ] as const)('"%s" → %s', (description, ruleId) => {
    expect(dangerousGoodsOutcome({ description }).ruleIds).toContain(ruleId);
  });

  it('foldText keeps CJK characters and the matcher finds CJK terms inside unspaced text and Latin words touching CJK', () => {
    expect(foldText('２００００mAh 充电宝，大容量')).toBe('20000mah 充电宝 大容量');
    const m = keywordMatcher(['充电宝', 'power bank', 'iphone']);
    expect(m.match(foldText('大容量充电宝20000毫安'))).toBe('充电宝');
    expect(m.match(foldText('苹果iPhone手机'))).toBe('iphone');
    expect(m.match(foldText('power bank充电宝'))).toBe('power bank');
    expect(m.match(foldText('iphones'))).toBeUndefined();
    expect(m.match(foldText('superpower banker'))).toBeUndefined();
  });
});

describe('look-alikes stay ordinary', () => {
  it.each([
    'Lighter-coloured jacket',
    'Perfume bottle, empty, decorative',
    'Battery-powered toothbrush',
    'Fridge magnet, souvenir',
    'Matchbox car, die-cast',
    'Mercury-free thermometer, digital',
    'Spirit level 60 cm',
    'Cigarette lighter USB charger for car',
    'Roll-on deodorant',
    'Dry ice machine for stage effects',
    'Battery-operated fairy lights (batteries not included)',
  ])('"%s" is neither held nor stopped', (description) => {
    const { outcome, response } = dangerousGoodsOutcome({ description });
    expect(['ORDINARY', 'ACCEPTED_WITH_CONDITIONS']).toContain(outcome);
    expect(response.code).not.toBe('DO_NOT_LOAD');
  });
});

describe('the rules config', () => {
  it('weighs and describes every dangerous-goods rule, citing only known sources', () => {
    const c = loadRulesConfig('eu-west-1');
    expect(c.rulesetVersion).toBe('2026-12-02.1');
    expect(Object.keys(c.dangerousGoods.rules).sort()).toEqual([...DANGEROUS_GOODS_RULE_IDS].sort());
    for (const id of DANGEROUS_GOODS_RULE_IDS) {
      expect(c.rules[id]).toBeDefined();
      for (const s of c.dangerousGoods.rules[id].sources) expect(c.dangerousGoods.sources[s]).toBeDefined();
      // What may not fly stops (critical); what is held weighs enough to hold.
      if (c.dangerousGoods.rules[id].air === 'FORBIDDEN') expect(c.rules[id].critical).toBe(true);
      if (c.dangerousGoods.rules[id].air === 'HOLD') expect(c.rules[id].points).toBeGreaterThanOrEqual(c.levels.high);
    }
  });

  const bad = (dangerousGoods: unknown) => {
    try {
      parseRulesConfig({ ...DEFAULT_RULES_CONFIG, dangerousGoods }, 'test');
    } catch (e) {
      if (e instanceof RulesConfigError) return e.issues.join('\n');
      throw e;
    }
    return '';
  };
  const dg = DEFAULT_RULES_CONFIG.dangerousGoods;

  it('refuses a surface action FORBIDDEN, an unknown source and held points that would not hold', () => {
    expect(bad({ ...dg, rules: { ...dg.rules, DG_FLAMMABLE_GAS: { ...dg.rules.DG_FLAMMABLE_GAS, surface: 'FORBIDDEN' } } })).toMatch(/\/dangerousGoods\/rules\/DG_FLAMMABLE_GAS\/surface/);
    expect(bad({ ...dg, rules: { ...dg.rules, DG_DRY_ICE: { ...dg.rules.DG_DRY_ICE, sources: ['NO_SUCH_SOURCE'] } } })).toMatch(
      /\/dangerousGoods\/rules\/DG_DRY_ICE\/sources\/0: no source NO_SUCH_SOURCE/,
    );
    expect(bad({ ...dg, heldPoints: 10 })).toMatch(/\/dangerousGoods\/heldPoints: heldPoints must hold without stopping/);
    const { DG_MERCURY: _, ...missing } = dg.rules;
    expect(bad({ ...dg, rules: missing })).toMatch(/\/dangerousGoods\/rules\/DG_MERCURY/);
  });

  it('lets a region switch a rule off: the goods are then left to the older rules', () => {
    const off = engine('eu-west-1', { rules: { DG_FLAMMABLE_LIQUID: { points: 100, critical: true, enabled: false } } });
    expect(dangerousGoodsOutcome({ description: 'Eau de parfum', hsCode: '330300' }, undefined, off).ruleIds).toEqual([]);
  });
});

describe('the existing samples keep their responses', () => {
  it.each(Object.entries(RISK_SAMPLES).filter(([name]) => name !== 'sanctioned-recipient'))('%s', (_name, s) => {
    expect(engine().decide(assess(declaration(s.declaration()))).code).toBe(s.expected);
  });
  it.each(Object.entries(ENGINE_VERDICTS))('ENGINE_VERDICTS.%s', (code, make) => {
    expect(engine().decide(assess(declaration(make()))).code).toBe(code);
  });
});

describe('the labelled corpus', () => {
  const figures = measureDangerousGoods((c) => dangerousGoodsOutcome(c));

  it('has at least 150 lines of every label', () => {
    expect(DG_CORPUS.length).toBeGreaterThanOrEqual(150);
    for (const n of Object.values(figures.counts)) expect(n).toBeGreaterThanOrEqual(20);
  });

  it('stops at least 98 % of what may not fly, with a precision of at least 95 %', () => {
    expect(figures.recallForbidden).toBeGreaterThanOrEqual(0.98);
    expect(figures.precision).toBeGreaterThanOrEqual(0.95);
    expect(figures.recallHeld).toBeGreaterThanOrEqual(0.95);
  });

  it('by surface, nothing in it is DO_NOT_LOAD for dangerous goods', () => {
    for (const c of DG_CORPUS) {
      expect({ c: c.description, outcome: dangerousGoodsOutcome(c, 'SURFACE').outcome }).not.toEqual({ c: c.description, outcome: 'FORBIDDEN_BY_AIR' });
    }
  });
});
