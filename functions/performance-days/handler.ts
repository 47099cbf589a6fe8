// performance-days: a schedule (EventBridge in AWS, a timer locally) that keeps rule performance's day aggregates:
// each closed day walked once, each day marked dirty recomputed from the stored parcels
// (shared/rule-lab/performance-aggregate.ts).
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../../shared/observability';
import { type AggregateRun, aggregateDays } from '../../shared/rule-lab/performance-aggregate';
import { performanceDaysDeps } from '../../shared/wiring';

export const handler = middy<ScheduledEvent, AggregateRun, Error, Context>().handler(async () => {
  const run = await aggregateDays(performanceDaysDeps());
  if (run.walked.length > 0 || run.recomputed.length > 0) logger.info('rule performance days aggregated', { walked: run.walked.length, recomputed: run.recomputed.length, left: run.left });
  return run;
});
