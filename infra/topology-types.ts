// The shape of the topology: what exists, as plain typed data. The CDK stack (infra/app.ts)
// and the local runtime (infra/local/) both render the one topology declared in infra/topology.ts.

// The shapes both the topology and the store adapters use (tables, env-var names) live in shared/, so the
// adapters need not import infra/ (which imports them). Re-exported here for the topology's readers.
import type { TableDef } from '../shared/topology-types';

export type { AttributeType, IndexDef, KeyDef, TableDef } from '../shared/topology-types';
export { bucketDirEnvVar, bucketEnvVar, dlqName, queueEnvVar, tableEnvVar } from '../shared/topology-types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FunctionDef {
  /** kebab-case; also the folder under functions/ */
  name: string;
  /** Module path from the repository root, e.g. 'functions/ingest/handler.ts'. */
  entry: string;
  /** Exported handler name in that module. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Tables this function reads ('RO') or reads and writes ('RW'). Each adds `<TABLE>_TABLE_NAME` to its environment. */
  tables: { table: string; access: 'RO' | 'RW' }[];
  /** Queues this function sends to. Each adds `<QUEUE>_QUEUE_URL` to its environment. (Consuming is declared by an event source.) */
  sends: string[];
  /** Extra plain environment variables. */
  environment?: Record<string, string>;
  /**
   * Buckets this function reads ('RO'), reads and writes ('RW'), or also deletes in ('RWD'). Each adds
   * `<BUCKET>_BUCKET_NAME` (AWS) or `<BUCKET>_BUCKET_DIR` (locally).
   */
  buckets?: { bucket: string; access: 'RO' | 'RW' | 'RWD' }[];
  /**
   * Secrets this function reads, each named by the environment variable that carries it (e.g. 'WEBHOOK_SECRETS_KEY').
   * Each value decodes (base64) to 32 bytes, an AES-256 key: generated once per region (Secrets Manager in AWS)
   * and shared by every function naming it.
   */
  secrets?: string[];
}

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax, e.g. '/v1/parcels/{itemId}'. */
  path: string;
  function: string;
  /** 'apiKey': the authorizer runs first; 'none': public. */
  auth: 'apiKey' | 'none';
}

export interface QueueDef {
  name: string;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue `<name>-dlq`. */
  maxReceiveCount: number;
  /** Retention of the dead-letter queue. */
  dlqRetentionDays: number;
}

export interface EventSourceDef {
  queue: string;
  function: string;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  maxConcurrency: number;
}

/** Objects that ops publishes for the functions (S3 in AWS, a directory locally: under the data dir with --data-dir). */
export interface BucketDef {
  name: string;
  /** Derived objects, rewritten in place and deleted by their writer: not versioned (default: versioned). */
  unversioned?: boolean;
  /** Objects expire this many days after they were written (default: kept). */
  expireAfterDays?: number;
  /** Readers may list the bucket, so that reading a missing key answers NoSuchKey rather than AccessDenied. */
  listable?: boolean;
  /** Holds personal data (declarations): encrypted with the stack's data key, as the tables are, not S3-managed. */
  personalData?: boolean;
}

export interface ScheduleDef {
  name: string;
  function: string;
  rateMinutes: number;
}

export interface AuthorizerDef {
  function: string;
  /** How long API Gateway caches a decision per key. */
  cacheTtlSeconds: number;
}

/**
 * A static web app (the console): built with esbuild from `entry` with the files of `dir`, served under `path`.
 * Locally the gateway serves it beside the routes; in AWS a private S3 bucket behind CloudFront serves it, with the
 * API's `/v1/*` behind the same distribution, so the app calls its own origin in both renderings.
 */
export interface SiteDef {
  name: string;
  /** Where it is served, e.g. '/console': no trailing slash, and no route may start with it. */
  path: string;
  /** Folder (from the repository root) with index.html and its static files. */
  dir: string;
  /** The app's TypeScript entry point, bundled into app.js. */
  entry: string;
}

export interface Topology {
  functions: FunctionDef[];
  authorizer: AuthorizerDef;
  routes: RouteDef[];
  queues: QueueDef[];
  eventSources: EventSourceDef[];
  tables: TableDef[];
  schedules: ScheduleDef[];
  /** Static web apps (optional, so topologies written before sites existed stay valid). */
  sites?: SiteDef[];
  /** Buckets (optional, like sites). */
  buckets?: BucketDef[];
}
