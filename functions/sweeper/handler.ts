// sweeper: a schedule (EventBridge in AWS, a timer locally) that queues the webhook attempts that are
// due: those waiting longer than SQS can delay, and any whose message or consumer was lost.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '#shared/observability';
import { sweep } from '#shared/webhooks/sweep';
import { sweepDeps } from '#shared/wiring/webhooks';

export const handler = middy<ScheduledEvent, { queued: number }, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const result = await sweep(sweepDeps());
    if (result.queued > 0) logger.info('due webhook attempts queued', result);
    return result;
  });
