// The sanctions list bucket and the clearances table as rendered: a private, versioned, TLS-only bucket with access
// logs in the data stack; object reads for the functions that screen, reads and writes for the refresh only; the
// refresh on its schedule; the refusal alarm.
import { Match } from 'aws-cdk-lib/assertions';
import { topology } from '#infra/topology';
import { bucketEnvVar } from '#infra/topology-types';
import { BUCKETS, TABLES } from '#shared/resources';
import { functionResource, resourcesOf, statementsOf, synthRegion } from './synth';

const s = synthRegion('eu-west-1');
const s3Actions = (fn: string) =>
  statementsOf(s.serviceTemplate, fn)
    .flatMap((st) => [st.Action].flat())
    .filter((a) => a.startsWith('s3:'));

describe('the sanctions list bucket', () => {
  it('is private, versioned, encrypted, TLS only, logged, and retained', () => {
    const buckets = resourcesOf(s.dataTemplate, 'AWS::S3::Bucket').filter(([, b]) => JSON.stringify(b.Properties?.BucketName ?? '').includes(BUCKETS.sanctionsLists));
    expect(buckets).toHaveLength(1);
    const [id, bucket] = buckets[0]!;
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { LogFilePrefix: `${BUCKETS.sanctionsLists}/` },
    });
    expect((s.dataTemplate.toJSON().Resources as Record<string, { DeletionPolicy?: string }>)[id]!.DeletionPolicy).toBe('Retain');
    s.dataTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('is read by the functions that screen, written by the refresh alone, and no one lists or deletes', () => {
    expect(s3Actions('assess')).toEqual(['s3:GetObject']);
    expect(s3Actions('api')).toEqual(['s3:GetObject']);
    expect(s3Actions('sanctions-refresh').sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    for (const def of topology.functions.filter((f) => !f.buckets?.length)) expect([def.name, s3Actions(def.name)]).toEqual([def.name, []]);
    const [, refresh] = functionResource(s.serviceTemplate, 'sanctions-refresh');
    expect(JSON.stringify((refresh.Properties as any).Environment.Variables[bucketEnvVar(BUCKETS.sanctionsLists)])).toContain('eadpipeline-eu-west-1-data-sanctions-lists-');
  });

  it('the clearances table is written by the API and the refresh, read by the assess stage, unknown to the others', () => {
    const tableOf = (fn: string) => topology.functions.find((f) => f.name === fn)!.tables.find((t) => t.table === TABLES.sanctionsClearances)?.access;
    expect([tableOf('api'), tableOf('sanctions-refresh'), tableOf('assess'), tableOf('ingest'), tableOf('authorizer')]).toEqual(['RW', 'RW', 'RO', undefined, undefined]);
  });

  it('the refresh runs on its schedule, and a refused release raises an alarm', () => {
    s.serviceTemplate.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', Description: Match.stringLikeRegexp('sanctions-list-refresh') });
    s.serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'SanctionsListRefused', Threshold: 1 });
  });
});
