// The API keys (the authorizer's lookup and the keys use cases), from the api-keys table the topology binds.
import { tableEnvVar } from '../topology-types';
import type { ApiKeyPorts } from '../auth/api-keys';
import { ApiKeyStore } from '../store/api-key-store';
import { documentClient, requiredEnv } from '../store/clients';
import { TABLES } from '../resources';
import { once } from '../util';

export const apiKeyStore = /* @__PURE__ */ once(() => new ApiKeyStore(documentClient(), requiredEnv(tableEnvVar(TABLES.apiKeys))));
export const apiKeyDeps = /* @__PURE__ */ once((): ApiKeyPorts => ({ keys: apiKeyStore(), now: () => new Date() }));
