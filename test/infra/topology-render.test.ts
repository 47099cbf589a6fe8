// Every element of the topology appears in the templates and nothing else does: resource counts by type
// follow from the topology alone. Grants are exactly what each binding needs. Broken topologies fail synth.
import { topologyProblems } from '#infra/topology-checks';
import { regionConfig } from '#infra/regions';
import { topology as declared } from '#infra/topology';
import { dlqName, type Topology } from '#infra/topology-types';
import { constructId } from '#infra/cdk/names';
import { clone, extendedTopology } from './fixtures';
import { actionsOf, countByType, functionResource, refersTo, resourceByConstructId, statementsOf, synthRegion } from './synth';

function expectedService(t: Topology, alarmEmails: number): Record<string, number> {
  const f = t.functions.length;
  const q = t.queues.length;
  const counts: Record<string, number> = {
    'AWS::Lambda::Function': f,
    'AWS::IAM::Role': f,
    'AWS::IAM::Policy': f,
    // one per function, plus the API's access logs
    'AWS::Logs::LogGroup': f + 1,
    'AWS::Lambda::EventSourceMapping': t.eventSources.length,
    'AWS::Events::Rule': t.schedules.length,
    // API Gateway may invoke each route's function (one per route) and the authorizer; each schedule its target
    'AWS::Lambda::Permission': t.routes.length + 1 + t.schedules.length,
    'AWS::ApiGatewayV2::Api': 1,
    'AWS::ApiGatewayV2::Stage': 1,
    'AWS::ApiGatewayV2::Authorizer': 1,
    'AWS::ApiGatewayV2::Integration': new Set(t.routes.map((r) => r.function)).size,
    'AWS::ApiGatewayV2::Route': t.routes.length,
    'AWS::SNS::Topic': 1,
    'AWS::SNS::TopicPolicy': 1,
    'AWS::SNS::Subscription': alarmEmails,
    // DLQ not empty + oldest message, per queue; errors + throttles, per function; webhook exhaustion; parcels reconciled; sanctions list refused
    'AWS::CloudWatch::Alarm': 2 * q + 2 * f + 3,
    'AWS::CloudWatch::Dashboard': 1,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

function expectedData(t: Topology, region: string): Record<string, number> {
  const secrets = new Set(t.functions.flatMap((f) => f.secrets ?? [])).size;
  // Provisioned capacity: reads and writes of each table and each index scale on their own.
  const scaled = regionConfig(region).capacity.mode === 'provisioned' ? t.tables.reduce((n, tb) => n + 2 * (1 + tb.indexes.length), 0) : 0;
  const counts: Record<string, number> = {
    'AWS::ApplicationAutoScaling::ScalableTarget': scaled,
    'AWS::ApplicationAutoScaling::ScalingPolicy': scaled,
    'AWS::KMS::Key': 1,
    'AWS::DynamoDB::Table': t.tables.length,
    'AWS::SQS::Queue': 2 * t.queues.length,
    'AWS::SQS::QueuePolicy': 2 * t.queues.length,
    'AWS::SecretsManager::Secret': secrets,
    // each bucket and, when there is one, their access-log bucket; each with its TLS-only policy
    'AWS::S3::Bucket': t.buckets?.length ? t.buckets.length + 1 : 0,
    'AWS::S3::BucketPolicy': t.buckets?.length ? t.buckets.length + 1 : 0,
  };
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe.each([
  ['the declared topology', () => declared],
  ['an extended topology (TTL table, schedule, secret, another consumer)', extendedTopology],
])('%s renders into exactly its elements', (_name, make) => {
  test.each(['eu-west-1', 'us-east-1'])('%s', (region) => {
    const t = make();
    const s = synthRegion(region, { topology: t });
    expect(countByType(s.serviceTemplate)).toEqual(expectedService(t, regionConfig(region).alarmEmails.length));
    expect(countByType(s.dataTemplate)).toEqual(expectedData(t, region));
    // and each by name
    for (const f of t.functions) expect(() => functionResource(s.serviceTemplate, f.name)).not.toThrow();
    const routeKeys = Object.values(s.serviceTemplate.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties.RouteKey)
      .sort();
    expect(routeKeys).toEqual(t.routes.map((r) => `${r.method} ${r.path}`).sort());
    const gsis = Object.values(s.dataTemplate.findResources('AWS::DynamoDB::Table'))
      .flatMap((r) => (r.Properties.GlobalSecondaryIndexes ?? []).map((g: { IndexName: string }) => g.IndexName))
      .sort();
    expect(gsis).toEqual(t.tables.flatMap((x) => x.indexes.map((i) => i.name)).sort());
    const rates = Object.values(s.serviceTemplate.findResources('AWS::Events::Rule'))
      .map((r) => r.Properties.ScheduleExpression)
      .sort();
    expect(rates).toEqual(t.schedules.map((x) => `rate(${x.rateMinutes} minute${x.rateMinutes === 1 ? '' : 's'})`).sort());
  });
});

describe('least privilege: each function gets exactly what its bindings declare', () => {
  const s = synthRegion('eu-west-1', { topology: extendedTopology() });
  const t = extendedTopology();
  const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
  // Exactly one resource per name, or a throw: a miss must fail the test, not make every check below vacuous.
  const tableLogicalId = (name: string) => resourceByConstructId(s.dataTemplate, 'AWS::DynamoDB::Table', constructId(name, 'Table'))[0];
  const queueLogicalId = (name: string) => resourceByConstructId(s.dataTemplate, 'AWS::SQS::Queue', constructId(name, 'Queue'))[0];

  test.each(t.functions.map((f) => [f.name, f] as const))('%s', (_n, def) => {
    const statements = statementsOf(s.serviceTemplate, def.name);
    const dynamo = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));
    // tables: only the declared ones, writes only where RW
    for (const table of t.tables) {
      const binding = def.tables.find((b) => b.table === table.name);
      const onTable = dynamo.filter((st) => refersTo(st.Resource, tableLogicalId(table.name)));
      if (!binding) {
        expect(onTable).toEqual([]);
        continue;
      }
      const actions = onTable.flatMap(actionsOf);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      if (binding.access === 'RO') expect(actions.filter((a) => WRITE.includes(a))).toEqual([]);
      else expect(actions).toEqual(expect.arrayContaining(WRITE));
      // indexes by name, never index/*
      expect(JSON.stringify(onTable)).not.toContain('index/*');
    }
    expect(statements.flatMap(actionsOf).filter((a) => a === 'dynamodb:*' || a.startsWith('dynamodb:DeleteTable') || a.startsWith('dynamodb:CreateTable'))).toEqual([]);
    // KMS only through DynamoDB
    for (const st of statements.filter((x) => actionsOf(x).some((a) => a.startsWith('kms:')))) {
      expect(JSON.stringify(st.Condition)).toContain('kms:ViaService');
    }
    // queues: sends → sqs:SendMessage only; event source → consume only; nothing on other queues
    const consumed = t.eventSources.filter((e) => e.function === def.name).map((e) => e.queue);
    for (const queue of t.queues) {
      const actions = statements
        .filter((st) => refersTo(st.Resource, queueLogicalId(queue.name)))
        .flatMap(actionsOf)
        .sort();
      const expected = [
        ...(def.sends.includes(queue.name) ? ['sqs:SendMessage'] : []),
        ...(consumed.includes(queue.name) ? ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'] : []),
      ].sort();
      expect([queue.name, actions]).toEqual([queue.name, expected]);
    }
    // dead-letter queues: no function touches them (they are for operators)
    for (const queue of t.queues) {
      const dlqId = queueLogicalId(dlqName(queue.name));
      expect(statements.filter((st) => refersTo(st.Resource, dlqId))).toEqual([]);
    }
    // no secret access through IAM: secrets arrive as CloudFormation dynamic references
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  test('the authorizer cannot write to any table, nor read parcels', () => {
    const statements = statementsOf(s.serviceTemplate, t.authorizer.function);
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((a) => WRITE.includes(a))).toEqual([]);
    expect(statements.filter((st) => refersTo(st.Resource, tableLogicalId('parcels')))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });
});

describe('a topology that breaks a rule fails synth with the rule', () => {
  test('visibility below 6 × the consumer timeout + batching window', () => {
    const t = clone(declared);
    const source = t.eventSources[0]!;
    const consumer = t.functions.find((f) => f.name === source.function)!;
    t.queues.find((q) => q.name === source.queue)!.visibilityTimeoutSeconds = 6 * consumer.timeoutSeconds + source.maxBatchingWindowSeconds - 1;
    expect(topologyProblems(t)).toEqual([expect.stringMatching(new RegExp(`queue '${source.queue}': visibility timeout .* < 6 × '${consumer.name}' timeout`))]);
    expect(() => synthRegion('eu-west-1', { topology: t })).toThrow(/visibility timeout/);
  });

  test('maxReceiveCount below 5, unknown references, duplicates', () => {
    const t = clone(declared);
    t.queues[0]!.maxReceiveCount = 2;
    t.routes.push({ method: 'GET', path: '/nowhere', function: 'missing', auth: 'none' });
    t.functions[0]!.sends.push('no-such-queue');
    t.tables.push(clone(declared).tables[0]!);
    const problems = topologyProblems(t);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('maxReceiveCount 2 < 5'),
        expect.stringContaining("unknown function 'missing'"),
        expect.stringContaining("unknown queue 'no-such-queue'"),
        expect.stringContaining('declared twice'),
      ]),
    );
  });

  test('a cached authorizer is refused (it must see every request)', () => {
    const t = clone(declared);
    t.authorizer.cacheTtlSeconds = 300;
    expect(() => synthRegion('eu-west-1', { topology: t })).toThrow(/cannot be cached/);
  });
});
