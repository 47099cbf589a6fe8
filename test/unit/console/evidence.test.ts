// Each rule family's evidence in words, as the engine writes it (shared/risk/rules/*.ts): what an officer reads.
import { evidenceInWords, segmentsAsText } from '#console/src/logic/evidence';

const words = (ruleId: string, evidence: Record<string, unknown>) => segmentsAsText(evidenceInWords({ ruleId, evidence }));

test('sanctions: the listed party, its programme and the similarity', () => {
  const text = words('SANCTIONS_CONFIRMED_MATCH', {
    screenedName: 'Eusebio Arzallus Tapia',
    matches: [{ entNum: 6908, listedName: 'ARZALLUS TAPIA, Eusebio', matchedAlias: null, programs: ['SDGT'], score: 0.974, strength: 'strong' }],
    totalMatches: 3,
  });
  expect(text).toBe('Screened name "Eusebio Arzallus Tapia". Listed party "ARZALLUS TAPIA, Eusebio", SDN entry 6908, programme SDGT: similarity 97 %, strong. 2 more similar entries not shown.');
});

test('sanctions: what corroborated the match, or that nothing did', () => {
  const match = { entNum: 7182, listedName: 'ARZALLUS TAPIA, Eusebio', programs: ['SDGT'], score: 1, strength: 'strong' };
  const found = [{ kind: 'country', field: '/recipient/address/countryCode', declared: 'ES', listed: ['placeOfBirth Spain (ES)'] }];
  expect(words('SANCTIONS_CONFIRMED_MATCH', { screenedName: 'E', matches: [{ ...match, corroboration: { found, missing: [] } }] })).toContain('Corroborated by /recipient/address/countryCode ES.');
  expect(words('SANCTIONS_POSSIBLE_MATCH', { screenedName: 'E', matches: [{ ...match, corroboration: { found: [], missing: found } }] })).toContain('Not corroborated by the declaration.');
});

test('split shipment: the totals, and the earlier parcels as links', () => {
  const segments = evidenceInWords({
    ruleId: 'SPLIT_SHIPMENT',
    evidence: {
      parcels: 3,
      totalEur: 160,
      deMinimisEur: 150,
      windowHours: 72,
      currentValueEur: 60,
      earlier: [
        { itemId: 'CP000000017DE', valueEur: 50, receivedAt: '2026-11-20T08:00:00.000Z' },
        { itemId: 'CP000000025DE', valueEur: 50, receivedAt: '2026-11-19T08:00:00.000Z' },
      ],
    },
  });
  expect(segments.filter((s) => typeof s !== 'string')).toEqual([{ itemId: 'CP000000017DE' }, { itemId: 'CP000000025DE' }]);
  expect(segmentsAsText(segments)).toBe(
    '3 parcels to this recipient within 72 h, 160 EUR in all against a de minimis of 150 EUR; this one 60 EUR. Earlier parcels: CP000000017DE (50 EUR, 2026-11-20 08:00), CP000000025DE (50 EUR, 2026-11-19 08:00).',
  );
});

test('value per kg: the declared value against the floor', () => {
  expect(words('VALUE_PER_KG_LOW', { valueEur: 2, netWeightKg: 0.5, valuePerKgEur: 4, floorPerKgEur: 20, hsPrefix: '61' })).toBe(
    'Declared 2 EUR for 0.5 kg: 4 EUR/kg, below the floor of 20 EUR/kg for HS 61.',
  );
});

test('value per unit', () => {
  expect(words('VALUE_PER_UNIT_LOW', { valueEur: 1, quantity: 1, valuePerUnitEur: 1, floorPerUnitEur: 40, hsPrefix: '851713' })).toBe(
    'Declared 1 EUR for 1 unit(s): 1 EUR per unit, below the floor of 40 EUR for HS 851713.',
  );
});

test('keyword and HS rules name the term or the heading', () => {
  expect(words('PROHIBITED_KEYWORD_ARMS', { matchedTerm: 'glock', description: 'Glock 19 pistol', goodsClass: 'ARMS', hsCode: '950300' })).toBe(
    'The description "Glock 19 pistol" contains "glock" (arms), declared under HS 950300.',
  );
  expect(words('RESTRICTED_HS_TOBACCO', { hsCode: '240210', hsPrefix: '2402', goodsClass: 'TOBACCO' })).toBe('HS 240210 falls under 2402 (tobacco).');
});

test('a rule without its own wording still shows every evidence field', () => {
  expect(words('SOME_NEW_RULE', { a: 1, b: { c: 'x' } })).toBe('a: 1; b: {"c":"x"}.');
});

test('no evidence (filers and posts are not shown any): nothing', () => {
  expect(evidenceInWords({ ruleId: 'DESCRIPTION_GENERIC' })).toEqual([]);
});
