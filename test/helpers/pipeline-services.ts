// The embedded DynamoDB and SQS with the whole topology provisioned (its queues with a 1 s visibility timeout, so a
// message left undeleted comes back soon), for integration tests that move the queue messages themselves; and the
// ingest and assess stages' ports over them (the real ParcelStore, risk engine and queues).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { topology } from '#infra/topology';
import { provision, type Provisioned } from '#infra/local/provision';
import { startDynamoDb, startSqs, type RunningService } from '#infra/local/services';
import { type AssessPorts } from '#shared/parcels/assess';
import type { EventPublisher } from '#shared/parcels/events';
import { type SubmitPorts } from '#shared/parcels/submit';
import type { Principal } from '#shared/auth/principal';
import { type RiskEngine, createRiskEngine, loadRulesConfig } from '#shared/risk/index';
import { loadDefaultScreener } from '#shared/risk/sanctions/index';
import { ParcelStore } from '#shared/store/parcel-store';
import { sendBatch } from '#shared/store/queue';
import { QUEUES } from '#shared/resources';

export interface PipelineServices {
  ddb: DynamoDBClient;
  sqs: SQSClient;
  doc: DynamoDBDocumentClient;
  provisioned: Provisioned;
  queueUrl(name: string): string;
  /** Everything on a queue now (received, then deleted). */
  drain(name: string): Promise<Message[]>;
  /** Stops the clients and both services (also after a failed start-up). */
  close(): Promise<void>;
}

export async function startPipelineServices(): Promise<PipelineServices> {
  const running: RunningService[] = [];
  const clients: { destroy(): void }[] = [];
  const close = async () => {
    for (const c of clients) c.destroy();
    await Promise.allSettled(running.reverse().map((s) => s.close()));
  };
  try {
    const dynamo = await startDynamoDb();
    running.push(dynamo);
    const sqsService = await startSqs({ region: 'eu-west-1', accountId: '000000000000' });
    running.push(sqsService);
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamo.endpoint, credentials });
    const sqs = new SQSClient({ region: 'eu-west-1', endpoint: sqsService.endpoint, credentials });
    clients.push(ddb, sqs);
    const provisioned = await provision({ ...topology, queues: topology.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: 1 })) }, { ddb, sqs });
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const queueUrl = (name: string) => provisioned.queues[name]!.url;
    async function drain(name: string): Promise<Message[]> {
      const out: Message[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(name), MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (Messages.length === 0) return out;
        for (const m of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(name), ReceiptHandle: m.ReceiptHandle! }));
        out.push(...Messages);
      }
    }
    return { ddb, sqs, doc, provisioned, queueUrl, drain, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export interface IngestAssessOptions {
  /** The destinations the ingest stage accepts (FR, DE and ES by default). */
  servedDestinations?: readonly string[];
  /** Where the assess stage's events go: the publish queue by default. */
  events?: EventPublisher;
  /** The assess stage's engine: eu-west-1's shipped rules with the bundled SDN list by default. */
  engine?: RiskEngine;
}

/** The ingest and assess stages over the services: submissions go to the assess queue, events to the publish queue. */
export function ingestAssessPorts(svc: PipelineServices, opts: IngestAssessOptions = {}): { store: ParcelStore; submitPorts: SubmitPorts; assessPorts: AssessPorts } {
  const store = new ParcelStore(svc.doc, 'parcels');
  const now = () => new Date();
  const submitPorts: SubmitPorts = {
    store,
    enqueue: async (messages) => (await sendBatch(svc.sqs, svc.queueUrl(QUEUES.assess), messages)).map((m) => m.itemId),
    now,
    servedDestinations: new Set(opts.servedDestinations ?? ['FR', 'DE', 'ES']),
  };
  const events: EventPublisher = opts.events ?? {
    async publish(evs) {
      const failed = await sendBatch(svc.sqs, svc.queueUrl(QUEUES.publish), evs);
      if (failed.length) throw new Error('could not publish');
    },
  };
  const engine = opts.engine ?? createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: loadDefaultScreener() });
  const assessPorts: AssessPorts = { store, engine, events, now };
  return { store, submitPorts, assessPorts };
}

/** Events dropped: for a test that does not read the publish queue. */
export const NO_EVENTS: EventPublisher = { publish: async () => undefined };

export type IngestAssess = PipelineServices & ReturnType<typeof ingestAssessPorts> & { svc: PipelineServices };

/**
 * One test file's services and the ingest and assess stages over them (`ingestAssessPorts`): started before its
 * tests, closed when it ends (also after a failed start or test). With `drainEach`, each test starts with empty assess
 * and publish queues (PurgeQueue is allowed once a minute, so they are drained). The fields are set once tests run.
 */
export function useIngestAssess(opts: IngestAssessOptions & { drainEach?: boolean } = {}): IngestAssess {
  const ctx = {} as IngestAssess;
  beforeAll(async () => {
    const svc = await startPipelineServices();
    Object.assign(ctx, svc, { svc }, ingestAssessPorts(svc, opts));
  });
  afterAll(() => ctx.svc?.close());
  if (opts.drainEach) {
    beforeEach(async () => {
      for (const q of [QUEUES.assess, QUEUES.publish]) await ctx.svc.drain(q);
    });
  }
  return ctx;
}

/** The callers of the pipeline integration tests: two platforms. */
export const shop1: Principal = { keyId: 'key_shop1', role: 'platform', tenantId: 'shop-1' };
export const shop2: Principal = { keyId: 'key_shop2', role: 'platform', tenantId: 'shop-2' };
