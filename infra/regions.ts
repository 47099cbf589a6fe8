// Per-region deployment configuration: which destination countries a region's stack serves, and its limits.
// Validated with zod; an unknown region is a clear error. (The risk rules per region live in shared/risk/config.)
import * as z from 'zod';
import { CountryCode } from '../shared/ead/schema';

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

/** Capacity units of a provisioned table (and each of its indexes): autoscaling keeps them between min and max. */
const Units = z.strictObject({ min: z.number().int().min(1), max: z.number().int().min(1) }).refine((u) => u.max >= u.min, { message: 'max must be at least min' });
export const TableCapacity = z.strictObject({ read: Units, write: Units });
export type TableCapacity = z.infer<typeof TableCapacity>;

/**
 * DynamoDB capacity of the region's tables: on demand (pay per request), or provisioned with target-tracking
 * autoscaling (cheaper per request at a steady load, with a floor paid every hour). Provisioned capacity applies to
 * every table of the topology and each of its indexes: `default`, or the table's own entry in `tables`.
 */
export const Capacity = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('on-demand') }),
  z.strictObject({
    mode: z.literal('provisioned'),
    /** Consumed / provisioned units that autoscaling aims at. */
    targetUtilizationPercent: z.number().int().min(20).max(90).default(70),
    default: TableCapacity,
    tables: z.record(z.string(), TableCapacity).default({}),
  }),
]);
export type Capacity = z.infer<typeof Capacity>;

/** The capacity a table is given in a region: undefined on demand. */
export const tableCapacity = (c: Capacity, table: string): (TableCapacity & { targetUtilizationPercent: number }) | undefined =>
  c.mode === 'on-demand' ? undefined : { ...(c.tables[table] ?? c.default), targetUtilizationPercent: c.targetUtilizationPercent };

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
  /** DynamoDB capacity (default on demand). */
  capacity: Capacity.default({ mode: 'on-demand' }),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

const REGIONS: Record<string, z.input<typeof RegionConfig>> = {
  'eu-west-1': { region: 'eu-west-1', servedDestinations: [...EU, 'IS', 'LI', 'NO', 'CH'], apiKeyRatePerSecond: 50, apiKeyBurst: 100, logRetentionDays: 30, alarmEmails: [] },
  // A steady, predictable load: provisioned capacity with autoscaling (`npm run bench -- aws` prints both models).
  'us-east-1': {
    region: 'us-east-1',
    servedDestinations: ['US', 'CA', 'MX'],
    apiKeyRatePerSecond: 50,
    apiKeyBurst: 100,
    logRetentionDays: 30,
    alarmEmails: [],
    capacity: {
      mode: 'provisioned',
      targetUtilizationPercent: 70,
      default: { read: { min: 2, max: 200 }, write: { min: 2, max: 200 } },
      tables: { parcels: { read: { min: 5, max: 2000 }, write: { min: 5, max: 4000 } } },
    },
  },
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
