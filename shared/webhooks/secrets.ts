// Signing secrets at rest: AES-256-GCM under a key from the environment (WEBHOOK_SECRETS_KEY, base64
// of 32 bytes; from Secrets Manager in AWS). The subscription id is the associated data, so a
// ciphertext copied onto another subscription does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** Parses the key; fails fast (at start-up) when it is not base64 of exactly 32 bytes. */
export function parseSecretsKey(base64: string | undefined, name = 'WEBHOOK_SECRETS_KEY'): Buffer {
  if (!base64) throw new Error(`environment variable ${name} is not set (base64 of 32 random bytes)`);
  // 44 characters with padding, or 43 without (as Secrets Manager generates it: alphanumerics only).
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text) || key.length !== 32) throw new Error(`${name} must be base64 of exactly 32 bytes`);
  return key;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
