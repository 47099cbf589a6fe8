// The one declaration of what exists. Rendered by the CDK stack (infra/app.ts) and the local runtime (infra/local/).
import { apiKeysTable } from '../shared/store/api-key-store';
import { parcelsTable } from '../shared/store/parcel-table';
import { QUEUES, TABLES } from '../shared/resources';
import type { Topology } from './topology-types';

const PROCESS_TIMEOUT_SECONDS = 30;
const PROCESS_BATCHING_WINDOW_SECONDS = 1;

export const topology: Topology = {
  functions: [
    { name: 'authorizer', entry: 'functions/authorizer/handler.ts', handler: 'handler', memoryMb: 256, timeoutSeconds: 5, tables: [{ table: TABLES.apiKeys, access: 'RO' }], sends: [] },
    { name: 'ingest', entry: 'functions/ingest/handler.ts', handler: 'handler', memoryMb: 1024, timeoutSeconds: 15, tables: [{ table: TABLES.parcels, access: 'RW' }], sends: [QUEUES.assessment] },
    { name: 'process', entry: 'functions/process/handler.ts', handler: 'handler', memoryMb: 1024, timeoutSeconds: PROCESS_TIMEOUT_SECONDS, tables: [{ table: TABLES.parcels, access: 'RW' }], sends: [QUEUES.delivery] },
    {
      name: 'api',
      entry: 'functions/api/handler.ts',
      handler: 'handler',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: [
        { table: TABLES.parcels, access: 'RW' },
        { table: TABLES.apiKeys, access: 'RW' },
      ],
      sends: [QUEUES.delivery],
    },
  ],
  // No caching: revoking a key takes effect at once, and the authorizer also counts each request for throttling.
  authorizer: { function: 'authorizer', cacheTtlSeconds: 0 },
  routes: [
    { method: 'GET', path: '/health', function: 'api', auth: 'none' },
    { method: 'GET', path: '/v1/openapi.json', function: 'api', auth: 'none' },
    { method: 'POST', path: '/v1/parcels', function: 'ingest', auth: 'apiKey' },
    { method: 'POST', path: '/v1/parcel-batches', function: 'ingest', auth: 'apiKey' },
    { method: 'GET', path: '/v1/parcels', function: 'api', auth: 'apiKey' },
    { method: 'GET', path: '/v1/parcels/{itemId}', function: 'api', auth: 'apiKey' },
    { method: 'POST', path: '/v1/admin/api-keys', function: 'api', auth: 'apiKey' },
    { method: 'DELETE', path: '/v1/admin/api-keys/{id}', function: 'api', auth: 'apiKey' },
    { method: 'POST', path: '/v1/parcels/{itemId}/decisions', function: 'api', auth: 'apiKey' },
  ],
  queues: [
    // Visibility at least 6 × the consumer's timeout + its batching window, as AWS recommends.
    { name: QUEUES.assessment, visibilityTimeoutSeconds: 6 * PROCESS_TIMEOUT_SECONDS + PROCESS_BATCHING_WINDOW_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
    // Parcel events for webhooks; its consumer (deliver) comes with the webhooks.
    { name: QUEUES.delivery, visibilityTimeoutSeconds: 120, maxReceiveCount: 5, dlqRetentionDays: 14 },
  ],
  eventSources: [{ queue: QUEUES.assessment, function: 'process', batchSize: 25, maxBatchingWindowSeconds: PROCESS_BATCHING_WINDOW_SECONDS, maxConcurrency: 4 }],
  tables: [parcelsTable(TABLES.parcels), apiKeysTable(TABLES.apiKeys)],
  schedules: [],
};
