// Names of the tables and queues, shared by the topology (which creates them) and the wiring (which finds them).
export const TABLES = { parcels: 'parcels', apiKeys: 'api-keys', webhookSubscriptions: 'webhook-subscriptions', webhookDeliveries: 'webhook-deliveries', rulesets: 'rulesets', replays: 'replays' } as const;
/** The counts the stack alarms on (Powertools metrics): each means something was not done on its first way. */
export const ALARMED_COUNTS = {
  /** Webhook deliveries that ended without success (retries exhausted, or never sent past an open circuit). */
  webhookExhausted: 'WebhookDeliveryExhausted',
  /** Parcel versions the reconciler had to queue again: stored but never queued (a crash, a queue outage). */
  parcelsReconciled: 'ParcelsReconciled',
} as const;
export const QUEUES = { assessment: 'assessment', delivery: 'delivery', webhookAttempts: 'webhook-attempts', webhookAttemptsSlow: 'webhook-attempts-slow', replay: 'replay' } as const;
