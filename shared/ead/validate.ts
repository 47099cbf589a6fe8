// validateDeclaration: every error at once, each with a JSON pointer and a stable code. Never throws.
import type * as z from 'zod';
import { type ErrorCode, type ValidationError, toPointer } from './errors';
import { crossFieldErrors } from './rules';
import { type Declaration, DeclarationSchema } from './schema';

export type ValidationResult = { ok: true; declaration: Declaration } | { ok: false; errors: ValidationError[] };

/**
 * Errors kept per document: a bound on the memory a hostile one holds (a batch keeps every entry's until it
 * answers), far above any honest declaration's. The API lists fewer still and counts these
 * (shared/http/problems.ts MAX_LISTED_ERRORS, `errorCount`), so a count stops at MAX_ERRORS.
 */
export const MAX_ERRORS = 1000;

export function validateDeclaration(input: unknown): ValidationResult {
  try {
    const parsed = DeclarationSchema.safeParse(input);
    const errors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => toValidationErrors(issue, input));
    errors.push(...crossFieldErrors(input));
    if (errors.length === 0 && parsed.success) return { ok: true, declaration: parsed.data };
    return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  } catch {
    // Defensive: the schema is total over JSON values, so this is not expected; it keeps the promise never to throw.
    return { ok: false, errors: [{ pointer: '', code: 'INVALID_VALUE', detail: 'the declaration could not be validated' }] };
  }
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The submitted value at a path, or `missing` when some step of the path does not exist. zod does not report inputs. */
const missing = Symbol('missing');
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, seg)) return missing;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Validates any input against a zod schema with the same coded, pointed errors as declarations. */
export function validateWith<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: ValidationError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.flatMap((issue) => toValidationErrors(issue, input)).slice(0, MAX_ERRORS) };
}

function toValidationErrors(issue: z.core.$ZodIssue, input: unknown): ValidationError[] {
  const pointer = toPointer(issue.path);
  const err = (code: ErrorCode, detail: string): ValidationError[] => [{ pointer, code, detail }];
  if (issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    const value = valueAt(input, issue.path);
    if (value === missing || value === undefined) return err('REQUIRED', 'is required');
  }
  switch (issue.code) {
    case 'custom':
      return err((issue.params?.code as ErrorCode | undefined) ?? 'INVALID_VALUE', issue.message);
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), code: 'UNKNOWN_FIELD' as const, detail: `unknown field ${JSON.stringify(key.slice(0, 64))}` }));
    case 'invalid_type':
      if (issue.expected === 'int') return err('NOT_AN_INTEGER', 'must be a whole number');
      return err('INVALID_TYPE', `must be ${issue.expected === 'object' || issue.expected === 'array' ? 'an' : 'a'} ${issue.expected}, not ${kind(valueAt(input, issue.path))}`);
    case 'invalid_value':
      return err('INVALID_VALUE', `must be one of ${issue.values.map((v) => String(v)).join(', ')}`);
    case 'too_small':
      if (issue.origin === 'string') return err('TOO_SHORT', issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`);
      if (issue.origin === 'array') return err('TOO_FEW_ITEMS', `must have at least ${issue.minimum} item(s)`);
      return err('VALUE_TOO_SMALL', `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`);
    case 'too_big':
      if (issue.origin === 'string') return err('TOO_LONG', `must be at most ${issue.maximum} characters`);
      if (issue.origin === 'array') return err('TOO_MANY_ITEMS', `must have at most ${issue.maximum} items`);
      return err('VALUE_TOO_LARGE', `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`);
    case 'invalid_format':
      if (issue.format === 'email') return err('INVALID_EMAIL', 'must be an e-mail address');
      if (issue.format === 'date') return err('INVALID_DATE', 'must be a calendar date YYYY-MM-DD');
      return err('INVALID_FORMAT', issue.message);
    default:
      return err('INVALID_VALUE', issue.message);
  }
}
