// Alarms (to an SNS topic that mails the region's alarm e-mails) and one dashboard per region:
// every DLQ non-empty, each queue's oldest message too old, each function's errors and throttles,
// and webhook deliveries that exhausted their retries.
import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import type { Topology } from '../topology-types';
import { dlqName } from '../topology-types';
import { ALARMED_COUNTS } from '#shared/resources';
import type { PipelineApi } from './http-api';
import { constructId } from './names';
import { METRICS_NAMESPACE, type PipelineFunction, SERVICE_NAME } from './pipeline-function';
import type { QueuePair } from './stateful-stack';

/**
 * Emitted by the webhook code (Powertools Metrics, EMF) once per delivery that exhausted its retries.
 * Powertools adds the `service` dimension (POWERTOOLS_SERVICE_NAME, the same for every function).
 */
export const WEBHOOK_EXHAUSTED_METRIC = { namespace: METRICS_NAMESPACE, metricName: ALARMED_COUNTS.webhookExhausted, dimensionsMap: { service: SERVICE_NAME } };
export const PARCELS_RECONCILED_METRIC = { namespace: METRICS_NAMESPACE, metricName: ALARMED_COUNTS.parcelsReconciled, dimensionsMap: { service: SERVICE_NAME } };
export const SANCTIONS_LIST_REFUSED_METRIC = { namespace: METRICS_NAMESPACE, metricName: ALARMED_COUNTS.sanctionsListRefused, dimensionsMap: { service: SERVICE_NAME } };

/** The oldest message may wait this long before an alarm: the time a failing message takes to reach its DLQ, at least 15 minutes. */
export const oldestMessageThresholdSeconds = (q: Topology['queues'][number]): number => Math.max(q.maxReceiveCount * q.visibilityTimeoutSeconds, 900);

export interface MonitoringProps {
  topology: Topology;
  config: RegionConfig;
  functions: Map<string, PipelineFunction>;
  queues: Map<string, QueuePair>;
  api: PipelineApi;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cw.Alarm[] = [];
  readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { topology, functions, queues } = props;
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: `EAD pipeline alarms (${props.config.region})`, enforceSSL: true });
    for (const email of props.config.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: cw.IMetric, threshold: number, op = cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD) => {
      const a = new cw.Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: op,
        treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    for (const def of topology.queues) {
      const pair = queues.get(def.name);
      if (!pair) throw new Error(`queue '${def.name}' was not created`);
      alarm(
        constructId(dlqName(def.name), 'NotEmpty'),
        `${dlqName(def.name)} holds messages that failed ${def.maxReceiveCount} times: inspect, fix, redrive`,
        pair.dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cw.Stats.MAXIMUM }),
        1,
      );
      const limit = oldestMessageThresholdSeconds(def);
      alarm(
        constructId(def.name, 'OldestMessage'),
        `${def.name}: the oldest message has waited over ${limit} s (consumer stopped, throttled or behind)`,
        pair.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cw.Stats.MAXIMUM }),
        limit,
        cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
      );
    }
    for (const [name, f] of functions) {
      alarm(constructId(name, 'Errors'), `${name}: invocations failed (unhandled errors or timeouts)`, f.fn.metricErrors({ period: Duration.minutes(5), statistic: cw.Stats.SUM }), 1);
      alarm(constructId(name, 'Throttles'), `${name}: invocations throttled (concurrency limit)`, f.fn.metricThrottles({ period: Duration.minutes(5), statistic: cw.Stats.SUM }), 1);
    }
    const exhausted = new cw.Metric({ ...WEBHOOK_EXHAUSTED_METRIC, period: Duration.minutes(5), statistic: cw.Stats.SUM });
    alarm('WebhookDeliveryExhausted', 'Webhook deliveries exhausted their retries: see GET /v1/webhooks/{id}/deliveries, then replay', exhausted, 1);
    const reconciled = new cw.Metric({ ...PARCELS_RECONCILED_METRIC, period: Duration.minutes(15), statistic: cw.Stats.SUM });
    alarm('ParcelsReconciled', 'Parcels were stored but not queued for assessment (ingest crashed or the queue failed): the reconciler queued them again; look at ingest errors', reconciled, 1);

    const refused = new cw.Metric({ ...SANCTIONS_LIST_REFUSED_METRIC, period: Duration.minutes(15), statistic: cw.Stats.SUM });
    alarm(
      'SanctionsListRefused',
      'A sanctions list release under incoming/ was refused (not an SDN list, or it shrank more than the region allows): the list in use stays; see the sanctions-refresh logs',
      refused,
      1,
    );

    this.dashboard = this.buildDashboard(props, exhausted);
  }

  private buildDashboard(props: MonitoringProps, exhausted: cw.Metric): cw.Dashboard {
    const { functions, queues, api } = props;
    const d = new cw.Dashboard(this, 'Dashboard', { dashboardName: `ead-pipeline-${props.config.region}`, defaultInterval: Duration.hours(3) });
    const fns = [...functions.values()];
    const per = (title: string, metric: (f: PipelineFunction) => cw.Metric) => new cw.GraphWidget({ title, width: 8, left: fns.map((f) => metric(f).with({ label: f.def.name })) });
    const pairs = [...queues.entries()];
    d.addWidgets(
      new cw.GraphWidget({
        title: 'API requests and errors',
        width: 12,
        left: [api.api.metricCount({ label: 'requests' }), api.api.metricClientError({ label: '4xx' }), api.api.metricServerError({ label: '5xx' })],
      }),
      new cw.GraphWidget({ title: 'API latency (p50, p99)', width: 12, left: [api.api.metricLatency({ statistic: 'p50', label: 'p50' }), api.api.metricLatency({ statistic: 'p99', label: 'p99' })] }),
    );
    d.addWidgets(
      per('Invocations', (f) => f.fn.metricInvocations()),
      per('Errors', (f) => f.fn.metricErrors()),
      per('Duration p99', (f) => f.fn.metricDuration({ statistic: 'p99' })),
    );
    d.addWidgets(
      new cw.GraphWidget({ title: 'Queue depth', width: 8, left: pairs.map(([n, p]) => p.queue.metricApproximateNumberOfMessagesVisible({ label: n })) }),
      new cw.GraphWidget({ title: 'Oldest message age (s)', width: 8, left: pairs.map(([n, p]) => p.queue.metricApproximateAgeOfOldestMessage({ label: n, statistic: cw.Stats.MAXIMUM })) }),
      new cw.GraphWidget({
        title: 'Dead-letter queues and exhausted webhooks',
        width: 8,
        left: pairs.map(([n, p]) => p.dlq.metricApproximateNumberOfMessagesVisible({ label: dlqName(n), statistic: cw.Stats.MAXIMUM })),
        right: [exhausted.with({ label: 'webhook deliveries exhausted' })],
      }),
    );
    d.addWidgets(new cw.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms }));
    return d;
  }
}
