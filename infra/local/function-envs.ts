// The local rendering of each function's environment: infra/function-env.ts (the one the CDK stack calls), with what
// was provisioned here behind each binding. Buckets are directories; secrets are generated per start, or kept in the
// data directory so what was sealed under them still opens after a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionEnvironment } from '../function-env';
import { bucketDirEnvVar, type Topology } from '../topology-types';
import type { ProvisionedQueue } from './provision';

export interface LocalBindings {
  /** Table name by topology table name. */
  tables: Record<string, string>;
  /** By topology queue name, with the URLs the functions use. */
  queues: Record<string, ProvisionedQueue>;
  /** Directory by topology bucket name. */
  bucketDirs: Record<string, string>;
  /** Value by secret (its environment variable). */
  secrets: Record<string, string>;
}

export interface LocalEnvironments {
  /** Each function's own environment, by function name. */
  functions: Map<string, Record<string, string>>;
  /**
   * The operator's view, for this process outside any function (the app's start-up, tests): every table's and
   * queue's variable, every function's environment and the extra variables. No function sees it.
   */
  merged: Record<string, string>;
}

/** A secret generated on first start, and kept (mode 600) in the data directory when there is one. */
export function keptSecret(dataDir: string | undefined, name: string, generate: () => string): string {
  if (!dataDir) return generate();
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = generate();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

/** Where a secret is kept in the data directory: WEBHOOK_SECRETS_KEY → webhook-secrets.key. */
const secretFile = (envVar: string) => `${envVar.toLowerCase().replace(/_key$/, '').replace(/_/g, '-')}.key`;

/**
 * Every secret the topology's functions name: the value given (`given`, e.g. a test's), else one kept in the data
 * directory, else a new one. Each decodes (base64) to 32 bytes, as the data stack generates them in AWS.
 */
export function localSecrets(topology: Topology, dataDir: string | undefined, given: Record<string, string>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of new Set(topology.functions.flatMap((f) => f.secrets ?? []))) {
    secrets[name] = given[name] ?? keptSecret(dataDir, secretFile(name), () => randomBytes(32).toString('base64'));
  }
  return secrets;
}

/**
 * Each function's environment: the shared rendering (`aws` as the platform layer), then `extra` for every function
 * (it wins over everything, as before), except that a variable naming a topology secret is that secret's value and
 * goes only to the functions that name it.
 */
export function localEnvironments(
  topology: Topology,
  bound: LocalBindings & { /** Every table's and queue's variable (provision.ts), bound or not: the operator sees them all. */ env: Record<string, string> },
  aws: Record<string, string>,
  extra: Record<string, string>,
): LocalEnvironments {
  const common = Object.fromEntries(Object.entries(extra).filter(([k]) => !(k in bound.secrets)));
  const need = <T>(values: Record<string, T>, kind: string, name: string): T => {
    const v = values[name];
    if (v === undefined) throw new Error(`${kind} '${name}' is not declared in the topology`);
    return v;
  };
  const functions = new Map<string, Record<string, string>>();
  for (const def of topology.functions) {
    const env = functionEnvironment(
      def,
      { region: {}, platform: aws },
      {
        table: (b) => need(bound.tables, 'table', b.table),
        queue: (q) => need(bound.queues, 'queue', q).url,
        bucket: (b) => [bucketDirEnvVar(b.bucket), need(bound.bucketDirs, 'bucket', b.bucket)],
        secret: (s) => need(bound.secrets, 'secret', s),
      },
    );
    functions.set(def.name, { ...env, ...common });
  }
  const merged: Record<string, string> = {};
  for (const env of functions.values()) for (const [k, v] of Object.entries(env)) merged[k] ??= v;
  const buckets = Object.fromEntries(Object.entries(bound.bucketDirs).map(([name, dir]) => [bucketDirEnvVar(name), dir]));
  return { functions, merged: { ...aws, ...bound.env, ...buckets, ...merged, ...common } };
}
