// The shape of a table and the names of the environment variables that carry a binding, shared by the topology
// (infra/, which creates them) and the adapters and wiring (shared/, which use them). Here, not in infra/, so the
// dependencies point one way: infra → shared, never back.

export type AttributeType = 'S' | 'N';

export interface KeyDef {
  name: string;
  type: AttributeType;
}

export interface IndexDef {
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  /** Attributes projected besides the keys; 'ALL' or a list (INCLUDE). Omitted: KEYS_ONLY. */
  projection?: 'ALL' | string[];
}

export interface TableDef {
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  indexes: IndexDef[];
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  ttlAttribute?: string;
}

const envKey = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
/** The environment variable that carries a table's name to a function. */
export const tableEnvVar = (table: string) => `${envKey(table)}_TABLE_NAME`;
/** The environment variable that carries a queue's URL to a function. */
export const queueEnvVar = (queue: string) => `${envKey(queue)}_QUEUE_URL`;
/** The environment variables that carry a bucket's name (AWS) or directory (locally) to a function. */
export const bucketEnvVar = (bucket: string) => `${envKey(bucket)}_BUCKET_NAME`;
export const bucketDirEnvVar = (bucket: string) => `${envKey(bucket)}_BUCKET_DIR`;
/** The dead-letter queue of a queue. */
export const dlqName = (queue: string) => `${queue}-dlq`;
