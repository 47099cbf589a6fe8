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
import { createRiskEngine, loadRulesConfig } from '#shared/risk/index';
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

/** The ingest and assess stages over the services: submissions go to the assess queue, events to the publish queue. */
export function ingestAssessPorts(svc: PipelineServices): { store: ParcelStore; submitPorts: SubmitPorts; assessPorts: AssessPorts } {
  const store = new ParcelStore(svc.doc, 'parcels');
  const now = () => new Date();
  const submitPorts: SubmitPorts = {
    store,
    enqueue: async (messages) => (await sendBatch(svc.sqs, svc.queueUrl(QUEUES.assess), messages)).map((m) => m.itemId),
    now,
    servedDestinations: new Set(['FR', 'DE', 'ES']),
  };
  const events: EventPublisher = {
    async publish(evs) {
      const failed = await sendBatch(svc.sqs, svc.queueUrl(QUEUES.publish), evs);
      if (failed.length) throw new Error('could not publish');
    },
  };
  const assessPorts: AssessPorts = { store, engine: createRiskEngine({ config: loadRulesConfig('eu-west-1'), screener: loadDefaultScreener() }), events, now };
  return { store, submitPorts, assessPorts };
}
