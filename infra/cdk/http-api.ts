// The HTTP API: the topology's routes, each to its function, behind the Lambda authorizer where the route
// says 'apiKey'; a $default stage with throttling and JSON access logs.
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import type { Topology } from '../topology-types';
import type { PipelineFunction } from './pipeline-function';

export interface PipelineApiProps {
  topology: Topology;
  functions: Map<string, PipelineFunction>;
  config: RegionConfig;
  logRetention: logs.RetentionDays;
}

/** One JSON object per request; `keyId` is the authorizer's context, so a key's traffic can be followed. */
export const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  keyId: '$context.authorizer.keyId',
  role: '$context.authorizer.role',
};

export class PipelineApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineApiProps) {
    super(scope, id);
    const { topology, functions } = props;
    const fn = (name: string) => {
      const f = functions.get(name);
      if (!f) throw new Error(`function '${name}' is not declared in the topology`);
      return f.fn;
    };

    this.api = new apigw.HttpApi(this, 'Api', { description: 'EAD pipeline: declarations, parcels, customs decisions, webhooks', createDefaultStage: false });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.config.apiStageRatePerSecond, burstLimit: props.config.apiStageBurst },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(this.accessLogs), format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)) },
    });

    // The authorizer must run on every request, also one without a key: it answers for it with a problem+json 401
    // and counts each request for per-key throttling (shared/auth/authorize.ts). An identity source would let API
    // Gateway answer 401 itself, and a cache would skip the count; so neither.
    if (topology.authorizer.cacheTtlSeconds !== 0) {
      throw new Error(
        `authorizer cacheTtlSeconds is ${topology.authorizer.cacheTtlSeconds}: the authorizer counts every request for throttling and answers missing keys itself, so it cannot be cached`,
      );
    }
    const authorizer = new HttpLambdaAuthorizer('ApiKeyAuthorizer', fn(topology.authorizer.function), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: [],
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integration = (name: string) => {
      let i = integrations.get(name);
      if (!i) integrations.set(name, (i = new HttpLambdaIntegration(`${name}-integration`, fn(name))));
      return i;
    };
    for (const route of topology.routes) {
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integration(route.function),
        ...(route.auth === 'apiKey' ? { authorizer } : {}),
      });
      if (route.auth === 'none' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (the topology declares auth 'none'; CONTRACT §1: health and the OpenAPI document need no key).`,
        });
      }
    }
  }
}
