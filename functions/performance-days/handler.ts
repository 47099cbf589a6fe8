// performance-days: a schedule (EventBridge in AWS, a timer locally) that keeps rule performance's day aggregates:
// each closed day walked once, each day marked dirty recomputed from the stored parcels
// (shared/rule-lab/performance-aggregate.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '#shared/observability';
import { type AggregateRun, aggregateDays } from '#shared/rule-lab/performance-aggregate';
import { performanceDaysDeps } from '#shared/wiring/rule-lab';

/**
 * One run at a time per instance: a tick that finds the previous run still going skips (the next tick goes on).
 * Runs in other instances may overlap, which is harmless: each aggregate is a recomputation, not an increment.
 */
let running: Promise<AggregateRun> | undefined;
const skipped: AggregateRun = { walked: [], recomputed: [], left: 0 };

export const handler = middy<ScheduledEvent, AggregateRun, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    if (running) return skipped;
    running = aggregateDays(performanceDaysDeps());
    try {
      const run = await running;
      if (run.walked.length > 0 || run.recomputed.length > 0 || (run.packed?.length ?? 0) > 0) {
        logger.info('rule performance days aggregated', { walked: run.walked.length, recomputed: run.recomputed.length, packed: run.packed?.length ?? 0, left: run.left });
      }
      return run;
    } finally {
      running = undefined;
    }
  });
