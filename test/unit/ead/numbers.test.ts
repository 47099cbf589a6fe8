// Every number of a declaration is one DynamoDB can store: 0, or a magnitude from 1E-130 to below 1E+126,
// with at most 38 significant digits. Anything else is a validation error with its pointer, never a failed write.
import fc from 'fast-check';
import { type ValidationError, validateDeclaration } from '#shared/ead/index';
import { storableNumberError } from '#shared/ead/schema';
import { clone, validDeclaration } from '#test/fixtures/declarations';

type Doc = Record<string, any>;

/** An independent reference: the decimal exponent of the text the SDK sends (String(n)). */
function storableByText(n: number): boolean {
  if (n === 0) return true;
  const m = /^-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) return false;
  const intPart = m[1]!;
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? 0);
  const digits = (intPart + frac).replace(/^0+/, '');
  const leadingZerosOfFrac = intPart === '0' ? frac.length - frac.replace(/^0+/, '').length : 0;
  const decimalExponent = intPart === '0' ? exp - leadingZerosOfFrac - 1 : exp + intPart.length - 1;
  return decimalExponent >= -130 && decimalExponent <= 125 && digits.replace(/0+$/, '').length <= 38;
}

/** The next double above or below `x` (for the range's edges). */
function nextDouble(x: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(dir));
  return view.getFloat64(0);
}

const NUMBER_FIELDS: { pointer: string; set: (d: Doc, v: number) => void }[] = [
  { pointer: '/postage', set: (d, v) => (d.postage = v) },
  { pointer: '/insuredValue', set: (d, v) => (d.insuredValue = v) },
  { pointer: '/totalValue', set: (d, v) => (d.totalValue = v) },
  { pointer: '/grossWeightKg', set: (d, v) => (d.grossWeightKg = v) },
  { pointer: '/contents/1/value', set: (d, v) => (d.contents[1].value = v) },
  { pointer: '/contents/0/netWeightKg', set: (d, v) => (d.contents[0].netWeightKg = v) },
  { pointer: '/contents/0/quantity', set: (d, v) => (d.contents[0].quantity = v) },
];

function errorsWith(field: (typeof NUMBER_FIELDS)[number], v: number): ValidationError[] {
  const d = clone(validDeclaration()) as Doc;
  field.set(d, v);
  const r = validateDeclaration(d);
  return r.ok ? [] : r.errors;
}

describe('storableNumberError', () => {
  it.each([0, -0, 1e-130, -1e-130, 9.5, 1e125, nextDouble(1e126, -1), -nextDouble(1e126, -1), Number.MAX_SAFE_INTEGER, 0.1 + 0.2])('stores %p', (n) => {
    expect(storableNumberError(n)).toBeUndefined();
  });

  it.each([1e-131, 5e-324, -5e-324, 1e126, -1e126, Number.MAX_VALUE, nextDouble(1e-130, -1), Number.MIN_VALUE])('refuses %p with NUMBER_NOT_STORABLE', (n) => {
    expect(storableNumberError(n)?.code).toBe('NUMBER_NOT_STORABLE');
  });

  it('agrees with the decimal text of every double, the edges included', () => {
    const edges = [1e-130, 1e126].flatMap((e) => [e, nextDouble(e, 1), nextDouble(e, -1), -e]);
    for (const n of edges) expect(storableNumberError(n) === undefined).toBe(storableByText(n));
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => (storableNumberError(n) === undefined) === storableByText(n)),
      { numRuns: 5000 },
    );
  });
});

describe('numbers in a declaration', () => {
  it.each(NUMBER_FIELDS)('$pointer: a non-storable number is an error at its pointer', (field) => {
    for (const v of [1e-131, 5e-324, -5e-324]) {
      expect(errorsWith(field, v)).toContainEqual({ pointer: field.pointer, code: 'NUMBER_NOT_STORABLE', detail: expect.stringContaining(String(v)) });
    }
  });

  it('accepts 1E-130 where the field allows it, the smallest storable magnitude', () => {
    const d = clone(validDeclaration()) as Doc;
    d.postage = 1e-130;
    d.insuredValue = 1e-130;
    expect(validateDeclaration(d).ok).toBe(true);
  });

  it('never reports NUMBER_NOT_STORABLE for a storable number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMBER_FIELDS), fc.double({ noNaN: true, noDefaultInfinity: true }), (field, v) => {
        const storable = storableByText(v);
        const flagged = errorsWith(field, v).some((e) => e.code === 'NUMBER_NOT_STORABLE');
        return flagged === !storable;
      }),
      { numRuns: 500 },
    );
  });
});
