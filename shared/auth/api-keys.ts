// Managing API keys (admin only): create one (the key is shown once; only its hash is kept) and revoke one.
// The record and the ports are the domain's; shared/store/api-key-store.ts implements them.
import { newApiKey } from './keys';
import { type ApiKeyRequest, mayManageKeys, type Principal, type Role } from './principal';
import type { Clock } from '../util';

export interface ApiKeyRecord {
  id: string;
  keyHash: string;
  role: Role;
  tenantId?: string;
  country?: string;
  description?: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

/** What the authorizer needs: a key's record by the hash of the key. */
export interface KeyLookup {
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
}

/** What key management needs: add a record, revoke one by id (false when there is no such key). */
export interface ApiKeyRegistry extends KeyLookup {
  put(record: ApiKeyRecord): Promise<void>;
  revoke(id: string, at: string): Promise<boolean>;
}

export interface ApiKeyPorts {
  keys: ApiKeyRegistry;
  now: Clock;
}

export type KeyRefusal = { refused: 'FORBIDDEN' | 'NOT_FOUND'; detail: string };

const forbidden: KeyRefusal = { refused: 'FORBIDDEN', detail: 'only admin keys manage API keys' };

/** A new key for a role and scope: the key itself is in the answer only. */
export async function createApiKey(p: Principal, request: ApiKeyRequest, ports: ApiKeyPorts): Promise<{ id: string; key: string; createdAt: string } | KeyRefusal> {
  if (!mayManageKeys(p)) return forbidden;
  const { key, keyHash, id } = newApiKey();
  const createdAt = ports.now().toISOString();
  await ports.keys.put({ id, keyHash, ...request, createdAt, createdBy: p.keyId });
  return { id, key, createdAt };
}

/** Revokes a key by id; it stops working at once (the authorizer reads the record on every request). */
export async function revokeApiKey(p: Principal, id: string | undefined, ports: ApiKeyPorts): Promise<{ revoked: string } | KeyRefusal> {
  if (!mayManageKeys(p)) return forbidden;
  if (id === undefined || !(await ports.keys.revoke(id, ports.now().toISOString()))) return { refused: 'NOT_FOUND', detail: `no API key ${(id ?? '').slice(0, 64)}` };
  return { revoked: id };
}
