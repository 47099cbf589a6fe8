// The counts the CDK stack alarms on (Powertools Metrics, EMF; infra/cdk/monitoring.ts), apart from the logger so
// that only the functions that count carry the metrics library. Namespace and service come from
// POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME.
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { ALARMED_COUNTS } from './resources';
import { once } from './util';

/**
 * Each instance's own Metrics, built on first use from its environment, as the Logger is (observability.ts): one per
 * process in Lambda, one per function in the local runtime (once() keeps a value per function scope there). Before, the
 * first function to load this module fixed the namespace, service and disabled flag every function's counts went out with.
 */
const instanceMetrics = once(
  () =>
    new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'EadPipeline',
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ead-pipeline',
    }),
);

/** Adds to one of the alarmed counts (shared/resources.ts), published at once. */
export function count(metric: (typeof ALARMED_COUNTS)[keyof typeof ALARMED_COUNTS], n: number): void {
  if (n <= 0) return;
  const metrics = instanceMetrics();
  metrics.addMetric(metric, MetricUnit.Count, n);
  metrics.publishStoredMetrics();
}
