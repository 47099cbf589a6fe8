// publish: consumes the publish queue (parcel events). Each event becomes one delivery record and one attempt
// message per subscription that receives it; the HTTP calls happen in deliver, so no endpoint holds up another.
import middy from '@middy/core';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/observability';
import type { PublishedEvent } from '../../shared/parcels/events';
import { mapLimit } from '../../shared/util';
import { type OwnerCache, publishEvent } from '../../shared/webhooks/publish';
import { publishDeps } from '../../shared/wiring';

function parse(body: string): PublishedEvent | undefined {
  try {
    const m = JSON.parse(body) as Partial<PublishedEvent>;
    const e = m.event;
    if (e && typeof e.id === 'string' && typeof e.type === 'string' && typeof e.createdAt === 'string' && typeof e.data?.itemId === 'string' && m.scope && typeof m.scope.submittedBy === 'string')
      return m as PublishedEvent;
  } catch {
    // not JSON
  }
  return undefined;
}

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event) => {
  const deps = publishDeps();
  const cache: OwnerCache = new Map();
  const failures: SQSBatchItemFailure[] = [];
  await mapLimit(event.Records, 10, async (record) => {
    const published = parse(record.body);
    if (!published) {
      // Reported as failed until the queue moves it to its DLQ: kept for inspection, never dropped.
      logger.error('not a parcel event', { messageId: record.messageId });
      failures.push({ itemIdentifier: record.messageId });
      return;
    }
    try {
      const r = await publishEvent(published, deps, cache);
      logger.info('event fanned out', { eventId: published.event.id, type: published.event.type, itemId: published.event.data.itemId, matched: r.matched, queued: r.queued });
    } catch (err) {
      logger.error('fan-out failed', { messageId: record.messageId, eventId: published.event.id, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  });
  return { batchItemFailures: failures };
});
