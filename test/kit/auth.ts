// An in-memory adapter of the API-key ports (shared/auth/api-keys.ts), for unit tests of key management and authorization.
import type { ApiKeyRecord, ApiKeyRegistry } from '#shared/auth/api-keys';
import type { Principal } from '#shared/auth/principal';

export class InMemoryApiKeys implements ApiKeyRegistry {
  readonly byHash = new Map<string, ApiKeyRecord>();

  async put(record: ApiKeyRecord): Promise<void> {
    if (this.byHash.has(record.keyHash)) throw new Error('a key with this hash exists');
    this.byHash.set(record.keyHash, structuredClone(record));
  }
  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const r = this.byHash.get(keyHash);
    return r && structuredClone(r);
  }
  async revoke(id: string, at: string): Promise<boolean> {
    const r = [...this.byHash.values()].find((x) => x.id === id);
    if (!r) return false;
    r.revokedAt ??= at;
    return true;
  }
}

/** One principal of each role, with a scope where the role has one. */
export const PRINCIPALS = {
  admin: { keyId: 'key_admin', role: 'admin' },
  platform: { keyId: 'key_shop', role: 'platform', tenantId: 'shop-1' },
  otherPlatform: { keyId: 'key_shop2', role: 'platform', tenantId: 'shop-2' },
  post: { keyId: 'key_post_de', role: 'post', country: 'DE' },
  customs: { keyId: 'key_customs_fr', role: 'customs', country: 'FR' },
} as const satisfies Record<string, Principal>;
