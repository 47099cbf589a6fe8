import { validDeclaration } from '#test/fixtures/declarations';
import { assess, declaration, engine, hitsOf, line, withLines } from './support';

describe('VALUE_PER_UNIT_LOW and VALUE_PER_KG_LOW', () => {
  it('flags a smartphone at 1.00 per unit and per kg, at the value field', () => {
    const a = assess(withLines([line('Cotton shirt', { hsCode: '610910', value: 30, netWeightKg: 0.3 }), line('Smartphone', { hsCode: '851713', value: 1, netWeightKg: 0.2 })]));
    expect(hitsOf(a, 'VALUE_PER_UNIT_LOW')).toEqual([
      expect.objectContaining({ points: 30, pointer: '/contents/1/value', evidence: { valueEur: 1, quantity: 1, valuePerUnitEur: 1, floorPerUnitEur: 40, hsPrefix: '851713' } }),
    ]);
    expect(hitsOf(a, 'VALUE_PER_KG_LOW')).toEqual([
      expect.objectContaining({ points: 20, pointer: '/contents/1/value', evidence: { valueEur: 1, netWeightKg: 0.2, valuePerKgEur: 5, floorPerKgEur: 150, hsPrefix: '851713' } }),
    ]);
  });

  it('converts to EUR with the configured rates before comparing', () => {
    // 300 CNY at 0.127 = 38.10 EUR: under the 40 EUR floor. 400 CNY = 50.80 EUR: over it.
    const phone = (value: number) => withLines([line('Smartphone', { hsCode: '851713', value, netWeightKg: 0.2 })], { currency: 'CNY' });
    expect(hitsOf(assess(phone(300)), 'VALUE_PER_UNIT_LOW')[0]?.evidence).toMatchObject({ valueEur: 38.1 });
    expect(hitsOf(assess(phone(400)), 'VALUE_PER_UNIT_LOW')).toEqual([]);
  });

  it('divides by quantity and falls back to the chapter floor', () => {
    // 851714 has only a per-unit floor (8 EUR); the per-kg floor is chapter 85's (10 EUR/kg).
    const a = assess(withLines([line('Mobile phones', { hsCode: '851714', quantity: 10, value: 50, netWeightKg: 6 })]));
    expect(hitsOf(a, 'VALUE_PER_UNIT_LOW')[0]?.evidence).toMatchObject({ valuePerUnitEur: 5, floorPerUnitEur: 8, hsPrefix: '851714' });
    expect(hitsOf(a, 'VALUE_PER_KG_LOW')[0]?.evidence).toMatchObject({ valuePerKgEur: 8.33, floorPerKgEur: 10, hsPrefix: '85' });
  });

  it('leaves plausible values and codes without a floor alone', () => {
    // A smartphone's installed battery is stated as a condition of carriage (0 points), not a risk.
    const phone = assess(withLines([line('Smartphone', { hsCode: '851713', value: 299, netWeightKg: 0.2 })]));
    expect(phone.hits.map((h) => [h.ruleId, h.points])).toEqual([['DG_LITHIUM_BATTERY_IN_EQUIPMENT', 0]]);
    expect(hitsOf(assess(withLines([line('Roasted coffee beans', { hsCode: '090121', value: 2 })])), 'VALUE_PER_KG_LOW')).toEqual([]);
  });

  it('stays silent for a currency without a configured rate', () => {
    const a = assess(withLines([line('Smartphone', { hsCode: '851713', value: 1, netWeightKg: 0.2 })], { currency: 'ISK' }));
    expect(hitsOf(a, 'VALUE_PER_UNIT_LOW')).toEqual([]);
  });
});

describe('VALUE_JUST_UNDER_DE_MINIMIS', () => {
  const total = (value: number, extra = {}) => withLines([line('Wool sweater', { hsCode: '611020', value })], extra);

  it('flags a total in the top 10 % under the EU 150 EUR threshold', () => {
    expect(hitsOf(assess(total(149.99)), 'VALUE_JUST_UNDER_DE_MINIMIS')).toEqual([
      expect.objectContaining({ points: 10, pointer: '/totalValue', evidence: { totalValue: 149.99, currency: 'EUR', totalEur: 149.99, deMinimisEur: 150, bandFromEur: 135 } }),
    ]);
    expect(hitsOf(assess(total(135)), 'VALUE_JUST_UNDER_DE_MINIMIS')).toHaveLength(1);
  });

  it.each([134.99, 150, 400])('leaves %s EUR alone', (value) => {
    expect(hitsOf(assess(total(value)), 'VALUE_JUST_UNDER_DE_MINIMIS')).toEqual([]);
  });

  it('uses the destination and the currency: 19 CAD to Canada in us-east-1, nothing for the US', () => {
    const us = engine('us-east-1');
    const toCanada = declaration(
      validDeclaration({
        destinationCountry: 'CA',
        currency: 'CAD',
        recipient: { name: 'Jean Roy', address: { lines: ['1 Rue Principale'], city: 'Montreal', postcode: 'H2X 1Y4', countryCode: 'CA' }, phone: '+15145550100' },
        contents: [line('Wool sweater', { hsCode: '611020', value: 19 })],
        totalValue: 19,
        grossWeightKg: 1,
        ioss: undefined,
      }),
    );
    expect(hitsOf(us.assess(toCanada, [], '2026-11-21T10:00:00Z'), 'VALUE_JUST_UNDER_DE_MINIMIS')[0]?.evidence).toMatchObject({ deMinimisEur: 13.4 });
    const toUs = declaration({
      ...validDeclaration(),
      destinationCountry: 'US',
      currency: 'USD',
      contents: [line('Wool sweater', { hsCode: '611020', value: 799 })],
      totalValue: 799,
      grossWeightKg: 1,
      ioss: undefined,
    });
    expect(us.assess(toUs, [], '2026-11-21T10:00:00Z').hits.filter((h) => h.ruleId === 'VALUE_JUST_UNDER_DE_MINIMIS')).toEqual([]);
  });
});
