// The fault proxies between the functions and the embedded services, seen through the real AWS SDK: each mode
// answers what AWS would (error bodies the SDK parses into its own exceptions), and the runtime's own side
// (provisioning, pollers) is never behind them.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { waitFor } from '#test/helpers/wait';
import { testTopology } from './fixtures/topology';

jest.setTimeout(30_000);

let rt: LocalRuntime;
const config = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
let ddb: DynamoDBClient;
let sqs: SQSClient;

beforeAll(async () => {
  rt = await startLocalRuntime({ topology: testTopology, log: memoryLog(), faults: true, idlePollMs: 20 });
  ddb = new DynamoDBClient({ ...config, endpoint: rt.dynamodbEndpoint });
  sqs = new SQSClient({ ...config, endpoint: rt.sqsEndpoint });
});
afterAll(async () => {
  ddb?.destroy();
  sqs?.destroy();
  await rt?.close();
});
afterEach(() => {
  rt.faults!.dynamodb.set('pass');
  rt.faults!.sqs.set('pass');
});

const getItem = () => ddb.send(new GetItemCommand({ TableName: 'records', Key: { id: { S: 'nothing' } } }));
const send = (body: string) => sqs.send(new SendMessageCommand({ QueueUrl: rt.queueUrls.work, MessageBody: body }));

it('puts the functions, and only them, behind the proxies', () => {
  expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(rt.faults!.dynamodb.endpoint);
  expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(rt.faults!.sqs.endpoint);
  expect(new URL(rt.queueUrls.work!).origin).toBe(rt.faults!.sqs.endpoint); // the SDK sends to a queue URL's origin
  expect(rt.serviceEndpoints.dynamodb).not.toBe(rt.dynamodbEndpoint);
  expect(rt.serviceEndpoints.sqs).not.toBe(rt.sqsEndpoint);
});

it('answers DynamoDB errors the SDK recognises, and passes again when told', async () => {
  rt.faults!.dynamodb.set('error');
  await expect(getItem()).rejects.toMatchObject({ name: 'InternalServerError', message: 'injected', $metadata: { httpStatusCode: 500 } });
  rt.faults!.dynamodb.set('unavailable');
  await expect(getItem()).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
  rt.faults!.dynamodb.set('pass');
  expect((await getItem()).Item).toBeUndefined();
});

it('answers SQS errors the SDK recognises, drops connections, and fails only the operations named', async () => {
  rt.faults!.sqs.set('error');
  await expect(send('x')).rejects.toMatchObject({ name: 'InternalError', $metadata: { httpStatusCode: 500 } });
  rt.faults!.sqs.set('unavailable');
  await expect(send('x')).rejects.toMatchObject({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
  rt.faults!.sqs.set('drop');
  const dropped = await send('x').then(
    () => undefined,
    (e: Error) => e,
  );
  expect(dropped).toBeInstanceOf(Error);
  expect((dropped as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined(); // no answer at all
  rt.faults!.sqs.set('error', { operations: ['SendMessageBatch'] });
  await expect(send(JSON.stringify({ id: 'fp-single' }))).resolves.toMatchObject({ MessageId: expect.any(String) });
  expect(rt.faults!.sqs.counts().failed).toBe(3);
});

it('fails the given share of requests', async () => {
  let n = 0;
  rt.faults!.dynamodb.set('error', { ratio: 0.5, random: () => (n++ % 2 === 0 ? 0.1 : 0.9) });
  const results = await Promise.allSettled([getItem(), getItem(), getItem(), getItem()]);
  expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
  expect(() => rt.faults!.dynamodb.set('error', { ratio: 2 })).toThrow(/ratio/);
});

it('keeps the pollers on the service side: a queued message is consumed while the functions cannot reach SQS', async () => {
  const direct = new SQSClient({ ...config, endpoint: rt.serviceEndpoints.sqs });
  try {
    rt.faults!.sqs.set('error');
    await direct.send(new SendMessageCommand({ QueueUrl: rt.queueUrls.work, MessageBody: JSON.stringify({ id: 'fp-consumed' }) }));
    const doc = DynamoDBDocumentClient.from(ddb);
    const item = await waitFor(async () => (await doc.send(new GetCommand({ TableName: 'records', Key: { id: 'fp-consumed' } }))).Item, 'the consumer to record the message');
    expect(item.deliveries).toBe(1);
  } finally {
    direct.destroy();
  }
});
