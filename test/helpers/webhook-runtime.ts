// The local runtime in this process, set up for webhook tests: http receivers on loopback allowed, a fresh
// secrets key, quiet logs, and an admin key stored so the test can create every other key through the API.
import { randomBytes } from 'node:crypto';
import { regionConfig, regionEnv } from '#infra/regions';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '#infra/local/runtime';
import { tableEnvVar } from '#infra/topology-types';
import { hashApiKey, newApiKey } from '#shared/auth/keys';
import { TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { documentClient } from '#shared/store/clients';
import { ApiClient } from './api-client';

export async function startWebhookRuntime(opts: LocalRuntimeOptions): Promise<{ rt: LocalRuntime; adminKey: string }> {
  const rt = await startLocalRuntime({
    ...opts,
    env: {
      ...regionEnv(regionConfig('eu-west-1')),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
      ...opts.env,
    },
  });
  const adminKey = newApiKey().key;
  await new ApiKeyStore(documentClient(), rt.env[tableEnvVar(TABLES.apiKeys)]!).put({
    id: 'key_admin_test',
    keyHash: hashApiKey(adminKey),
    role: 'admin',
    createdAt: new Date().toISOString(),
    createdBy: 'tests',
  });
  return { rt, adminKey };
}

/** The runtime for API tests over HTTP, with a key created through the API for each named request. */
export async function startApiRuntime(
  opts: LocalRuntimeOptions,
  requests: Record<string, Record<string, string>>,
): Promise<{ rt: LocalRuntime; adminKey: string; api: ApiClient; keys: Record<string, { id: string; key: string }> }> {
  const { rt, adminKey } = await startWebhookRuntime(opts);
  const api = new ApiClient(rt.url);
  const keys: Record<string, { id: string; key: string }> = {};
  try {
    for (const [name, request] of Object.entries(requests)) keys[name] = await api.createKey(adminKey, request);
  } catch (e) {
    await rt.close();
    throw e;
  }
  return { rt, adminKey, api, keys };
}
