// The console in AWS, rendered from the topology's sites: a private bucket read only by CloudFront (origin access
// control), the same CSP as locally, the regional HTTP API behind the same distribution under /v1/* (not cached), the
// built files deployed under the site's path; cdk-nag clean. A topology without sites has no such stack.
import { runInNewContext } from 'node:vm';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { API_PATH_PATTERN, indexRewrite } from '#infra/cdk/site-stack';
import { topologyProblems } from '#infra/topology-checks';
import { SITE_CSP } from '#infra/site';
import { topology } from '#infra/topology';
import { clone } from './fixtures';
import { REGIONS, resourcesOf, synthRegion, type Synthesized } from './synth';

/** The one element of a list (and a failing test when there are more or none). */
function only<T>(xs: T[]): T {
  expect(xs).toHaveLength(1);
  return xs[0]!;
}

describe.each(REGIONS)('%s', (region) => {
  let s: Synthesized;
  let t: Template;
  beforeAll(() => {
    s = synthRegion(region);
    t = Template.fromStack(s.sites!);
  });

  test('a console stack of its own, after the service stack whose API it serves', () => {
    expect(s.sites!.stackName).toBe(`EadPipeline-${region}-console`);
    expect(s.sites!.region).toBe(region);
    expect(s.sites!.dependencies).toContain(s.service);
  });

  test('the files bucket is private: public access blocked, TLS only, encrypted, readable only by this distribution', () => {
    const buckets = resourcesOf(t, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('Files'));
    expect(buckets).toHaveLength(1);
    const [filesId, files] = buckets[0]!;
    expect(files.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogs/) } },
    });
    expect(files.Properties).not.toHaveProperty('WebsiteConfiguration');
    const policy = resourcesOf(t, 'AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties!.Bucket).includes(filesId))![1];
    const statements = (policy.Properties!.PolicyDocument as { Statement: Record<string, any>[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } } }),
      ]),
    );
    // Nobody else is allowed anything.
    expect(statements.filter((st) => st.Effect === 'Allow').map((st) => st.Principal)).toEqual([{ Service: 'cloudfront.amazonaws.com' }]);
  });

  test('CloudFront: the bucket through origin access control by default, the regional API under /v1/* uncached', () => {
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [, dist] = only(resourcesOf(t, 'AWS::CloudFront::Distribution'));
    const config = dist.Properties!.DistributionConfig as Record<string, any>;
    const s3Origin = config.Origins.find((o: any) => o.S3OriginConfig);
    const apiOrigin = config.Origins.find((o: any) => o.CustomOriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3Origin.Id, ViewerProtocolPolicy: 'redirect-to-https', FunctionAssociations: [{ EventType: 'viewer-request' }] });
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The API's host, from the service stack's HTTP API endpoint.
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/Fn::ImportValue|HttpApi/);

    expect(config.CacheBehaviors).toHaveLength(1);
    const api = (config.CacheBehaviors as Record<string, any>[])[0]!;
    expect(api).toMatchObject({
      PathPattern: API_PATH_PATTERN,
      TargetOriginId: apiOrigin.Id,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'DELETE', 'OPTIONS']),
    });
    // AllViewerExceptHostHeader: API Gateway answers only to its own Host.
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    const [cacheId, cache] = only(resourcesOf(t, 'AWS::CloudFront::CachePolicy'));
    expect(api.CachePolicyId).toEqual({ Ref: cacheId });
    expect(cache.Properties!.CachePolicyConfig).toMatchObject({
      DefaultTTL: 0,
      MinTTL: 0,
      MaxTTL: 1,
      ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization', 'x-api-key'] }, QueryStringsConfig: { QueryStringBehavior: 'all' } },
    });
    expect(config.Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'RegionalDomainName'] } });
  });

  test('every file is served with the same Content-Security-Policy as npm start, and the other security headers', () => {
    const [, policy] = only(resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const cfg = policy.Properties!.ResponseHeadersPolicyConfig as Record<string, any>;
    expect(cfg.SecurityHeadersConfig).toMatchObject({
      ContentSecurityPolicy: { ContentSecurityPolicy: SITE_CSP, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000 },
    });
  });

  test("the site's built files are deployed under its path, revalidated, and the distribution invalidated", () => {
    const [, deployment] = only(resourcesOf(t, 'Custom::CDKBucketDeployment'));
    expect(deployment.Properties).toMatchObject({ DestinationBucketKeyPrefix: 'console/', Prune: true, DistributionPaths: ['/console*'], SystemMetadata: { 'cache-control': 'no-cache' } });
  });

  test('cdk-nag passes on the console stack: every finding fixed or acknowledged with a reason', () => {
    const nagged = synthRegion(region, { nag: true });
    expect(() => nagged.app.synth({ force: true })).not.toThrow();
    Annotations.fromStack(nagged.sites!).hasNoError('*', Match.anyValue());
  });
});

test('a topology without sites renders no console stack', () => {
  const t = clone(topology);
  delete t.sites;
  expect(synthRegion('eu-west-1', { topology: t }).sites).toBeUndefined();
});

describe('the viewer-request function', () => {
  const run = (uri: string) =>
    runInNewContext(`${indexRewrite([{ name: 'console', path: '/console', dir: 'console', entry: 'x' }])}\nhandler({ request: { uri: ${JSON.stringify(uri)} } })`) as {
      uri?: string;
      statusCode?: number;
      headers?: { location: { value: string } };
    };

  test("the site's path, with or without its slash, is its index.html", () => {
    expect(run('/console').uri).toBe('/console/index.html');
    expect(run('/console/').uri).toBe('/console/index.html');
  });

  test('its files pass unchanged; the root redirects to the console', () => {
    expect(run('/console/app.js').uri).toBe('/console/app.js');
    expect(run('/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/console' } } });
  });
});

test('a site may not hide a route, nor be declared twice, nor take a path CloudFront cannot map', () => {
  const t = clone(topology);
  t.sites = [
    { name: 'console', path: '/v1', dir: 'console', entry: 'console/src/main.ts' },
    { name: 'console', path: '/console/', dir: 'console', entry: 'console/src/main.ts' },
  ];
  const problems = topologyProblems(t);
  expect(problems).toEqual(
    expect.arrayContaining([
      "site 'console' is declared twice",
      "site 'console': path '/console/' must be one segment like '/console' (no trailing slash)",
      "site 'console' at /v1 hides route GET /v1/parcels",
    ]),
  );
  expect(topologyProblems(topology)).toEqual([]);
});
