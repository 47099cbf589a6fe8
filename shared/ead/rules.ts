// Rules that relate several fields of a declaration. They read the submitted document defensively
// (any field may be missing or of the wrong type: the schema reports those) so that a declaration
// with a bad field still gets its cross-field errors in the same answer.
import { COMMERCIAL_CATEGORIES } from './schema';
import type { ValidationError } from './errors';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const cents = (v: number) => Math.round(v * 100);

export function crossFieldErrors(doc: unknown): ValidationError[] {
  if (!isObject(doc)) return [];
  const errors: ValidationError[] = [];
  const category = doc.category;
  const contents = Array.isArray(doc.contents) ? doc.contents : [];

  if (typeof category === 'string' && COMMERCIAL_CATEGORIES.has(category)) {
    contents.forEach((line, i) => {
      if (!isObject(line)) return;
      if (line.hsCode === undefined) {
        errors.push({ pointer: `/contents/${i}/hsCode`, code: 'HS_CODE_REQUIRED', detail: `an HS code is required for ${category}` });
      }
      if (line.originCountry === undefined) {
        errors.push({ pointer: `/contents/${i}/originCountry`, code: 'ORIGIN_COUNTRY_REQUIRED', detail: `the country of origin of each line is required for ${category}` });
      }
    });
  }

  if (category === 'OTHER' && doc.categoryExplanation === undefined) {
    errors.push({ pointer: '/categoryExplanation', code: 'CATEGORY_EXPLANATION_REQUIRED', detail: 'categoryExplanation is required when category is OTHER' });
  }

  const lines = contents.filter(isObject);
  if (lines.length === contents.length && lines.length > 0) {
    const values = lines.map((l) => l.value);
    if (isNumber(doc.totalValue) && values.every(isNumber)) {
      const sum = values.reduce((a, b) => a + b, 0);
      if (cents(sum) !== cents(doc.totalValue)) {
        errors.push({ pointer: '/totalValue', code: 'TOTAL_VALUE_MISMATCH', detail: `totalValue ${doc.totalValue} differs from the sum of the line values ${cents(sum) / 100}` });
      }
    }
    const weights = lines.map((l) => l.netWeightKg);
    if (isNumber(doc.grossWeightKg) && weights.every(isNumber)) {
      const net = weights.reduce((a, b) => a + b, 0);
      if (net > doc.grossWeightKg + 1e-9) {
        errors.push({ pointer: '/grossWeightKg', code: 'NET_WEIGHT_EXCEEDS_GROSS', detail: `the net weights add up to ${Number(net.toFixed(6))} kg, more than grossWeightKg ${doc.grossWeightKg}` });
      }
    }
  }
  return errors;
}
