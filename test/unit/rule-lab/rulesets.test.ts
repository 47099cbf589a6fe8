// The rulesets model's pure rules: which versions judge a destination, who stores what where, what is stored.
import type { Principal } from '#shared/auth/principal';
import { canonicalJson, effectiveVersions, mayReadScope, scopeFor, validateRuleset } from '#shared/rule-lab/rulesets';
import { loadRulesConfig } from '#shared/risk/index';

const defaults = loadRulesConfig('eu-west-1');
const act = (version: string) => ({ version, scope: '', mode: 'active' as const, at: '', by: '' });

describe('which rulesets judge a parcel', () => {
  it('the shipped defaults until something is activated', () => {
    expect(effectiveVersions([], 'FR', defaults)).toEqual({ active: defaults.rulesetVersion });
  });

  it("its country's active ruleset over the region's; the region's shadow only where the region's ruleset judges", () => {
    const states = [
      { scope: '*', active: act('R1'), shadow: act('R2') },
      { scope: 'FR', active: act('F1') },
      { scope: 'DE', shadow: act('D2') },
    ];
    expect(effectiveVersions(states, 'FR', defaults)).toEqual({ active: 'F1' });
    expect(effectiveVersions(states, 'DE', defaults)).toEqual({ active: 'R1', shadow: 'D2' });
    expect(effectiveVersions(states, 'ES', defaults)).toEqual({ active: 'R1', shadow: 'R2' });
  });

  it('no shadow when it is the active ruleset itself', () => {
    expect(effectiveVersions([{ scope: '*', active: act('R1'), shadow: act('R1') }], 'FR', defaults)).toEqual({ active: 'R1' });
  });
});

describe('scopes', () => {
  const customs: Principal = { keyId: 'k', role: 'customs', country: 'FR' };
  it("customs stores its own country's rulesets, admin the region's or a named country's, filers none", () => {
    expect(scopeFor(customs, undefined)).toBe('FR');
    expect(scopeFor(customs, 'DE')).toMatchObject({ refused: 'FORBIDDEN' });
    expect(scopeFor({ keyId: 'a', role: 'admin' }, undefined)).toBe('*');
    expect(scopeFor({ keyId: 'a', role: 'admin' }, 'DE')).toBe('DE');
    expect(scopeFor({ keyId: 'p', role: 'post', country: 'FR' }, undefined)).toMatchObject({ refused: 'FORBIDDEN' });
  });
  it("customs reads the region's and its own country's", () => {
    expect([mayReadScope(customs, '*'), mayReadScope(customs, 'FR'), mayReadScope(customs, 'DE')]).toEqual([true, true, false]);
    expect(mayReadScope({ keyId: 'p', role: 'platform', tenantId: 't' }, '*')).toBe(false);
  });
});

describe('a ruleset document', () => {
  it('hashes the same whatever the order of its maps', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
  });
  it('too large to store is refused with a pointer to the document', () => {
    const huge = { ...defaults, description: { ...defaults.description, genericTerms: Array.from({ length: 5000 }, (_, i) => `term ${i} ${'x'.repeat(70)}`) } };
    expect(validateRuleset(huge, 'eu-west-1')).toMatchObject({ ok: false, errors: [{ pointer: '', code: 'TOO_LONG' }] });
    expect(validateRuleset(defaults, 'eu-west-1')).toMatchObject({ ok: true });
  });
});
