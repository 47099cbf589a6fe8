// The routes of the OpenAPI document, and fast-check arbitraries for their bodies generated from its schemas
// (which z.toJSONSchema generates from the zod schemas that validate requests): valid-ish values that follow
// types, enums, patterns, formats and bounds, to be mutated by ./mutations.ts.
import fc from 'fast-check';
import { openApiDocument } from '#shared/api/openapi';

type Schema = Record<string, any>;

export interface FuzzRoute {
  method: string;
  /** '/v1/parcels/{itemId}' */
  template: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: { schema: Schema; example?: unknown };
  /** GET /health and GET /v1/openapi.json carry no key. */
  public: boolean;
}

const doc = openApiDocument() as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
export const components = doc.components.schemas;

export function fuzzRoutes(): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []) as { name: string; in: string; schema?: Schema }[];
      const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const json = op.requestBody?.content?.['application/json'];
      routes.push({
        method: method.toUpperCase(),
        template,
        pathParams,
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        ...(json ? { body: { schema: json.schema as Schema, ...(json.example !== undefined ? { example: json.example } : {}) } } : {}),
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return routes;
}

const resolve = (s: Schema): Schema => (typeof s.$ref === 'string' ? components[s.$ref.replace('#/components/schemas/', '')]! : s);

/** Small arrays and strings: the point is shape and edge values, not volume (./mutations.ts makes the big ones). */
const CAP = { items: 4, chars: 24 };

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? CAP.chars, CAP.chars));
  if (s.format === 'date') return fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'email') return fc.emailAddress();
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 10_000));
    } catch {
      // a pattern fast-check cannot generate from: any string of the right length
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : integer ? -1000 : -1e6);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : integer ? 1_000_000 : 1e9);
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(lo, hi, Math.min(hi, Math.max(lo, 1))));
}

/** A value that follows `schema` (valid-ish: formats and patterns are followed, cross-field rules are not). */
export function arbitraryFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (depth > 12) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, depth + 1)));
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required ?? []) as string[];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryFor(v, depth + 1);
      return fc.record(record, { requiredKeys: required.filter((k) => k in props) });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(arbitraryFor(s.items ?? {}, depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? CAP.items, CAP.items)) });
    }
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
