// reconcile: a schedule (EventBridge in AWS, a timer locally) that queues again the parcel versions left
// unassessed longer than the region's limit (shared/parcels/reconcile.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '#shared/observability';
import { count } from '#shared/metrics';
import { reconcile } from '#shared/parcels/reconcile';
import { ALARMED_COUNTS } from '#shared/resources';
import { reconcileDeps } from '#shared/wiring/parcels';

export const handler = middy<ScheduledEvent, { requeued: number; failed: number }, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const result = await reconcile(reconcileDeps());
    if (result.requeued > 0 || result.failed > 0) logger.warn('parcels left unassessed were queued again', result);
    count(ALARMED_COUNTS.parcelsReconciled, result.requeued);
    if (result.failed > 0) throw new Error(`${result.failed} parcel version(s) could not be queued again; the next run retries`);
    return result;
  });
