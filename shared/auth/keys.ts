// API keys: random, shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'ead_';

export function newApiKey(): { key: string; keyHash: string; id: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, keyHash: hashApiKey(key), id: 'key_' + randomBytes(9).toString('base64url') };
}

/** A high-entropy random key needs no slow hash: SHA-256 is enough and keeps lookups cheap. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>` (header names lowercased). */
export function apiKeyFromHeaders(headers: Record<string, string | undefined>): string | undefined {
  const auth = headers.authorization?.trim();
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m?.[1];
  }
  const k = headers['x-api-key']?.trim();
  return k || undefined;
}
