// The replay packs' bucket as rendered: private, encrypted with the stack's data key, TLS only, logged, not versioned (the aggregator replaces a
// day's pack and deletes the one it replaced), its objects expiring after REPLAY_PACK_DAYS; written and deleted in
// by the day aggregator alone, read by the replay consumer alone, both allowed to list it (a missing key is a 404).
import { topology } from '#infra/topology';
import { bucketEnvVar } from '#infra/topology-types';
import { BUCKETS } from '#shared/resources';
import { REPLAY_PACK_DAYS } from '#shared/rule-lab/replay-packs';
import { actionsOf, functionResource, resourcesOf, statementsOf, synthRegion } from './synth';

const s = synthRegion('eu-west-1');
const onPacks = (fn: string) =>
  statementsOf(s.serviceTemplate, fn)
    .filter((st) => JSON.stringify(st.Resource).includes(BUCKETS.replayPacks))
    .map((st) => ({ actions: actionsOf(st).sort(), objects: JSON.stringify(st.Resource).includes('/*') }));

describe('the replay packs bucket', () => {
  it('is private, encrypted with the data key, TLS only, logged, unversioned, and its objects expire', () => {
    const buckets = resourcesOf(s.dataTemplate, 'AWS::S3::Bucket').filter(([, b]) => JSON.stringify(b.Properties?.BucketName ?? '').includes(BUCKETS.replayPacks));
    expect(buckets).toHaveLength(1);
    const props = buckets[0]![1].Properties!;
    expect(props).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      // Declarations: under the stack's data key, as the tables are.
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() }, BucketKeyEnabled: true }] },
      LoggingConfiguration: { LogFilePrefix: `${BUCKETS.replayPacks}/` },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: REPLAY_PACK_DAYS, Status: 'Enabled' }] },
    });
    expect(props.VersioningConfiguration).toBeUndefined();
    expect(topology.buckets!.find((b) => b.name === BUCKETS.replayPacks)!.expireAfterDays).toBe(REPLAY_PACK_DAYS);
  });

  it('is written and deleted in by the day aggregator, read by the replay consumer, unknown to every other function', () => {
    expect(onPacks('performance-days')).toEqual(
      expect.arrayContaining([
        { actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], objects: true },
        { actions: ['s3:ListBucket'], objects: false },
      ]),
    );
    expect(onPacks('performance-days')).toHaveLength(2);
    expect(onPacks('replay')).toEqual([
      { actions: ['s3:GetObject'], objects: true },
      { actions: ['s3:ListBucket'], objects: false },
    ]);
    for (const def of topology.functions.filter((f) => !['performance-days', 'replay'].includes(f.name))) expect([def.name, onPacks(def.name)]).toEqual([def.name, []]);
    // The data key through S3: decrypt for the reader, also encrypt for the writer; no one else uses it through S3.
    const keyViaS3 = (fn: string) =>
      statementsOf(s.serviceTemplate, fn)
        .filter((st) => JSON.stringify(st.Condition ?? {}).includes('s3.'))
        .flatMap(actionsOf)
        .sort();
    expect(keyViaS3('replay')).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    expect(keyViaS3('performance-days')).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    for (const def of topology.functions.filter((f) => !['performance-days', 'replay'].includes(f.name))) expect([def.name, keyViaS3(def.name)]).toEqual([def.name, []]);
    const [, replay] = functionResource(s.serviceTemplate, 'replay');
    expect(JSON.stringify((replay.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables[bucketEnvVar(BUCKETS.replayPacks)])).toContain('-replay-packs-');
  });
});
