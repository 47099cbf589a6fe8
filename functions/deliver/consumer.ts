// The attempts consumer of either lane: one (event, subscription) attempt per message, a batch at once.
// A failed HTTP call is not a failed message: it is logged and scheduled again. Only infrastructure
// errors fail a message (it comes back, and the claim keeps it from sending twice).
import middy from '@middy/core';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/observability';
import { count } from '../../shared/metrics';
import { ALARMED_COUNTS } from '../../shared/resources';
import { attemptDelivery } from '../../shared/webhooks/deliver';
import type { AttemptMessage, Lane } from '../../shared/webhooks/ports';
import { deliverDeps } from '../../shared/wiring';

export function parseAttempt(body: string): AttemptMessage | undefined {
  try {
    const m = JSON.parse(body) as Partial<AttemptMessage>;
    if (typeof m.subscriptionId === 'string' && typeof m.sk === 'string' && Number.isInteger(m.cycle) && Number.isInteger(m.attempt)) return m as AttemptMessage;
  } catch {
    // not JSON
  }
  return undefined;
}

export const deliverConsumer = (lane: Lane) =>
  middy<SQSEvent, SQSBatchResponse, Error, Context>().handler(async (event) => {
    const deps = deliverDeps(lane);
    const failures: SQSBatchItemFailure[] = [];
    let exhausted = 0;
    await Promise.all(
      event.Records.map(async (record) => {
        const m = parseAttempt(record.body);
        if (!m) {
          logger.error('not a webhook attempt', { messageId: record.messageId, lane });
          failures.push({ itemIdentifier: record.messageId });
          return;
        }
        try {
          const outcome = await attemptDelivery(m, deps);
          if (outcome === 'exhausted') exhausted++;
          const log = outcome === 'retrying' || outcome === 'exhausted' || outcome === 'disabled' || outcome === 'cancelled' ? logger.warn.bind(logger) : logger.info.bind(logger);
          log('webhook attempt', { webhookId: m.subscriptionId, delivery: m.sk, cycle: m.cycle, attempt: m.attempt, lane, outcome });
        } catch (err) {
          logger.error('webhook attempt failed', { messageId: record.messageId, webhookId: m.subscriptionId, attempt: m.attempt, lane, error: err as Error });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    count(ALARMED_COUNTS.webhookExhausted, exhausted);
    return { batchItemFailures: failures };
  });
