// One rules config per region: the defaults with what differs overridden. Maps (rules, exchange
// rates, de minimis, levels) merge key by key, so a region states only the weights it changes;
// lists replace wholesale, so a region's list is read in one place.
import { DEFAULT_RULES_CONFIG } from './defaults';
import { type RulesConfig, type RulesConfigInput, RulesConfigSchema } from './schema';

export type RulesConfigOverride = Partial<Omit<RulesConfigInput, 'rules'>> & { rules?: Partial<RulesConfigInput['rules']> };

export const REGION_OVERRIDES: Readonly<Record<string, RulesConfigOverride>> = {
  'eu-west-1': {},
  'us-east-1': {
    region: 'us-east-1',
    servedDestinations: ['US', 'CA', 'MX'],
    levels: { medium: 15, high: 40, critical: 100 },
    rules: { RESTRICTED_HS_MEDICINES: { points: 35 }, RESTRICTED_KEYWORD_MEDICINES: { points: 35 } },
    // The US suspended its 800 USD de minimis for every country of origin on 29 August 2025 (0 = none);
    // Canada does not collect on postal items up to 20 CAD; Mexico 50 USD for postal and courier imports.
    deMinimis: { US: { amount: 0, currency: 'USD' }, CA: { amount: 20, currency: 'CAD' }, MX: { amount: 50, currency: 'USD' } },
    phoneRequiredDestinations: ['US', 'CA', 'MX'],
    counterfeit: { hsPrefixes: ['3303', '4202', '6403', '6404', '7113', '9102', '851713'], highRiskOrigins: ['CN', 'HK', 'TR', 'VN', 'IN'] },
  },
};

const MERGED_MAPS = ['rules', 'eurPerUnit', 'deMinimis', 'levels'] as const;

export function mergeRulesConfig(base: RulesConfigInput, override: RulesConfigOverride): RulesConfigInput {
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const key of MERGED_MAPS) {
    if (override[key] !== undefined) merged[key] = { ...base[key], ...override[key] };
  }
  return merged as RulesConfigInput;
}

export class RulesConfigError extends Error {
  constructor(
    readonly region: string,
    readonly issues: string[],
  ) {
    super(`rules config for ${region} is invalid: ${issues.join('; ')}`);
    this.name = 'RulesConfigError';
  }
}

/** Validates a whole config; throws RulesConfigError naming every bad field, so a bad deployment fails at start. */
export function parseRulesConfig(input: unknown, label = 'config'): RulesConfig {
  const parsed = RulesConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? '/' + i.path.join('/') : '(root)'}: ${i.message}`);
  throw new RulesConfigError(label, issues);
}

export const knownRegions = (): string[] => Object.keys(REGION_OVERRIDES);

/** The validated rules config of a region, optionally with test or deployment overrides on top. */
export function loadRulesConfig(region: string, extra: RulesConfigOverride = {}): RulesConfig {
  const override = Object.hasOwn(REGION_OVERRIDES, region) ? REGION_OVERRIDES[region] : undefined;
  if (override === undefined) {
    throw new RulesConfigError(region, [`no rules config for region ${JSON.stringify(region)}; known: ${knownRegions().join(', ')}`]);
  }
  return parseRulesConfig(mergeRulesConfig(mergeRulesConfig(DEFAULT_RULES_CONFIG, override), extra), region);
}
