// The topology's sites (the console) in AWS: their files in a private S3 bucket, read by CloudFront through origin
// access control, served with the site headers (the same CSP as locally), and the regional HTTP API behind the same
// distribution under /v1/*, so the app calls its own origin exactly as it does locally: no CORS, no run-time
// configuration file, `connect-src 'self'`. Caching is off for the API (the key is part of every request).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buildSiteSync, SITE_CSP, writeSite } from '../site';
import type { SiteDef } from '../topology-types';
import { constructId } from './names';

export interface SiteStackProps extends StackProps {
  sites: SiteDef[];
  api: apigw.HttpApi;
}

/** The API paths CloudFront sends to the regional HTTP API (every API route is under /v1). */
export const API_PATH_PATTERN = '/v1/*';

/** CloudFront Functions (viewer request): `/console` and `/console/` are the app's index.html; `/` opens the first site. */
export function indexRewrite(sites: readonly SiteDef[]): string {
  const paths = JSON.stringify(sites.map((s) => s.path));
  return [
    'function handler(event) {',
    '  var r = event.request;',
    `  var sites = ${paths};`,
    `  if (r.uri === '/') return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: sites[0] } } };`,
    '  for (var i = 0; i < sites.length; i++) {',
    "    if (r.uri === sites[i] || r.uri === sites[i] + '/') { r.uri = sites[i] + '/index.html'; break; }",
    '  }',
    '  return r;',
    '}',
  ].join('\n');
}

export class SiteStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    const logs = this.logsBucket();
    this.bucket = this.filesBucket(logs);
    this.distribution = this.siteDistribution(props, logs);
    this.deploySites(props.sites);
    this.acknowledgeDeploymentHandler();
  }

  /** CloudFront's standard logs and the bucket's access logs. CloudFront writes its logs with ACLs: object writer. */
  private logsBucket(): s3.Bucket {
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself: logging it into itself would loop, and into another bucket would only move the question.',
    });
    return logs;
  }

  /** The sites' files: private, versioned, their access logged. */
  private filesBucket(logs: s3.Bucket): s3.Bucket {
    return new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private siteHeaders(): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment: 'EAD console: the same Content-Security-Policy and headers as npm start (infra/site.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: SITE_CSP, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true }] },
    });
  }

  /** The API behind /v1/*, not cached. */
  private apiBehavior(api: apigw.HttpApi): cloudfront.BehaviorOptions {
    // Nothing of the API is cached: the key is in the cache key (so no answer could ever be shared between keys) and
    // the TTLs are 0 unless the API asks otherwise (it never does), at most 1 s.
    const apiCache = new cloudfront.CachePolicy(this, 'ApiPassThrough', {
      comment: 'EAD API behind the console distribution: not cached, every header that authenticates forwarded',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization', 'x-api-key'),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    // https://<id>.execute-api.<region>.amazonaws.com → its host name.
    const apiDomain = Fn.select(2, Fn.split('/', api.apiEndpoint));
    return {
      origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: apiCache,
      // API Gateway needs its own Host header: every viewer header but Host.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
  }

  private siteDistribution(props: SiteStackProps, logs: s3.Bucket): cloudfront.Distribution {
    const headers = this.siteHeaders();
    const api = this.apiBehavior(props.api);
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `EAD console ${this.region}`,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'IndexRewrite', {
              code: cloudfront.FunctionCode.fromInline(indexRewrite(props.sites)),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              comment: 'EAD console: site paths to their index.html',
            }),
          },
        ],
      },
      additionalBehaviors: { [API_PATH_PATTERN]: api },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    acknowledgeDistribution(distribution);
    return distribution;
  }

  /** Each site's files, built here from the same sources and with the same step as npm start (infra/site.ts). */
  private deploySites(sites: readonly SiteDef[]): void {
    for (const site of sites) {
      const dir = mkdtempSync(join(tmpdir(), `ead-site-${site.name}-`));
      writeSite(buildSiteSync(site), dir);
      new s3deploy.BucketDeployment(this, constructId(site.name, 'Files'), {
        sources: [s3deploy.Source.asset(dir)],
        destinationBucket: this.bucket,
        destinationKeyPrefix: site.path.replace(/^\//, '') + '/',
        // Small files that change with each deploy: revalidated rather than cached stale.
        cacheControl: [s3deploy.CacheControl.noCache()],
        distribution: this.distribution,
        distributionPaths: [`${site.path}*`],
        memoryLimit: 256,
        prune: true,
      });
      new CfnOutput(this, constructId(site.name, 'Url'), {
        value: `https://${this.distribution.distributionDomainName}${site.path}`,
        description: `The ${site.name}: open it and sign in with an API key`,
      });
    }
  }

  /**
   * The deployment's copying function is CDK's own (one per stack): its findings are acknowledged where it lives,
   * each by the exact permission (cdk-nag names them one by one).
   */
  private acknowledgeDeploymentHandler(): void {
    const filesArn = `<${this.resolve(this.getLogicalId(this.bucket.node.defaultChild as CfnElement))}.Arn>/*`;
    const assets = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*`;
    const copying =
      "CDK's BucketDeployment handler (deploy time only) reads the staged asset from the bootstrap bucket and writes, lists and prunes the site's objects: S3 grants on those two buckets, with object wildcards because the file names are the build's";
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's BucketDeployment handler uses AWSLambdaBasicExecutionRole for its own logs only.",
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason: `${copying}.` })),
        { id: `AwsSolutions-IAM5[Resource::${assets}]`, reason: `${copying}: this is the bootstrap asset bucket.` },
        { id: `AwsSolutions-IAM5[Resource::${filesArn}]`, reason: `${copying}: this is the site bucket.` },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'cloudfront:CreateInvalidation and GetInvalidation take no resource narrower than * in this grant; the handler invalidates the site paths after copying.',
        },
        { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler runtime is chosen by aws-cdk-lib and moves with it; it runs only at deploy time." },
      );
    }
  }
}

function acknowledgeDistribution(distribution: cloudfront.Distribution): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: the console serves customs, posts and platforms of every country this region serves; access is by API key, checked by the API on every call.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'A WebACL for CloudFront must be created in us-east-1, outside this regional stack; the API behind /v1/* throttles per key and per stage. A deployment that wants AWS WAF attaches its us-east-1 WebACL by id.',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses its default *.cloudfront.net certificate, for which CloudFront does not apply a minimum protocol version (TLSv1.2_2021 is set and applies once a custom domain and certificate are added).',
    },
  );
}
