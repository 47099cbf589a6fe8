// Standard Webhooks v1 signatures (CONTRACT section 5): HMAC-SHA256 over "id.timestamp.body" with the
// secret's base64-decoded bytes; during a rotation every valid secret signs, space-separated.
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 32 random bytes. Shown once, stored encrypted. */
export const newSigningSecret = (): string => SECRET_PREFIX + randomBytes(32).toString('base64');

export function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('not a whsec_ secret');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return 'v1,' + createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one delivery attempt; `secrets` newest first, at least one. */
export function signedHeaders(secrets: readonly string[], id: string, at: Date, body: string): WebhookHeaders {
  if (secrets.length === 0) throw new Error('no secret to sign with');
  const ts = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': secrets.map((s) => signature(s, id, ts, body)).join(' ') };
}
