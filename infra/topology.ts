// The one declaration of what exists. Rendered by the CDK stack (infra/app.ts) and the local runtime (infra/local/).
import { apiKeysTable } from '../shared/store/api-key-store';
import { clearancesTable } from '../shared/store/clearance-store';
import { parcelsTable } from '../shared/store/parcel-table';
import { replaysTable } from '../shared/store/replay-store';
import { webhookDeliveriesTable } from '../shared/store/webhook-delivery-store';
import { webhookSubscriptionsTable } from '../shared/store/webhook-subscription-store';
import { rulesetsTable } from '../shared/store/ruleset-store';
import { performanceDaysTable } from '../shared/store/performance-day-store';
import { BUCKETS, QUEUES, TABLES } from '../shared/resources';
import type { Topology } from './topology-types';

const ASSESS_TIMEOUT_SECONDS = 30;
const ASSESS_BATCHING_WINDOW_SECONDS = 1;
const PUBLISH_TIMEOUT_SECONDS = 20;
// One attempt is a 15 s HTTP call at most, plus its DynamoDB writes.
const DELIVER_TIMEOUT_SECONDS = 30;
// The slow lane's attempts: always the 15 s call at most (the fast lane's budget is configurable up to it), plus writes.
const DELIVER_SLOW_TIMEOUT_SECONDS = 25;
// One replay message: a plan step (one keys-only query, a few sends) or a page of 100 parcels replayed.
const REPLAY_TIMEOUT_SECONDS = 60;
// How often the functions that screen look for a new sanctions list (active.json): the bound on how long an
// accepted list waits before it is used, plus one batch. The refresh waits that long before it re-screens.
const SANCTIONS_LIST_ENV = { SANCTIONS_LIST_CHECK_SECONDS: '60' };

export const topology: Topology = {
  functions: [
    { name: 'authorizer', entry: 'functions/authorizer/handler.ts', handler: 'handler', memoryMb: 256, timeoutSeconds: 5, tables: [{ table: TABLES.apiKeys, access: 'RO' }], sends: [] },
    { name: 'ingest', entry: 'functions/ingest/handler.ts', handler: 'handler', memoryMb: 1024, timeoutSeconds: 15, tables: [{ table: TABLES.parcels, access: 'RW' }], sends: [QUEUES.assess] },
    {
      name: 'assess',
      entry: 'functions/assess/handler.ts',
      handler: 'handler',
      memoryMb: 1024,
      timeoutSeconds: ASSESS_TIMEOUT_SECONDS,
      tables: [
        { table: TABLES.parcels, access: 'RW' },
        { table: TABLES.sanctionsClearances, access: 'RO' },
        { table: TABLES.rulesets, access: 'RO' },
        // Marks a closed day's aggregate dirty before writing one of its parcels (shared/rule-lab/performance-days.ts).
        { table: TABLES.performanceDays, access: 'RW' },
      ],
      sends: [QUEUES.publish],
      buckets: [{ bucket: BUCKETS.sanctionsLists, access: 'RO' }],
      environment: SANCTIONS_LIST_ENV,
    },
    {
      name: 'api',
      entry: 'functions/api/handler.ts',
      handler: 'handler',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: [
        { table: TABLES.parcels, access: 'RW' },
        { table: TABLES.apiKeys, access: 'RW' },
        { table: TABLES.sanctionsClearances, access: 'RW' },
        // Decisions and outcomes mark their parcel's closed day dirty (the rule-performance day aggregates).
        { table: TABLES.performanceDays, access: 'RW' },
      ],
      sends: [QUEUES.publish],
      // Clearances record the entry's digest in the list in use.
      buckets: [{ bucket: BUCKETS.sanctionsLists, access: 'RO' }],
      environment: SANCTIONS_LIST_ENV,
    },
    // Webhooks. Signing secrets are sealed under WEBHOOK_SECRETS_KEY (base64 of 32 bytes).
    {
      name: 'webhooks',
      entry: 'functions/webhooks/handler.ts',
      handler: 'handler',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: [
        { table: TABLES.webhookSubscriptions, access: 'RW' },
        { table: TABLES.webhookDeliveries, access: 'RW' },
      ],
      sends: [QUEUES.deliver],
      secrets: ['WEBHOOK_SECRETS_KEY'],
    },
    {
      name: 'publish',
      entry: 'functions/publish/handler.ts',
      handler: 'handler',
      memoryMb: 512,
      timeoutSeconds: PUBLISH_TIMEOUT_SECONDS,
      tables: [
        { table: TABLES.webhookSubscriptions, access: 'RO' },
        { table: TABLES.webhookDeliveries, access: 'RW' },
      ],
      sends: [QUEUES.deliver, QUEUES.deliverSlow],
    },
    {
      name: 'deliver',
      entry: 'functions/deliver/handler.ts',
      handler: 'handler',
      memoryMb: 512,
      timeoutSeconds: DELIVER_TIMEOUT_SECONDS,
      tables: [
        { table: TABLES.webhookSubscriptions, access: 'RW' },
        { table: TABLES.webhookDeliveries, access: 'RW' },
      ],
      sends: [QUEUES.deliver, QUEUES.deliverSlow],
      secrets: ['WEBHOOK_SECRETS_KEY'],
    },
    // The slow lane: attempts to endpoints that did not answer within the fast lane's budget, with the full 15 s.
    {
      name: 'deliver-slow',
      entry: 'functions/deliver/handler.ts',
      handler: 'slowHandler',
      memoryMb: 512,
      timeoutSeconds: DELIVER_SLOW_TIMEOUT_SECONDS,
      tables: [
        { table: TABLES.webhookSubscriptions, access: 'RW' },
        { table: TABLES.webhookDeliveries, access: 'RW' },
      ],
      sends: [QUEUES.deliver, QUEUES.deliverSlow],
      secrets: ['WEBHOOK_SECRETS_KEY'],
    },
    {
      name: 'sweeper',
      entry: 'functions/sweeper/handler.ts',
      handler: 'handler',
      memoryMb: 256,
      timeoutSeconds: 60,
      tables: [{ table: TABLES.webhookDeliveries, access: 'RW' }],
      sends: [QUEUES.deliver],
    },
    // The rule lab (issue 11): rulesets (stored, activated), rule performance computed from the stored parcels, and
    // what-if replays (started and read here, run by the replay function).
    {
      name: 'rule-lab',
      entry: 'functions/rule-lab/handler.ts',
      handler: 'handler',
      memoryMb: 1024,
      timeoutSeconds: 29,
      tables: [
        { table: TABLES.parcels, access: 'RO' },
        { table: TABLES.rulesets, access: 'RW' },
        { table: TABLES.replays, access: 'RW' },
        // Rule performance merges the stored day aggregates with a live read of the rest.
        { table: TABLES.performanceDays, access: 'RO' },
      ],
      sends: [QUEUES.replay],
    },
    // The safety net for versions stored but never queued (shared/parcels/reconcile.ts): reads the pending index and
    // walks the parcels by receipt from a mark it writes (one small item per shard).
    {
      name: 'reconcile',
      entry: 'functions/reconcile/handler.ts',
      handler: 'handler',
      memoryMb: 256,
      timeoutSeconds: 60,
      tables: [{ table: TABLES.parcels, access: 'RW' }],
      sends: [QUEUES.assess],
    },
    // What-if replays (shared/rule-lab/replay.ts): reads parcels, never writes one; sends nothing but its own next plan steps and pages.
    {
      name: 'replay',
      entry: 'functions/replay/handler.ts',
      handler: 'handler',
      memoryMb: 1024,
      timeoutSeconds: REPLAY_TIMEOUT_SECONDS,
      tables: [
        { table: TABLES.parcels, access: 'RO' },
        { table: TABLES.replays, access: 'RW' },
        // Whether a closed day's replay pack is fresh: the day's state (walked, marks).
        { table: TABLES.performanceDays, access: 'RO' },
      ],
      sends: [QUEUES.replay],
      // A replay screens with the list in use, as live traffic does, and reads the closed days' packs.
      buckets: [
        { bucket: BUCKETS.sanctionsLists, access: 'RO' },
        { bucket: BUCKETS.replayPacks, access: 'RO' },
      ],
      environment: SANCTIONS_LIST_ENV,
    },
    // Sanctions list updates (shared/screening/refresh.ts): validates and takes a published release, ends the clearances
    // of entries it changed, and later queues for re-screening the parcels of the window it may change.
    {
      name: 'sanctions-refresh',
      entry: 'functions/sanctions-refresh/handler.ts',
      handler: 'handler',
      memoryMb: 1024,
      timeoutSeconds: 300,
      tables: [
        { table: TABLES.parcels, access: 'RO' },
        { table: TABLES.sanctionsClearances, access: 'RW' },
      ],
      sends: [QUEUES.assess],
      buckets: [{ bucket: BUCKETS.sanctionsLists, access: 'RW' }],
      environment: SANCTIONS_LIST_ENV,
    },
    // Rule performance per day (shared/rule-lab/performance-aggregate.ts): walks each closed day once and recomputes the
    // days marked dirty, from the stored parcels; writes only the day aggregates and the days' replay packs.
    {
      name: 'performance-days',
      entry: 'functions/performance-days/handler.ts',
      handler: 'handler',
      memoryMb: 1024,
      timeoutSeconds: 900,
      tables: [
        { table: TABLES.parcels, access: 'RO' },
        { table: TABLES.performanceDays, access: 'RW' },
      ],
      sends: [],
      // With each aggregate, the destination's replay pack of the day; the pack it replaces is deleted.
      buckets: [{ bucket: BUCKETS.replayPacks, access: 'RWD' }],
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
    { method: 'POST', path: '/v1/parcels/{itemId}/outcomes', function: 'api', auth: 'apiKey' },
    { method: 'POST', path: '/v1/declarations/check', function: 'ingest', auth: 'apiKey' },
    { method: 'GET', path: '/v1/whoami', function: 'api', auth: 'apiKey' },
    { method: 'POST', path: '/v1/webhooks', function: 'webhooks', auth: 'apiKey' },
    { method: 'GET', path: '/v1/webhooks', function: 'webhooks', auth: 'apiKey' },
    { method: 'GET', path: '/v1/webhooks/{id}', function: 'webhooks', auth: 'apiKey' },
    { method: 'DELETE', path: '/v1/webhooks/{id}', function: 'webhooks', auth: 'apiKey' },
    { method: 'POST', path: '/v1/webhooks/{id}/rotate-secret', function: 'webhooks', auth: 'apiKey' },
    { method: 'GET', path: '/v1/webhooks/{id}/deliveries', function: 'webhooks', auth: 'apiKey' },
    { method: 'POST', path: '/v1/webhooks/{id}/replay', function: 'webhooks', auth: 'apiKey' },
    { method: 'POST', path: '/v1/rulesets', function: 'rule-lab', auth: 'apiKey' },
    { method: 'GET', path: '/v1/rulesets', function: 'rule-lab', auth: 'apiKey' },
    { method: 'GET', path: '/v1/rulesets/{version}', function: 'rule-lab', auth: 'apiKey' },
    { method: 'POST', path: '/v1/rulesets/{version}/activate', function: 'rule-lab', auth: 'apiKey' },
    { method: 'POST', path: '/v1/rulesets/{version}/deactivate', function: 'rule-lab', auth: 'apiKey' },
    { method: 'GET', path: '/v1/rule-performance', function: 'rule-lab', auth: 'apiKey' },
    { method: 'POST', path: '/v1/rule-lab/replays', function: 'rule-lab', auth: 'apiKey' },
    { method: 'GET', path: '/v1/rule-lab/replays/{id}', function: 'rule-lab', auth: 'apiKey' },
    { method: 'GET', path: '/v1/rule-lab/replays', function: 'rule-lab', auth: 'apiKey' },
    { method: 'POST', path: '/v1/sanctions/clearances', function: 'api', auth: 'apiKey' },
    { method: 'GET', path: '/v1/sanctions/clearances', function: 'api', auth: 'apiKey' },
    { method: 'GET', path: '/v1/sanctions/clearances/{id}', function: 'api', auth: 'apiKey' },
    { method: 'DELETE', path: '/v1/sanctions/clearances/{id}', function: 'api', auth: 'apiKey' },
  ],
  queues: [
    // Visibility at least 6 × the consumer's timeout + its batching window, as AWS recommends.
    { name: QUEUES.assess, visibilityTimeoutSeconds: 6 * ASSESS_TIMEOUT_SECONDS + ASSESS_BATCHING_WINDOW_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
    // Parcel events for webhooks, published by publish to each subscription that receives them.
    { name: QUEUES.publish, visibilityTimeoutSeconds: 6 * PUBLISH_TIMEOUT_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
    // One message per (event, subscription) attempt; SQS delays carry retries up to 15 min, the sweeper the rest.
    { name: QUEUES.deliver, visibilityTimeoutSeconds: 6 * DELIVER_TIMEOUT_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
    // The slow lane's attempts (shared/webhooks/lanes.ts).
    { name: QUEUES.deliverSlow, visibilityTimeoutSeconds: 6 * DELIVER_SLOW_TIMEOUT_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
    // Replay plan steps and pages: a plan step that comes before the previous one is recorded waits here and is retried.
    { name: QUEUES.replay, visibilityTimeoutSeconds: 6 * REPLAY_TIMEOUT_SECONDS, maxReceiveCount: 5, dlqRetentionDays: 14 },
  ],
  eventSources: [
    { queue: QUEUES.assess, function: 'assess', batchSize: 25, maxBatchingWindowSeconds: ASSESS_BATCHING_WINDOW_SECONDS, maxConcurrency: 4 },
    { queue: QUEUES.publish, function: 'publish', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 4 },
    // Small batches, many at once: a hanging endpoint holds a slot for the fast budget (3 s), then moves to the slow lane.
    { queue: QUEUES.deliver, function: 'deliver', batchSize: 5, maxBatchingWindowSeconds: 0, maxConcurrency: 50 },
    // The slow lane has consumers of its own: endpoints that hang wait there, up to 15 s each, not on the fast lane.
    { queue: QUEUES.deliverSlow, function: 'deliver-slow', batchSize: 5, maxBatchingWindowSeconds: 0, maxConcurrency: 20 },
    // One page per invocation, many at once: a replay's pages run in parallel; the cap spares live traffic's reads.
    { queue: QUEUES.replay, function: 'replay', batchSize: 1, maxBatchingWindowSeconds: 0, maxConcurrency: 8 },
  ],
  tables: [
    parcelsTable(TABLES.parcels),
    apiKeysTable(TABLES.apiKeys),
    webhookSubscriptionsTable(TABLES.webhookSubscriptions),
    webhookDeliveriesTable(TABLES.webhookDeliveries),
    rulesetsTable(TABLES.rulesets),
    replaysTable(TABLES.replays),
    clearancesTable(TABLES.sanctionsClearances),
    performanceDaysTable(TABLES.performanceDays),
  ],
  schedules: [
    { name: 'webhook-sweeper', function: 'sweeper', rateMinutes: 1 },
    { name: 'parcel-reconciler', function: 'reconcile', rateMinutes: 5 },
    { name: 'sanctions-list-refresh', function: 'sanctions-refresh', rateMinutes: 5 },
    { name: 'performance-days', function: 'performance-days', rateMinutes: 15 },
  ],
  // The browser console for officers, posts, platforms and admin: the public API only, the same keys.
  sites: [{ name: 'console', path: '/console', dir: 'console', entry: 'console/src/main.ts' }],
  buckets: [
    { name: BUCKETS.sanctionsLists },
    {
      name: BUCKETS.replayPacks,
      unversioned: true,
      // REPLAY_PACK_DAYS (shared/rule-lab/replay-packs.ts, which this file may not import; a test keeps them equal).
      expireAfterDays: 95,
      listable: true,
      // Declarations: names, addresses, phone numbers.
      personalData: true,
    },
  ],
};
