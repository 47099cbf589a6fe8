// Mutations of request parts: bodies (wrong types, missing and unknown fields, edge and non-storable numbers,
// deep nesting, oversize and odd strings), body text (malformed JSON), content types, path parameters (bad
// percent-escapes, odd unicode) and query strings.
import fc from 'fast-check';

type Json = unknown;

/** Tokens replaced in the body text after JSON.stringify: raw numbers JSON.stringify cannot write, deep nesting
 * it would overflow the stack on. */
const RAW = (text: string) => `@@RAW:${Buffer.from(text).toString('base64url')}@@`;
export function expandRaw(text: string): string {
  return text.replace(/"@@RAW:([A-Za-z0-9_-]*)@@"/g, (_, b64: string) => Buffer.from(b64, 'base64url').toString('utf8'));
}
const nest = (levels: number) => '['.repeat(levels) + '0' + ']'.repeat(levels);

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  'e\u0301',
  '\u202Eevil',
  '💣📦',
  '\u00A0',
  'ǅ',
  'İ',
  '<script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%25',
  '%ZZ',
  '\\',
  '"',
  '{}',
  'null',
  '١٢٣',
  'CP719248650DE',
  'cp 719248650 de',
];
const EDGE_NUMBERS = [0, -0, -1, 1, 0.1, 1e-130, -1e-130, 1e-131, 5e-324, -5e-324, 1e125, 1e126, 1e308, -1e308, 2 ** 53 + 2, 1e9, 1e9 + 0.01, 999.9999999, 1_000_001];
const RAW_NUMBERS = [
  '1e999',
  '-1e999',
  '1E-400',
  '0.1e-130',
  '123456789012345678901234567890123456789012',
  '1.00000000000000000000000000000000000000001',
  '-0.0',
  '0e0',
  '1E+125',
  '9.99999999999999999999999999999999999999E+125',
];

/** encodeURIComponent that never throws: lone surrogates become U+FFFD first (a client cannot send them anyway). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const enc = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));

const oddStrings = (longest: number) =>
  fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 257, max: longest }).map((n) => 'x'.repeat(n)),
  );
/** Odd strings for bodies: up to 70,000 characters (over the 64 KiB of a declaration). */
export const oddString = oddStrings(70_000);
/** Odd strings for URLs: mostly within node:http's 16 KiB of headers, now and then over it. */
const oddUrlString = fc.oneof({ weight: 30, arbitrary: oddStrings(3_000) }, { weight: 1, arbitrary: fc.constant('q'.repeat(17_000)) });

/** A value of some other kind, or an edge of its own kind. */
export const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, [], {}, [null], { a: 1 }),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.constantFrom(...RAW_NUMBERS).map(RAW),
  oddString,
  fc.constantFrom(33, 40, 500, 5000).map((n) => RAW(nest(n))),
  fc.jsonValue({ maxDepth: 3 }),
);

const UNKNOWN_KEYS = ['__proto__', 'constructor', 'prototype', 'extra', '', ' itemId', 'ITEMID', '💣', 'a'.repeat(300)];

/** Every path to a value inside `v`, found iteratively. */
function paths(v: Json): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const stack: { v: Json; p: (string | number)[] }[] = [{ v, p: [] }];
  while (stack.length > 0 && out.length < 2000) {
    const { v: cur, p } = stack.pop()!;
    if (Array.isArray(cur)) cur.forEach((c, i) => (out.push([...p, i]), stack.push({ v: c, p: [...p, i] })));
    else if (cur !== null && typeof cur === 'object') {
      for (const [k, c] of Object.entries(cur)) {
        out.push([...p, k]);
        stack.push({ v: c, p: [...p, k] });
      }
    }
  }
  return out;
}

type Op = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'unknown'; key: string; value: Json } | { kind: 'grow'; times: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: replacement.map((value) => ({ kind: 'set' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), replacement).map(([key, value]) => ({ kind: 'unknown' as const, key, value })) },
  { weight: 1, arbitrary: fc.constantFrom(10, 600, 1000).map((times) => ({ kind: 'grow' as const, times })) },
);

function apply(root: Json, path: (string | number)[], o: Op): Json {
  if (path.length === 0) {
    if (o.kind === 'set') return o.value;
    if (o.kind === 'unknown' && root !== null && typeof root === 'object' && !Array.isArray(root))
      return Object.defineProperty({ ...(root as object) }, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
    return o.kind === 'delete' ? undefined : root;
  }
  const parentPath = path.slice(0, -1);
  let parent: any = root;
  for (const seg of parentPath) parent = parent[seg];
  const last = path[path.length - 1]!;
  if (o.kind === 'set') parent[last] = o.value;
  else if (o.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
  else if (o.kind === 'unknown') {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
    else parent[last] = o.value;
  } else if (Array.isArray(parent[last])) {
    const arr = parent[last] as Json[];
    if (arr.length > 0) parent[last] = Array.from({ length: o.times }, (_, i) => structuredClone(arr[i % arr.length]));
  }
  return root;
}

/** `value` with 0 to 3 mutations at random places. */
export function mutated(value: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.tuple(value, fc.array(fc.tuple(fc.nat(), op), { maxLength: 3 })).map(([v, ops]) => {
    let root = structuredClone(v);
    for (const [pick, o] of ops) {
      const ps = paths(root);
      root = apply(root, ps[pick % ps.length]!, o);
    }
    return root;
  });
}

/** The body text: JSON of the value, or malformed JSON made from it. */
export function bodyText(value: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  const text = value.map((v) => expandRaw(JSON.stringify(v) ?? 'null'));
  return fc.oneof(
    { weight: 8, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.tuple(text, fc.nat(), fc.constantFrom('truncate', 'garbage', 'bom', 'empty', 'single-quotes', 'trailing-comma', 'nul')).map(([t, n, how]) => {
        switch (how) {
          case 'truncate':
            return t.slice(0, n % Math.max(1, t.length));
          case 'garbage':
            return t + '}}]]x';
          case 'bom':
            return '\uFEFF' + t;
          case 'empty':
            return '';
          case 'single-quotes':
            return t.replace(/"/g, "'");
          case 'trailing-comma':
            return t.replace(/}$/, ',}');
          default:
            return t.slice(0, 3) + '\u0000' + t.slice(3);
        }
      }),
    },
  );
}

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/problem+json',
      'application/merge-patch+json',
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json5',
      '',
      ';',
      'application/json; charset=utf-16',
      'image/png',
    ),
  },
);

/** A path segment: valid ids, bad percent-escapes, odd unicode (percent-encoded, as a client must), long ones. */
export function pathSegment(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '%25',
        '%ZZ',
        '%',
        '%E9',
        '%ED%A0%80',
        '%C3',
        '%00',
        '%2F',
        '%2e%2e',
        '..',
        '.',
        '%20',
        'a%2525b',
        '%F0%9F%93%A6',
        '%EF%BF%BF',
        '%u00e9',
        '+',
        '%2B',
        '~',
        'CP719248650DE%00',
        'x'.repeat(3000),
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('%', '2', '5', 'Z', 'E', 'D', 'A', '0', 'C', '3', 'F', 'a', '.', '~'), minLength: 1, maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).map(enc) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...known)
        .map((k) => k.toLowerCase().split('').join(' '))
        .map(enc),
    },
  );
}

/** A query string from the route's parameters: valid-ish values, odd ones, unknown and repeated keys. */
export function queryString(params: { name: string; valid: fc.Arbitrary<unknown> }[]): fc.Arbitrary<string> {
  const pair = fc.oneof(
    ...(params.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...params).chain((p) => fc.oneof(p.valid.map(String), oddUrlString).map((v) => `${enc(p.name)}=${enc(v)}`)) }] : []),
    ...(params.length > 0
      ? [
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.constantFrom(...params), fc.constantFrom('%ZZ', '%', '%E9', '%ED%A0%80', '', '-1', '0', '1e3', '101', '25.5', 'NaN', 'Infinity', '0x10', 'true', '%00'))
              .map(([p, raw]) => `${p.name}=${raw}`),
          },
        ]
      : []),
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '__proto__', 'constructor', '%ZZ', 'limit[]', 'a%00'), oddUrlString).map(([k, v]) => `${k}=${enc(v)}`) },
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => (pairs.length > 0 ? '?' + pairs.join('&') : ''));
}
