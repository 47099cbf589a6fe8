// The embedded services' own floor for a number of parcels, measured in the same run as the pipeline they are
// compared with: each parcel's message sent (SendMessageBatch), received and deleted (ReceiveMessage,
// DeleteMessageBatch) and its stored item written (BatchWriteItem), straight from the bench's clients, with the
// services where the runtime runs them (their own threads). What the pipeline adds on top is its own work.
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type AttributeValue, type DynamoDBClient, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { provisionTable } from '#infra/local/provision';
import { parcelsTable } from '#shared/store/parcel-table';

export async function inParallel<T>(items: T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
export const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export interface Floor {
  seconds: number;
  sqsSend: number;
  sqsReceive: number;
  ddbWrite: number;
}

/** Sends the bodies to the queue in SendMessageBatch requests of 10, `senders` at a time. */
async function sendAll(sqs: SQSClient, QueueUrl: string, bodies: string[], senders: number): Promise<void> {
  await inParallel(chunks(bodies, 10), senders, async (b) => {
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: b.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }));
  });
}

/** Receives and deletes `count` messages in batches of 10, from `senders` consumers. */
async function drain(sqs: SQSClient, QueueUrl: string, count: number, senders: number): Promise<void> {
  let received = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (received < count) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        received += Messages.length;
        if (Messages.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    }),
  );
}

/** Writes the items in BatchWriteItem requests of 25 (unprocessed ones again), `senders` at a time. */
async function batchWrite(ddb: DynamoDBClient, table: string, items: Record<string, AttributeValue>[], senders: number): Promise<void> {
  await inParallel(chunks(items, 25), senders, async (b) => {
    let pending: typeof b | undefined = b;
    while (pending?.length) {
      const out: BatchWriteItemCommandOutput = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
      pending = out.UnprocessedItems?.[table]?.map((w) => w.PutRequest!.Item!);
    }
  });
}

export async function floor(c: { ddb: DynamoDBClient; sqs: SQSClient }, items: Record<string, AttributeValue>[], bodies: string[], senders: number): Promise<Floor> {
  const name = `floor-${Date.now()}`;
  const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: name }));
  await provisionTable(c.ddb, parcelsTable(`${name}-parcels`));
  const t0 = performance.now();
  await sendAll(c.sqs, QueueUrl!, bodies, senders);
  const t1 = performance.now();
  await drain(c.sqs, QueueUrl!, bodies.length, senders);
  const t2 = performance.now();
  await batchWrite(c.ddb, `${name}-parcels`, items, senders);
  const t3 = performance.now();
  return { seconds: (t3 - t0) / 1000, sqsSend: (t1 - t0) / 1000, sqsReceive: (t2 - t1) / 1000, ddbWrite: (t3 - t2) / 1000 };
}

export interface LeastWork {
  seconds: number;
  /** Of it, in the queue hops and in the writes. */
  sqs: number;
  ddb: number;
}

/**
 * The least work the contract's guarantees ask of the same services for the same parcels (CONTRACT §1, §5): each
 * parcel's claim written alone on condition that it is new (a 409, an idempotent resubmission), its assessment
 * written alone on condition of the version it read (an officer's decision stands), its delivery record in a batch
 * (no condition needed), and its delivery outcome written alone on condition of the record; two queue hops (to
 * assess, to deliver) sent, received and deleted in batches of 10. The claims are the floor's items (the parcels
 * as the pipeline stored them) in a table of the parcels' shape, listing indexes included, as the floor writes them.
 * No reads, no code of ours: the ceiling any pipeline keeping those guarantees has on these services. Single-item
 * writes go `inFlight` at a time.
 * Without `webhooks`, up to the stored response: the claim, one hop, the assessment.
 */
export async function leastWork(
  c: { ddb: DynamoDBClient; sqs: SQSClient },
  items: Record<string, AttributeValue>[],
  bodies: string[],
  o: { senders: number; inFlight: number; webhooks: boolean },
): Promise<LeastWork> {
  const { senders, inFlight } = o;
  const name = `least-${Date.now()}`;
  const table = `${name}-parcels`;
  await provisionTable(c.ddb, parcelsTable(table));
  // Delivery records sit in a table of their own, in no index (as webhook-deliveries' new records are).
  const deliveries = `${name}-deliveries`;
  await provisionTable(c.ddb, { name: deliveries, partitionKey: { name: 'itemId', type: 'S' }, indexes: [] });
  const hop = async (phase: string) => {
    const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: `${name}-${phase}` }));
    await sendAll(c.sqs, QueueUrl!, bodies, senders);
    await drain(c.sqs, QueueUrl!, bodies.length, senders);
  };
  const update = (TableName: string) => (item: Record<string, AttributeValue>) =>
    c.ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { itemId: item.itemId! },
        UpdateExpression: 'SET #s = :s',
        ConditionExpression: 'attribute_exists(itemId)',
        ExpressionAttributeNames: { '#s': 'st' },
        ExpressionAttributeValues: { ':s': { S: 'DONE' } },
      }),
    );
  const t0 = performance.now();
  const tw = { sqs: 0, ddb: 0 };
  const timed = async (k: 'sqs' | 'ddb', f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    tw[k] += (performance.now() - t) / 1000;
  };
  // ingest: the claim; to assess; the assessment; to deliver; the delivery record (batched), the outcome.
  await timed('ddb', () => inParallel(items, inFlight, async (Item) => void (await c.ddb.send(new PutItemCommand({ TableName: table, Item, ConditionExpression: 'attribute_not_exists(itemId)' })))));
  await timed('sqs', () => hop('assess'));
  await timed('ddb', () => inParallel(items, inFlight, async (i) => void (await update(table)(i))));
  if (!o.webhooks) return { seconds: (performance.now() - t0) / 1000, sqs: tw.sqs, ddb: tw.ddb };
  await timed('sqs', () => hop('deliver'));
  await timed('ddb', () => batchWrite(c.ddb, deliveries, items, senders));
  await timed('ddb', () => inParallel(items, inFlight, async (i) => void (await update(deliveries)(i))));
  return { seconds: (performance.now() - t0) / 1000, sqs: tw.sqs, ddb: tw.ddb };
}

export async function scanAll(ddb: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
