// The functions' dependencies, built once per instance from the environment the topology gives them.
import { queueEnvVar, tableEnvVar } from '../infra/topology-types';
import type { AssessPorts } from './parcels/assess';
import type { DecisionPorts } from './parcels/decisions';
import type { EventPublisher } from './parcels/events';
import type { SubmitPorts } from './parcels/submit';
import { createRiskEngine, loadRulesConfig } from './risk';
import { loadDefaultScreener } from './risk/sanctions';
import { ApiKeyStore } from './store/api-key-store';
import { documentClient, requiredEnv, sqsClient } from './store/clients';
import { ParcelStore } from './store/parcel-store';
import { sendBatch } from './store/queue';
import { QUEUES, TABLES } from './resources';
import { once } from './util';


export const parcelStore = once(() => new ParcelStore(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const apiKeyStore = once(() => new ApiKeyStore(documentClient(), requiredEnv(tableEnvVar(TABLES.apiKeys))));

const servedDestinations = once(() => {
  const v = process.env.SERVED_DESTINATIONS?.trim();
  return v && v !== '*' ? new Set(v.split(',').map((c) => c.trim().toUpperCase())) : undefined;
});

export const ingestDeps = once((): SubmitPorts => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.assessment));
  return {
    store: parcelStore(),
    enqueue: async (messages) => (await sendBatch(sqsClient(), queueUrl, messages)).map((m) => m.itemId),
    now: () => new Date().toISOString(),
    servedDestinations: servedDestinations(),
  };
});

/** The risk engine of this region (RULES_REGION), with the bundled SDN list: built once per instance. */
export const riskEngine = once(() => createRiskEngine({ config: loadRulesConfig(requiredEnv('RULES_REGION')), screener: loadDefaultScreener() }));

/** Puts parcel events on the delivery queue, for the deliver function to fan out to webhooks. */
export const eventPublisher = once((): EventPublisher => {
  const queueUrl = requiredEnv(queueEnvVar(QUEUES.delivery));
  return {
    async publish(events) {
      const failed = await sendBatch(sqsClient(), queueUrl, events);
      if (failed.length > 0) throw new Error(`${failed.length} event(s) could not be queued for delivery`);
    },
  };
});

export const assessDeps = once((): AssessPorts => ({ store: parcelStore(), engine: riskEngine(), events: eventPublisher(), now: () => new Date().toISOString() }));

export const decisionDeps = once((): DecisionPorts => ({ store: parcelStore(), events: eventPublisher(), now: () => new Date().toISOString() }));
