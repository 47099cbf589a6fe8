// The functions' dependencies, built once per instance from the environment the topology gives them.
// (`@__PURE__` lets esbuild drop what a function does not use: the authorizer need not carry the risk engine.)
import { queueEnvVar, tableEnvVar } from '../infra/topology-types';
import type { AssessPorts } from './parcels/assess';
import type { DecisionPorts } from './parcels/decisions';
import type { OutcomePorts } from './parcels/outcomes';
import type { EventPublisher } from './parcels/events';
import type { SubmitPorts } from './parcels/submit';
import type { ReconcilePorts } from './parcels/reconcile';
import { PENDING_SHARD_KEYS } from './store/parcel-table';
import { createRiskEngine, loadRulesConfig } from './risk';
import { loadDefaultScreener } from './risk/sanctions';
import { ApiKeyStore } from './store/api-key-store';
import { documentClient, requiredEnv, sqsClient } from './store/clients';
import { ParcelStore } from './store/parcel-store';
import { sendBatch } from './store/queue';
import { QUEUES, TABLES } from './resources';
import { once } from './util';
import { logger } from './observability';
import { WebhookDeliveryStore } from './store/webhook-delivery-store';
import { WebhookSubscriptionStore } from './store/webhook-subscription-store';
import { sqsAttemptQueue } from './store/webhook-attempt-queue';
import type { AttemptPorts } from './webhooks/attempt';
import { readDeliveryConfig } from './webhooks/config';
import { httpPoster, systemResolver } from './webhooks/http';
import type { DeliveryPorts } from './webhooks/ports';
import { parseSecretsKey, secretBox } from './webhooks/secrets';
import type { SubscriptionPorts } from './webhooks/subscriptions';
import { rulesetResolver as buildRulesetResolver } from './rule-lab/engines';
import type { RulesetPorts } from './rule-lab/rulesets';
import { RulesetStore } from './store/ruleset-store';
import { ParcelPeriodReader } from './store/parcel-period-reader';
import type { ReplayApiPorts, ReplayPorts } from './rule-lab/replay';
import { ReplayParcelReader, ReplayStore } from './store/replay-store';
import type { RiskEngine } from './risk';


export const parcelStore = /* @__PURE__ */ once(() => new ParcelStore(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const apiKeyStore = /* @__PURE__ */ once(() => new ApiKeyStore(documentClient(), requiredEnv(tableEnvVar(TABLES.apiKeys))));

const servedDestinations = /* @__PURE__ */ once(() => {
  const v = process.env.SERVED_DESTINATIONS?.trim();
  return v && v !== '*' ? new Set(v.split(',').map((c) => c.trim().toUpperCase())) : undefined;
});

export const ingestDeps = /* @__PURE__ */ once((): SubmitPorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assessment));
  return {
    store: parcelStore(),
    enqueue: async (messages) => (await sendBatch(sqsClient(), queueUrl, messages)).map((m) => m.itemId),
    now: () => new Date().toISOString(),
    servedDestinations: servedDestinations(),
    onError: (itemId, err) => logger.error('declaration could not be stored', { itemId, error: err as Error }),
  };
});

/** RECONCILE_AFTER_SECONDS: how long a stored version may wait for its assessment before the reconciler queues it again. */
export const reconcileDeps = /* @__PURE__ */ once((): ReconcilePorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assessment));
  const afterSeconds = Number(process.env.RECONCILE_AFTER_SECONDS ?? 300);
  if (!(afterSeconds > 0)) throw new Error('RECONCILE_AFTER_SECONDS must be a positive number of seconds');
  return {
    pendingBefore: (shard, before, limit) => parcelStore().pendingBefore(shard, before, limit),
    shards: PENDING_SHARD_KEYS,
    enqueue: (messages) => sendBatch(sqsClient(), queueUrl, messages),
    afterSeconds,
    now: () => new Date(),
  };
});

/** The risk engine of this region (RULES_REGION), with the bundled SDN list: built once per instance. */
export const riskEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: loadDefaultScreener() }));

/**
 * The engine for POST /v1/declarations/check: the region's rules without sanctions screening (only the data-quality
 * findings are answered), so the ingest function does not load the SDN list.
 */
export const checkEngine = /* @__PURE__ */ once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: { screen: () => [] } }));

/** Puts parcel events on the delivery queue, for the deliver function to fan out to webhooks. */
export const eventPublisher = /* @__PURE__ */ once((): EventPublisher => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.delivery));
  return {
    async publish(events) {
      const failed = await sendBatch(sqsClient(), queueUrl, events);
      if (failed.length > 0) throw new Error(`${failed.length} event(s) could not be queued for delivery`);
    },
  };
});

// The rule lab (issue 11): rulesets stored per version; the process stage judges each parcel by its destination's
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
    build: (config) => (config === engine.config ? engine : createRiskEngine({ config, screener: loadDefaultScreener() })),
    ttlMs: rulesetCacheMs(),
    nowMs: () => Date.now(),
    onError: (err) => logger.error('rulesets could not be read', { error: err as Error }),
  });
});

// Functions without the rulesets table (topologies of older tests) judge by the shipped ruleset alone.
export const assessDeps = /* @__PURE__ */ once((): AssessPorts => ({ store: parcelStore(), engine: riskEngine(), ...(process.env[tableEnvVar(TABLES.rulesets)] ? { rulesets: rulesetResolver() } : {}), events: eventPublisher(), now: () => new Date().toISOString() }));

export const decisionDeps = /* @__PURE__ */ once((): DecisionPorts & OutcomePorts => ({ store: parcelStore(), events: eventPublisher(), now: () => new Date().toISOString() }));

// Webhooks: subscriptions, delivery records and the attempts queue; settings and the secrets key read once.
export const webhookConfig = /* @__PURE__ */ once(() => readDeliveryConfig(process.env));
export const webhookSubscriptions = /* @__PURE__ */ once(() => new WebhookSubscriptionStore(documentClient(), requiredEnv(tableEnvVar(TABLES.webhookSubscriptions))));
export const webhookDeliveries = /* @__PURE__ */ once(() => new WebhookDeliveryStore(documentClient(), requiredEnv(tableEnvVar(TABLES.webhookDeliveries))));
/** AES-256-GCM over the signing secrets; WEBHOOK_SECRETS_KEY is base64 of 32 bytes (Secrets Manager in AWS). */
export const webhookSecretBox = /* @__PURE__ */ once(() => secretBox(parseSecretsKey(process.env.WEBHOOK_SECRETS_KEY)));
const attemptQueue = /* @__PURE__ */ once(() => sqsAttemptQueue(sqsClient(), requiredEnv(queueEnvVar(QUEUES.webhookAttempts))));

export const deliveryDeps = /* @__PURE__ */ once((): DeliveryPorts => ({
  subscriptions: webhookSubscriptions(),
  deliveries: webhookDeliveries(),
  queue: attemptQueue(),
  config: webhookConfig(),
  now: () => new Date(),
  random: Math.random,
}));

export const attemptDeps = /* @__PURE__ */ once((): AttemptPorts => {
  const box = webhookSecretBox();
  return { ...deliveryDeps(), post: httpPoster({ policy: { allowLoopback: webhookConfig().allowLoopback }, timeoutMs: webhookConfig().timeoutMs }), openSecret: (sealed, id) => box.open(sealed, id) };
});

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
        engine = createRiskEngine({ config: meta.candidate, screener: loadDefaultScreener() });
        if (engines.size >= 4) engines.delete(engines.keys().next().value!);
        engines.set(meta.id, engine);
      }
      return engine;
    },
  };
});
