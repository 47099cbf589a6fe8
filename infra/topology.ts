// The one declaration of what exists. Rendered by the CDK stack (infra/app.ts) and the local runtime (infra/local/).
// (Filled in as the functions land.)
import type { Topology } from './topology-types';

export const topology: Topology = {
  functions: [],
  authorizer: { function: 'authorizer', cacheTtlSeconds: 60 },
  routes: [],
  queues: [],
  eventSources: [],
  tables: [],
  schedules: [],
};
