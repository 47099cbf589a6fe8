// Topologies for the renderer's tests: the declared one may not (yet) hold every kind of element
// (schedules, TTL, secrets), so an extended copy adds one of each, and broken copies break one rule each.
import { topology as declared } from '#infra/topology';
import type { Topology } from '#infra/topology-types';

export const clone = (t: Topology): Topology => structuredClone(t);

/** The declared topology plus a consumer, a TTL table with an index, a schedule and a secret. */
export function extendedTopology(): Topology {
  const t = clone(declared);
  t.tables.push({
    name: 'test-outbox',
    partitionKey: { name: 'id', type: 'S' },
    sortKey: { name: 'at', type: 'N' },
    indexes: [{ name: 'byOwner', partitionKey: { name: 'owner', type: 'S' }, projection: 'ALL' }],
    ttlAttribute: 'expiresAt',
  });
  t.queues.push({ name: 'test-outbox', visibilityTimeoutSeconds: 6 * 20 + 2, maxReceiveCount: 6, dlqRetentionDays: 7 });
  t.functions.push({
    name: 'test-outbox-relay',
    entry: 'functions/api/handler.ts',
    handler: 'handler',
    memoryMb: 256,
    timeoutSeconds: 20,
    tables: [{ table: 'test-outbox', access: 'RO' }],
    sends: [],
    environment: { OUTBOX_MODE: 'relay' },
    secrets: ['TEST_OUTBOX_KEY'],
  });
  t.eventSources.push({ queue: 'test-outbox', function: 'test-outbox-relay', batchSize: 7, maxBatchingWindowSeconds: 2, maxConcurrency: 3 });
  t.schedules.push({ name: 'test-outbox-sweep', function: 'test-outbox-relay', rateMinutes: 5 });
  t.routes.push({ method: 'PATCH', path: '/v1/test-outbox/{id}', function: 'test-outbox-relay', auth: 'apiKey' });
  return t;
}
