// Names of the tables and queues, shared by the topology (which creates them) and the wiring (which finds them).
export const TABLES = {
  parcels: 'parcels',
  apiKeys: 'api-keys',
  webhookSubscriptions: 'webhook-subscriptions',
  webhookDeliveries: 'webhook-deliveries',
  rulesets: 'rulesets',
  replays: 'replays',
  sanctionsClearances: 'sanctions-clearances',
  performanceDays: 'performance-days',
} as const;
/**
 * Buckets (S3 in AWS, a directory locally): the sanctions list releases ops publishes (shared/screening/store.ts),
 * and the closed days' replay packs the day aggregator writes (shared/rule-lab/replay-packs.ts).
 */
export const BUCKETS = { sanctionsLists: 'sanctions-lists', replayPacks: 'replay-packs' } as const;
/** The counts the stack alarms on (Powertools metrics): each means something was not done on its first way. */
export const ALARMED_COUNTS = {
  /** Webhook deliveries that ended without success (retries exhausted, or never sent past an open circuit). */
  webhookExhausted: 'WebhookDeliveryExhausted',
  /** Parcel versions the reconciler had to queue again: stored but never queued (a crash, a queue outage). */
  parcelsReconciled: 'ParcelsReconciled',
  /** Sanctions list releases refused by the refresh (not a list, or it shrank more than the region allows): the list in use stays. */
  sanctionsListRefused: 'SanctionsListRefused',
} as const;
// One queue per stage, named by the stage that consumes it: ingest → assess → publish → deliver (and its slow lane).
export const QUEUES = { assess: 'assess', publish: 'publish', deliver: 'deliver', deliverSlow: 'deliver-slow', replay: 'replay' } as const;
