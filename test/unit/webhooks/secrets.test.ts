import { randomBytes } from 'node:crypto';
import { parseSecretsKey, secretBox } from '#shared/webhooks/secrets';

describe('signing secrets at rest', () => {
  const key = randomBytes(32);
  const box = secretBox(key);

  it('seals with AES-256-GCM and opens again; the stored form does not contain the secret', () => {
    const sealed = box.seal('whsec_abc', 'wh_1');
    expect(sealed).not.toContain('abc');
    expect(sealed).toMatch(/^v1\./);
    expect(box.open(sealed, 'wh_1')).toBe('whsec_abc');
    expect(box.seal('whsec_abc', 'wh_1')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses another subscription, another key, or a tampered ciphertext', () => {
    const sealed = box.seal('whsec_abc', 'wh_1');
    expect(() => box.open(sealed, 'wh_2')).toThrow();
    expect(() => secretBox(randomBytes(32)).open(sealed, 'wh_1')).toThrow();
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3]!, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), ct.toString('base64')].join('.'), 'wh_1')).toThrow();
  });

  it('takes the key as base64 of exactly 32 bytes, failing fast otherwise', () => {
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    // Secrets Manager's generated form: 43 alphanumerics, no padding
    expect(parseSecretsKey('aB3dE5gH7jK9mN1pQ3sT5vW7yZ0bC2eF4hJ6kL8nP0r')).toHaveLength(32);
    expect(() => parseSecretsKey(undefined)).toThrow(/WEBHOOK_SECRETS_KEY is not set/);
    expect(() => parseSecretsKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseSecretsKey('not base64!')).toThrow();
  });
});
