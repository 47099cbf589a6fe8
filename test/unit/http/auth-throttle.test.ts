// Failed authentications are throttled per source IP, before the key is looked up; valid keys keep per-key limits.
import type { KeyLookup } from '#shared/auth/api-keys';
import { type AuthClient, authorize, principalFromContext } from '#shared/auth/authorize';
import { hashApiKey } from '#shared/auth/keys';
import { Throttle, authFailureThrottleConfigFromEnv } from '#shared/auth/throttle';
import { ApiError } from '#shared/http/problems';
import type { ApiKeyRecord } from '#shared/auth/api-keys';

const VALID = 'ead_valid-key';
const REVOKED = 'ead_revoked-key';
const records: Record<string, ApiKeyRecord> = {
  [hashApiKey(VALID)]: { id: 'key_valid', keyHash: hashApiKey(VALID), role: 'platform', tenantId: 'shop-1', createdAt: 'x', createdBy: 'tests' } as ApiKeyRecord,
  [hashApiKey(REVOKED)]: { id: 'key_revoked', keyHash: hashApiKey(REVOKED), role: 'platform', tenantId: 'shop-1', createdAt: 'x', createdBy: 'tests', revokedAt: 'y' } as ApiKeyRecord,
};

function setUp(failure = { ratePerSecond: 1, burst: 3 }, perKey = { ratePerSecond: 1, burst: 5 }) {
  const lookups: string[] = [];
  const keys: KeyLookup = { findByHash: async (h) => (lookups.push(h), records[h]) };
  const throttle = new Throttle(perKey);
  const failures = new Throttle({ ...failure, maxEntries: 100 });
  const call = (key: string | undefined, sourceIp: string, now: number) =>
    authorize(key === undefined ? {} : { authorization: `Bearer ${key}` }, keys, throttle, now, { sourceIp, failures } satisfies AuthClient);
  return { call, lookups, failures };
}

const codeOf = (ctx: Record<string, string>) => {
  try {
    principalFromContext(ctx);
    return 'ok';
  } catch (e) {
    return (e as ApiError).code;
  }
};

describe('failed authentications per source IP', () => {
  it('answers throttled after a burst of unknown keys, without looking the next key up', async () => {
    const { call, lookups } = setUp();
    for (let i = 0; i < 3; i++) expect(await call(`ead_guess-${i}`, '203.0.113.7', 1000)).toEqual({ authError: 'invalid' });
    expect(lookups).toHaveLength(3);
    const blocked = await call('ead_guess-3', '203.0.113.7', 1000);
    expect(blocked).toEqual({ authError: 'throttled', retryAfter: '1' });
    expect(lookups).toHaveLength(3);
    // The valid key from the same address is not told apart from a guess while the address is blocked.
    expect((await call(VALID, '203.0.113.7', 1000)).authError).toBe('throttled');
    expect(lookups).toHaveLength(3);
  });

  it('counts revoked and malformed keys as failures, not missing ones', async () => {
    const { call } = setUp();
    expect(await call(REVOKED, '203.0.113.8', 0)).toEqual({ authError: 'invalid' });
    expect(await call('x'.repeat(300), '203.0.113.8', 0)).toEqual({ authError: 'invalid' });
    for (let i = 0; i < 5; i++) expect(await call(undefined, '203.0.113.8', 0)).toEqual({ authError: 'missing' });
    expect(await call('ead_guess', '203.0.113.8', 0)).toEqual({ authError: 'invalid' });
    expect((await call('ead_guess', '203.0.113.8', 0)).authError).toBe('throttled');
  });

  it('blocks only the address that failed; others, and the address after its wait, go on', async () => {
    const { call } = setUp();
    for (let i = 0; i < 4; i++) await call(`ead_guess-${i}`, '203.0.113.9', 0);
    expect((await call('ead_guess', '203.0.113.9', 500)).authError).toBe('throttled');
    expect(await call('ead_guess', '198.51.100.1', 500)).toEqual({ authError: 'invalid' });
    expect(await call(VALID, '198.51.100.1', 500)).toMatchObject({ keyId: 'key_valid', role: 'platform' });
    expect(await call(VALID, '203.0.113.9', 1_100)).toMatchObject({ keyId: 'key_valid' });
  });

  it('never counts valid keys as failures; they keep their own per-key limit', async () => {
    const { call } = setUp({ ratePerSecond: 1, burst: 3 }, { ratePerSecond: 1, burst: 5 });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await call(VALID, '203.0.113.10', 0));
    expect(results.slice(0, 5).every((r) => !r.retryAfter && !r.authError)).toBe(true);
    expect(results.slice(5).every((r) => r.keyId === 'key_valid' && Number(r.retryAfter) > 0)).toBe(true);
    // the address still has its whole failure budget
    for (let i = 0; i < 3; i++) expect(await call(`ead_guess-${i}`, '203.0.113.10', 0)).toEqual({ authError: 'invalid' });
  });

  it('turns throttled into a 429 problem with Retry-After', () => {
    expect(codeOf({ authError: 'throttled', retryAfter: '0.3' })).toBe('THROTTLED');
    let thrown: unknown;
    try {
      principalFromContext({ authError: 'throttled', retryAfter: '2.5' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).extra.retryAfter).toBe(2.5);
    expect(codeOf({ authError: 'invalid' })).toBe('UNAUTHORIZED');
  });

  it('keeps a bounded number of addresses', async () => {
    const { call, failures } = setUp();
    for (let i = 0; i < 250; i++) await call('ead_guess', `10.0.${i >> 8}.${i & 255}`, 0);
    expect(failures.size).toBe(100);
  });
});

describe('authFailureThrottleConfigFromEnv', () => {
  it('defaults to a burst of 20 then one a second, and reads the environment', () => {
    expect(authFailureThrottleConfigFromEnv({})).toMatchObject({ burst: 20, ratePerSecond: 1 });
    expect(authFailureThrottleConfigFromEnv({ AUTH_FAILURE_BURST: '5', AUTH_FAILURE_RATE_PER_SECOND: '0.5' })).toMatchObject({ burst: 5, ratePerSecond: 0.5 });
    expect(() => authFailureThrottleConfigFromEnv({ AUTH_FAILURE_BURST: '0' })).toThrow(/AUTH_FAILURE_BURST/);
  });
});
