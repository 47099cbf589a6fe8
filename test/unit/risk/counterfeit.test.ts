import { assess, engine, hitsOf, line, withLines } from './support';

describe('COUNTERFEIT_PRONE_ORIGIN', () => {
  it.each([
    ['Eau de parfum', '330300', '3303'],
    ['Leather handbag', '420221', '4202'],
    ['Running shoes', '640411', '6404'],
    ['Silver necklace', '711311', '7113'],
    ['Wrist watch', '910211', '9102'],
    ['Smartphone', '851713', '851713'],
  ])('flags %s (HS %s) from CN by the line origin', (description, hsCode, hsPrefix) => {
    const a = assess(withLines([line('Cotton shirt', { hsCode: '610910' }), line(description, { hsCode, originCountry: 'CN', value: 120 })]));
    expect(hitsOf(a, 'COUNTERFEIT_PRONE_ORIGIN')).toEqual([
      expect.objectContaining({ points: 20, pointer: '/contents/1/hsCode', evidence: { hsCode, hsPrefix, originCountry: 'CN', originFrom: 'line' } }),
    ]);
  });

  it("falls back to the declaration's origin when the line has none", () => {
    const a = assess(withLines([line('Wrist watch', { hsCode: '910211', originCountry: undefined, value: 80 })], { category: 'GIFT', originCountry: 'HK' }));
    expect(hitsOf(a, 'COUNTERFEIT_PRONE_ORIGIN')[0]?.evidence).toMatchObject({ originCountry: 'HK', originFrom: 'declaration' });
  });

  it('leaves other origins and other goods alone', () => {
    expect(hitsOf(assess(withLines([line('Wrist watch', { hsCode: '910211', originCountry: 'CH', value: 80 })])), 'COUNTERFEIT_PRONE_ORIGIN')).toEqual([]);
    expect(hitsOf(assess(withLines([line('Cotton shirt', { hsCode: '610910', originCountry: 'CN' })])), 'COUNTERFEIT_PRONE_ORIGIN')).toEqual([]);
  });

  it('uses the region list: IN is high-risk in us-east-1 only', () => {
    const d = withLines([line('Wrist watch', { hsCode: '910211', originCountry: 'IN', value: 80 })]);
    expect(hitsOf(assess(d), 'COUNTERFEIT_PRONE_ORIGIN')).toEqual([]);
    expect(hitsOf(engine('us-east-1').assess(d, [], '2026-11-21T10:00:00Z'), 'COUNTERFEIT_PRONE_ORIGIN')).toHaveLength(1);
  });
});
