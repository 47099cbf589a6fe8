// assess: consumes the assess queue. Each message stands alone: failures are reported per message
// (batchItemFailures, by Powertools' BatchProcessor) so one poison message goes to the DLQ after maxReceiveCount
// without holding the rest. A parcel's events are published as soon as it is recorded, not after the whole batch
// (which held them 160-470 ms locally): a parcel whose events cannot be queued fails alone and is retried. While one
// SendMessageBatch is in flight, the parcels recorded meanwhile wait for it and go together in the next, so a busy
// batch still sends about one request per 10 events and an idle one adds no wait.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability';
import { assessQueuedParcel } from '#shared/parcels/assess';
import { withGatheredParcelGets } from '#shared/parcels/gathered-reads';
import { rescreenMessage, rescreenQueuedParcel } from '#shared/parcels/rescreen';
import type { EventPublisher, PublishedEvent } from '#shared/parcels/events';
import { assessDeps, rescreenDeps } from '#shared/wiring/assess';
import { currentList } from '#shared/wiring/risk';

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => {
    const deps = assessDeps();
    // A newly accepted sanctions list is picked up here: active.json is read at most every SANCTIONS_LIST_CHECK_SECONDS.
    await currentList().refresh();
    const events = soonPublisher(deps.events);
    // The batch's parcels are read together: the reads its messages start at once go in one consistent BatchGetItem.
    const store = withGatheredParcelGets(deps.store);
    const tally = { issued: 0, standing: 0, skipped: 0 };
    const codes: Record<string, number> = {};
    const itemIds: string[] = [];
    const assessOne = async (record: SQSRecord): Promise<void> => {
      try {
        const rescreen = rescreenMessage(record.body);
        const result = rescreen ? await rescreenQueuedParcel(rescreen, { ...rescreenDeps(), store, events }) : await assessQueuedParcel(record.body, { ...deps, store, events });
        if (result.outcome === 'assessed') {
          // Not issued: a standing officer's decision or hold binds the engine; its answer is recorded in the assessment.
          tally[result.issued ? 'issued' : 'standing']++;
          codes[result.customsResponse.code] = (codes[result.customsResponse.code] ?? 0) + 1;
          itemIds.push(result.parcel.itemId);
          logger.debug(result.issued ? 'customs response issued' : 'assessment recorded; the standing response stands', {
            itemId: result.parcel.itemId,
            version: result.parcel.version,
            code: result.customsResponse.code,
          });
        } else {
          tally.skipped++;
          logger.info('message skipped', { messageId: record.messageId, reason: result.reason });
        }
      } catch (err) {
        // Events that could not be queued land here too: the redelivered message finds its version assessed and
        // publishes its events again, with the same ids.
        logger.error('message failed', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: err as Error });
        throw err;
      }
    };
    // One processor per invocation: it keeps the batch's state, and the local runtime runs invocations side by side.
    // A batch that fails whole is answered like any other (every id listed), not thrown.
    const { batchItemFailures } = await processPartialResponse(event, assessOne, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
    // One INFO line per batch (the parcels' ids and response codes: no personal data); each parcel's at DEBUG.
    logger.info('batch assessed', { messages: event.Records.length, ...tally, failed: batchItemFailures.length, codes, itemIds });
    return { batchItemFailures };
  });

/**
 * Publishes each caller's events at once when nothing is in flight; events handed over while a send is in flight go
 * together in the next one. Each caller's promise settles with the send that carried its events.
 */
export function soonPublisher(target: EventPublisher): EventPublisher {
  let waiting: { events: PublishedEvent[]; done: (err?: Error) => void }[] = [];
  let sending = false;
  const drain = async () => {
    sending = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      const err = await target.publish(group.flatMap((g) => g.events)).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e : new Error('publishing failed', { cause: e })),
      );
      for (const g of group) g.done(err);
    }
    sending = false;
  };
  return {
    publish: (events) =>
      events.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiting.push({ events, done: (err) => (err === undefined ? resolve() : reject(err)) });
            if (!sending) void drain();
          }),
  };
}
