// Sending to SQS in batches of at most 10 entries and 256 KiB, reporting which entries failed.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024 - 1024;

export async function sendBatch<T>(sqs: SQSClient, queueUrl: string, items: T[]): Promise<T[]> {
  const failed: T[] = [];
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);

  await Promise.all(
    chunks.map(async (c) => {
      try {
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: c.map((item, i) => ({ Id: String(i), MessageBody: JSON.stringify(item) })) }));
        for (const f of out.Failed ?? []) failed.push(c[Number(f.Id)]!);
      } catch {
        failed.push(...c);
      }
    }),
  );
  return failed;
}
