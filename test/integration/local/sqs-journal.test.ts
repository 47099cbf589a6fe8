// Durable local queues: the journal in front of local-aws-sqs brings back, in a fresh service, every message
// sent and never deleted (body, attributes, what is left of its delay), and none that was deleted.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { type RunningService, startSqs } from '#infra/local/services';
import { type SqsJournal, startSqsJournal } from '#infra/local/sqs-journal';
import type { Topology } from '#infra/topology-types';
import { waitFor } from '#test/helpers/wait';
import { testTopology } from './fixtures/topology';

jest.setTimeout(30_000);

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ead-sqs-journal-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const clientFor = (endpoint: string) => new SQSClient({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** Everything visible on the queue now (short polls until one comes back empty), not deleted. */
async function drain(sqs: SQSClient, url: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'], VisibilityTimeout: 60 }));
    if (Messages.length === 0) return out;
    out.push(...Messages);
  }
}

describe('the journal, replayed into a fresh service', () => {
  const dir = tempDir();
  let service: RunningService | undefined;
  let journal: SqsJournal | undefined;
  let sqs: SQSClient | undefined;
  const start = async () => {
    service = await startSqs({ region: 'eu-west-1', accountId: '000000000000' });
    journal = await startSqsJournal({ dir, upstream: service.endpoint, log: memoryLog() });
    sqs = clientFor(journal.endpoint);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '30' } }));
    return QueueUrl!;
  };
  /** The service's memory is lost; the journal's close() writes nothing, so its file is as a kill -9 leaves it. */
  const crash = async () => {
    sqs?.destroy();
    await service?.close();
    await journal?.close();
  };
  afterAll(crash);

  it('sends again what was sent and not deleted, and not what was deleted', async () => {
    // prepare: 5 messages (one with attributes, one delayed), 2 of them deleted (one alone, one in a batch)
    let url = await start();
    expect(new URL(url).origin).toBe(journal!.endpoint); // queue URLs name the journal, so clients stay on it
    await sqs!.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'a',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]) } },
      }),
    );
    await sqs!.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: ['b', 'c', 'd'].map((MessageBody, i) => ({ Id: String(i), MessageBody })) }));
    await sqs!.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 120 }));
    const received = await drain(sqs!, url);
    expect(received.map((m) => m.Body).sort()).toEqual(['a', 'b', 'c', 'd']);
    const byBody = new Map(received.map((m) => [m.Body, m]));
    await sqs!.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: byBody.get('b')!.ReceiptHandle }));
    await sqs!.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: '0', ReceiptHandle: byBody.get('d')!.ReceiptHandle }] }));
    // A kill in the middle of writing a line leaves it cut short: it is skipped.
    appendFileSync(join(dir, 'journal.jsonl'), '{"op":"send","id":"cut-sh');

    // act
    await crash();
    url = await start();
    expect(journal!.pending()).toBe(3);
    const recovered = await journal!.recover({ work: url });

    // assess
    expect(recovered).toEqual({ requeued: 3, dropped: 0 });
    const back = await drain(sqs!, url);
    expect(back.map((m) => m.Body).sort()).toEqual(['a', 'c']);
    expect(back.find((m) => m.Body === 'a')!.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'test' },
      raw: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2]) },
    });
    const { Attributes: a } = await sqs!.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }));
    expect(a?.ApproximateNumberOfMessagesDelayed).toBe('1'); // 'later' waits for what is left of its 120 s
    // Compacted: the new journal holds the three live messages only, under their new ids.
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.op, l.body]).sort()).toEqual([
      ['send', 'a'],
      ['send', 'c'],
      ['send', 'later'],
    ]);
  });

  it('after a second crash, drops the messages of queues that no longer exist', async () => {
    // 'a' and 'c' were received above (not deleted): they are still owed
    await crash();
    await start();
    const recovered = await journal!.recover({});
    expect(recovered).toEqual({ requeued: 0, dropped: 3 });
    expect(journal!.live().size).toBe(0);
  });
});

describe('npm start --data-dir', () => {
  const dir = tempDir();
  let rt: LocalRuntime | undefined;
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });
  const noConsumers: Topology = { ...testTopology, eventSources: [] };

  it('keeps the messages its pollers have not deleted across a restart, and not those they have', async () => {
    // prepare: the consumer takes 'done' and its poller deletes it; then, without consumers, 'owed' stays queued
    rt = await startLocalRuntime({ topology: testTopology, dataDir: dir, log: memoryLog(), idlePollMs: 20 });
    let sqs = clientFor(rt.sqsEndpoint);
    await sqs.send(new SendMessageCommand({ QueueUrl: rt.queueUrls.work, MessageBody: JSON.stringify({ id: 'done' }) }));
    await waitFor(async () => {
      const { Attributes: a } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: rt!.queueUrls.work, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(a?.ApproximateNumberOfMessages) + Number(a?.ApproximateNumberOfMessagesNotVisible) === 0;
    }, 'the consumer to take and delete the message');
    sqs.destroy();
    await rt.close();
    rt = await startLocalRuntime({ topology: noConsumers, dataDir: dir, log: memoryLog() });
    expect(rt.requeuedMessages).toBe(0);
    sqs = clientFor(rt.sqsEndpoint);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: rt.queueUrls.batched, Entries: ['owed-1', 'owed-2'].map((id, i) => ({ Id: String(i), MessageBody: JSON.stringify({ id }) })) }));
    sqs.destroy();
    await rt.close();

    // act
    rt = await startLocalRuntime({ topology: noConsumers, dataDir: dir, log: memoryLog() });

    // assess
    expect(rt.requeuedMessages).toBe(2);
    sqs = clientFor(rt.sqsEndpoint);
    try {
      expect((await drain(sqs, rt.queueUrls.batched!)).map((m) => JSON.parse(m.Body!).id).sort()).toEqual(['owed-1', 'owed-2']);
      expect(await drain(sqs, rt.queueUrls.work!)).toEqual([]);
    } finally {
      sqs.destroy();
    }
  });
});
