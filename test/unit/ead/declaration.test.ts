import { validateDeclaration, type ValidationError } from '#shared/ead/index';
import { clone, validDeclaration } from '#test/fixtures/declarations';

type Doc = Record<string, any>;
/** Validates a copy of the valid declaration after `mutate`, returning its errors. */
function errorsAfter(mutate: (d: Doc) => void): ValidationError[] {
  const doc = clone(validDeclaration()) as Doc;
  mutate(doc);
  const result = validateDeclaration(doc);
  return result.ok ? [] : result.errors;
}
const codesAt = (errors: ValidationError[]) => errors.map((e) => `${e.pointer} ${e.code}`);

describe('a valid declaration', () => {
  it('passes and comes back normalised', () => {
    const doc = validDeclaration({ itemId: ' cp 719248650 de', currency: ' eur', destinationCountry: 'fr' });
    (doc.recipient as Doc).name = '  Claire Martin ';
    (doc.contents[0] as Doc).originCountry = 'pt';
    const result = validateDeclaration(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.declaration.itemId).toBe('CP719248650DE');
    expect(result.declaration.currency).toBe('EUR');
    expect(result.declaration.destinationCountry).toBe('FR');
    expect(result.declaration.recipient.name).toBe('Claire Martin');
    expect(result.declaration.contents[0]?.originCountry).toBe('PT');
  });

  it('accepts a gift without HS codes or origins', () => {
    expect(
      errorsAfter((d) => {
        d.category = 'GIFT';
        for (const line of d.contents) {
          delete line.hsCode;
          delete line.originCountry;
        }
      }),
    ).toEqual([]);
  });

  it('accepts 10-digit national tariff codes whose first 6 digits are an HS subheading', () => {
    expect(errorsAfter((d) => (d.contents[0].hsCode = '6109100010'))).toEqual([]);
  });
});

describe('field rules, each with its pointer and code', () => {
  it.each<[string, (d: Doc) => void, string]>([
    ['bad S10 check digit', (d) => (d.itemId = 'EE473124828US'), '/itemId INVALID_S10_CHECK_DIGIT'],
    ['reserved service indicator', (d) => (d.itemId = 'JA473124829US'), '/itemId INVALID_S10_SERVICE_INDICATOR'],
    ['unknown country of issue', (d) => (d.itemId = 'EE473124829XX'), '/itemId INVALID_S10_COUNTRY'],
    ['12-character itemId', (d) => (d.itemId = 'EE47312482US'), '/itemId INVALID_S10_FORMAT'],
    ['unknown declaration type', (d) => (d.declarationType = 'CN24'), '/declarationType INVALID_VALUE'],
    ['unknown category', (d) => (d.category = 'BRIBE'), '/category INVALID_VALUE'],
    ['impossible posting date', (d) => (d.postingDate = '2026-02-30'), '/postingDate INVALID_DATE'],
    ['unknown origin country', (d) => (d.originCountry = 'XX'), '/originCountry UNKNOWN_COUNTRY'],
    ['unknown destination country', (d) => (d.destinationCountry = 'France'), '/destinationCountry UNKNOWN_COUNTRY'],
    ['unknown party country', (d) => (d.recipient.address.countryCode = 'UK'), '/recipient/address/countryCode UNKNOWN_COUNTRY'],
    ['unknown line origin', (d) => (d.contents[1].originCountry = 'ZZ'), '/contents/1/originCountry UNKNOWN_COUNTRY'],
    ['unknown currency', (d) => (d.currency = 'EUX'), '/currency UNKNOWN_CURRENCY'],
    ['non-transaction currency', (d) => (d.currency = 'XAU'), '/currency UNKNOWN_CURRENCY'],
    ['HS code not in HS 2022', (d) => (d.contents[1].hsCode = '999999'), '/contents/1/hsCode UNKNOWN_HS_CODE'],
    ['HS code removed before HS 2022', (d) => (d.contents[0].hsCode = '851712'), '/contents/0/hsCode UNKNOWN_HS_CODE'],
    ['HS code too short', (d) => (d.contents[0].hsCode = '6109'), '/contents/0/hsCode INVALID_HS_CODE'],
    ['HS code with letters', (d) => (d.contents[0].hsCode = '61091A'), '/contents/0/hsCode INVALID_HS_CODE'],
    ['HS code as a number', (d) => (d.contents[0].hsCode = 610910), '/contents/0/hsCode INVALID_TYPE'],
    ['bad IOSS', (d) => (d.ioss = 'IM123'), '/ioss INVALID_IOSS'],
    ['bad e-mail', (d) => (d.sender.email = 'ops-at-muster'), '/sender/email INVALID_EMAIL'],
    ['bad phone', (d) => (d.recipient.phone = 'call me'), '/recipient/phone INVALID_PHONE'],
    ['zero quantity', (d) => (d.contents[0].quantity = 0), '/contents/0/quantity VALUE_TOO_SMALL'],
    ['fractional quantity', (d) => (d.contents[0].quantity = 1.5), '/contents/0/quantity NOT_AN_INTEGER'],
    [
      'zero net weight',
      (d) => {
        d.contents[0].netWeightKg = 0;
      },
      '/contents/0/netWeightKg VALUE_TOO_SMALL',
    ],
    [
      'negative value',
      (d) => {
        d.contents[0].value = -1;
        d.totalValue = 19;
      },
      '/contents/0/value VALUE_TOO_SMALL',
    ],
    ['empty description', (d) => (d.contents[0].description = '   '), '/contents/0/description TOO_SHORT'],
    ['description over 512 characters', (d) => (d.contents[0].description = 'x'.repeat(513)), '/contents/0/description TOO_LONG'],
    [
      'no contents',
      (d) => {
        d.contents = [];
      },
      '/contents TOO_FEW_ITEMS',
    ],
    ['missing currency', (d) => delete d.currency, '/currency REQUIRED'],
    ['missing category', (d) => delete d.category, '/category REQUIRED'],
    ['missing recipient name', (d) => delete d.recipient.name, '/recipient/name REQUIRED'],
    ['unknown top-level field', (d) => (d.colour = 'red'), '/colour UNKNOWN_FIELD'],
    ['unknown nested field', (d) => (d.contents[1].colour = 'red'), '/contents/1/colour UNKNOWN_FIELD'],
    ['unknown field needing pointer escapes', (d) => (d.sender['a/b~c'] = 1), '/sender/a~1b~0c UNKNOWN_FIELD'],
    ['sender that is an array', (d) => (d.sender = []), '/sender INVALID_TYPE'],
    ['value as a string', (d) => (d.contents[0].value = '30'), '/contents/0/value INVALID_TYPE'],
  ])('%s', (_name, mutate, expected) => {
    expect(codesAt(errorsAfter(mutate))).toEqual([expected]);
  });

  it('refuses more than 999 lines', () => {
    const errors = errorsAfter((d) => {
      d.contents = Array.from({ length: 1000 }, () => ({ ...d.contents[0], value: 0.01 }));
      d.totalValue = 10;
      d.grossWeightKg = 401;
    });
    expect(codesAt(errors)).toEqual(['/contents TOO_MANY_ITEMS']);
  });
});

describe('cross-field rules', () => {
  it('totalValue must equal the sum of line values to 0.01', () => {
    expect(codesAt(errorsAfter((d) => (d.totalValue = 50.02)))).toEqual(['/totalValue TOTAL_VALUE_MISMATCH']);
    expect(errorsAfter((d) => (d.totalValue = 50.004))).toEqual([]);
    expect(
      errorsAfter((d) => {
        d.contents[0].value = 0.1;
        d.contents[1].value = 0.2;
        d.totalValue = 0.3;
      }),
    ).toEqual([]);
  });

  it('net weights may not exceed the gross weight', () => {
    expect(codesAt(errorsAfter((d) => (d.grossWeightKg = 0.49)))).toEqual(['/grossWeightKg NET_WEIGHT_EXCEEDS_GROSS']);
    expect(errorsAfter((d) => (d.grossWeightKg = 0.5))).toEqual([]);
  });

  it.each(['SALE_OF_GOODS', 'COMMERCIAL_SAMPLE', 'RETURNED_GOODS'])('%s needs an HS code and an origin on every line', (category) => {
    const errors = errorsAfter((d) => {
      d.category = category;
      delete d.contents[0].hsCode;
      delete d.contents[1].originCountry;
    });
    expect(codesAt(errors)).toEqual(['/contents/0/hsCode HS_CODE_REQUIRED', '/contents/1/originCountry ORIGIN_COUNTRY_REQUIRED']);
  });

  it('OTHER needs a categoryExplanation', () => {
    expect(codesAt(errorsAfter((d) => (d.category = 'OTHER')))).toEqual(['/categoryExplanation CATEGORY_EXPLANATION_REQUIRED']);
    expect(
      errorsAfter((d) => {
        d.category = 'OTHER';
        d.categoryExplanation = 'Repaired camera sent back';
      }),
    ).toEqual([]);
  });

  it('reports every error of a declaration at once, field and cross-field together', () => {
    const errors = errorsAfter((d) => {
      d.itemId = 'EE473124828US';
      d.currency = 'EUX';
      d.contents[1].hsCode = '999999';
      delete d.contents[0].originCountry;
      d.totalValue = 1;
      d.grossWeightKg = 0.1;
      d.extra = true;
    });
    expect(new Set(codesAt(errors))).toEqual(
      new Set([
        '/itemId INVALID_S10_CHECK_DIGIT',
        '/currency UNKNOWN_CURRENCY',
        '/contents/1/hsCode UNKNOWN_HS_CODE',
        '/contents/0/originCountry ORIGIN_COUNTRY_REQUIRED',
        '/totalValue TOTAL_VALUE_MISMATCH',
        '/grossWeightKg NET_WEIGHT_EXCEEDS_GROSS',
        '/extra UNKNOWN_FIELD',
      ]),
    );
    for (const e of errors) expect(e.detail.length).toBeGreaterThan(0);
  });
});

describe('hostile input', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'declaration'],
    ['a number', 42],
    ['an array', []],
  ])('%s is refused at the root', (_name, input) => {
    expect(validateDeclaration(input)).toEqual({ ok: false, errors: [{ pointer: '', code: 'INVALID_TYPE', detail: expect.any(String) }] });
  });

  it('treats __proto__ and constructor keys as unknown fields and never pollutes prototypes', () => {
    const doc = JSON.parse(JSON.stringify(validDeclaration()).replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'));
    const result = validateDeclaration(doc);
    expect(result.ok ? [] : codesAt(result.errors)).toEqual(['/__proto__ UNKNOWN_FIELD', '/constructor UNKNOWN_FIELD']);
    expect(({} as Doc).polluted).toBeUndefined();
  });

  it('survives deep nesting and huge strings with bounded errors', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const result = validateDeclaration({ ...validDeclaration(), sender: deep, comments: 'x'.repeat(5_000_000) });
    expect(result.ok ? [] : codesAt(result.errors)).toEqual(expect.arrayContaining(['/sender/a UNKNOWN_FIELD', '/comments TOO_LONG']));
  });
});
