// Shared helpers for the risk engine's unit tests: validated declarations from the fixtures, an
// engine per config override, and hit lookups.
import { type Declaration, type DeclarationInput, validateDeclaration } from '#shared/ead/index';
import { type Assessment, type Hit, type RuleId, type RulesConfigOverride, type Screener, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { validDeclaration } from '#test/fixtures/declarations';

export const NOW = '2026-11-21T10:00:00.000Z';

export const noSanctions: Screener = { screen: () => [] };

/** A validated, normalised declaration; throws with the errors if the input is invalid (a broken test, not a rule). */
export function declaration(input: DeclarationInput): Declaration {
  const v = validateDeclaration(JSON.parse(JSON.stringify(input)));
  if (!v.ok) throw new Error(`fixture is not a valid declaration: ${JSON.stringify(v.errors)}`);
  return v.declaration;
}

type Line = NonNullable<DeclarationInput['contents']>[number];

/** The CONTRACT example with its contents replaced by these lines (totals adjusted). */
export function withLines(lines: Line[], overrides: Partial<DeclarationInput> = {}): Declaration {
  const totalValue = Math.round(lines.reduce((s, l) => s + l.value, 0) * 100) / 100;
  const grossWeightKg = lines.reduce((s, l) => s + l.netWeightKg, 0) + 0.2;
  return declaration(validDeclaration({ contents: lines, totalValue, grossWeightKg, ...overrides }));
}

export const line = (description: string, extra: Partial<Line> = {}): Line => ({
  description,
  quantity: 1,
  netWeightKg: 0.5,
  value: 20,
  hsCode: '950300',
  originCountry: 'DE',
  ...extra,
});

const engines = new Map<string, ReturnType<typeof createRiskEngine>>();

/** The eu-west-1 engine (or another region, or with overrides), cached per configuration. */
export function engine(region = 'eu-west-1', override: RulesConfigOverride = {}, screener: Screener = noSanctions) {
  const key = JSON.stringify([region, override]);
  if (screener !== noSanctions) return createRiskEngine({ config: loadRulesConfig(region, override), screener });
  let e = engines.get(key);
  if (!e) {
    e = createRiskEngine({ config: loadRulesConfig(region, override), screener });
    engines.set(key, e);
  }
  return e;
}

export const assess = (d: Declaration, e = engine()) => e.assess(d, [], NOW);
export const hitsOf = (a: Assessment, ruleId: RuleId): Hit[] => a.hits.filter((h) => h.ruleId === ruleId);
export const ruleIds = (a: Assessment): RuleId[] => a.hits.map((h) => h.ruleId);

/** Resolves an RFC 6901 pointer; undefined when a step does not exist. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let v: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** The strongest dangerous-goods outcome of a one-line declaration (the corpus's classifier). */
export function dangerousGoodsOutcome(c: { description: string; hsCode?: string; quantity?: number }, transport?: 'AIR' | 'SURFACE' | 'ROAD' | 'RAIL', e = engine()) {
  const l = line(c.description, { quantity: c.quantity ?? 1, value: 50 * (c.quantity ?? 1) });
  if (c.hsCode) l.hsCode = c.hsCode;
  else delete l.hsCode; // a line without an HS code, as gifts may be declared
  const d = withLines([l], { ...(c.hsCode ? {} : { category: 'GIFT', ioss: undefined }), ...(transport ? { transport } : {}) });
  const a = e.assess(d, [], NOW);
  const dg = a.hits.filter((h) => h.ruleId.startsWith('DG_'));
  const outcome = dg.some((h) => h.critical) ? 'FORBIDDEN_BY_AIR' : dg.some((h) => h.points > 0) ? 'HELD' : dg.length > 0 ? 'ACCEPTED_WITH_CONDITIONS' : 'ORDINARY';
  return { outcome, ruleIds: dg.map((h) => h.ruleId), assessment: a, response: e.decide(a) } as const;
}
