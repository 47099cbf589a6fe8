// `npm start`: the whole pipeline on this machine. Reads PORT (default 3000), `--data-dir <dir>` and `--demo`,
// renders infra/topology.ts, prints the URL, and stops cleanly on SIGINT/SIGTERM (a second signal
// forces the exit). `main()` takes its options explicitly; the app's own start-up (settings, admin key,
// recovery, banner, demo) is infra/local/app.ts.
import { resolve } from 'node:path';
import { topology as declaredTopology } from '../topology';
import type { Topology } from '../topology-types';
import { regionConfig, type RegionConfig } from '../regions';
import { app } from './app';
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

export async function main(options: MainOptions): Promise<LocalRuntime> {
  const log = options.log ?? consoleLog;
  const runtime = await startLocalRuntime({
    topology: options.topology ?? declaredTopology,
    port: options.port,
    log,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.env ? { env: options.env } : {}),
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
  const unknown = args.rest.filter((a) => a !== '--demo');
  if (unknown.length) consoleLog.error(`ignoring unknown argument(s): ${unknown.join(' ')}`);
  const started = app({ port: args.port, ...(args.dataDir ? { dataDir: args.dataDir } : {}), demo: args.rest.includes('--demo'), region });
  main(started.options)
    .then(started.afterStart)
    .catch((e) => {
      consoleLog.error('could not start', e);
      process.exit(1);
    });
}
