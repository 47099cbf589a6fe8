// process: consumes the assessment queue. Each message stands alone: failures are reported per message
// (batchItemFailures) so one poison message goes to the DLQ after maxReceiveCount without holding the rest.
import middy from '@middy/core';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/observability';
import { assessQueuedParcel } from '../../shared/parcels/assess';
import { mapLimit } from '../../shared/util';
import { assessDeps } from '../../shared/wiring';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event) => {
  const deps = assessDeps();
  const failures: SQSBatchItemFailure[] = [];
  await mapLimit(event.Records, 10, async (record) => {
    try {
      const result = await assessQueuedParcel(record.body, deps);
      if (result.outcome === 'assessed') {
        logger.info('customs response issued', { itemId: result.parcel.itemId, version: result.parcel.version, code: result.customsResponse.code });
      } else logger.info('message skipped', { messageId: record.messageId, reason: result.reason });
    } catch (err) {
      logger.error('message failed', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  });
  return { batchItemFailures: failures };
});
