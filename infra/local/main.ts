// `npm start`: the whole pipeline on this machine. Reads PORT (default 3000) and `--data-dir <dir>`,
// renders infra/topology.ts, prints the URL, and stops cleanly on SIGINT/SIGTERM (a second signal
// forces the exit). `main()` takes its options explicitly so later modes (admin-key bootstrap,
// --demo) can be added around it without touching the runtime.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { topology as declaredTopology } from '../topology';
import type { Topology } from '../topology-types';
import { hashApiKey, newApiKey } from '../../shared/auth/keys';
import { TABLES } from '../../shared/resources';
import { ApiKeyStore } from '../../shared/store/api-key-store';
import { documentClient } from '../../shared/store/clients';
import { type RegionConfig, regionConfig, regionEnv } from '../regions';
import { tableEnvVar } from '../topology-types';
import { runDemo } from './demo';
import { requeueUnassessed } from './recover';
import { consoleLog, type Log } from './log';
import { startLocalRuntime, type LocalRuntime } from './runtime';

export interface MainOptions {
  port: number;
  dataDir?: string;
  topology?: Topology;
  env?: Record<string, string>;
  log?: Log;
  /** Hook point: runs once the runtime is ready, before the URL is printed (e.g. seed an admin key, start a demo). */
  onReady?: (runtime: LocalRuntime) => Promise<void> | void;
  /** Where the banner (URL) goes; default stdout. */
  print?: (line: string) => void;
  /** Lines printed after the URL (e.g. the admin key): the gateway answers 503 SERVICE_STARTING until they are out. */
  banner?: (runtime: LocalRuntime) => string[];
  /** Install SIGINT/SIGTERM handlers that close the runtime and exit (default true). */
  handleSignals?: boolean;
}

export interface CliArgs {
  port: number;
  dataDir?: string;
  /** Arguments this CLI does not know (left for later modes such as --demo). */
  rest: string[];
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${env.PORT}'`);
  const args: CliArgs = { port, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') {
      const dir = argv[++i];
      if (!dir) throw new Error('--data-dir needs a directory');
      args.dataDir = resolve(dir);
    } else if (a.startsWith('--data-dir=')) {
      args.dataDir = resolve(a.slice('--data-dir='.length));
    } else {
      args.rest.push(a);
    }
  }
  return args;
}

/**
 * Webhooks on this machine: receivers may listen on loopback over http, and signing secrets are sealed
 * under a key generated per start — or kept in the data directory, so stored subscriptions still sign.
 */
export function localWebhookEnv(dataDir?: string): Record<string, string> {
  return { WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true', WEBHOOK_SECRETS_KEY: keptSecret(dataDir, 'webhook-secrets.key', () => randomBytes(32).toString('base64')) };
}

/** A secret generated on first start, and kept (mode 600) in the data directory when there is one. */
function keptSecret(dataDir: string | undefined, name: string, generate: () => string): string {
  if (!dataDir) return generate();
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = generate();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

export async function main(options: MainOptions): Promise<LocalRuntime> {
  const log = options.log ?? consoleLog;
  const runtime = await startLocalRuntime({
    topology: options.topology ?? declaredTopology,
    port: options.port,
    log,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    env: { ...localWebhookEnv(options.dataDir), ...(options.env ?? {}) },
    // GET /health answers 200 only once what a user reads (the URL, the admin key) is printed.
    holdUntilReady: true,
    // A service thread died (logged with its error): the runtime stops itself; `npm start` exits with an error.
    ...((options.handleSignals ?? true) ? { onServiceCrash: () => process.exit(1) } : {}),
  });
  try {
    await options.onReady?.(runtime);
  } catch (e) {
    await runtime.close();
    throw e;
  }
  if (options.handleSignals ?? true) {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.error(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal}: stopping (send again to force)`);
      runtime.close().then(
        () => process.exit(0),
        (e) => {
          log.error('stopping failed', e);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const print = options.print ?? console.log;
  print(`Customs–Post EAD pipeline listening on ${runtime.url}`);
  for (const line of options.banner?.(runtime) ?? []) print(line);
  runtime.markReady();
  return runtime;
}

/** The region's settings, each overridable from the environment (e.g. API_KEY_RATE_PER_SECOND=5 npm start). */
const withOverrides = (env: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, process.env[k] ?? v]));

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

if (require.main === module) {
  let args: CliArgs;
  let region: RegionConfig;
  try {
    args = parseArgs(process.argv.slice(2));
    region = regionConfig(process.env.REGION ?? 'eu-west-1');
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const demo = args.rest.includes('--demo');
  const unknown = args.rest.filter((a) => a !== '--demo');
  if (unknown.length) consoleLog.error(`ignoring unknown argument(s): ${unknown.join(' ')}`);
  let adminKey = '';
  main({
    port: args.port,
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
    env: { ...withOverrides(regionEnv(region)), POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' },
    onReady: async (runtime) => {
      adminKey = await seedAdminKey(runtime, process.env.ADMIN_API_KEY, args.dataDir);
      if (args.dataDir) {
        const requeued = await requeueUnassessed();
        if (requeued > 0) console.log(`Queued again for assessment: ${requeued} parcel(s) received before the last stop`);
      }
    },
    banner: (runtime) => [
      `Region ${region.region}: serving destinations ${region.servedDestinations.join(' ')}`,
      `Admin API key${process.env.ADMIN_API_KEY ? ' (from ADMIN_API_KEY)' : args.dataDir ? ` (kept in ${args.dataDir})` : ''}: ${adminKey}`,
      ...(declaredTopology.sites ?? []).map((site) => `${site.name[0]!.toUpperCase()}${site.name.slice(1)}: ${runtime.url}${site.path}   (sign in with an API key)`),
      `OpenAPI: ${runtime.url}/v1/openapi.json   Stop: Ctrl-C`,
    ],
  })
    .then(async (runtime) => {
      if (demo) await runDemo(runtime.url, adminKey);
    })
    .catch((e) => {
      consoleLog.error('could not start', e);
      process.exit(1);
    });
}
