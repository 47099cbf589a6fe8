// The app's own start-up around the runtime (`npm start`, infra/local/main.ts): which settings of npm start's
// environment reach the functions, the admin key (seeded), the parcels to queue again after a stop (recovery), the
// banner and the demo. The runtime (runtime.ts) only renders the topology; nothing here imports a test file.
import { hashApiKey, newApiKey } from '#shared/auth/keys';
import { TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { documentClient } from '#shared/store/clients';
import { type RegionConfig, regionEnv } from '../regions';
import { topology as declaredTopology } from '../topology';
import { tableEnvVar } from '../topology-types';
import { runDemo } from './demo';
import { keptSecret } from './function-envs';
import { requeueUnassessed } from './recover';
import type { LocalRuntime } from './runtime';

/**
 * The settings of npm start's own environment that reach every function (`WEBHOOK_RETRY_SCALE=0.1 npm start`): the
 * region's (each overridable), and the tuning variables the code reads, by prefix. Never a binding (a table, queue,
 * bucket or secret): those come from the topology alone, as in AWS.
 */
const SETTING_PREFIXES = ['WEBHOOK_', 'API_KEY_', 'AUTH_FAILURE_', 'RULESET_', 'SANCTIONS_', 'RECONCILE_', 'POWERTOOLS_'];
const BINDING_SUFFIXES = ['_TABLE_NAME', '_QUEUE_URL', '_BUCKET_NAME', '_BUCKET_DIR', '_SECRETS_KEY'];

export function appEnv(region: RegionConfig, shell: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const settings = Object.entries(shell).filter(
    (e): e is [string, string] => e[1] !== undefined && SETTING_PREFIXES.some((p) => e[0].startsWith(p)) && !BINDING_SUFFIXES.some((s) => e[0].endsWith(s)),
  );
  const regional = Object.fromEntries(Object.entries(regionEnv(region)).map(([k, v]) => [k, shell[k] ?? v]));
  // Receivers may listen on loopback over http on this machine.
  return { ...regional, WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true', POWERTOOLS_LOG_LEVEL: 'WARN', ...Object.fromEntries(settings) };
}

/**
 * The admin key from ADMIN_API_KEY, or a generated one (kept in the data directory, so a restart with --data-dir
 * keeps the same key rather than adding another); stored (as a hash) in the api-keys table.
 */
async function seedAdminKey(runtime: LocalRuntime, given: string | undefined, dataDir: string | undefined): Promise<string> {
  const key = given || keptSecret(dataDir, 'admin-api-key', () => newApiKey().key);
  const store = new ApiKeyStore(documentClient(), runtime.env[tableEnvVar(TABLES.apiKeys)]!);
  await store.ensure({ id: 'key_admin_local', keyHash: hashApiKey(key), role: 'admin', description: 'local runtime admin', createdAt: new Date().toISOString(), createdBy: 'npm start' });
  return key;
}

export interface AppArgs {
  port: number;
  dataDir?: string;
  demo: boolean;
  region: RegionConfig;
}

/** main()'s options (main.ts) that the app sets. */
export interface AppOptions {
  port: number;
  dataDir?: string;
  env: Record<string, string>;
  onReady: (runtime: LocalRuntime) => Promise<void>;
  banner: (runtime: LocalRuntime) => string[];
}

/** What npm start adds to main(): the settings, the admin key and recovery before the banner, the banner; then the demo. */
export function app(args: AppArgs): { options: AppOptions; afterStart(runtime: LocalRuntime): Promise<void> } {
  let adminKey = '';
  const options: AppOptions = {
    port: args.port,
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
    env: appEnv(args.region),
    onReady: async (runtime) => {
      adminKey = await seedAdminKey(runtime, process.env.ADMIN_API_KEY, args.dataDir);
      if (!args.dataDir) return;
      // As the reconciler: with its bindings (the parcels table, the assess queue) and nothing else.
      const requeued = await runtime.runAs('reconcile', requeueUnassessed);
      if (requeued > 0) console.log(`Queued again for assessment: ${requeued} parcel(s) received before the last stop`);
    },
    banner: (runtime) => [
      `Region ${args.region.region}: serving destinations ${args.region.servedDestinations.join(' ')}`,
      `Admin API key${process.env.ADMIN_API_KEY ? ' (from ADMIN_API_KEY)' : args.dataDir ? ` (kept in ${args.dataDir})` : ''}: ${adminKey}`,
      ...(declaredTopology.sites ?? []).map((site) => `${site.name[0]!.toUpperCase()}${site.name.slice(1)}: ${runtime.url}${site.path}   (sign in with an API key)`),
      `OpenAPI: ${runtime.url}/v1/openapi.json   Stop: Ctrl-C`,
    ],
  };
  return {
    options,
    afterStart: async (runtime) => {
      if (args.demo) await runDemo(runtime.url, adminKey);
    },
  };
}
