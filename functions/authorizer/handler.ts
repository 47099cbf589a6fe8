// authorizer: an API Gateway HTTP API Lambda authorizer (simple responses). Looks the key up by its hash and
// passes the principal on as context; see shared/auth/authorize.ts for why it never answers "deny" itself.
import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { type AuthContext, authorize } from '#shared/auth/authorize';
import { Throttle, authFailureThrottleConfigFromEnv, throttleConfigFromEnv } from '#shared/auth/throttle';
import { once } from '#shared/util';
import { apiKeyStore } from '#shared/wiring/api-keys';

const throttle = once(() => new Throttle(throttleConfigFromEnv()));
const failures = once(() => new Throttle(authFailureThrottleConfigFromEnv()));

export const handler = middy<APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult<AuthContext>>().handler(async (event) => ({
  isAuthorized: true,
  context: await authorize(event.headers ?? {}, apiKeyStore(), throttle(), Date.now(), { sourceIp: event.requestContext?.http?.sourceIp, failures: failures() }),
}));
