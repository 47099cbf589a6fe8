import { RULE_FAMILIES } from '#shared/risk/index';
import { assess, engine, hitsOf, line, withLines } from './support';

describe('prohibited and restricted goods by HS code', () => {
  it.each([
    ['930200', 'Revolver', 'PROHIBITED_HS_ARMS', 100, true, '93'],
    ['360410', 'Fireworks', 'PROHIBITED_HS_EXPLOSIVES', 100, true, '3604'],
    ['293339', 'Pyridine compound', 'RESTRICTED_HS_PRECURSORS', 40, false, '2933'],
    ['300490', 'Paracetamol tablets', 'RESTRICTED_HS_MEDICINES', 25, false, '3004'],
    ['121190', 'Dried herbs', 'RESTRICTED_HS_PLANTS', 15, false, '1211'],
    ['240220', 'Cigarettes', 'RESTRICTED_HS_TOBACCO', 30, false, '2402'],
    ['850610', 'AA alkaline batteries', 'RESTRICTED_HS_BATTERIES', 10, false, '8506'],
    ['850750', 'NiMH rechargeable cells', 'RESTRICTED_HS_BATTERIES', 10, false, '8507'],
  ] as const)('HS %s → %s', (hsCode, description, ruleId, points, critical, prefix) => {
    const a = assess(withLines([line('Cotton shirt'), line(description, { hsCode })]));
    const hits = hitsOf(a, ruleId);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId, points, critical, pointer: '/contents/1/hsCode', evidence: { hsCode, hsPrefix: prefix } });
  });

  it('does not score the same goods class twice when the description says it too', () => {
    const a = assess(withLines([line('Cigarettes, 10 packs', { hsCode: '240220' })]));
    expect(hitsOf(a, 'RESTRICTED_HS_TOBACCO')).toHaveLength(1);
    expect(hitsOf(a, 'RESTRICTED_KEYWORD_TOBACCO')).toHaveLength(0);
  });

  it('leaves harmless codes alone', () => {
    expect(assess(withLines([line('Plastic doll')])).hits).toEqual([]);
  });
});

describe('prohibited goods by description keywords', () => {
  it.each([
    ['Pistolet', 'PROHIBITED_KEYWORD_ARMS', 'pistolet'],
    ['Glock 19 pistol, toy', 'PROHIBITED_KEYWORD_ARMS', 'glock 19'.split(' ')[0]],
    ['Munition 9mm', 'PROHIBITED_KEYWORD_ARMS', 'munition'],
    ['Hunting RIFLE scope mount and rifle', 'PROHIBITED_KEYWORD_ARMS', 'rifle'],
    ['Schusswaffe, gebraucht', 'PROHIBITED_KEYWORD_ARMS', 'schusswaffe'],
    ['Escopeta de caza', 'PROHIBITED_KEYWORD_ARMS', 'escopeta'],
    ['Pistola semiautomatica', 'PROHIBITED_KEYWORD_ARMS', 'pistola'],
    ['Vuurwapen onderdelen', 'PROHIBITED_KEYWORD_ARMS', 'vuurwapen'],
    ['Broń palna', 'PROHIBITED_KEYWORD_ARMS', 'bron palna'],
    ['Пистолет Макарова', 'PROHIBITED_KEYWORD_ARMS', 'пистолет'],
    ['玩具手枪', 'PROHIBITED_KEYWORD_ARMS', '手枪'],
    ["Feux d'artifice", 'PROHIBITED_KEYWORD_EXPLOSIVES', 'feux d artifice'],
    ['Feuerwerk Raketen', 'PROHIBITED_KEYWORD_EXPLOSIVES', 'feuerwerk'],
    ['Fuegos artificiales', 'PROHIBITED_KEYWORD_EXPLOSIVES', 'fuegos artificiales'],
    ['Explosive charge', 'PROHIBITED_KEYWORD_EXPLOSIVES', 'explosive'],
    ['Cocaine 50g', 'PROHIBITED_KEYWORD_DRUGS', 'cocaine'],
    ['Fentanyl patches', 'PROHIBITED_KEYWORD_DRUGS', 'fentanyl'],
    ['Méthamphétamine', 'PROHIBITED_KEYWORD_DRUGS', 'methamphetamine'],
    ['Cannabis seeds', 'RESTRICTED_KEYWORD_CANNABIS', 'cannabis'],
    ['Médicaments', 'RESTRICTED_KEYWORD_MEDICINES', 'medicaments'],
    ['Zigaretten', 'RESTRICTED_KEYWORD_TOBACCO', 'zigaretten'],
  ] as const)('"%s" → %s', (description, ruleId, matchedTerm) => {
    const a = assess(withLines([line('Cotton shirt'), line(description)]));
    const hits = hitsOf(a, ruleId);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ pointer: '/contents/1/description', evidence: { matchedTerm, description } });
  });

  it('makes weapons, explosives and hard drugs critical, the rest points', () => {
    const critical = assess(withLines([line('Pistol')])).hits.find((h) => h.ruleId === 'PROHIBITED_KEYWORD_ARMS');
    expect(critical).toMatchObject({ points: 100, critical: true });
    const cannabis = assess(withLines([line('Cannabis oil')])).hits.find((h) => h.ruleId === 'RESTRICTED_KEYWORD_CANNABIS');
    expect(cannabis).toMatchObject({ points: 50, critical: false });
  });

  it.each([
    'Pistachio nuts, roasted',
    'Gunmetal grey paint',
    'Hot glue gun with 20 sticks',
    'Water pistol for kids',
    'Massage gun',
    'HP ink cartridges',
    "Cartouche d'encre noire",
    'Fusilli pasta 500g',
    'Aluminium carabiner clip',
    'Waffeleisen',
    'Grenadine syrup',
    'Granatapfel Saft',
    'Bullet journal A5',
    'Heroine action figure',
    'Medicine cabinet with mirror',
    'Cigarette lighter',
    'Firework print scarf',
  ])('does not flag "%s"', (description) => {
    const a = assess(withLines([line(description)]));
    // Prohibited-goods rules only: "Cigarette lighter" is not tobacco, but it is a lighter (see dangerous-goods.test.ts).
    expect(a.hits.filter((h) => h.pointer === '/contents/0/description' && RULE_FAMILIES[h.ruleId] === 'PROHIBITED_GOODS')).toEqual([]);
  });

  it('leaves lithium and lead-acid batteries to the dangerous-goods family: one line, one hit for the same goods', () => {
    for (const [description, hsCode, dg] of [
      ['Lithium-ion battery pack 20000 mAh', '850760', 'DG_LITHIUM_BATTERY_LOOSE'],
      ['Power bank 20000 mAh', '950300', 'DG_LITHIUM_BATTERY_LOOSE'],
      ['Car battery 12 V 60 Ah', '850710', 'DG_CORROSIVE'],
      ['Disposable e-cigarette', '854340', 'DG_E_CIGARETTE'],
    ] as const) {
      const a = assess(withLines([line(description, { hsCode })]));
      expect(a.hits.filter((h) => RULE_FAMILIES[h.ruleId] === 'PROHIBITED_GOODS')).toEqual([]);
      expect(hitsOf(a, dg)).toHaveLength(1);
    }
  });

  it('falls back to RESTRICTED_*_BATTERIES when the dangerous-goods rule is switched off', () => {
    const off = engine('eu-west-1', { rules: { DG_LITHIUM_BATTERY_LOOSE: { points: 100, critical: true, enabled: false } } });
    const a = assess(withLines([line('Power bank 20000 mAh')]), off);
    expect(hitsOf(a, 'RESTRICTED_KEYWORD_BATTERIES')).toEqual([expect.objectContaining({ points: 10, evidence: expect.objectContaining({ matchedTerm: 'power bank' }) })]);
    expect(hitsOf(a, 'DG_LITHIUM_BATTERY_LOOSE')).toEqual([]);
  });

  it('still catches a weapon next to an excluded phrase', () => {
    const a = assess(withLines([line('Water pistol and a real pistol')]));
    expect(hitsOf(a, 'PROHIBITED_KEYWORD_ARMS')).toHaveLength(1);
  });
});
