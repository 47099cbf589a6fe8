// The rule lab (issue 11): rulesets stored per version, what-if replays and the rule performance per day.
import { bucketDirEnvVar, bucketEnvVar, queueEnvVar, tableEnvVar } from '../topology-types';
import { createRiskEngine, loadRulesConfig } from '../risk';
import type { RiskEngine } from '../risk';
import { documentClient, requiredEnv, sqsClient } from '../store/clients';
import { sendBatch } from '../store/queue';
import { BUCKETS, QUEUES, TABLES } from '../resources';
import type { PackBlobs } from '../rule-lab/replay-packs';
import type { AggregatorPorts } from '../rule-lab/performance-aggregate';
import { directoryPackBlobs, s3PackBlobs } from '../store/pack-blobs';
import { once } from '../util';
import { logger } from '../observability';
import { rulesetResolver as buildRulesetResolver } from '../rule-lab/engines';
import type { RulesetPorts } from '../rule-lab/rulesets';
import { RulesetStore } from '../store/ruleset-store';
import { ParcelPeriodReader } from '../store/parcel-period-reader';
import type { ReplayApiPorts, ReplayPorts } from '../rule-lab/replay';
import { ReplayParcelReader, ReplayStore } from '../store/replay-store';
import type { ParcelChanges } from '../parcels/changes';
import { dayMarker } from '../rule-lab/performance-days';
import { PerformanceDayStoreDynamo } from '../store/performance-day-store';
import { parcelStore } from './parcels';
import { currentList, riskEngine } from './risk';

// The assess stage judges each parcel by its destination's active ruleset (and records the shadow's answer beside
// it). RULESET_CACHE_SECONDS bounds how long an instance keeps the active versions before it reads them again: an
// activation takes effect everywhere within it (10 s by default).
export const rulesetStore = /* @__PURE__ */ once(() => new RulesetStore(documentClient(), requiredEnv(tableEnvVar(TABLES.rulesets)), loadRulesConfig(requiredEnv('RULES_REGION'))));
export const rulesetPorts = /* @__PURE__ */ once((): RulesetPorts => ({ store: rulesetStore(), defaults: loadRulesConfig(requiredEnv('RULES_REGION')), now: () => new Date().toISOString() }));
export const parcelPeriodReader = /* @__PURE__ */ once(() => new ParcelPeriodReader(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels)), parcelStore()));
export const rulesetCacheMs = (): number => {
  const seconds = Number(process.env.RULESET_CACHE_SECONDS ?? 10);
  if (!(seconds >= 0)) throw new Error('RULESET_CACHE_SECONDS must be a number of seconds, 0 or more');
  return seconds * 1000;
};
export const rulesetResolver = /* @__PURE__ */ once(() => {
  const engine = riskEngine();
  return buildRulesetResolver({
    source: rulesetStore(),
    defaults: engine.config,
    build: (config) => (config === engine.config ? engine : createRiskEngine({ config, screener: currentList().screener })),
    ttlMs: rulesetCacheMs(),
    nowMs: () => Date.now(),
    onError: (err) => logger.error('rulesets could not be read', { error: err as Error }),
  });
});

/**
 * What-if replays (shared/rule-lab/replay.ts). The API's part: the replays table, the region's shipped ruleset as the
 * only version known (the rulesets store answers there once it exists) and the replay queue; no engine.
 */
export const replayApiDeps = /* @__PURE__ */ once((): ReplayApiPorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.replay));
  return {
    replays: new ReplayStore(documentClient(), requiredEnv(tableEnvVar(TABLES.replays))),
    // Looked up lazily: the replay consumer shares these ports and has no rulesets table (the candidate is stored with the replay).
    rulesets: { get: (version) => rulesetStore().get(version) },
    async enqueue(messages) {
      const failed = await sendBatch(sqsClient(), queueUrl, messages);
      if (failed.length > 0) throw new Error(`${failed.length} replay message(s) could not be queued`);
    },
    now: () => new Date().toISOString(),
  };
});

/** The closed days' replay packs: the S3 bucket in AWS, its directory locally; none where the function has neither. */
export const replayPackBlobs = /* @__PURE__ */ once((): PackBlobs | undefined => {
  const bucket = process.env[bucketEnvVar(BUCKETS.replayPacks)];
  if (bucket) return s3PackBlobs(bucket);
  const dir = process.env[bucketDirEnvVar(BUCKETS.replayPacks)];
  return dir ? directoryPackBlobs(dir) : undefined;
});

/**
 * The replay consumer's: the parcels as a replay reads them, the closed days' packs (with the day states that say
 * whether one is fresh), and each candidate's engine built once per replay (the last few kept).
 */
export const replayDeps = /* @__PURE__ */ once((): ReplayPorts => {
  const engines = new Map<string, RiskEngine>();
  const blobs = replayPackBlobs();
  return {
    ...replayApiDeps(),
    parcels: new ReplayParcelReader(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels)), parcelStore()),
    ...(blobs && hasPerformanceDays() ? { packs: { blobs, days: performanceDayStore() } } : {}),
    engineFor(meta) {
      let engine = engines.get(meta.id);
      if (!engine) {
        engine = createRiskEngine({ config: meta.candidate, screener: currentList().screener });
        if (engines.size >= 4) engines.delete(engines.keys().next().value!);
        engines.set(meta.id, engine);
      }
      return engine;
    },
  };
});

// ---- Rule performance per day (shared/rule-lab/performance-days.ts) ----

export const performanceDayStore = /* @__PURE__ */ once(() => new PerformanceDayStoreDynamo(documentClient(), requiredEnv(tableEnvVar(TABLES.performanceDays))));

/** The writers' marks on closed days; none where the function has no day-aggregates table (topologies of older tests). */
export const dayChanges = (): { changes?: ParcelChanges } => (process.env[tableEnvVar(TABLES.performanceDays)] ? { changes: dayMarkerOnce() } : {});
const dayMarkerOnce = /* @__PURE__ */ once(() => dayMarker(performanceDayStore(), () => Date.now()));

/** The aggregator's ports (and the request's): the parcels read consistently, the day store, the clock; the aggregator's packs where it has the bucket. */
export const performanceDaysDeps = /* @__PURE__ */ once((): AggregatorPorts => {
  const blobs = replayPackBlobs();
  const table = requiredEnv(tableEnvVar(TABLES.parcels));
  return {
    parcels: new ParcelPeriodReader(documentClient(), table, parcelStore(), 8, true),
    days: performanceDayStore(),
    now: () => new Date(),
    ...(blobs ? { packs: { blobs, parcels: new ReplayParcelReader(documentClient(), table, parcelStore(), true) } } : {}),
  };
});
/** Whether this function has the day aggregates (the rule-lab function in the topology; not in older test topologies). */
export const hasPerformanceDays = (): boolean => Boolean(process.env[tableEnvVar(TABLES.performanceDays)]);
