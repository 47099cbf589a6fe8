// replay: consumes the replay queue, one plan step or page of a what-if replay per message (shared/rule-lab/replay.ts).
// Failures are reported per message; a message that keeps failing ends in the DLQ, and its last try marks the replay FAILED. It reads parcels and never writes one.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '#shared/observability';
import { runReplayMessage } from '#shared/rule-lab/replay';
import { replayDeps } from '#shared/wiring/rule-lab';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const failures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      try {
        const result = await runReplayMessage(record.body, replayDeps(), { receiveCount: Number(record.attributes.ApproximateReceiveCount) });
        if (result.outcome === 'skipped') logger.info('replay message skipped', { messageId: record.messageId, reason: result.reason });
      } catch (err) {
        logger.error('replay message failed', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  });
