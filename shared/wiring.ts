// The functions' dependencies, built once per instance from the environment the topology gives them.
// (`@__PURE__` lets esbuild drop what a function does not use: the authorizer need not carry the risk engine.)
import { queueEnvVar, tableEnvVar } from './topology-types';
import type { ApiKeyPorts } from './auth/api-keys';
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
import type { DeliveryPorts, Lane } from './webhooks/ports';
import { parseSecretsKey, secretBox } from './webhooks/secrets';
import type { SubscriptionPorts } from './webhooks/subscriptions';


export const parcelStore = /* @__PURE__ */ once(() => new ParcelStore(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const apiKeyStore = /* @__PURE__ */ once(() => new ApiKeyStore(documentClient(), requiredEnv(tableEnvVar(TABLES.apiKeys))));
export const apiKeyDeps = /* @__PURE__ */ once((): ApiKeyPorts => ({ keys: apiKeyStore(), now: () => new Date() }));

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

export const assessDeps = /* @__PURE__ */ once((): AssessPorts => ({ store: parcelStore(), engine: riskEngine(), events: eventPublisher(), now: () => new Date().toISOString() }));

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

// The webhook consumers' dependencies per lane: the stores and settings above, plus the slow lane's queue
// (webhook-attempts-slow). (Was functions/deliver-attempt/lanes.ts.)
const slowAttemptQueue = /* @__PURE__ */ once(() => sqsAttemptQueue(sqsClient(), requiredEnv(queueEnvVar(QUEUES.webhookAttemptsSlow))));
/** Fan-out: sends each attempt to its subscription's lane. */
export const fanOutDeps = /* @__PURE__ */ once((): DeliveryPorts => ({ ...deliveryDeps(), slowQueue: slowAttemptQueue() }));
const fastLane = /* @__PURE__ */ once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'fast' }));
const slowLane = /* @__PURE__ */ once((): AttemptPorts => ({ ...attemptDeps(), slowQueue: slowAttemptQueue(), lane: 'slow' }));
export const laneDeps = (lane: Lane): AttemptPorts => (lane === 'fast' ? fastLane() : slowLane());

export const subscriptionDeps = /* @__PURE__ */ once((): SubscriptionPorts => ({
  store: webhookSubscriptions(),
  box: webhookSecretBox(),
  policy: { allowLoopback: webhookConfig().allowLoopback },
  resolve: systemResolver,
  now: () => new Date(),
}));
