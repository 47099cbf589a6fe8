// Sending to SQS in batches of at most 10 entries and 256 KiB, reporting which entries failed.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024 - 1024;

export async function sendBatch<T>(sqs: SQSClient, queueUrl: string, items: T[]): Promise<T[]> {
  const failed: T[] = [];
  // Each item's body is serialised once: for its size here and as the message below.
  const chunks: { item: T; body: string }[][] = [];
  let chunk: { item: T; body: string }[] = [];
  let bytes = 0;
  for (const item of items) {
    const body = JSON.stringify(item);
    const size = Buffer.byteLength(body);
    if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push({ item, body });
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);

  await Promise.all(
    chunks.map(async (c) => {
      try {
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: c.map(({ body }, i) => ({ Id: String(i), MessageBody: body })) }));
        for (const f of out.Failed ?? []) failed.push(c[Number(f.Id)]!.item);
      } catch {
        failed.push(...c.map((e) => e.item));
      }
    }),
  );
  return failed;
}
