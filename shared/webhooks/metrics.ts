// Powertools Metrics (EMF) for webhook delivery: the CDK stack alarms on WebhookDeliveryExhausted
// (infra/cdk/monitoring.ts). Namespace and service come from POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME.
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';

export const webhookMetrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'EadPipeline',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ead-pipeline',
});

/** Counts deliveries that ended without success (retries exhausted, or never sent past an open circuit). */
export function countExhausted(n: number): void {
  if (n <= 0) return;
  webhookMetrics.addMetric('WebhookDeliveryExhausted', MetricUnit.Count, n);
  webhookMetrics.publishStoredMetrics();
}
