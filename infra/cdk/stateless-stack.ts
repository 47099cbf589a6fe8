// The region's code and its wiring: functions, their bindings and event sources, the HTTP API, schedules,
// alarms and the dashboard. Nothing here holds data, so it can be replaced freely.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type RegionConfig, regionEnv } from '../regions';
import { bucketEnvVar, type Topology } from '../topology-types';
import { PipelineApi } from './http-api';
import { Monitoring } from './monitoring';
import { constructId } from './names';
import { type CodeMode, PipelineFunction, type SdkMode } from './pipeline-function';
import { type StatefulStack, bucketNameFor } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  topology: Topology;
  config: RegionConfig;
  data: StatefulStack;
  code: CodeMode;
  sdk?: SdkMode;
}

/** CloudWatch Logs accepts only some retention periods. */
export function retentionDays(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention; use one of ${allowed.join(', ')}`);
  return days;
}

export class StatelessStack extends Stack {
  readonly functions = new Map<string, PipelineFunction>();
  readonly api: PipelineApi;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { topology, config, data } = props;
    this.addStackDependency(data, 'functions read the secrets by name, resolved when this stack deploys');
    const logRetention = retentionDays(config.logRetentionDays);
    const need = <T>(m: Map<string, T>, kind: string, name: string): T => {
      const v = m.get(name);
      if (v === undefined) throw new Error(`${kind} '${name}' is not declared in the topology`);
      return v;
    };

    for (const def of topology.functions) {
      const f = new PipelineFunction(this, constructId(def.name, 'Function'), { def, environment: regionEnv(config), logRetention, code: props.code, sdk: props.sdk });
      // The environment the local runtime renders too (infra/function-env.ts), each binding with its grant.
      f.renderEnvironment({
        table: (b) => {
          const tableDef = topology.tables.find((t) => t.name === b.table);
          if (!tableDef) throw new Error(`table '${b.table}' is not declared in the topology`);
          return f.bindTable({ def: tableDef, table: need(data.tables, 'table', b.table), key: data.dataKey, accessMode: b.access });
        },
        queue: (q) => f.bindSender({ queue: need(data.queues, 'queue', q).queue }),
        // A secret's value in the environment, resolved by CloudFormation at deploy time (see infra/cdk/README.md).
        secret: (s) => need(data.secretReferences, 'secret', s),
        bucket: (b) => {
          need(data.buckets, 'bucket', b.bucket);
          const def = topology.buckets?.find((d) => d.name === b.bucket);
          const key = def?.personalData ? data.dataKey : undefined;
          return [bucketEnvVar(b.bucket), f.bindBucket({ name: b.bucket, bucketName: bucketNameFor(data.stackName, b.bucket), accessMode: b.access, listable: def?.listable, key })];
        },
      });
      this.functions.set(def.name, f);
    }
    for (const source of topology.eventSources) {
      need(this.functions, 'function', source.function).consume({ queue: need(data.queues, 'queue', source.queue).queue, source });
    }
    for (const s of topology.schedules) {
      new events.Rule(this, constructId(s.name, 'Schedule'), {
        description: `EAD pipeline: ${s.name}, every ${s.rateMinutes} min`,
        schedule: events.Schedule.rate(Duration.minutes(s.rateMinutes)),
        targets: [new targets.LambdaFunction(need(this.functions, 'function', s.function).fn, { retryAttempts: 2 })],
      });
    }
    this.api = new PipelineApi(this, 'Http', { topology, functions: this.functions, config, logRetention });
    this.monitoring = new Monitoring(this, 'Monitoring', { topology, config, functions: this.functions, queues: data.queues, api: this.api });
  }
}
