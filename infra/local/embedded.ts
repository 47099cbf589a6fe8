// The embedded services of a local runtime: DynamoDB (dynalite) and SQS (local-aws-sqs), each on a thread of its own
// (service-thread.ts), the fault proxies in front of them when asked, and the topology's tables and queues provisioned
// in them; with a data dir, the SQS journal's messages queued again.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { dlqName, type Topology } from '../topology-types';
import { startFaultProxy, type FaultControl } from './fault-proxy';
import type { Log } from './log';
import { provision, type Provisioned } from './provision';
import { startInProcessService, startServiceThread, type ServiceSpec, type ServiceThread } from './service-thread';
import type { Stops } from './stops';

export interface LocalFaults {
  dynamodb: FaultControl;
  sqs: FaultControl;
}

export interface EmbeddedOptions {
  region: string;
  accountId: string;
  dataDir?: string;
  faults?: boolean;
  serviceThreads?: boolean;
  log: Log;
  onCrash: (e: Error) => void;
}

export interface Embedded {
  dynamo: ServiceThread;
  sqsService: ServiceThread;
  faults?: LocalFaults;
  /** The services' own side (provisioning, pollers). */
  serviceEndpoints: { dynamodb: string; sqs: string };
  /** What the functions use (AWS_ENDPOINT_URL_*): the fault proxies when on. */
  functionEndpoints: { dynamodb: string; sqs: string };
  /** The runtime's own clients, configured explicitly (not from the environment). */
  ddb: DynamoDBClient;
  sqs: SQSClient;
}

export async function startEmbedded(o: EmbeddedOptions, stops: Stops): Promise<Embedded> {
  const { log } = o;
  const start = (spec: ServiceSpec) => (o.serviceThreads === false ? startInProcessService(spec, log) : startServiceThread(spec, { log, onCrash: o.onCrash }));
  const started = (name: string) => (t: ServiceThread) => (stops.push(name, t.close), t);
  const [dynamo, sqsService] = await Promise.all([
    start({ kind: 'dynamodb', ...(o.dataDir ? { dataDir: o.dataDir } : {}) }).then(started('dynamodb')),
    start({ kind: 'sqs', region: o.region, accountId: o.accountId, ...(o.dataDir ? { journalDir: join(o.dataDir, 'sqs') } : {}) }).then(started('sqs')),
  ]);
  log.info(`dynamodb: dynalite on ${dynamo.endpoint} (thread ${dynamo.threadId}), ${o.dataDir ? `data in ${o.dataDir}` : 'in memory'}`);
  const sqsEndpoint = sqsService.endpoint;
  log.info(`sqs: local-aws-sqs on ${sqsService.upstream} (thread ${sqsService.threadId}), ${o.dataDir ? `journaled in ${join(o.dataDir, 'sqs')} through ${sqsEndpoint}` : 'in memory'}`);
  const faults = o.faults ? await startFaultProxies(dynamo.endpoint, sqsEndpoint, log, stops) : undefined;
  const clientConfig = { region: o.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const ddb = new DynamoDBClient({ ...clientConfig, endpoint: dynamo.endpoint });
  const sqs = new SQSClient({ ...clientConfig, endpoint: sqsEndpoint });
  stops.push('sdk clients', () => (ddb.destroy(), sqs.destroy()));
  return {
    dynamo,
    sqsService,
    ...(faults ? { faults } : {}),
    serviceEndpoints: { dynamodb: dynamo.endpoint, sqs: sqsEndpoint },
    functionEndpoints: { dynamodb: faults?.dynamodb.endpoint ?? dynamo.endpoint, sqs: faults?.sqs.endpoint ?? sqsEndpoint },
    ddb,
    sqs,
  };
}

async function startFaultProxies(dynamoEndpoint: string, sqsEndpoint: string, log: Log, stops: Stops): Promise<LocalFaults> {
  const dynamodb = await startFaultProxy({ service: 'dynamodb', upstream: dynamoEndpoint, log });
  stops.push('dynamodb fault proxy', dynamodb.close);
  const sqs = await startFaultProxy({ service: 'sqs', upstream: sqsEndpoint, log });
  stops.push('sqs fault proxy', sqs.close);
  log.info(`fault proxies: dynamodb ${dynamodb.endpoint}, sqs ${sqs.endpoint}`);
  return { dynamodb, sqs };
}

/**
 * Creates the tables and queues. Queue URLs carry the origin they were created on, and the SDK sends to a queue URL's
 * origin rather than to AWS_ENDPOINT_URL_SQS: the functions get URLs on their own endpoint. With a data dir, what the
 * journal kept is queued again; returns how many messages.
 */
export async function provisionEmbedded(topology: Topology, e: Embedded, dataDir: string | undefined, log: Log): Promise<{ provisioned: Provisioned; requeuedMessages: number }> {
  const forFunctions = (url: string) => url.split(e.serviceEndpoints.sqs).join(e.functionEndpoints.sqs);
  const provisioned = await provision(topology, { ddb: e.ddb, sqs: e.sqs });
  for (const q of Object.values(provisioned.queues)) Object.assign(q, { url: forFunctions(q.url), dlqUrl: forFunctions(q.dlqUrl) });
  for (const [k, v] of Object.entries(provisioned.env)) provisioned.env[k] = forFunctions(v);
  log.info(`provisioned ${topology.tables.length} table(s), ${topology.queues.length} queue(s) with DLQs`);
  if (!dataDir) return { provisioned, requeuedMessages: 0 };
  const byName: Record<string, string> = {};
  for (const [name, q] of Object.entries(provisioned.queues)) Object.assign(byName, { [name]: q.url, [dlqName(name)]: q.dlqUrl });
  const { requeued, dropped } = await e.sqsService.recover(byName);
  if (requeued + dropped > 0)
    log.info(`sqs journal: ${requeued} message(s) sent and not deleted before the last stop are queued again${dropped ? `, ${dropped} for queues that no longer exist dropped` : ''}`);
  return { provisioned, requeuedMessages: requeued };
}
