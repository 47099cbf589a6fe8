// The deliver queue: one message per (event, subscription) attempt, with SQS's per-message delay.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AttemptMessage, AttemptQueue } from '../webhooks/ports';

export function sqsAttemptQueue(sqs: SQSClient, queueUrl: string): AttemptQueue {
  return {
    async send(items) {
      for (let i = 0; i < items.length; i += 10) {
        const chunk = items.slice(i, i + 10);
        const out = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((it, j) => ({ Id: String(j), MessageBody: JSON.stringify(it.message satisfies AttemptMessage), DelaySeconds: Math.min(900, Math.max(0, Math.ceil(it.delaySeconds))) })),
          }),
        );
        if (out.Failed?.length) throw new Error(`${out.Failed.length} webhook attempt(s) could not be queued (${out.Failed.map((f) => f.Code).join(', ')})`);
      }
    },
  };
}
