// The attempts consumer of either lane: one (event, subscription) attempt per message, a batch at once
// (Powertools' BatchProcessor reports failures per message). A failed HTTP call is not a failed message: it is
// logged and scheduled again. Only infrastructure errors fail a message (it comes back, and the claim keeps it
// from sending twice); a body that is not an attempt fails until the queue moves it to its DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability';
import { count } from '#shared/metrics';
import { ALARMED_COUNTS } from '#shared/resources';
import { batchedReads } from '#shared/webhooks/batched-reads';
import { type AttemptOutcome, attemptDelivery } from '#shared/webhooks/deliver';
import { attemptMessage } from '#shared/webhooks/messages';
import type { Lane } from '#shared/webhooks/ports';
import { WARNED_OUTCOMES } from '#shared/webhooks/records';
import { deliverDeps } from '#shared/wiring/webhooks';

export const deliverConsumer = (lane: Lane) =>
  middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      // The batch's record and subscription reads go together (batched-reads.ts): a request per store, not per attempt.
      const deps = batchedReads(deliverDeps(lane));
      let exhausted = 0;
      const outcomes: Partial<Record<AttemptOutcome, number>> = {};
      const attemptOne = async (record: SQSRecord): Promise<void> => {
        const m = attemptMessage(record.body);
        if (!m) {
          logger.error('not a webhook attempt', { messageId: record.messageId, lane });
          throw new Error('not a webhook attempt');
        }
        try {
          const outcome = await attemptDelivery(m, deps);
          if (outcome === 'exhausted') exhausted++;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          // Every attempt not simply delivered keeps its own line (WARN for what needs an operator's eye); a delivered
          // one is counted in the batch's INFO line below (its own line at DEBUG; each attempt is in the deliveries log).
          const line = { webhookId: m.subscriptionId, delivery: m.sk, cycle: m.cycle, attempt: m.attempt, lane, outcome };
          if (WARNED_OUTCOMES.has(outcome)) logger.warn('webhook attempt', line);
          else if (outcome === 'delivered') logger.debug('webhook attempt', line);
          else logger.info('webhook attempt', line);
        } catch (err) {
          logger.error('webhook attempt failed', { messageId: record.messageId, webhookId: m.subscriptionId, attempt: m.attempt, lane, error: err as Error });
          throw err;
        }
      };
      // One processor per invocation (the local runtime runs invocations side by side); a batch that fails whole is
      // answered like any other (every id listed), not thrown.
      const response = await processPartialResponse(event, attemptOne, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
      count(ALARMED_COUNTS.webhookExhausted, exhausted);
      logger.info('webhook attempts', { lane, attempts: event.Records.length, failed: response.batchItemFailures.length, ...outcomes });
      return response;
    });
