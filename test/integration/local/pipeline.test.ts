// Tables, queues, pollers and schedules, observed through the real AWS SDK against the embedded services.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { testTopology } from './fixtures/topology';
import { waitFor } from '#test/helpers/wait';

jest.setTimeout(30_000);

let rt: LocalRuntime;
let ddb: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let sqs: SQSClient;
const log = memoryLog();

beforeAll(async () => {
  rt = await startLocalRuntime({ topology: testTopology, log, scheduleIntervalMs: 200, idlePollMs: 50, queueVisibilitySeconds: { work: 1, batched: 10 } });
  const config = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
  ddb = new DynamoDBClient({ ...config, endpoint: rt.dynamodbEndpoint });
  doc = DynamoDBDocumentClient.from(ddb);
  sqs = new SQSClient({ ...config, endpoint: rt.sqsEndpoint });
});
afterAll(async () => {
  ddb?.destroy();
  sqs?.destroy();
  await rt?.close();
});

type Stored = { id: string; deliveries: number; last: { batchSize: number; receiveCount: number; record: SQSRecord } };
const stored = async (id: string) => (await doc.send(new GetCommand({ TableName: 'records', Key: { id } }))).Item as Stored | undefined;
const send = (body: unknown, extra = {}) => sqs.send(new SendMessageCommand({ QueueUrl: rt.queueUrls.work, MessageBody: JSON.stringify(body), ...extra }));
const depth = async (url: string) => {
  const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(a?.ApproximateNumberOfMessages) + Number(a?.ApproximateNumberOfMessagesNotVisible);
};

describe('provisioning', () => {
  it('creates tables with keys and GSIs with their projections', async () => {
    const { Table: parcels } = await ddb.send(new DescribeTableCommand({ TableName: 'parcels' }));
    expect(parcels?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const ix = Object.fromEntries((parcels?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i]));
    expect(ix.byRecipient?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['status'] });
    expect(ix.byRecipient?.KeySchema).toEqual([
      { AttributeName: 'recipient', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(ix.byStatus?.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
    const { Table: records } = await ddb.send(new DescribeTableCommand({ TableName: 'records' }));
    expect(records?.GlobalSecondaryIndexes?.[0]?.Projection).toEqual({ ProjectionType: 'ALL' });
  });

  it('creates each queue with its DLQ, redrive policy and visibility timeout', async () => {
    expect(rt.queueUrls['work-dlq']).toBeDefined();
    const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: rt.queueUrls.work, AttributeNames: ['All'] }));
    expect(a?.VisibilityTimeout).toBe('1');
    expect(JSON.parse(a?.RedrivePolicy ?? '{}')).toEqual({ maxReceiveCount: 5, deadLetterTargetArn: rt.queues.work?.dlqArn });
    const { Attributes: d } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: rt.queueUrls['work-dlq'], AttributeNames: ['All'] }));
    expect(d?.MessageRetentionPeriod).toBe(String(14 * 86_400));
    expect(rt.env).toMatchObject({ RECORDS_TABLE_NAME: 'records', PARCELS_TABLE_NAME: 'parcels', WORK_QUEUE_URL: rt.queueUrls.work });
  });
});

describe('pollers', () => {
  it('delivers a real SQS event and deletes what succeeded', async () => {
    await send({ id: 'ok-1' }, { MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } } });
    const item = await waitFor(() => stored('ok-1'), 'ok-1 recorded');
    expect(item.deliveries).toBe(1);
    expect(item.last.record).toMatchObject({
      messageId: expect.any(String),
      body: JSON.stringify({ id: 'ok-1' }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/), ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/), SenderId: expect.any(String) },
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'test', stringListValues: [], binaryListValues: [] },
        raw: { dataType: 'Binary', binaryValue: Buffer.from('hi').toString('base64'), stringListValues: [], binaryListValues: [] },
      },
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: rt.queues.work?.arn,
      awsRegion: 'eu-west-1',
    });
    await waitFor(async () => (await depth(rt.queueUrls.work!)) === 0, 'work queue empty');
  });

  it('redelivers only the items reported in batchItemFailures', async () => {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: rt.queueUrls.work,
        Entries: [
          { Id: '1', MessageBody: JSON.stringify({ id: 'good' }) },
          { Id: '2', MessageBody: JSON.stringify({ id: 'flaky', mode: 'flaky' }) },
        ],
      }),
    );
    const flaky = await waitFor(async () => {
      const s = await stored('flaky');
      return s && s.deliveries >= 2 && s;
    }, 'flaky redelivered');
    expect(flaky.last.receiveCount).toBe(2);
    await waitFor(async () => (await depth(rt.queueUrls.work!)) === 0, 'work queue empty');
    expect((await stored('good'))?.deliveries).toBe(1);
    expect((await stored('flaky'))?.deliveries).toBe(2);
    expect(await depth(rt.queueUrls['work-dlq']!)).toBe(0);
  });

  it('moves a poison message to the DLQ after maxReceiveCount, and a handler can send through the SDK', async () => {
    const res = await fetch(`${rt.url}/v1/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'p1', mode: 'poison' }) });
    expect(res.status).toBe(202);
    const { messageId } = (await res.json()) as { messageId: string };
    const dead = await waitFor(
      async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls['work-dlq'], AttributeNames: ['All'], WaitTimeSeconds: 0 }));
        return out.Messages?.[0];
      },
      'poison message in DLQ',
      15_000,
    );
    expect(JSON.parse(dead.Body!)).toEqual({ id: 'p1', mode: 'poison' });
    expect(dead.Attributes?.DeadLetterQueueSourceArn).toBe(rt.queues.work?.arn);
    expect(await depth(rt.queueUrls.work!)).toBe(0);
    expect(await stored('p1')).toBeUndefined();
    expect(log.lines.filter((l) => l.includes('poller work → consumer: batch of 1 failed')).length).toBe(5);
    expect(log.lines.some((l) => l.includes('reached maxReceiveCount 5: SQS moves them to the DLQ'))).toBe(true);
    expect(messageId).toEqual(expect.any(String));
  });

  it('moves a message reported as failed every time to the DLQ', async () => {
    await send({ id: 'always', mode: 'fail' });
    const dead = await waitFor(
      async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls['work-dlq'], WaitTimeSeconds: 0 }));
        return out.Messages?.find((m) => m.Body?.includes('always'));
      },
      'failed message in DLQ',
      15_000,
    );
    expect(dead).toBeDefined();
    expect((await stored('always'))?.deliveries).toBe(5);
  });

  it('gathers several receives into one batch within the batching window', async () => {
    const entries = (from: number) => Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: JSON.stringify({ id: `win-${from + i}` }) }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: rt.queueUrls.batched, Entries: entries(0) }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: rt.queueUrls.batched, Entries: entries(10).slice(0, 5) }));
    const all = await waitFor(async () => {
      const items = await Promise.all(Array.from({ length: 15 }, (_, i) => stored(`win-${i}`)));
      return items.every(Boolean) && (items as Stored[]);
    }, 'all windowed messages recorded');
    expect(all.map((i) => i.last.batchSize)).toEqual(Array(15).fill(15));
  });

  it('honours the batch size', async () => {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: rt.queueUrls.work,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: JSON.stringify({ id: `bulk-${i}` }) })),
      }),
    );
    const all = await waitFor(async () => {
      const items = await Promise.all(Array.from({ length: 10 }, (_, i) => stored(`bulk-${i}`)));
      return items.every(Boolean) && (items as Stored[]);
    }, 'all bulk messages recorded');
    for (const item of all) expect(item.last.batchSize).toBeLessThanOrEqual(5);
  });
});

describe('schedules', () => {
  it('invoke the function with an EventBridge scheduled event', async () => {
    const tick = await waitFor(async () => {
      const s = await stored('tick');
      return s && s.deliveries >= 2 && s;
    }, 'two ticks');
    expect(tick.last).toMatchObject({ source: 'aws.events', detailType: 'Scheduled Event', resources: [expect.stringMatching(/:rule\/ticker$/)] });
  });
});
