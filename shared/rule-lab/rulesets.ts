// Rulesets as versioned data, per region (issue 11). A ruleset is a whole rules config (shared/risk/config/schema.ts),
// stored once under its `rulesetVersion` and never changed. Its scope says which parcels it may judge:
//   - REGION ('*'): every destination this deployment serves; admin manages these;
//   - a destination country ('FR'): only parcels bound for that country; that country's customs authority (or admin)
//     manages these: a customs authority's own overrides, which win over the region's ruleset for its parcels.
// Per scope at most one ruleset is active and at most one runs in shadow beside it. A parcel is judged by the active
// ruleset of its destination's scope, else of the region, else by the shipped defaults; the same for shadow.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type Principal, mayDecide, seesRiskReasoning } from '../auth/principal';
import type { ValidationError } from '../ead/errors';
import { validateWith } from '../ead/validate';
import { type RulesConfig, RulesConfigSchema } from '../risk/config/schema';
import type { Page, Position } from '../page';

export const REGION_SCOPE = '*';
/** '*' for the region, or an ISO 3166-1 alpha-2 destination country. */
export type RulesetScope = string;
export const ACTIVATION_MODES = ['active', 'shadow'] as const;
export type ActivationMode = (typeof ACTIVATION_MODES)[number];
/** What a scope's log records: an activation, or the end of a shadow run (POST /v1/rulesets/{version}/deactivate). */
export type ActivationLogMode = ActivationMode | 'shadow-ended';

/** The port the what-if replay (and anything else) uses to find a ruleset by the version an assessment names. */
export interface RulesetSource {
  get(version: string): Promise<RulesConfig | undefined>;
}

export interface RulesetSummary {
  version: string;
  scope: RulesetScope;
  region: string;
  /** sha-256 of the canonical document: two documents are the same ruleset when their hashes are. */
  hash: string;
  createdAt: string;
  /** The key id of who stored it; 'shipped' for the defaults in the code. */
  createdBy: string;
}

export interface Activation {
  version: string;
  scope: RulesetScope;
  mode: ActivationLogMode;
  at: string;
  by: string;
}

/** What runs in one scope: the active ruleset and the shadow beside it, each with who activated it and when. */
export interface ScopeState {
  scope: RulesetScope;
  active?: Activation;
  shadow?: Activation;
  /** The store's revision of this state (optimistic concurrency); absent before the first activation. */
  rev?: number;
}

export interface RulesetStorePort extends RulesetSource {
  /** Stores a new version: 'created'; the same document again: 'same'; another document under that version: 'taken'. */
  create(summary: RulesetSummary, document: RulesConfig): Promise<'created' | 'same' | 'taken'>;
  summary(version: string): Promise<RulesetSummary | undefined>;
  list(): Promise<RulesetSummary[]>;
  /** Stored rulesets, newest version first, a page at a time. */
  listPage(limit: number, after: Position | undefined): Promise<Page<RulesetSummary>>;
  /** Whether a decoded cursor is a position of listPage. */
  isListPosition(position: Position): boolean;
  states(): Promise<ScopeState[]>;
  /** Records an activation and makes it the scope's state if the state is still `expected` (optimistic); false otherwise. */
  activate(activation: Activation, next: ScopeState, expected: ScopeState | undefined): Promise<boolean>;
  activations(version: string): Promise<Activation[]>;
}

export interface RulesetPorts {
  store: RulesetStorePort;
  /** The shipped defaults of this deployment's region: the initial active ruleset of every scope. */
  defaults: RulesConfig;
  now(): string;
}

export const ActivateRequest = z.strictObject({ mode: z.enum(ACTIVATION_MODES).default('active') }).meta({ id: 'ActivateRulesetRequest' });

/** JSON with object keys sorted, so that the same document hashes the same whatever order its maps came in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
export const rulesetHash = (c: RulesConfig): string => createHash('sha256').update(canonicalJson(c)).digest('base64url');

export const shippedSummary = (defaults: RulesConfig): RulesetSummary => ({
  version: defaults.rulesetVersion,
  scope: REGION_SCOPE,
  region: defaults.region,
  hash: rulesetHash(defaults),
  createdAt: '1970-01-01T00:00:00.000Z',
  createdBy: 'shipped',
});

/** Who may manage a scope's rulesets: admin any; customs its own country's. */
export const mayManageScope = (p: Principal, scope: RulesetScope): boolean => p.role === 'admin' || (scope !== REGION_SCOPE && mayDecide(p, scope));
/** Who may read a ruleset: admin any; customs the region's and its own country's (the rules that judge its parcels). */
export const mayReadScope = (p: Principal, scope: RulesetScope): boolean => seesRiskReasoning(p) && (scope === REGION_SCOPE || mayDecide(p, scope));

export type RulesetRefusal = {
  refused: 'FORBIDDEN' | 'NOT_FOUND' | 'RULESET_VERSION_TAKEN' | 'CONCURRENT_UPDATE' | 'INVALID_REQUEST' | 'RULESET_NOT_IN_SHADOW';
  detail: string;
  errors?: ValidationError[];
};

/** The scope a new ruleset goes to: customs its own country (it may name it); admin the region, or a country it names. */
export function scopeFor(p: Principal, requested: string | undefined): RulesetScope | RulesetRefusal {
  if (p.role === 'customs') {
    if (requested !== undefined && requested !== p.country) return { refused: 'FORBIDDEN', detail: `a customs authority stores rulesets for its own country (${p.country}) only` };
    return p.country!;
  }
  if (p.role === 'admin') return requested ?? REGION_SCOPE;
  return { refused: 'FORBIDDEN', detail: 'only customs and admin manage rulesets' };
}

/** A stored document's largest size (UTF-8 bytes), under DynamoDB's 400 KB per item with room for its summary. */
export const MAX_RULESET_BYTES = 300 * 1024;

/** Validates a ruleset document by the engine's own schema, and that it is for this region. */
export function validateRuleset(body: unknown, region: string): { ok: true; config: RulesConfig } | { ok: false; errors: ValidationError[] } {
  const r = validateWith(RulesConfigSchema, body);
  if (!r.ok) return r;
  const bytes = Buffer.byteLength(JSON.stringify(r.value), 'utf8');
  if (bytes > MAX_RULESET_BYTES) return { ok: false, errors: [{ pointer: '', code: 'TOO_LONG', detail: `the ruleset is ${bytes} bytes once validated; at most ${MAX_RULESET_BYTES} are stored` }] };
  if (r.value.region !== region)
    return { ok: false, errors: [{ pointer: '/region', code: 'INVALID_VALUE', detail: `this deployment runs ${region}; a ruleset for ${r.value.region} belongs to that region's deployment` }] };
  return { ok: true, config: r.value };
}

export async function createRuleset(p: Principal, body: unknown, requestedScope: string | undefined, ports: RulesetPorts): Promise<{ created: boolean; summary: RulesetSummary } | RulesetRefusal> {
  const scope = scopeFor(p, requestedScope);
  if (typeof scope !== 'string') return scope;
  const checked = validateRuleset(body, ports.defaults.region);
  if (!checked.ok) return { refused: 'INVALID_REQUEST', detail: `${checked.errors.length} error(s) in the ruleset`, errors: checked.errors };
  const config = checked.config;
  const summary: RulesetSummary = { version: config.rulesetVersion, scope, region: config.region, hash: rulesetHash(config), createdAt: ports.now(), createdBy: p.keyId };
  const taken = (): RulesetRefusal => ({ refused: 'RULESET_VERSION_TAKEN', detail: `version ${config.rulesetVersion} names another ruleset: versions never change; give this one a new version` });
  if (config.rulesetVersion === ports.defaults.rulesetVersion) {
    return summary.hash === rulesetHash(ports.defaults) && scope === REGION_SCOPE ? { created: false, summary: shippedSummary(ports.defaults) } : taken();
  }
  const outcome = await ports.store.create(summary, config);
  if (outcome === 'taken') return taken();
  if (outcome === 'same') {
    const stored = await ports.store.summary(config.rulesetVersion);
    if (stored && stored.scope !== scope) return taken();
    return { created: false, summary: stored ?? summary };
  }
  return { created: true, summary };
}

/** The ruleset of a version as the caller may see it, or undefined (404: another country's rulesets are not said to exist). */
export async function readableSummary(p: Principal, version: string, ports: RulesetPorts): Promise<RulesetSummary | undefined> {
  const summary = version === ports.defaults.rulesetVersion ? shippedSummary(ports.defaults) : await ports.store.summary(version);
  return summary && mayReadScope(p, summary.scope) ? summary : undefined;
}

export const RulesetListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(512).optional(),
});

/**
 * The rulesets this key may see, a page at a time (the shipped defaults first, on the first page), and each scope's
 * state. A page may hold fewer than `limit` where rulesets of scopes the caller may not read were skipped. The caller
 * checks `after` with the store's isListPosition.
 */
export async function listRulesets(p: Principal, ports: RulesetPorts, page: { limit: number; after?: Position } = { limit: 50 }) {
  const [stored, states] = await Promise.all([ports.store.listPage(page.limit, page.after), ports.store.states()]);
  const items = [...(page.after ? [] : [shippedSummary(ports.defaults)]), ...stored.items].filter((s) => mayReadScope(p, s.scope));
  return {
    items: items.map((s) => ({ ...s, status: statusOf(s.version, states) })),
    scopes: withDefault(states, ports.defaults).filter((s) => mayReadScope(p, s.scope)),
    ...(stored.next ? { next: stored.next } : {}),
  };
}

/** Where a version runs now: the scopes in which it is active or in shadow. */
export const statusOf = (version: string, states: readonly ScopeState[]) => ({
  activeIn: states.filter((s) => s.active?.version === version).map((s) => s.scope),
  shadowIn: states.filter((s) => s.shadow?.version === version).map((s) => s.scope),
});

/** The region's state, with the shipped defaults active until something else was activated. */
export function withDefault(states: readonly ScopeState[], defaults: RulesConfig): ScopeState[] {
  const region = states.find((s) => s.scope === REGION_SCOPE);
  const shipped: Activation = { version: defaults.rulesetVersion, scope: REGION_SCOPE, mode: 'active', at: '1970-01-01T00:00:00.000Z', by: 'shipped' };
  return [{ ...region, scope: REGION_SCOPE, active: region?.active ?? shipped }, ...states.filter((s) => s.scope !== REGION_SCOPE)];
}

/** Activates a version in its scope, as the active ruleset (ending its shadow run if it had one) or as the shadow. */
export async function activateRuleset(p: Principal, version: string, mode: ActivationMode, ports: RulesetPorts): Promise<{ state: ScopeState; activation: Activation } | RulesetRefusal> {
  const summary = await readableSummary(p, version, ports);
  if (!summary) return { refused: 'NOT_FOUND', detail: `no ruleset ${version.slice(0, 64)} that this key may see` };
  if (!mayManageScope(p, summary.scope)) return { refused: 'FORBIDDEN', detail: "only admin activates the region's rulesets; a customs authority activates its own country's" };
  for (let attempt = 0; attempt < 3; attempt++) {
    const expected = (await ports.store.states()).find((s) => s.scope === summary.scope);
    const activation: Activation = { version, scope: summary.scope, mode, at: ports.now(), by: p.keyId };
    const next: ScopeState =
      mode === 'active'
        ? { scope: summary.scope, active: activation, ...(expected?.shadow && expected.shadow.version !== version ? { shadow: expected.shadow } : {}) }
        : { scope: summary.scope, ...(expected?.active ? { active: expected.active } : {}), shadow: activation };
    if (await ports.store.activate(activation, next, expected)) return { state: next, activation };
  }
  return { refused: 'CONCURRENT_UPDATE', detail: 'the rulesets of this scope changed while this ran; send it again' };
}

/** The versions that judge a parcel bound for a destination: its country's scope over the region's over the shipped defaults. */
export function effectiveVersions(states: readonly ScopeState[], destinationCountry: string, defaults: RulesConfig): { active: string; shadow?: string } {
  const country = states.find((s) => s.scope === destinationCountry);
  const region = states.find((s) => s.scope === REGION_SCOPE);
  const active = country?.active?.version ?? region?.active?.version ?? defaults.rulesetVersion;
  const shadow = country?.shadow?.version ?? (country?.active ? undefined : region?.shadow?.version);
  return shadow !== undefined && shadow !== active ? { active, shadow } : { active };
}

/** The deactivate body: only a shadow run is ended (an active ruleset is replaced by activating another one). */
export const DeactivateRequest = z.strictObject({ mode: z.literal('shadow').default('shadow') }).meta({ id: 'DeactivateRulesetRequest' });

/** Ends the shadow run of a version in its scope; who and when are logged as a 'shadow-ended' entry. */
export async function endShadowRun(p: Principal, version: string, ports: RulesetPorts): Promise<{ state: ScopeState; activation: Activation } | RulesetRefusal> {
  const summary = await readableSummary(p, version, ports);
  if (!summary) return { refused: 'NOT_FOUND', detail: `no ruleset ${version.slice(0, 64)} that this key may see` };
  if (!mayManageScope(p, summary.scope)) return { refused: 'FORBIDDEN', detail: "only admin manages the region's rulesets; a customs authority its own country's" };
  for (let attempt = 0; attempt < 3; attempt++) {
    const expected = (await ports.store.states()).find((s) => s.scope === summary.scope);
    if (expected?.shadow?.version !== version) return { refused: 'RULESET_NOT_IN_SHADOW', detail: `ruleset ${version.slice(0, 64)} runs in no shadow in its scope (${summary.scope})` };
    const activation: Activation = { version, scope: summary.scope, mode: 'shadow-ended', at: ports.now(), by: p.keyId };
    const next: ScopeState = { scope: summary.scope, ...(expected.active ? { active: expected.active } : {}) };
    if (await ports.store.activate(activation, next, expected)) return { state: next, activation };
  }
  return { refused: 'CONCURRENT_UPDATE', detail: 'the rulesets of this scope changed while this ran; send it again' };
}
