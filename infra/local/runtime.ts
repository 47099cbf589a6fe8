// The local runtime: renders a Topology into embedded DynamoDB and SQS, an API Gateway-like HTTP
// gateway, SQS pollers and schedule timers, around the same handler modules that run in AWS. The services
// each run on a worker thread of their own (service-thread.ts); the rest on this one. Handlers reach the
// embedded services only through the AWS SDK's own environment variables (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS), so no code branches on "local".
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertTopology } from '../topology-checks';
import { dlqName, type Topology } from '../topology-types';
import { resetOnce } from '#shared/util';
import { inStage, tagStages } from './cpu-meter';
import { provisionEmbedded, startEmbedded, type Embedded, type LocalFaults } from './embedded';
import { installFunctionScopes, type FunctionScopes } from './function-scope';
import { localEnvironments, localSecrets } from './function-envs';
import { startGateway } from './gateway';
import { loadFunction, type InvokeEnv, type LoadedFunction } from './invoke';
import { consoleLog, type Log } from './log';
import { startPoller } from './poller';
import type { Provisioned, ProvisionedQueue } from './provision';
import { startScheduler } from './scheduler';
import { sqsWire } from './sqs-wire';
import { startStaticSites } from './static-site';
import type { ServiceThread } from './service-thread';
import { Stops } from './stops';

export type { LocalFaults } from './embedded';

export interface LocalRuntimeOptions {
  topology: Topology;
  /** Gateway port; 0 (default) picks a free one. */
  port?: number;
  /**
   * Keep the data on disk here: DynamoDB under `dynamodb/`, and a journal of the queues' messages under `sqs/`
   * (local-aws-sqs keeps them in memory; what was sent and not deleted is sent again on the next start).
   */
  dataDir?: string;
  /**
   * Extra environment for every function; wins over everything the runtime sets. A variable that names a topology
   * secret (e.g. WEBHOOK_SECRETS_KEY) is that secret's value instead, and only the functions that name it get it.
   */
  env?: Record<string, string>;
  /** Where `FunctionDef.entry` paths start; default the repository root. */
  rootDir?: string;
  log?: Log;
  /** Default AWS_REGION from the environment, else eu-west-1. */
  region?: string;
  /** Overrides every schedule's interval (tests, demos). */
  scheduleIntervalMs?: number;
  /** Pause between empty receives of each poller (default 100 ms). */
  idlePollMs?: number;
  /**
   * Overrides every queue's visibility timeout (or those named, by queue name), so retries and DLQ moves happen in
   * seconds (tests, demos). The topology checks see the declared ones.
   */
  queueVisibilitySeconds?: number | Record<string, number>;
  /**
   * Put a fault proxy between the functions and each embedded service (tests): `runtime.faults` switches them.
   * Provisioning and the pollers keep their direct clients.
   */
  faults?: boolean;
  /** The gateway answers 503 SERVICE_STARTING to every request until `markReady()` (npm start: once its banner is out). Default false: ready at once. */
  holdUntilReady?: boolean;
  /** Bound on receiving one request's headers and body, after which the gateway answers 408 and closes (default 30 s). */
  requestBodyTimeoutMs?: number;
  /**
   * Called when a service thread died while the runtime ran (the error is logged, and the runtime has stopped
   * itself by then): npm start exits with an error. Default: nothing more.
   */
  onServiceCrash?: (error: Error) => void;
  /** Tag the main thread's work by stage (function, poller, gateway) for cpu-meter.ts (benches). Default false. */
  cpuStages?: boolean;
  /** false: run the services in this thread, as before they had threads of their own (benches compare). Default true. */
  serviceThreads?: boolean;
}

export interface LocalRuntime {
  /** Gateway base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The endpoints the functions use (their AWS_ENDPOINT_URL_*): the fault proxies when `faults` is on. */
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  /** The services' own side, which provisioning and the pollers use (never through a fault proxy; SQS through its journal with a data dir). */
  serviceEndpoints: { dynamodb: string; sqs: string };
  /** Switches for the fault proxies, when started with `faults: true`. */
  faults?: LocalFaults;
  /** Messages of the SQS journal sent again at start (with a data dir). */
  requeuedMessages: number;
  /** Lets requests through the gateway (see `holdUntilReady`); idempotent. */
  markReady(): void;
  /** Queue URL by queue name, DLQs included (`dlqName(queue)`), as the functions see them. */
  queueUrls: Record<string, string>;
  /** ARNs and URLs of each topology queue and its DLQ. */
  queues: Record<string, ProvisionedQueue>;
  /**
   * What the runtime put into this process's own process.env, outside any function (AWS settings, every table's and
   * queue's variable, every function's environment): the operator's view, for start-up code and tests.
   */
  env: Record<string, string>;
  /** A function's own environment: its bindings and nothing else (infra/function-env.ts, as in AWS). */
  functionEnv(name: string): Record<string, string>;
  /** Runs `fn` as the named function: with its environment only, and its own once() values (function-scope.ts). */
  runAs<T>(name: string, fn: () => T): T;
  /** The directory standing in for each topology bucket: `<dataDir>/buckets/<name>`, or a temporary one removed on close. */
  bucketDirs: Record<string, string>;
  /** The embedded services' threads (their CPU time, whether they run). */
  services: { dynamodb: ServiceThread; sqs: ServiceThread };
  /** Why the runtime stopped by itself (a service thread died), if it did. */
  failure(): Error | undefined;
  /** Stops scheduler, pollers, gateway, then the services; restores process.env; frees every port. */
  close(): Promise<void>;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

/** process.env is one per process, and handler modules capture it when loaded: one runtime at a time. */
let active = false;

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  // The rules synth keeps (infra/topology-checks.ts): what does not deploy does not start either.
  assertTopology(options.topology);
  if (active) throw new Error('a local runtime is already running in this process (process.env is shared): close it first');
  active = true;
  // Clients and settings that handler modules built for an earlier runtime (or embedded services) of this process.
  resetOnce();
  const log = options.log ?? consoleLog;
  const region = options.region ?? process.env.AWS_REGION ?? 'eu-west-1';
  const stops = new Stops(log);
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= stops.close().then(() => {
      // The handlers' clients point at services that are gone: the next runtime builds its own.
      resetOnce();
      active = false;
      log.info('stopped');
    }));
  const onCrash = (e: Error) => {
    failure ??= e;
    // Loudly: the functions would otherwise retry against a closed port. The runtime stops, then tells.
    void close().then(() => options.onServiceCrash?.(e));
  };
  try {
    const embedded = await startEmbedded({ region, accountId: LOCAL_ACCOUNT_ID, dataDir: options.dataDir, faults: options.faults, serviceThreads: options.serviceThreads, log, onCrash }, stops);
    const rendered = await render(options, embedded, region, log, stops);
    log.info(`ready on ${rendered.url} (pid ${process.pid}; services on threads ${embedded.dynamo.threadId}, ${embedded.sqsService.threadId})`);
    return { ...rendered, failure: () => failure, close };
  } catch (e) {
    log.error('start-up failed', e);
    await close();
    throw e;
  }
}

/** The AWS SDK's own settings: handlers reach the embedded services through them alone. */
function awsEnvironment(e: Embedded, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: e.functionEndpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: e.functionEndpoints.sqs,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    // These machines run Node 20 (Lambda runs Node 22); the SDK's notice that it will need Node 22 from 2027 is noted in the README.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

type Rendered = Omit<LocalRuntime, 'failure' | 'close'>;

/** Everything after the services: tables, queues, buckets, each function's environment, the functions, gateway, pollers, schedules. */
async function render(options: LocalRuntimeOptions, embedded: Embedded, region: string, log: Log, stops: Stops): Promise<Rendered> {
  const topology = withVisibility(options.topology, options.queueVisibilitySeconds);
  const invokeEnv: InvokeEnv = { region, accountId: LOCAL_ACCOUNT_ID };
  const rootDir = options.rootDir ?? join(__dirname, '..', '..');
  const aws = awsEnvironment(embedded, region);
  // A real session token next to the dummy keys would only confuse; it is restored on close.
  stops.unsetEnv('AWS_SESSION_TOKEN');
  stops.setEnv(aws);
  const { provisioned, requeuedMessages } = await provisionEmbedded(topology, embedded, options.dataDir, log);
  const bucketDirs = bucketDirectories(topology, options.dataDir, log, stops);
  const secrets = localSecrets(topology, options.dataDir, options.env ?? {});
  const envs = localEnvironments(topology, { ...provisioned, bucketDirs, secrets }, aws, options.env ?? {});
  stops.setEnv(envs.merged); // before any handler module is loaded: modules build their SDK clients at load time
  const scopes = installFunctionScopes(envs.functions);
  stops.push('function scopes', scopes.uninstall);
  const functions = loadFunctions(topology, rootDir, scopes, log);
  tagStages(options.cpuStages ?? false);
  stops.push('stage tags', () => tagStages(false));
  const gateway = await inStage('gateway', () =>
    startGateway({
      sites: startStaticSites(topology.sites ?? [], log, rootDir),
      routes: topology.routes,
      authorizer: topology.authorizer,
      functions,
      api: { ...invokeEnv, apiId: 'local' },
      port: options.port ?? 0,
      log,
      ready: !options.holdUntilReady,
      ...(options.requestBodyTimeoutMs !== undefined ? { requestBodyTimeoutMs: options.requestBodyTimeoutMs } : {}),
    }),
  );
  stops.push('gateway', gateway.close);
  startPollers(topology, functions, provisioned, embedded, invokeEnv, options, log, stops);
  const scheduler = startScheduler({ schedules: topology.schedules, functions, env: invokeEnv, log, ...(options.scheduleIntervalMs !== undefined ? { intervalMs: options.scheduleIntervalMs } : {}) });
  stops.push('scheduler', scheduler.close);
  return {
    url: gateway.url,
    dynamodbEndpoint: embedded.functionEndpoints.dynamodb,
    sqsEndpoint: embedded.functionEndpoints.sqs,
    serviceEndpoints: embedded.serviceEndpoints,
    services: { dynamodb: embedded.dynamo, sqs: embedded.sqsService },
    ...(embedded.faults ? { faults: embedded.faults } : {}),
    requeuedMessages,
    markReady: gateway.markReady,
    queueUrls: queueUrls(provisioned.queues),
    queues: provisioned.queues,
    env: envs.merged,
    functionEnv: (name) => ({ ...envs.functions.get(name) }),
    runAs: scopes.run,
    bucketDirs,
  };
}

/** With `queueVisibilitySeconds`, every queue's visibility timeout is that (after the checks, which see the declared one). */
function withVisibility(topology: Topology, seconds: number | Record<string, number> | undefined): Topology {
  if (seconds === undefined) return topology;
  const of = (queue: string) => (typeof seconds === 'number' ? seconds : seconds[queue]);
  return { ...topology, queues: topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: of(q.name) ?? q.visibilityTimeoutSeconds })) };
}

/** Buckets are directories here (no embedded S3): kept under the data dir, else temporary. */
function bucketDirectories(topology: Topology, dataDir: string | undefined, log: Log, stops: Stops): Record<string, string> {
  const dirs: Record<string, string> = {};
  for (const b of topology.buckets ?? []) {
    const dir = dataDir ? join(dataDir, 'buckets', b.name) : mkdtempSync(join(tmpdir(), `ead-${b.name}-`));
    mkdirSync(dir, { recursive: true });
    if (!dataDir) stops.push(`bucket ${b.name}`, () => rmSync(dir, { recursive: true, force: true }));
    dirs[b.name] = dir;
    log.info(`bucket ${b.name}: the directory ${dir}`);
  }
  return dirs;
}

/** Each handler module loaded as its function (its module-level code sees its environment), each invocation run as it. */
function loadFunctions(topology: Topology, rootDir: string, scopes: FunctionScopes, log: Log): Map<string, LoadedFunction> {
  const functions = new Map<string, LoadedFunction>();
  for (const def of topology.functions) {
    const loaded = scopes.run(def.name, () => loadFunction(rootDir, def));
    functions.set(def.name, { ...loaded, handler: scopes.wrap(def.name, loaded.handler) });
  }
  log.info(`loaded ${functions.size} function(s) from ${rootDir}`);
  return functions;
}

function startPollers(
  topology: Topology,
  functions: Map<string, LoadedFunction>,
  provisioned: Provisioned,
  embedded: Embedded,
  env: InvokeEnv,
  options: LocalRuntimeOptions,
  log: Log,
  stops: Stops,
): void {
  // The service's own side (never a fault proxy; the journal with a data dir), one keep-alive agent for every poller.
  const sqs = sqsWire(embedded.serviceEndpoints.sqs);
  stops.push('poller connections', sqs.close);
  for (const source of topology.eventSources) {
    const fn = functions.get(source.function);
    const q = provisioned.queues[source.queue];
    if (!fn) throw new Error(`event source ${source.queue}: no function '${source.function}'`);
    if (!q) throw new Error(`event source ${source.queue} → ${source.function}: no such queue`);
    const maxReceiveCount = topology.queues.find((qd) => qd.name === source.queue)?.maxReceiveCount;
    const poller = inStage(`poller:${source.queue}`, () =>
      startPoller({
        source,
        fn,
        sqs,
        log,
        env,
        queueUrl: q.url,
        queueArn: q.arn,
        ...(maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
        ...(options.idlePollMs !== undefined ? { idlePollMs: options.idlePollMs } : {}),
      }),
    );
    stops.push(`poller ${source.queue}`, poller.close);
  }
}

function queueUrls(queues: Record<string, ProvisionedQueue>): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, q] of Object.entries(queues)) {
    urls[name] = q.url;
    urls[dlqName(name)] = q.dlqUrl;
  }
  return urls;
}
