// Names of the tables and queues, shared by the topology (which creates them) and the wiring (which finds them).
export const TABLES = { parcels: 'parcels', apiKeys: 'api-keys', webhookSubscriptions: 'webhook-subscriptions', webhookDeliveries: 'webhook-deliveries' } as const;
export const QUEUES = { assessment: 'assessment', delivery: 'delivery', webhookAttempts: 'webhook-attempts', webhookAttemptsSlow: 'webhook-attempts-slow' } as const;
