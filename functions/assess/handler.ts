// assess: consumes the assess queue. Each message stands alone: failures are reported per message
// (batchItemFailures, by Powertools' BatchProcessor) so one poison message goes to the DLQ after maxReceiveCount
// without holding the rest. The events of the whole batch are published together: one SendMessageBatch per
// 10 events rather than one per parcel.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/observability';
import { assessQueuedParcel } from '../../shared/parcels/assess';
import { rescreenMessage, rescreenQueuedParcel } from '../../shared/parcels/rescreen';
import type { PublishedEvent } from '../../shared/parcels/events';
import { assessDeps, currentList, rescreenDeps } from '../../shared/wiring';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => {
    const deps = assessDeps();
    // A newly accepted sanctions list is picked up here: active.json is read at most every SANCTIONS_LIST_CHECK_SECONDS.
    await currentList().refresh();
    const published: { messageId: string; events: PublishedEvent[] }[] = [];
    const assessOne = async (record: SQSRecord): Promise<void> => {
      const events: PublishedEvent[] = [];
      try {
        const collect = { publish: async (e: PublishedEvent[]) => void events.push(...e) };
        const rescreen = rescreenMessage(record.body);
        const result = rescreen ? await rescreenQueuedParcel(rescreen, { ...rescreenDeps(), events: collect }) : await assessQueuedParcel(record.body, { ...deps, events: collect });
        if (result.outcome === 'assessed') {
          // Not issued: a standing officer's decision or hold binds the engine; its answer is recorded in the assessment.
          logger.info(result.issued ? 'customs response issued' : 'assessment recorded; the standing response stands', {
            itemId: result.parcel.itemId,
            version: result.parcel.version,
            code: result.customsResponse.code,
          });
        } else logger.info('message skipped', { messageId: record.messageId, reason: result.reason });
        if (events.length > 0) published.push({ messageId: record.messageId, events });
      } catch (err) {
        logger.error('message failed', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
        throw err;
      }
    };
    // One processor per invocation: it keeps the batch's state, and the local runtime runs invocations side by side.
    // A batch that fails whole is answered like any other (every id listed), not thrown.
    const { batchItemFailures } = await processPartialResponse(event, assessOne, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
    if (published.length > 0) {
      try {
        await deps.events.publish(published.flatMap((p) => p.events));
      } catch (err) {
        // Redelivered messages find their version assessed and publish its events again, with the same ids.
        logger.error('events could not be published; their messages will be retried', { count: published.length, error: err as Error });
        batchItemFailures.push(...published.map((p) => ({ itemIdentifier: p.messageId })));
      }
    }
    return { batchItemFailures };
  });
