// The risk engine and what it screens with: the sanctions list in use (shared/screening), the clearances
// (shared/parcels/clearances.ts) and the list refresh.
import { bucketDirEnvVar, bucketEnvVar, queueEnvVar, tableEnvVar } from '../topology-types';
import { ALL_SHARD_KEYS, allShardSource } from '../store/parcel-table';
import { createRiskEngine, loadRulesConfig } from '../risk';
import { documentClient, requiredEnv, sqsClient } from '../store/clients';
import { sendBatch } from '../store/queue';
import { BUCKETS, QUEUES, TABLES } from '../resources';
import type { ClearanceLookup } from '../parcels/cleared-assessment';
import type { ClearancePorts } from '../parcels/clearances';
import { inForce, partyFingerprint } from '../risk/clearances';
import { CurrentList } from '../screening/current';
import type { RefreshPorts } from '../screening/refresh';
import { directoryListStore, type ListStore } from '../screening/store';
import { ClearanceStore } from '../store/clearance-store';
import { s3ListStore } from '../store/s3-list-store';
import { once } from '../util';
import { logger } from '../observability';
import { parcelStore } from './parcels';

/** Where list releases are published: the S3 bucket in AWS, its directory locally; none (the bundled list only) when neither is given. */
export const listStore = /* @__PURE__ */ once((): ListStore | undefined => {
  const bucket = process.env[bucketEnvVar(BUCKETS.sanctionsLists)];
  if (bucket) return s3ListStore(bucket);
  const dir = process.env[bucketDirEnvVar(BUCKETS.sanctionsLists)];
  return dir ? directoryListStore(dir) : undefined;
});

/** SANCTIONS_LIST_CHECK_SECONDS (default 60): how often a function looks for a newly accepted list. */
const listCheckSeconds = () => {
  const s = Number(process.env.SANCTIONS_LIST_CHECK_SECONDS ?? 60);
  if (!(s >= 0)) throw new Error('SANCTIONS_LIST_CHECK_SECONDS must be a number of seconds');
  return s;
};

export const currentList = /* @__PURE__ */ once(
  () =>
    new CurrentList({
      store: listStore(),
      checkEveryMs: listCheckSeconds() * 1000,
      onError: (err) => logger.error('the sanctions list in use could not be checked; keeping it', { error: err as Error }),
    }),
);

/** The risk engine of this region (RULES_REGION), with the bundled SDN list: built once per instance. */
export const riskEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: currentList().screener }));

/**
 * The engine for POST /v1/declarations/check: the region's rules without sanctions screening (only the data-quality
 * findings are answered), so the ingest function does not load the SDN list.
 */
export const checkEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: { screen: () => [] } }));

export const clearanceStore = /* @__PURE__ */ once(() => new ClearanceStore(documentClient(), requiredEnv(tableEnvVar(TABLES.sanctionsClearances))));

/** The clearances in force for a parcel's parties, against the list in use; none where the function has no clearances table. */
export const clearanceLookup = /* @__PURE__ */ once((): ClearanceLookup | undefined => {
  if (!process.env[tableEnvVar(TABLES.sanctionsClearances)]) return undefined;
  const store = clearanceStore();
  return { inForceFor: async (d, now) => inForce(await store.forParties(d.destinationCountry, [partyFingerprint(d.sender), partyFingerprint(d.recipient)]), now, currentList().get().entryDigest) };
});

export const clearanceDeps = /* @__PURE__ */ once((): ClearancePorts => ({
  store: clearanceStore(),
  parcels: parcelStore(),
  list: () => currentList().refresh(),
  clearanceDays: loadRulesConfig(requiredEnv('RULES_REGION')).sanctions.clearanceDays,
  now: () => new Date(),
}));

/**
 * The refresh. It re-screens once every function uses the new list: after their check interval plus the process
 * function's timeout (30 s), or SANCTIONS_RESCREEN_SETTLE_SECONDS.
 */
export const refreshDeps = /* @__PURE__ */ once((): RefreshPorts => {
  const lists = listStore();
  if (!lists) throw new Error(`${bucketEnvVar(BUCKETS.sanctionsLists)} (or ${bucketDirEnvVar(BUCKETS.sanctionsLists)} locally) is required`);
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assess));
  const { maxShrinkShare, rescreenWindowDays } = loadRulesConfig(requiredEnv('RULES_REGION')).sanctions;
  const store = parcelStore();
  return {
    lists,
    parcels: { listKeys: (shard, before, limit) => store.listKeys(allShardSource(shard), before, limit), getMany: (ids) => store.getMany(ids), shards: ALL_SHARD_KEYS },
    clearances: clearanceStore(),
    enqueue: (messages) => sendBatch(sqsClient(), queueUrl, messages),
    config: { maxShrinkShare, rescreenWindowDays },
    settleSeconds: Number(process.env.SANCTIONS_RESCREEN_SETTLE_SECONDS ?? listCheckSeconds() + 30),
    now: () => new Date(),
  };
});
