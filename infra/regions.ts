// Per-region deployment configuration: which destination countries a region's stack serves, and its limits.
// Validated with zod; an unknown region is a clear error. (The risk rules per region live in shared/risk/config.)
import { z } from 'zod';
import { CountryCode } from '../shared/ead/schema';

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

export const RegionConfig = z.strictObject({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  servedDestinations: z.array(CountryCode).min(1),
  /** Per API key, in this region (API Gateway's stage throttling is the global backstop). */
  apiKeyRatePerSecond: z.number().positive(),
  apiKeyBurst: z.number().int().positive(),
  /** API Gateway stage throttling, all keys together: the backstop in front of the per-key limits. */
  apiStageRatePerSecond: z.number().positive().default(1000),
  apiStageBurst: z.number().int().positive().default(2000),
  logRetentionDays: z.number().int().positive(),
  /** A parcel version stored but not assessed after this long is queued again by the reconciler. */
  reconcileAfterSeconds: z.number().int().min(60).max(86_400).default(300),
  /** E-mail addresses notified by alarms. */
  alarmEmails: z.array(z.email()),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

const REGIONS: Record<string, z.input<typeof RegionConfig>> = {
  'eu-west-1': { region: 'eu-west-1', servedDestinations: [...EU, 'IS', 'LI', 'NO', 'CH'], apiKeyRatePerSecond: 50, apiKeyBurst: 100, logRetentionDays: 30, alarmEmails: [] },
  'us-east-1': { region: 'us-east-1', servedDestinations: ['US', 'CA', 'MX'], apiKeyRatePerSecond: 50, apiKeyBurst: 100, logRetentionDays: 30, alarmEmails: [] },
};

export const KNOWN_REGIONS = Object.keys(REGIONS);

export function regionConfig(region: string): RegionConfig {
  const raw = REGIONS[region];
  if (!raw) throw new Error(`no configuration for region '${region}'; configured regions: ${KNOWN_REGIONS.join(', ')}`);
  return RegionConfig.parse(raw);
}

/** The environment every function of a region gets from its configuration. */
export const regionEnv = (c: RegionConfig): Record<string, string> => ({
  SERVED_DESTINATIONS: c.servedDestinations.join(','),
  API_KEY_RATE_PER_SECOND: String(c.apiKeyRatePerSecond),
  API_KEY_BURST: String(c.apiKeyBurst),
  RULES_REGION: c.region,
  RECONCILE_AFTER_SECONDS: String(c.reconcileAfterSeconds),
});
