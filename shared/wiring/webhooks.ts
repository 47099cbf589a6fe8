// Webhooks: subscriptions, delivery records and the attempts queues (fast and slow lanes); settings and the secrets
// key read once.
import { queueEnvVar, tableEnvVar } from '../topology-types';
import { documentClient, requiredEnv, sqsClient } from '../store/clients';
import { QUEUES, TABLES } from '../resources';
import { once } from '../util';
import { WebhookDeliveryStore } from '../store/webhook-delivery-store';
import { WebhookSubscriptionStore } from '../store/webhook-subscription-store';
import { sqsAttemptQueue } from '../store/webhook-attempt-queue';
import type { AttemptPorts } from '../webhooks/deliver';
import { readDeliveryConfig } from '../webhooks/config';
import { httpPoster, systemResolver } from '../webhooks/http';
import type { DeliveryPorts, Lane } from '../webhooks/ports';
import { parseSecretsKey, secretBox } from '../webhooks/secrets';
import type { SubscriptionPorts } from '../webhooks/subscriptions';

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
