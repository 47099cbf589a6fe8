// ApiKeyStore against the embedded DynamoDB: keys are found by hash, revoked by id, and the admin key bootstrap is idempotent.
import { hashApiKey, newApiKey } from '#shared/auth/keys';
import { type ApiKeyRecord, ApiKeyStore } from '#shared/store/api-key-store';
import { startTestDynamo, type TestDynamo } from './dynamo';

jest.setTimeout(30_000);

let db: TestDynamo;
let store: ApiKeyStore;

beforeAll(async () => {
  db = await startTestDynamo();
  store = new ApiKeyStore(db.doc, 'api-keys');
});
afterAll(async () => {
  await db?.close();
});

function record(overrides: Partial<ApiKeyRecord> = {}): { key: string; record: ApiKeyRecord } {
  const { key, keyHash, id } = newApiKey();
  return { key, record: { id, keyHash, role: 'platform', tenantId: 'shop-1', createdAt: '2026-11-20T08:00:00.000Z', createdBy: 'key_admin', ...overrides } };
}

describe('ApiKeyStore', () => {
  it('finds a stored key by the hash of the key, and nothing for another key', async () => {
    const { key, record: r } = record();
    await store.put(r);

    expect(await store.findByHash(hashApiKey(key))).toEqual(r);
    expect(await store.findByHash(hashApiKey(newApiKey().key))).toBeUndefined();
  });

  it('refuses to overwrite a key with the same hash', async () => {
    const { record: r } = record();
    await store.put(r);

    await expect(store.put({ ...r, id: 'key_other', role: 'admin' })).rejects.toThrow(/conditional/i);

    expect((await store.findByHash(r.keyHash))?.role).toBe('platform');
  });

  it('revokes by id once: revokedAt is set and kept on a second revoke; an unknown id answers false', async () => {
    const { record: r } = record({ role: 'customs', tenantId: undefined, country: 'FR' });
    await store.put(r);

    const first = await store.revoke(r.id, '2026-11-21T10:00:00.000Z');
    const second = await store.revoke(r.id, '2026-11-22T10:00:00.000Z');
    const unknown = await store.revoke('key_does_not_exist', '2026-11-21T10:00:00.000Z');

    expect([first, second, unknown]).toEqual([true, true, false]);
    expect(await store.findByHash(r.keyHash)).toMatchObject({ id: r.id, country: 'FR', revokedAt: '2026-11-21T10:00:00.000Z' });
  });

  it('ensure creates the record once and leaves an existing one as it is', async () => {
    const { record: r } = record({ role: 'admin', tenantId: undefined, id: 'key_admin_local' });

    await store.ensure(r);
    await store.ensure({ ...r, description: 'second start', createdAt: '2027-01-01T00:00:00.000Z' });

    expect(await store.findByHash(r.keyHash)).toEqual(r);
  });

  it('ensure does not resurrect a revoked key', async () => {
    const { record: r } = record({ role: 'admin', tenantId: undefined });
    await store.ensure(r);
    await store.revoke(r.id, '2026-11-21T10:00:00.000Z');

    await store.ensure(r);

    expect((await store.findByHash(r.keyHash))?.revokedAt).toBe('2026-11-21T10:00:00.000Z');
  });
});
