// Bodies nested deeper than MAX_JSON_DEPTH are refused by an iterative scan, before anything parses or walks them.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, nestsDeeperThan, readJsonBody } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';

/** Reference: the nesting depth of a parsed value, computed on the value (small inputs only). */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

const nested = (levels: number, open = '[', close = ']') => open.repeat(levels) + '1' + close.repeat(levels);
const bodyEvent = (body: string, isBase64Encoded = false) => ({ headers: { 'content-type': 'application/json' }, body, isBase64Encoded }) as unknown as APIGatewayProxyEventV2;
const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
  return 'none';
};

describe('nestsDeeperThan', () => {
  it('agrees with the depth of the parsed value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (v, max) => {
        const text = JSON.stringify(v);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(v) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[[\\"', c: '\\\\' }), 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\"}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":"\\\\","b":[[1]]}', 2)).toBe(true);
  });

  it('scans a million levels without recursion', () => {
    expect(nestsDeeperThan(nested(1_000_000), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(1_000_000, '{"a":', '}'), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('readJsonBody', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1} with JSON_TOO_DEEP`, () => {
    expect(readJsonBody(bodyEvent(nested(MAX_JSON_DEPTH)), 1e6)).toBeDefined();
    expect(problemOf(() => readJsonBody(bodyEvent(nested(MAX_JSON_DEPTH + 1)), 1e6))).toBe('JSON_TOO_DEEP');
  });

  it('refuses deep bodies, base64 ones too, before parsing them', () => {
    const deep = `{"parcels":[${nested(5000)}]}`;
    expect(problemOf(() => readJsonBody(bodyEvent(deep), 1e6))).toBe('JSON_TOO_DEEP');
    expect(problemOf(() => readJsonBody(bodyEvent(Buffer.from(deep).toString('base64'), true), 1e6))).toBe('JSON_TOO_DEEP');
    // deep but also malformed: still refused for its depth, with no parse at all
    expect(problemOf(() => readJsonBody(bodyEvent(nested(100).slice(0, -3)), 1e6))).toBe('JSON_TOO_DEEP');
  });

  it('still answers MALFORMED_JSON for shallow malformed text', () => {
    expect(problemOf(() => readJsonBody(bodyEvent('{"a": [1, 2'), 1e6))).toBe('MALFORMED_JSON');
  });
});
