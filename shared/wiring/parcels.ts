// The functions' dependencies, built once per instance from the environment the topology gives them: this folder, one
// module per concern; here the parcels table and what needs only it and the queues (ingest, the reconciler, the publish
// queue). (`@__PURE__` lets esbuild drop what a function does not use: the authorizer need not carry the risk engine.)
import { queueEnvVar, tableEnvVar } from '../topology-types';
import type { EventPublisher } from '../parcels/events';
import type { SubmitPorts } from '../parcels/submit';
import type { ReconcilePorts } from '../parcels/reconcile';
import { PENDING_SHARD_KEYS } from '../store/parcel-table';
import { documentClient, requiredEnv, sqsClient } from '../store/clients';
import { ParcelStore } from '../store/parcel-store';
import { RECEIVED_SHARD_KEYS, ReceivedWalker } from '../store/parcel-marks';
import { sendBatch } from '../store/queue';
import { QUEUES, TABLES } from '../resources';
import { once } from '../util';
import { logger } from '../observability';

export const parcelStore = /* @__PURE__ */ once(() => new ParcelStore(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));
export const receivedWalker = /* @__PURE__ */ once(() => new ReceivedWalker(documentClient(), requiredEnv(tableEnvVar(TABLES.parcels))));

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
