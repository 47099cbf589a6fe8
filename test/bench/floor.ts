// The embedded services' own floor for a number of parcels, measured in the same run as the pipeline they are
// compared with: each parcel's message sent (SendMessageBatch), received and deleted (ReceiveMessage,
// DeleteMessageBatch) and its stored item written (BatchWriteItem), straight from the bench's clients, with the
// services where the runtime runs them (their own threads). What the pipeline adds on top is its own work.
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput, type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
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

export async function floor(c: { ddb: DynamoDBClient; sqs: SQSClient }, items: Record<string, AttributeValue>[], bodies: string[], senders: number): Promise<Floor> {
  const name = `floor-${Date.now()}`;
  const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: name }));
  await provisionTable(c.ddb, parcelsTable(`${name}-parcels`));
  const t0 = performance.now();
  await inParallel(chunks(bodies, 10), senders, async (b) => {
    await c.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: b.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }));
  });
  const t1 = performance.now();
  let received = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (received < bodies.length) {
        const { Messages = [] } = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        received += Messages.length;
        if (Messages.length) await c.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
    }),
  );
  const t2 = performance.now();
  await inParallel(chunks(items, 25), senders, async (b) => {
    let pending: typeof b | undefined = b;
    while (pending?.length) {
      const out: BatchWriteItemCommandOutput = await c.ddb.send(new BatchWriteItemCommand({ RequestItems: { [`${name}-parcels`]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
      pending = out.UnprocessedItems?.[`${name}-parcels`]?.map((w) => w.PutRequest!.Item!);
    }
  });
  const t3 = performance.now();
  return { seconds: (t3 - t0) / 1000, sqsSend: (t1 - t0) / 1000, sqsReceive: (t2 - t1) / 1000, ddbWrite: (t3 - t2) / 1000 };
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
