// Which engines judge a parcel: the active ruleset of its destination (and the shadow beside it), one risk engine
// built per ruleset version and kept. The scopes' states are read at most once per `ttlMs` per instance, so an
// activation takes effect in every instance within that bound (RULESET_CACHE_SECONDS, 10 s by default).
import type { RiskEngine } from '../risk/engine';
import type { RulesConfig } from '../risk/config/schema';
import { type RulesetSource, type ScopeState, effectiveVersions } from './rulesets';

export interface EnginesFor {
  engine: RiskEngine;
  shadow?: RiskEngine;
}

/** What the assess stage asks: the engines for one parcel's destination. */
export interface RulesetResolver {
  forDestination(destinationCountry: string): Promise<EnginesFor>;
}

export interface ResolverDeps {
  source: RulesetSource & { states(): Promise<ScopeState[]> };
  defaults: RulesConfig;
  build(config: RulesConfig): RiskEngine;
  ttlMs: number;
  nowMs(): number;
  /** How many engines to keep (least recently used go first). */
  maxEngines?: number;
  /** Called when the states or a ruleset cannot be read (the last known states are used meanwhile; a shadow is skipped). */
  onError?(err: unknown): void;
}

export function rulesetResolver(deps: ResolverDeps): RulesetResolver {
  const engines = new Map<string, Promise<RiskEngine | undefined>>();
  const max = deps.maxEngines ?? 8;
  let states: { at: number; value: Promise<ScopeState[]> } | undefined;
  let lastGood: ScopeState[] = [];

  const currentStates = async (): Promise<ScopeState[]> => {
    const now = deps.nowMs();
    if (!states || now - states.at >= deps.ttlMs) {
      const value = deps.source.states().then((s) => (lastGood = s));
      states = { at: now, value };
      value.catch((err) => {
        deps.onError?.(err);
        // Retry on the next call rather than serving a failure for a whole TTL.
        if (states?.value === value) states = undefined;
      });
    }
    try {
      return await states.value;
    } catch {
      return lastGood;
    }
  };

  const engine = (version: string): Promise<RiskEngine | undefined> => {
    const hit = engines.get(version);
    if (hit) {
      engines.delete(version);
      engines.set(version, hit);
      return hit;
    }
    const built = (version === deps.defaults.rulesetVersion ? Promise.resolve(deps.defaults) : deps.source.get(version)).then((c) => (c ? deps.build(c) : undefined));
    built.catch((err) => {
      deps.onError?.(err);
      engines.delete(version);
    });
    engines.set(version, built);
    while (engines.size > max) engines.delete(engines.keys().next().value!);
    return built;
  };

  return {
    async forDestination(destinationCountry) {
      const versions = effectiveVersions(await currentStates(), destinationCountry, deps.defaults);
      // An active ruleset that cannot be read fails the message (it is retried): a parcel is never judged by another one.
      const active = await engine(versions.active);
      if (!active) throw new Error(`the active ruleset ${versions.active} is not stored`);
      const shadow = versions.shadow === undefined ? undefined : await engine(versions.shadow).catch(() => undefined);
      return shadow ? { engine: active, shadow } : { engine: active };
    },
  };
}
