// publish: consumes the publish queue (parcel events). Each event becomes one delivery record and one attempt
// message per subscription that receives it; the HTTP calls happen in deliver, so no endpoint holds up another.
// The batch is fanned out together (shared/webhooks/publish.ts: one SendMessageBatch per lane, not per event), and
// failures are reported per message (batchItemFailures, as Powertools' BatchProcessor would): a body that is not a
// parcel event fails until the queue moves it to its DLQ, kept for inspection, never dropped. One INFO line per
// batch (counts and the item ids), an ERROR line per failed message.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '#shared/observability';
import type { PublishedEvent } from '#shared/parcels/events';
import { publishedEvent } from '#shared/parcels/messages';
import { type OwnerCache, publishEvents } from '#shared/webhooks/publish';
import { publishDeps } from '#shared/wiring/webhooks';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    const valid: { messageId: string; receiveCount: string; published: PublishedEvent }[] = [];
    for (const record of event.Records) {
      const published = publishedEvent(record.body);
      if (published) valid.push({ messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, published });
      else {
        logger.error('not a parcel event', { messageId: record.messageId });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    // The events of one parcel share their owners: their subscriptions are read once a batch.
    const cache: OwnerCache = new Map();
    const results = await publishEvents(
      valid.map((v) => v.published),
      publishDeps(),
      cache,
    );
    let matched = 0;
    let queued = 0;
    const itemIds: string[] = [];
    results.forEach((r, i) => {
      const { messageId, receiveCount, published } = valid[i]!;
      if (r instanceof Error) {
        logger.error('fan-out failed', { messageId, eventId: published.event.id, receiveCount, error: r });
        failures.push({ itemIdentifier: messageId });
        return;
      }
      matched += r.matched;
      queued += r.queued;
      itemIds.push(published.event.data.itemId);
      logger.debug('event fanned out', { eventId: published.event.id, type: published.event.type, itemId: published.event.data.itemId, matched: r.matched, queued: r.queued });
    });
    if (itemIds.length > 0) logger.info('events fanned out', { events: itemIds.length, matched, queued, failed: failures.length, itemIds });
    return { batchItemFailures: failures };
  });
