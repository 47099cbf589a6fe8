// Powertools Metrics (EMF): counts the CDK stack alarms on (infra/cdk/monitoring.ts). Namespace and service come
// from POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME.
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { ALARMED_COUNTS } from '../resources';

export { ALARMED_COUNTS };

export const pipelineMetrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'EadPipeline',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ead-pipeline',
});

export function count(metric: (typeof ALARMED_COUNTS)[keyof typeof ALARMED_COUNTS], n: number): void {
  if (n <= 0) return;
  pipelineMetrics.addMetric(metric, MetricUnit.Count, n);
  pipelineMetrics.publishStoredMetrics();
}

export const countExhausted = (n: number): void => count(ALARMED_COUNTS.webhookExhausted, n);
