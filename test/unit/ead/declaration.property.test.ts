import fc from 'fast-check';
import { validateDeclaration, type ValidationError } from '#shared/ead/index';
import { validDeclarationArb } from '#test/fixtures/declaration-arbitraries';

type Doc = Record<string, any>;
const clone = (d: unknown): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const errorsOf = (d: unknown): ValidationError[] => {
  const r = validateDeclaration(d);
  return r.ok ? [] : r.errors;
};

/** A single mutation and the one error it must produce. */
type Mutation = (d: Doc, i: number) => string;
const mutations: Record<string, Mutation> = {
  checkDigit: (d) => {
    const digit = Number(d.itemId[10]);
    d.itemId = d.itemId.slice(0, 10) + String((digit + 1) % 10) + d.itemId.slice(11);
    return '/itemId INVALID_S10_CHECK_DIGIT';
  },
  unknownDestination: (d) => ((d.destinationCountry = 'QQ'), '/destinationCountry UNKNOWN_COUNTRY'),
  unknownLineOrigin: (d, i) => ((d.contents[i].originCountry = 'QZ'), `/contents/${i}/originCountry UNKNOWN_COUNTRY`),
  unknownCurrency: (d) => ((d.currency = 'ABC'), '/currency UNKNOWN_CURRENCY'),
  unknownHs: (d, i) => ((d.contents[i].hsCode = '999999'), `/contents/${i}/hsCode UNKNOWN_HS_CODE`),
  unknownField: (d, i) => ((d.contents[i].secret = 1), `/contents/${i}/secret UNKNOWN_FIELD`),
  totalOff: (d) => ((d.totalValue = Math.round((d.totalValue + 0.02) * 100) / 100), '/totalValue TOTAL_VALUE_MISMATCH'),
  grossTooLow: (d) => ((d.grossWeightKg = 0.001), '/grossWeightKg NET_WEIGHT_EXCEEDS_GROSS'),
  missingRecipient: (d) => (delete d.recipient, '/recipient REQUIRED'),
  wrongType: (d, i) => ((d.contents[i].quantity = String(d.contents[i].quantity)), `/contents/${i}/quantity INVALID_TYPE`),
};

describe('declaration properties', () => {
  it('every generated valid declaration passes', () => {
    fc.assert(
      fc.property(validDeclarationArb, (d) => {
        expect(errorsOf(d)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a single mutation yields exactly the expected error at the expected pointer', () => {
    fc.assert(
      fc.property(validDeclarationArb, fc.constantFrom(...Object.keys(mutations)), fc.nat(), (valid, name, n) => {
        const d = clone(valid);
        const expected = mutations[name]!(d, n % d.contents.length);
        expect(errorsOf(d).map((e) => `${e.pointer} ${e.code}`)).toEqual([expected]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON, and always answers with pointers and codes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateDeclaration(v);
        if (!r.ok) for (const e of r.errors) expect(e.pointer === '' || e.pointer.startsWith('/')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws when any field of a valid declaration is replaced by arbitrary JSON', () => {
    const paths = ['itemId', 'sender', 'contents', 'totalValue', 'category', 'recipient', 'currency'];
    fc.assert(
      fc.property(validDeclarationArb, fc.constantFrom(...paths), fc.jsonValue(), (valid, key, value) => {
        const d = clone(valid);
        d[key] = value;
        const r = validateDeclaration(d);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
