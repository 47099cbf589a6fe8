// Key management as a use case over an in-memory registry: only admin manages keys; a created key authorizes with
// its role and scope, a revoked one stops at once; the key itself is never stored.
import { createApiKey, revokeApiKey } from '#shared/auth/api-keys';
import { authorize } from '#shared/auth/authorize';
import { hashApiKey } from '#shared/auth/keys';
import { Throttle } from '#shared/auth/throttle';
import { InMemoryApiKeys, PRINCIPALS } from '#test/kit/auth';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ports = () => ({ keys: new InMemoryApiKeys(), now: () => NOW });
const throttle = () => new Throttle({ ratePerSecond: 100, burst: 100 });

describe('createApiKey', () => {
  it('creates a key whose hash alone is stored, and which authorizes with its role and scope', async () => {
    // prepare
    const p = ports();

    // act
    const created = await createApiKey(PRINCIPALS.admin, { role: 'post', country: 'DE', description: 'Deutsche Post' }, p);

    // assess
    if ('refused' in created) throw new Error(created.detail);
    expect(created).toEqual({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^ead_/), createdAt: NOW.toISOString() });
    const [stored] = [...p.keys.byHash.values()];
    expect(stored).toEqual({ id: created.id, keyHash: hashApiKey(created.key), role: 'post', country: 'DE', description: 'Deutsche Post', createdAt: NOW.toISOString(), createdBy: 'key_admin' });
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(await authorize({ authorization: `Bearer ${created.key}` }, p.keys, throttle(), NOW.getTime())).toEqual({ keyId: created.id, role: 'post', country: 'DE' });
  });

  it.each([PRINCIPALS.platform, PRINCIPALS.post, PRINCIPALS.customs])('refuses a %o key and stores nothing', async (principal) => {
    const p = ports();
    expect(await createApiKey(principal, { role: 'admin' }, p)).toEqual({ refused: 'FORBIDDEN', detail: 'only admin keys manage API keys' });
    expect(p.keys.byHash.size).toBe(0);
  });
});

describe('revokeApiKey', () => {
  it('revokes by id: the key stops authorizing at once', async () => {
    const p = ports();
    const created = await createApiKey(PRINCIPALS.admin, { role: 'platform', tenantId: 'shop-1' }, p);
    if ('refused' in created) throw new Error(created.detail);

    expect(await revokeApiKey(PRINCIPALS.admin, created.id, p)).toEqual({ revoked: created.id });
    expect(await authorize({ authorization: `Bearer ${created.key}` }, p.keys, throttle(), NOW.getTime())).toEqual({ authError: 'invalid' });
  });

  it('answers NOT_FOUND for an unknown id or none, and FORBIDDEN to a non-admin (who cannot tell whether the key exists)', async () => {
    const p = ports();
    const created = await createApiKey(PRINCIPALS.admin, { role: 'admin' }, p);
    if ('refused' in created) throw new Error(created.detail);
    expect(await revokeApiKey(PRINCIPALS.admin, 'key_nope', p)).toEqual({ refused: 'NOT_FOUND', detail: 'no API key key_nope' });
    expect(await revokeApiKey(PRINCIPALS.admin, undefined, p)).toMatchObject({ refused: 'NOT_FOUND' });
    expect(await revokeApiKey(PRINCIPALS.platform, created.id, p)).toEqual({ refused: 'FORBIDDEN', detail: 'only admin keys manage API keys' });
    expect(await revokeApiKey(PRINCIPALS.platform, 'key_nope', p)).toEqual({ refused: 'FORBIDDEN', detail: 'only admin keys manage API keys' });
    expect([...p.keys.byHash.values()][0]!.revokedAt).toBeUndefined();
  });
});
