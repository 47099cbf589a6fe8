// Properties over generated valid declarations: assess never throws, the score is exactly the sum
// of the hits' points, every hit points at a field that exists, and decide always answers.
import fc from 'fast-check';
import { type DeclarationInput, validateDeclaration } from '#shared/ead/index';
import { CUSTOMS_RESPONSE_CODES, RULE_IDS } from '#shared/risk/index';
import { validDeclaration } from '#test/fixtures/declarations';
import { NOW, engine, resolvePointer } from './support';

const WORDS = [
  'cotton',
  'shirt',
  'pistol',
  'gift',
  'parts',
  'smartphone',
  'feux',
  "d'artifice",
  'cocaine',
  'Zigaretten',
  'watch',
  'leather',
  '12',
  '!!',
  'Пистолет',
  '手枪',
  'glue gun',
  'ink cartridge',
  'power bank',
  'see invoice',
];
const HS = ['610910', '420232', '851713', '930200', '360410', '240220', '950300', '330300', '910211', '300490', '850760', '090121'];

const description = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
);

const contentLine = fc.record({
  description,
  quantity: fc.integer({ min: 1, max: 50 }),
  netWeightKg: fc.double({ min: 0.01, max: 20, noNaN: true }),
  value: fc.oneof(
    fc.constantFrom(0, 1),
    fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100),
  ),
  hsCode: fc.constantFrom(...HS),
  originCountry: fc.constantFrom('CN', 'DE', 'HK', 'IN', 'US'),
});

const party = (country: string) =>
  fc
    .record({
      name: fc.oneof(
        fc.constantFrom('Claire Martin', 'Muster Versand GmbH', 'Eusebio Arzallus Tapia', 'Shop Ltd'),
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
      ),
      businessName: fc.option(fc.constantFrom('Banco Nacional de Cuba', 'Acme SAS'), { nil: undefined }),
      phone: fc.option(fc.constant('+33612345678'), { nil: undefined }),
      taxId: fc.option(fc.constant('FR123'), { nil: undefined }),
    })
    .map((p) => ({ ...p, address: { lines: ['1 Main Street'], city: 'Town', countryCode: country } }));

const declarationInput = fc
  .record({
    category: fc.constantFrom('GIFT', 'DOCUMENTS', 'COMMERCIAL_SAMPLE', 'RETURNED_GOODS', 'SALE_OF_GOODS', 'MIXED'),
    destinationCountry: fc.constantFrom('FR', 'ES', 'DE', 'US', 'CA'),
    currency: fc.constantFrom('EUR', 'USD', 'CNY', 'ISK'),
    contents: fc.array(contentLine, { minLength: 1, maxLength: 6 }),
    sender: party('CN'),
    invoiceNumber: fc.option(fc.constant('INV-1'), { nil: undefined }),
  })
  .chain((r) => party(r.destinationCountry).map((recipient) => ({ ...r, recipient })))
  .map((r): DeclarationInput => {
    const totalValue = Math.round(r.contents.reduce((s, l) => s + l.value, 0) * 100) / 100;
    const grossWeightKg = Math.min(1000, r.contents.reduce((s, l) => s + l.netWeightKg, 0) + 0.1);
    return validDeclaration({ ...r, totalValue, grossWeightKg, ioss: undefined });
  });

const history = fc.array(
  fc.record({
    itemId: fc.constantFrom('CP000000001DE', 'CP000000002DE', 'CP719248650DE'),
    valueEur: fc.double({ min: 0, max: 500, noNaN: true }),
    receivedAt: fc.integer({ min: 0, max: 100 }).map((h) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString()),
  }),
  { maxLength: 6 },
);

describe('assess on generated valid declarations', () => {
  it.each(['eu-west-1', 'us-east-1'])('%s: never throws, explains every point, points at real fields', (region) => {
    const e = engine(region);
    fc.assert(
      fc.property(declarationInput, history, (input, recent) => {
        const v = validateDeclaration(input);
        fc.pre(v.ok);
        if (!v.ok) return;
        const a = e.assess(v.declaration, recent, NOW);
        expect(a.score).toBe(a.hits.reduce((s, h) => s + h.points, 0));
        expect(a.rulesetVersion).toBe(e.config.rulesetVersion);
        for (const h of a.hits) {
          expect(RULE_IDS).toContain(h.ruleId);
          expect(resolvePointer(v.declaration, h.pointer)).toBeDefined();
          expect(h.message.length).toBeGreaterThan(0);
          expect(typeof h.evidence).toBe('object');
        }
        expect(CUSTOMS_RESPONSE_CODES).toContain(e.decide(a).code);
      }),
      { numRuns: 300 },
    );
  });
});
