// The process function inside the local runtime (real topology, real pollers, queues with a 1 s visibility):
// poison messages are reported in batchItemFailures without holding back the rest, and end in the DLQ
// after maxReceiveCount, where they can be read through the SDK.
import { type Message, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { dlqName } from '#infra/topology-types';
import { QUEUES } from '#shared/resources';
import { validDeclaration } from '#test/fixtures/declarations';
import { newParcel, declaration } from '#test/helpers/parcels';
import { s10Sequence } from '#test/helpers/s10';
import { waitFor } from '#test/helpers/wait';

jest.setTimeout(60_000);

let rt: LocalRuntime;
let sqs: SQSClient;
const log = memoryLog();
const nextId = s10Sequence(40_000_000);
// Loaded after the runtime has set the environment (the modules read it on first use).
let wiring: typeof import('#shared/wiring/parcels');
let processHandler: typeof import('#functions/assess/handler').handler;
let submitDeclarations: typeof import('#shared/parcels/submit').submitDeclarations;

beforeAll(async () => {
  // The publish queue's consumer is left out, so the events the assess stage publishes stay there to be counted.
  const withoutDelivery = { ...topology, eventSources: topology.eventSources.filter((e) => e.queue !== QUEUES.publish) };
  rt = await startLocalRuntime({ topology: withoutDelivery, queueVisibilitySeconds: 1, idlePollMs: 50, log, env: { ...regionEnv(regionConfig('eu-west-1')), POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  wiring = await import('#shared/wiring/parcels');
  processHandler = (await import('#functions/assess/handler')).handler;
  submitDeclarations = (await import('#shared/parcels/submit')).submitDeclarations;
});
afterAll(async () => {
  jest.restoreAllMocks();
  sqs?.destroy();
  await rt?.close();
});

function record(body: string, messageId: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: rt.queues[QUEUES.assess]!.arn,
    awsRegion: 'eu-west-1',
    messageAttributes: {},
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'test', ApproximateFirstReceiveTimestamp: String(Date.now()) },
  };
}

const invokeProcess = (event: SQSEvent) => processHandler(event, { awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as never);

describe('process handler', () => {
  it('reports exactly the poison messages in batchItemFailures and assesses the others', async () => {
    // prepare: a stored RECEIVED parcel (not queued, so the poller does not take it first) and two poison bodies
    const good = newParcel(declaration({ itemId: nextId() }), 'shop-1', new Date().toISOString());
    await wiring.parcelStore().putReceived(good);
    const event: SQSEvent = {
      Records: [record('{ not json', 'm-not-json'), record(JSON.stringify({ itemId: good.itemId, version: 1 }), 'm-good'), record(JSON.stringify({ itemId: nextId(), version: 1 }), 'm-unknown-item')],
    };

    // act
    const result = await invokeProcess(event);

    // assess
    expect(result?.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-not-json', 'm-unknown-item']);
    expect(await wiring.parcelStore().get(good.itemId)).toMatchObject({ status: 'RELEASED', customsResponse: { issuedBy: 'risk-engine' } });
  });

  it('reports nothing for a batch of good and redelivered messages', async () => {
    const good = newParcel(declaration({ itemId: nextId() }), 'shop-1', new Date().toISOString());
    await wiring.parcelStore().putReceived(good);
    const body = JSON.stringify({ itemId: good.itemId, version: 1 });

    const result = await invokeProcess({ Records: [record(body, 'a'), record(body, 'b')] });

    expect(result).toEqual({ batchItemFailures: [] });
    expect((await wiring.parcelStore().get(good.itemId))?.history.filter((h) => h.type === 'customs.response.issued')).toHaveLength(1);
  });
});

describe('through the queue and the poller', () => {
  it('assesses a submitted parcel and publishes its events to the publish queue', async () => {
    const d = validDeclaration({ itemId: nextId() });
    const [r] = await submitDeclarations([d], { keyId: 'k', role: 'platform', tenantId: 'shop-1' }, wiring.ingestDeps());
    expect(r?.outcome).toBe('accepted');

    const parcel = await waitFor(
      async () => {
        const p = await wiring.parcelStore().get(d.itemId);
        return p?.status !== 'RECEIVED' && p;
      },
      'the parcel to be assessed',
      20_000,
    );

    expect(parcel).toMatchObject({ status: 'RELEASED', assessment: { version: 1 } });
    // This parcel's own events, read off the publish queue (earlier tests left theirs there too: not counted).
    const types = new Map<string, string>();
    await waitFor(
      async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls[QUEUES.publish], MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 30 }));
        for (const m of Messages) {
          const published = JSON.parse(m.Body!) as { event: { id: string; type: string; data: { itemId: string } } };
          if (published.event.data.itemId === d.itemId) types.set(published.event.id, published.event.type);
        }
        return types.size >= 3;
      },
      "the parcel's events on the publish queue",
      20_000,
      100,
    );
    expect([...types.values()].sort()).toEqual(['customs.response.issued', 'parcel.assessed', 'parcel.received']);
  });

  it('moves poison messages (not JSON, unknown itemId) to the DLQ after maxReceiveCount receives, and keeps processing good ones', async () => {
    // prepare
    const maxReceiveCount = topology.queues.find((q) => q.name === QUEUES.assess)!.maxReceiveCount;
    const unknown = JSON.stringify({ itemId: nextId(), version: 1 });
    const good = validDeclaration({ itemId: nextId() });

    // The process function's own log lines (Powertools writes errors as JSON to stderr): one per failed message and receive.
    const failedLines: { messageId: string; receiveCount: string }[] = [];
    const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array) => boolean;
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) if (line.includes('"message failed"')) failedLines.push(JSON.parse(line) as { messageId: string; receiveCount: string });
      return write(chunk);
    }) as typeof process.stderr.write);

    // act
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: rt.queueUrls[QUEUES.assess],
        Entries: [
          { Id: 'a', MessageBody: 'this is not json' },
          { Id: 'b', MessageBody: unknown },
        ],
      }),
    );
    await submitDeclarations([good], { keyId: 'k', role: 'platform', tenantId: 'shop-1' }, wiring.ingestDeps());

    // assess: both reach the DLQ, with their bodies unchanged, after maxReceiveCount receives
    expect(sent.Successful).toHaveLength(2);
    const dead = new Map<string, Message>();
    await waitFor(
      async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rt.queueUrls[dlqName(QUEUES.assess)], MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'] }));
        for (const m of Messages) dead.set(m.MessageId!, m);
        return dead.size >= 2;
      },
      'both poison messages in the DLQ',
      30_000,
      200,
    );
    expect([...dead.values()].map((m) => m.Body).sort()).toEqual([unknown, 'this is not json'].sort());
    expect(new Set(dead.keys())).toEqual(new Set(sent.Successful!.map((s) => s.MessageId)));
    // (Whether the poller saw the last receive before local-aws-sqs moved the message depends on timing, so its
    // "reached maxReceiveCount" log line is not asserted here; the DLQ contents are the behaviour that matters.)
    // Each was tried by the assess function on every receive up to maxReceiveCount, and moved then: not before
    // (its last logged failure is the maxReceiveCount-th receive), not after. The DLQ counts receives anew.
    // With a 1 s visibility and the assess stage's 1 s batching window, a receive can come while an earlier one is
    // still being handled, so the maxReceiveCount-th failure may be logged after the move: waited for, not assumed.
    const lastReceive = (id: string) => Math.max(0, ...failedLines.filter((l) => l.messageId === id).map((l) => Number(l.receiveCount)));
    await waitFor(async () => [...dead.keys()].every((id) => lastReceive(id) >= maxReceiveCount), 'the maxReceiveCount-th failure of each logged', 10_000, 50);
    spy.mockRestore();
    expect([...dead.keys()].map(lastReceive)).toEqual([maxReceiveCount, maxReceiveCount]);
    expect((await wiring.parcelStore().get(good.itemId))?.status).toBe('RELEASED');
  });
});
