// The functions' dependencies, built once per instance from the environment the topology gives them.
// (`@__PURE__` lets esbuild drop what a function does not use: the authorizer need not carry the risk engine.)
import { bucketDirEnvVar, bucketEnvVar, queueEnvVar, tableEnvVar } from './topology-types';
import type { ApiKeyPorts } from './auth/api-keys';
import type { AssessPorts } from './parcels/assess';
import type { DecisionPorts } from './parcels/decisions';
import type { OutcomePorts } from './parcels/outcomes';
import type { EventPublisher } from './parcels/events';
import type { SubmitPorts } from './parcels/submit';
import type { ReconcilePorts } from './parcels/reconcile';
import { ALL_SHARD_KEYS, PENDING_SHARD_KEYS, allShardSource } from './store/parcel-table';
import { createRiskEngine, loadRulesConfig } from './risk';
import { ApiKeyStore } from './store/api-key-store';
import { documentClient, requiredEnv, sqsClient } from './store/clients';
import { ParcelStore } from './store/parcel-store';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from './store/parcel-marks';
import { sendBatch } from './store/queue';
import { BUCKETS, QUEUES, TABLES } from './resources';
import type { ClearanceLookup } from './parcels/cleared-assessment';
import type { ClearancePorts } from './parcels/clearances';
import type { RescreenPorts } from './parcels/rescreen';
import { inForce, partyFingerprint } from './risk/clearances';
import { CurrentList } from './screening/current';
import type { RefreshPorts } from './screening/refresh';
import { directoryListStore, type ListStore } from './screening/store';
import { ClearanceStore } from './store/clearance-store';
import { parcelReassessments } from './store/parcel-reassessment';
import { s3ListStore } from './store/s3-list-store';
import { once } from './util';
import { logger } from './observability';
import { WebhookDeliveryStore } from './store/webhook-delivery-store';
import { WebhookSubscriptionStore } from './store/webhook-subscription-store';
import { sqsAttemptQueue } from './store/webhook-attempt-queue';
import type { AttemptPorts } from './webhooks/deliver';
import { readDeliveryConfig } from './webhooks/config';
import { httpPoster, systemResolver } from './webhooks/http';
import type { DeliveryPorts, Lane } from './webhooks/ports';
import { parseSecretsKey, secretBox } from './webhooks/secrets';
import type { SubscriptionPorts } from './webhooks/subscriptions';
import { rulesetResolver as buildRulesetResolver } from './rule-lab/engines';
import type { RulesetPorts } from './rule-lab/rulesets';
import { RulesetStore } from './store/ruleset-store';
import { ParcelPeriodReader } from './store/parcel-period-reader';
import type { ReplayApiPorts, ReplayPorts } from './rule-lab/replay';
import { ReplayParcelReader, ReplayStore } from './store/replay-store';
import type { RiskEngine } from './risk';
import type { ParcelChanges } from './parcels/changes';
import { type PerformanceDaysPorts, dayMarker } from './rule-lab/performance-days';
import { PerformanceDayStoreDynamo } from './store/performance-day-store';

export const parcelStore = /* @__PURE__ */ once(() => new ParcelStore(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const receivedWalker = /* @__PURE__ */ once(() => new ReceivedWalker(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const apiKeyStore = /* @__PURE__ */ once(() => new ApiKeyStore(documentClient(), requiredEnv(tableEnvVar(TABLES.apiKeys))));
export const apiKeyDeps = /* @__PURE__ */ once((): ApiKeyPorts => ({ keys: apiKeyStore(), now: () => new Date() }));

const servedDestinations = /* @__PURE__ */ once(() => {
  const v = process.env.SERVED_DESTINATIONS?.trim();
  return v && v !== '*' ? new Set(v.split(',').map((c) => c.trim().toUpperCase())) : undefined;
});

export const ingestDeps = /* @__PURE__ */ once((): SubmitPorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assess));
  return {
    store: parcelStore(),
    enqueue: async (messages) => (await sendBatch(sqsClient(), queueUrl, messages)).map((m) => m.itemId),
    now: () => new Date(),
    servedDestinations: servedDestinations(),
    onError: (itemId, err) => logger.error('declaration could not be stored', { itemId, error: err as Error }),
  };
});

/** RECONCILE_AFTER_SECONDS: how long a stored version may wait for its assessment before the reconciler queues it again. */
export const reconcileDeps = /* @__PURE__ */ once((): ReconcilePorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assess));
  const afterSeconds = Number(process.env.RECONCILE_AFTER_SECONDS ?? 300);
  if (!(afterSeconds > 0)) throw new Error('RECONCILE_AFTER_SECONDS must be a positive number of seconds');
  return {
    pendingBefore: (shard, before, limit) => parcelStore().pendingBefore(shard, before, limit),
    shards: PENDING_SHARD_KEYS,
    receivedSinceMark: (shard, before, limit) => receivedWalker().receivedSinceMark(shard, before, limit),
    advanceMark: (shard, to) => receivedWalker().advanceMark(shard, to),
    receivedShards: RECEIVED_SHARD_KEYS,
    enqueue: (messages) => sendBatch(sqsClient(), queueUrl, messages),
    afterSeconds,
    now: () => new Date(),
  };
});

/** The risk engine of this region (RULES_REGION), with the bundled SDN list: built once per instance. */
export const riskEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: currentList().screener }));

/**
 * The engine for POST /v1/declarations/check: the region's rules without sanctions screening (only the data-quality
 * findings are answered), so the ingest function does not load the SDN list.
 */
export const checkEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: { screen: () => [] } }));

/** Puts parcel events on the publish queue, for the deliver function to fan out to webhooks. */
export const eventPublisher = /* @__PURE__ */ once((): EventPublisher => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.publish));
  return {
    async publish(events) {
      const failed = await sendBatch(sqsClient(), queueUrl, events);
      if (failed.length > 0) throw new Error(`${failed.length} event(s) could not be queued for delivery`);
    },
  };
});

// The rule lab (issue 11): rulesets stored per version; the assess stage judges each parcel by its destination's
// active ruleset (and records the shadow's answer beside it). RULESET_CACHE_SECONDS bounds how long an instance keeps
// the active versions before it reads them again: an activation takes effect everywhere within it (10 s by default).
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

// Functions without the rulesets table (topologies of older tests) judge by the shipped ruleset alone.
export const assessDeps = /* @__PURE__ */ once((): AssessPorts => ({
  store: parcelStore(),
  engine: riskEngine(),
  ...(process.env[tableEnvVar(TABLES.rulesets)] ? { rulesets: rulesetResolver() } : {}),
  events: eventPublisher(),
  now: () => new Date(),
  clearances: clearanceLookup(),
  ...dayChanges(),
}));

export const decisionDeps = /* @__PURE__ */ once((): DecisionPorts & OutcomePorts => ({ store: parcelStore(), events: eventPublisher(), now: () => new Date(), ...dayChanges() }));

// Webhooks: subscriptions, delivery records and the attempts queue; settings and the secrets key read once.
export const webhookConfig = /* @__PURE__ */ once(() => readDeliveryConfig(process.env));
export const webhookSubscriptions = /* @__PURE__ */ once(() => new WebhookSubscriptionStore(documentClient(), requiredEnv(tableEnvVar(TABLES.webhookSubscriptions))));
export const webhookDeliveries = /* @__PURE__ */ once(() => new WebhookDeliveryStore(documentClient(), requiredEnv(tableEnvVar(TABLES.webhookDeliveries))));
/** AES-256-GCM over the signing secrets; WEBHOOK_SECRETS_KEY is base64 of 32 bytes (Secrets Manager in AWS). */
export const webhookSecretBox = /* @__PURE__ */ once(() => secretBox(parseSecretsKey(process.env.WEBHOOK_SECRETS_KEY)));
const attemptQueue = /* @__PURE__ */ once(() => sqsAttemptQueue(sqsClient(), requiredEnv(queueEnvVar(QUEUES.deliver))));

export const deliveryDeps = /* @__PURE__ */ once((): DeliveryPorts => ({
  subscriptions: webhookSubscriptions(),
  deliveries: webhookDeliveries(),
  queue: attemptQueue(),
  config: webhookConfig(),
  now: () => new Date(),
  random: Math.random,
}));

/** The sweeper's: the delivery records and the deliver queue only (its function has no subscriptions table). */
export const sweepDeps = /* @__PURE__ */ once(() => ({ deliveries: webhookDeliveries(), queue: attemptQueue(), config: webhookConfig(), now: () => new Date() }));

export const attemptDeps = /* @__PURE__ */ once((): AttemptPorts => {
  const box = webhookSecretBox();
  return { ...deliveryDeps(), post: httpPoster({ policy: { allowLoopback: webhookConfig().allowLoopback }, timeoutMs: webhookConfig().timeoutMs }), openSecret: (sealed, id) => box.open(sealed, id) };
});

// The webhook consumers' dependencies per lane: the stores and settings above, plus the slow lane's queue
// (deliver-slow). (Was functions/deliver/lanes.ts.)
const slowAttemptQueue = /* @__PURE__ */ once(() => sqsAttemptQueue(sqsClient(), requiredEnv(queueEnvVar(QUEUES.deliverSlow))));
/** Fan-out: sends each attempt to its subscription's lane. */
export const publishDeps = /* @__PURE__ */ once((): DeliveryPorts => ({ ...deliveryDeps(), slowQueue: slowAttemptQueue() }));
const fastLane = /* @__PURE__ */ once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'fast' }));
const slowLane = /* @__PURE__ */ once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'slow' }));
export const deliverDeps = (lane: Lane): AttemptPorts => (lane === 'fast' ? fastLane() : slowLane());

export const subscriptionDeps = /* @__PURE__ */ once((): SubscriptionPorts => ({
  store: webhookSubscriptions(),
  box: webhookSecretBox(),
  policy: { allowLoopback: webhookConfig().allowLoopback },
  resolve: systemResolver,
  now: () => new Date(),
}));

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

/** The replay consumer's: the parcels as a replay reads them, and each candidate's engine built once per replay (the last few kept). */
export const replayDeps = /* @__PURE__ */ once((): ReplayPorts => {
  const engines = new Map<string, RiskEngine>();
  return {
    ...replayApiDeps(),
    parcels: new ReplayParcelReader(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels)), parcelStore()),
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

// ---- Sanctions lists and clearances (shared/screening, shared/parcels/clearances.ts) ----

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

export const clearanceStore = /* @__PURE__ */ once(() => new ClearanceStore(documentClient(), requiredEnv(tableEnvVar(TABLES.sanctionsClearances))));

/** The clearances in force for a parcel's parties, against the list in use; none where the function has no clearances table. */
const clearanceLookup = /* @__PURE__ */ once((): ClearanceLookup | undefined => {
  if (!process.env[tableEnvVar(TABLES.sanctionsClearances)]) return undefined;
  const store = clearanceStore();
  return { inForceFor: async (d, now) => inForce(await store.forParties(d.destinationCountry, [partyFingerprint(d.sender), partyFingerprint(d.recipient)]), now, currentList().get().entryDigest) };
});

export const rescreenDeps = /* @__PURE__ */ once((): RescreenPorts => ({
  ...assessDeps(),
  reassessments: parcelReassessments(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))),
  ensureList: (version) => currentList().ensure(version),
}));

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

// ---- Rule performance per day (shared/rule-lab/performance-days.ts) ----

export const performanceDayStore = /* @__PURE__ */ once(() => new PerformanceDayStoreDynamo(documentClient(), requiredEnv(tableEnvVar(TABLES.performanceDays))));

/** The writers' marks on closed days; none where the function has no day-aggregates table (topologies of older tests). */
const dayChanges = (): { changes?: ParcelChanges } => (process.env[tableEnvVar(TABLES.performanceDays)] ? { changes: dayMarkerOnce() } : {});
const dayMarkerOnce = /* @__PURE__ */ once(() => dayMarker(performanceDayStore(), () => Date.now()));

/** The aggregator's ports (and the request's): the parcels read consistently, the day store, the clock. */
export const performanceDaysDeps = /* @__PURE__ */ once((): PerformanceDaysPorts => ({
  parcels: new ParcelPeriodReader(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels)), parcelStore(), 8, true),
  days: performanceDayStore(),
  now: () => new Date(),
}));
/** Whether this function has the day aggregates (the rule-lab function in the topology; not in older test topologies). */
export const hasPerformanceDays = (): boolean => Boolean(process.env[tableEnvVar(TABLES.performanceDays)]);
