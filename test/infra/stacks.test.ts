// The two stacks of each region, rendered from the topology: what each resource is configured with.
import { Match } from 'aws-cdk-lib/assertions';
import { oldestMessageThresholdSeconds, PARCELS_RECONCILED_METRIC, WEBHOOK_EXHAUSTED_METRIC } from '#infra/cdk/monitoring';
import { constructId } from '#infra/cdk/names';
import { regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { dlqName, queueEnvVar, tableEnvVar } from '#infra/topology-types';
import { extendedTopology } from './fixtures';
import { REGIONS, functionResource, importedResource, importedValue, resourceByConstructId, resourcesOf, useSynthesized } from './synth';

const STATEFUL = ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy'];
/** A provisioned table's autoscaling lives beside it (no data: nothing to retain). */
const TABLE_SCALING = ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy'];

describe.each(REGIONS)('%s', (region) => {
  const config = regionConfig(region);
  const synthesized = useSynthesized(region);
  let { s, ext } = synthesized;
  beforeAll(() => void ({ s, ext } = synthesized));

  test('one data stack and one service stack, in the region, data first', () => {
    expect(s.data.stackName).toBe(`EadPipeline-${region}-data`);
    expect(s.service.stackName).toBe(`EadPipeline-${region}-service`);
    expect(s.data.region).toBe(region);
    expect(s.service.region).toBe(region);
    expect(s.service.dependencies).toContain(s.data);
    expect(s.data.terminationProtection).toBe(true);
  });

  test('stateful resources only in the data stack, all retained', () => {
    const data = s.dataTemplate.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
    for (const r of Object.values(data)) {
      if (r.Type === 'AWS::CDK::Metadata' || r.Type === 'AWS::SQS::QueuePolicy' || r.Type === 'AWS::S3::BucketPolicy' || TABLE_SCALING.includes(r.Type)) continue;
      expect(STATEFUL).toContain(r.Type);
      expect([r.Type, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([r.Type, 'Retain', 'Retain']);
    }
    for (const type of STATEFUL) s.serviceTemplate.resourceCountIs(type, 0);
  });

  test('functions: nodejs22.x on arm64, traced, JSON logs to their own log group, Powertools and region environment', () => {
    for (const def of topology.functions) {
      const [, fn] = functionResource(s.serviceTemplate, def.name);
      const p = fn.Properties as Record<string, any>;
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.MemorySize).toBe(def.memoryMb);
      expect(p.Timeout).toBe(def.timeoutSeconds);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig.LogFormat).toBe('JSON');
      expect(p.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
      const env = p.Environment.Variables as Record<string, unknown>;
      expect(env).toMatchObject({
        ...regionEnv(config),
        POWERTOOLS_SERVICE_NAME: 'ead-pipeline',
        POWERTOOLS_METRICS_NAMESPACE: 'EadPipeline',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
      // Each binding's variable carries that very table's name / queue's URL, exported by the data stack.
      // (A table's Ref is its name, a queue's Ref its URL.)
      for (const b of def.tables)
        expect([b.table, importedValue(s.dataTemplate, env[tableEnvVar(b.table)])]).toEqual([
          b.table,
          { Ref: resourceByConstructId(s.dataTemplate, 'AWS::DynamoDB::Table', constructId(b.table, 'Table'))[0] },
        ]);
      for (const q of def.sends)
        expect([q, importedValue(s.dataTemplate, env[queueEnvVar(q)])]).toEqual([q, { Ref: resourceByConstructId(s.dataTemplate, 'AWS::SQS::Queue', constructId(q, 'Queue'))[0] }]);
      for (const [k, v] of Object.entries(def.environment ?? {})) expect(env[k]).toBe(v);
    }
    s.serviceTemplate.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: config.logRetentionDays });
  });

  test('functions that read reference data get REFERENCE_DATA_DIR, pointing into their bundle', () => {
    const [, ingest] = functionResource(s.serviceTemplate, 'ingest');
    expect((ingest.Properties as any).Environment.Variables.REFERENCE_DATA_DIR).toBe('/var/task/data');
  });

  test('HTTP API: Lambda authorizer with simple responses, no cache and no identity source; every route as declared', () => {
    s.serviceTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
    const [authorizerId] = Object.keys(s.serviceTemplate.findResources('AWS::ApiGatewayV2::Authorizer'));
    const [authorizerFnId] = functionResource(s.serviceTemplate, topology.authorizer.function);
    expect(JSON.stringify(s.serviceTemplate.findResources('AWS::ApiGatewayV2::Authorizer'))).toContain(authorizerFnId);
    const integrations = s.serviceTemplate.findResources('AWS::ApiGatewayV2::Integration') as Record<string, any>;
    for (const route of topology.routes) {
      const found = resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties!.RouteKey === `${route.method} ${route.path}`);
      expect(found).toHaveLength(1);
      const props = found[0]![1].Properties as any;
      if (route.auth === 'apiKey') expect(props).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      else expect(props.AuthorizationType ?? 'NONE').toBe('NONE');
      const integrationId = (props.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
      const [fnId] = functionResource(s.serviceTemplate, route.function);
      expect(JSON.stringify(integrations[integrationId.Ref].Properties.IntegrationUri)).toContain(fnId);
    }
  });

  test('stage: $default, auto-deployed, throttled, JSON access logs to a log group', () => {
    const [logsId] = Object.entries(s.serviceTemplate.findResources('AWS::Logs::LogGroup')).find(([id]) => id.includes('AccessLogs'))!;
    s.serviceTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: config.apiStageRatePerSecond, ThrottlingBurstLimit: config.apiStageBurst },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logsId, 'Arn'] }, Format: Match.stringLikeRegexp('^\\{"requestId":"\\$context.requestId"') },
    });
    const stage = resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Stage')[0]![1];
    expect(Object.keys(JSON.parse((stage.Properties as any).AccessLogSettings.Format))).toEqual(expect.arrayContaining(['status', 'routeKey', 'keyId', 'integrationError']));
  });

  test('queues: SSE, TLS only, a DLQ after maxReceiveCount, visibility ≥ 6 × consumer timeout + window', () => {
    for (const def of topology.queues) {
      // Found by its exact construct id, so queues with the same settings cannot be taken for one another.
      const [queueId, queue] = resourceByConstructId(s.dataTemplate, 'AWS::SQS::Queue', constructId(def.name, 'Queue'));
      expect(queue.Properties!.VisibilityTimeout).toBe(def.visibilityTimeoutSeconds);
      const redrive = (queue.Properties as any).RedrivePolicy;
      expect(redrive.maxReceiveCount).toBe(def.maxReceiveCount);
      const dlqId = redrive.deadLetterTargetArn['Fn::GetAtt'][0] as string;
      // The redrive target is this queue's own DLQ, not another's.
      expect(dlqId).toBe(resourceByConstructId(s.dataTemplate, 'AWS::SQS::Queue', constructId(dlqName(def.name), 'Queue'))[0]);
      const dlq = s.dataTemplate.toJSON().Resources[dlqId];
      expect(dlq.Properties.MessageRetentionPeriod).toBe(Math.min(def.dlqRetentionDays, 14) * 86400);
      // What AWS will run: the rendered mappings on this queue, their functions' rendered timeouts and windows.
      const mappings = resourcesOf(s.serviceTemplate, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => importedResource(s.dataTemplate, m.Properties!.EventSourceArn) === queueId);
      expect(mappings).toHaveLength(topology.eventSources.filter((e) => e.queue === def.name).length);
      for (const [, m] of mappings) {
        const fnId = (m.Properties!.FunctionName as { Ref: string }).Ref;
        const timeout = s.serviceTemplate.toJSON().Resources[fnId].Properties.Timeout as number;
        const window = (m.Properties!.MaximumBatchingWindowInSeconds as number | undefined) ?? 0;
        expect(queue.Properties!.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout + window);
      }
    }
    s.dataTemplate.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const [, policy] of resourcesOf(s.dataTemplate, 'AWS::SQS::QueuePolicy')) {
      expect((policy.Properties as any).PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  test('event sources: partial batch failures, batch size, window and max concurrency from the topology', () => {
    for (const source of topology.eventSources) {
      const [fnId] = functionResource(s.serviceTemplate, source.function);
      s.serviceTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fnId },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: source.batchSize,
        ScalingConfig: { MaximumConcurrency: source.maxConcurrency },
        ...(source.maxBatchingWindowSeconds ? { MaximumBatchingWindowInSeconds: source.maxBatchingWindowSeconds } : {}),
      });
    }
  });

  test('tables: on demand or provisioned as the region says (test/infra/capacity.test.ts), PITR, customer-managed KMS key with rotation, keys and indexes as declared', () => {
    s.dataTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const def of topology.tables) {
      s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: config.capacity.mode === 'on-demand' ? 'PAY_PER_REQUEST' : Match.absent(),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
        DeletionProtectionEnabled: true,
        KeySchema: [{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }, ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : [])],
        ...(def.indexes.length ? { GlobalSecondaryIndexes: Match.arrayWith(def.indexes.map((ix) => Match.objectLike({ IndexName: ix.name }))) } : {}),
        ...(def.ttlAttribute ? { TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } } : {}),
      });
    }
  });

  test('TTL, INCLUDE/ALL projections, schedules and secrets as an extended topology declares them', () => {
    const t = extendedTopology();
    const outbox = t.tables.find((x) => x.name === 'test-outbox')!;
    ext.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: outbox.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: [{ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    ext.serviceTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionResource(ext.serviceTemplate, 'test-outbox-relay')[0], 'Arn'] } })],
    });
    ext.dataTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `EadPipeline-${region}-data/TEST_OUTBOX_KEY`,
      GenerateSecretString: { PasswordLength: 43, ExcludePunctuation: true, IncludeSpace: false },
    });
    const [, relay] = functionResource(ext.serviceTemplate, 'test-outbox-relay');
    expect((relay.Properties as any).Environment.Variables.TEST_OUTBOX_KEY).toBe(`{{resolve:secretsmanager:EadPipeline-${region}-data/TEST_OUTBOX_KEY:SecretString:::}}`);
    // A function that does not name the secret does not get it.
    const [, ingest] = functionResource(ext.serviceTemplate, 'ingest');
    expect((ingest.Properties as any).Environment.Variables.TEST_OUTBOX_KEY).toBeUndefined();
  });

  test('alarms: every DLQ, oldest message per queue, errors and throttles per function, webhook exhaustion; all to the SNS topic', () => {
    const alarms = resourcesOf(s.serviceTemplate, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as any);
    const [topicId] = Object.keys(s.serviceTemplate.findResources('AWS::SNS::Topic'));
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    const on = (metric: string) => alarms.filter((a) => a.MetricName === metric);
    expect(on('ApproximateNumberOfMessagesVisible')).toHaveLength(topology.queues.length);
    expect(
      on('ApproximateAgeOfOldestMessage')
        .map((a) => a.Threshold)
        .sort(),
    ).toEqual(topology.queues.map(oldestMessageThresholdSeconds).sort());
    expect(on('Errors')).toHaveLength(topology.functions.length);
    expect(on('Throttles')).toHaveLength(topology.functions.length);
    expect(on('WebhookDeliveryExhausted')).toEqual([
      expect.objectContaining({ Namespace: WEBHOOK_EXHAUSTED_METRIC.namespace, Dimensions: [{ Name: 'service', Value: 'ead-pipeline' }], Threshold: 1, Statistic: 'Sum' }),
    ]);
    expect(on('ParcelsReconciled')).toEqual([
      expect.objectContaining({ Namespace: PARCELS_RECONCILED_METRIC.namespace, Dimensions: [{ Name: 'service', Value: 'ead-pipeline' }], Threshold: 1, Statistic: 'Sum' }),
    ]);
    s.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `ead-pipeline-${region}` });
    s.serviceTemplate.resourceCountIs('AWS::SNS::Subscription', config.alarmEmails.length);
  });
});
