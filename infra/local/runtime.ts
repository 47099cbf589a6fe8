// The local runtime: renders a Topology into embedded DynamoDB and SQS, an API Gateway-like HTTP
// gateway, SQS pollers and schedule timers, around the same handler modules that run in AWS. The services
// each run on a worker thread of their own (service-thread.ts); the rest on this one. Handlers reach the
// embedded services only through the AWS SDK's own environment variables (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS), so no code branches on "local".
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bucketDirEnvVar, dlqName, type Topology } from '../topology-types';
import { resetOnce } from '../../shared/util';
import { inStage, tagStages } from './cpu-meter';
import { startFaultProxy, type FaultControl } from './fault-proxy';
import { startGateway } from './gateway';
import { loadFunction, type InvokeEnv, type LoadedFunction } from './invoke';
import { consoleLog, type Log } from './log';
import { startPoller } from './poller';
import { provision, type ProvisionedQueue } from './provision';
import { startScheduler } from './scheduler';
import { startStaticSites } from './static-site';
import { startInProcessService, startServiceThread, type ServiceSpec, type ServiceThread } from './service-thread';

export interface LocalRuntimeOptions {
  topology: Topology;
  /** Gateway port; 0 (default) picks a free one. */
  port?: number;
  /**
   * Keep the data on disk here: DynamoDB under `dynamodb/`, and a journal of the queues' messages under `sqs/`
   * (local-aws-sqs keeps them in memory; what was sent and not deleted is sent again on the next start).
   */
  dataDir?: string;
  /** Extra environment for the functions; wins over everything the runtime sets. */
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
  /** Overrides every queue's visibility timeout, so retries and DLQ moves happen in seconds (tests, demos). */
  queueVisibilitySeconds?: number;
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

export interface LocalFaults {
  dynamodb: FaultControl;
  sqs: FaultControl;
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
  /** Everything the runtime put into process.env (AWS settings, table names, queue URLs, function env). */
  env: Record<string, string>;
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
  if (active) throw new Error('a local runtime is already running in this process (process.env is shared): close it first');
  active = true;
  // Clients and settings that handler modules built for an earlier runtime (or embedded services) of this process.
  resetOnce();
  const log = options.log ?? consoleLog;
  const topology: Topology =
    options.queueVisibilitySeconds === undefined
      ? options.topology
      : { ...options.topology, queues: options.topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: options.queueVisibilitySeconds! })) };
  const region = options.region ?? process.env.AWS_REGION ?? 'eu-west-1';
  const invokeEnv: InvokeEnv = { region, accountId: LOCAL_ACCOUNT_ID };
  const rootDir = options.rootDir ?? join(__dirname, '..', '..');

  // Everything started so far, stopped in reverse order by close() — also when start-up fails half way.
  const stops: { name: string; stop: () => Promise<void> | void }[] = [];
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (!savedEnv.has(k)) savedEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
  };
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeAll());
  const closeAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (e) {
        log.error(`stopping ${name} failed`, e);
      }
    }
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // The handlers' clients point at services that are gone: the next runtime builds its own.
    resetOnce();
    active = false;
    log.info('stopped');
  };

  try {
    // Each service on a thread of its own (service-thread.ts), started together.
    const onCrash = (e: Error) => {
      failure ??= e;
      // Loudly: the functions would otherwise retry against a closed port. The runtime stops, then tells.
      void close().then(() => options.onServiceCrash?.(e));
    };
    const start = (spec: ServiceSpec) => (options.serviceThreads === false ? startInProcessService(spec, log) : startServiceThread(spec, { log, onCrash }));
    const [dynamo, sqsService] = await Promise.all([
      start({ kind: 'dynamodb', ...(options.dataDir ? { dataDir: options.dataDir } : {}) }).then((t) => (stops.push({ name: 'dynamodb', stop: t.close }), t)),
      start({ kind: 'sqs', region, accountId: LOCAL_ACCOUNT_ID, ...(options.dataDir ? { journalDir: join(options.dataDir, 'sqs') } : {}) }).then(
        (t) => (stops.push({ name: 'sqs', stop: t.close }), t),
      ),
    ]);
    log.info(`dynamodb: dynalite on ${dynamo.endpoint} (thread ${dynamo.threadId}), ${options.dataDir ? `data in ${options.dataDir}` : 'in memory'}`);
    const sqsEndpoint = sqsService.endpoint;
    log.info(`sqs: local-aws-sqs on ${sqsService.upstream} (thread ${sqsService.threadId}), ${options.dataDir ? `journaled in ${join(options.dataDir, 'sqs')} through ${sqsEndpoint}` : 'in memory'}`);

    let faults: LocalFaults | undefined;
    if (options.faults) {
      const dynamodb = await startFaultProxy({ service: 'dynamodb', upstream: dynamo.endpoint, log });
      stops.push({ name: 'dynamodb fault proxy', stop: dynamodb.close });
      const sqs = await startFaultProxy({ service: 'sqs', upstream: sqsEndpoint, log });
      stops.push({ name: 'sqs fault proxy', stop: sqs.close });
      faults = { dynamodb, sqs };
      log.info(`fault proxies: dynamodb ${dynamodb.endpoint}, sqs ${sqs.endpoint}`);
    }
    const fnDynamoEndpoint = faults?.dynamodb.endpoint ?? dynamo.endpoint;
    const fnSqsEndpoint = faults?.sqs.endpoint ?? sqsEndpoint;
    // Queue URLs carry the origin they were created on, and the SDK sends to a queue URL's origin rather than to
    // AWS_ENDPOINT_URL_SQS: the functions get URLs on their own endpoint.
    const forFunctions = (url: string) => url.split(sqsEndpoint).join(fnSqsEndpoint);

    const awsEnv: Record<string, string> = {
      AWS_ENDPOINT_URL_DYNAMODB: fnDynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: fnSqsEndpoint,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      // These machines run Node 20 (Lambda runs Node 22); the SDK's notice that it will need Node 22 from 2027 is noted in the README.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // A real session token next to the dummy keys would only confuse; it is restored on close.
    if (process.env.AWS_SESSION_TOKEN !== undefined) savedEnv.set('AWS_SESSION_TOKEN', process.env.AWS_SESSION_TOKEN);
    delete process.env.AWS_SESSION_TOKEN;
    setEnv(awsEnv);

    // The runtime's own clients (provisioning, pollers) are configured explicitly, not from the environment.
    const clientConfig = { region, endpoint: '', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const ddb = new DynamoDBClient({ ...clientConfig, endpoint: dynamo.endpoint });
    const sqs = new SQSClient({ ...clientConfig, endpoint: sqsEndpoint });
    stops.push({ name: 'sdk clients', stop: () => (ddb.destroy(), sqs.destroy()) });

    const provisioned = await provision(topology, { ddb, sqs });
    for (const q of Object.values(provisioned.queues)) Object.assign(q, { url: forFunctions(q.url), dlqUrl: forFunctions(q.dlqUrl) });
    for (const [k, v] of Object.entries(provisioned.env)) provisioned.env[k] = forFunctions(v);
    log.info(`provisioned ${topology.tables.length} table(s), ${topology.queues.length} queue(s) with DLQs`);
    let requeuedMessages = 0;
    if (options.dataDir) {
      const byName: Record<string, string> = {};
      for (const [name, q] of Object.entries(provisioned.queues)) Object.assign(byName, { [name]: q.url, [dlqName(name)]: q.dlqUrl });
      const { requeued, dropped } = await sqsService.recover(byName);
      requeuedMessages = requeued;
      if (requeued + dropped > 0)
        log.info(`sqs journal: ${requeued} message(s) sent and not deleted before the last stop are queued again${dropped ? `, ${dropped} for queues that no longer exist dropped` : ''}`);
    }

    const fnEnv: Record<string, string> = {};
    for (const fn of topology.functions) {
      for (const [k, v] of Object.entries(fn.environment ?? {})) {
        if (k in fnEnv && fnEnv[k] !== v) log.error(`function ${fn.name}: ${k} differs from another function's value; one process has one environment, keeping the first`);
        else fnEnv[k] = v;
      }
    }
    // Buckets are directories here (no embedded S3): kept under the data dir, else temporary.
    const bucketDirs: Record<string, string> = {};
    for (const b of topology.buckets ?? []) {
      const dir = options.dataDir ? join(options.dataDir, 'buckets', b.name) : mkdtempSync(join(tmpdir(), `ead-${b.name}-`));
      mkdirSync(dir, { recursive: true });
      if (!options.dataDir) stops.push({ name: `bucket ${b.name}`, stop: () => rmSync(dir, { recursive: true, force: true }) });
      bucketDirs[b.name] = dir;
      log.info(`bucket ${b.name}: the directory ${dir}`);
      fnEnv[bucketDirEnvVar(b.name)] = dir;
    }
    const env = { ...awsEnv, ...provisioned.env, ...fnEnv, ...(options.env ?? {}) };
    setEnv(env); // before any handler module is loaded: modules build their SDK clients at load time

    const functions = new Map<string, LoadedFunction>();
    for (const def of topology.functions) functions.set(def.name, loadFunction(rootDir, def));
    log.info(`loaded ${functions.size} function(s) from ${rootDir}`);

    tagStages(options.cpuStages ?? false);
    stops.push({ name: 'stage tags', stop: () => tagStages(false) });
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
    stops.push({ name: 'gateway', stop: gateway.close });

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
          env: invokeEnv,
          queueUrl: q.url,
          queueArn: q.arn,
          ...(maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
          ...(options.idlePollMs !== undefined ? { idlePollMs: options.idlePollMs } : {}),
        }),
      );
      stops.push({ name: `poller ${source.queue}`, stop: poller.close });
    }

    const scheduler = startScheduler({
      schedules: topology.schedules,
      functions,
      env: invokeEnv,
      log,
      ...(options.scheduleIntervalMs !== undefined ? { intervalMs: options.scheduleIntervalMs } : {}),
    });
    stops.push({ name: 'scheduler', stop: scheduler.close });

    const queueUrls: Record<string, string> = {};
    for (const [name, q] of Object.entries(provisioned.queues)) {
      queueUrls[name] = q.url;
      queueUrls[dlqName(name)] = q.dlqUrl;
    }
    log.info(`ready on ${gateway.url} (pid ${process.pid}; services on threads ${dynamo.threadId}, ${sqsService.threadId})`);
    return {
      url: gateway.url,
      dynamodbEndpoint: fnDynamoEndpoint,
      sqsEndpoint: fnSqsEndpoint,
      serviceEndpoints: { dynamodb: dynamo.endpoint, sqs: sqsEndpoint },
      services: { dynamodb: dynamo, sqs: sqsService },
      failure: () => failure,
      ...(faults ? { faults } : {}),
      requeuedMessages,
      markReady: gateway.markReady,
      queueUrls,
      queues: provisioned.queues,
      env,
      bucketDirs,
      close,
    };
  } catch (e) {
    log.error('start-up failed', e);
    await close();
    throw e;
  }
}
