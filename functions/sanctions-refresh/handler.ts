// sanctions-refresh: a schedule (EventBridge in AWS, a timer locally) that takes a newly published sanctions list,
// refuses and alarms on one that is not a list or shrank too much, and re-screens the parcels it may change
// (shared/screening/refresh.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { count } from '#shared/metrics';
import { logger } from '#shared/observability';
import { ALARMED_COUNTS } from '#shared/resources';
import { type RefreshResult, refreshSanctionsList } from '#shared/screening/refresh';
import { refreshDeps } from '#shared/wiring/risk';

export const handler = middy<ScheduledEvent, RefreshResult, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const result = await refreshSanctionsList(refreshDeps());
    if (result.outcome === 'refused') {
      logger.error('sanctions list release refused; the list in use stays', result);
      count(ALARMED_COUNTS.sanctionsListRefused, 1);
    } else if (result.outcome !== 'unchanged') logger.info(result.outcome === 'accepted' ? 'sanctions list release accepted' : 'parcels screened again after a list update', result);
    if (result.outcome === 'rescreened' && result.failed > 0) throw new Error(`${result.failed} re-screening request(s) could not be queued; the next run screens the window again`);
    return result;
  });
