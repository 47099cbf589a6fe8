// publish: consumes the publish queue (parcel events). Each event becomes one delivery record and one attempt
// message per subscription that receives it; the HTTP calls happen in deliver, so no endpoint holds up another.
// Failures are reported per message (Powertools' BatchProcessor): a body that is not a parcel event fails until the
// queue moves it to its DLQ, kept for inspection, never dropped.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability';
import { publishedEvent } from '#shared/parcels/messages';
import { type OwnerCache, publishEvent } from '#shared/webhooks/publish';
import { publishDeps } from '#shared/wiring/webhooks';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => {
    const deps = publishDeps();
    // The events of one parcel share their owners: their subscriptions are read once a batch.
    const cache: OwnerCache = new Map();
    const publishOne = async (record: SQSRecord): Promise<void> => {
      const published = publishedEvent(record.body);
      if (!published) {
        logger.error('not a parcel event', { messageId: record.messageId });
        throw new Error('not a parcel event');
      }
      try {
        const r = await publishEvent(published, deps, cache);
        logger.info('event fanned out', { eventId: published.event.id, type: published.event.type, itemId: published.event.data.itemId, matched: r.matched, queued: r.queued });
      } catch (err) {
        logger.error('fan-out failed', { messageId: record.messageId, eventId: published.event.id, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
        throw err;
      }
    };
    // One processor per invocation (the local runtime runs invocations side by side); the batch (at most 10) at once.
    // A batch that fails whole is answered like any other (every id listed), not thrown.
    return processPartialResponse(event, publishOne, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
  });
