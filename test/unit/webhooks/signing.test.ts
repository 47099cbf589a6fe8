import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signedHeaders, SECRET_PREFIX } from '#shared/webhooks/signing';

describe('Standard Webhooks v1 signatures', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'customs.response.issued', createdAt: '2026-11-20T10:00:00.000Z', data: { itemId: 'CP719248650DE' } });

  it('makes secrets of whsec_ + base64 of 32 random bytes', () => {
    const s = newSigningSecret();
    expect(s.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(s.slice(SECRET_PREFIX.length), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(s);
  });

  it('signs so that the reference library verifies the body', () => {
    const secret = newSigningSecret();
    const headers = signedHeaders([secret], 'evt_1', new Date(), body);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('refuses a changed body, another secret, or another id', () => {
    const secret = newSigningSecret();
    const headers = { ...signedHeaders([secret], 'evt_1', new Date(), body) };
    expect(() => new Webhook(secret).verify(body.replace('evt_1', 'evt_2'), headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_x' })).toThrow();
  });

  it('signs with every secret during a rotation, each verifying on its own', () => {
    const [next, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = { ...signedHeaders([next, previous], 'evt_1', new Date(), body) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it('puts the timestamp in seconds, which the receiver checks for freshness', () => {
    const secret = newSigningSecret();
    const stale = { ...signedHeaders([secret], 'evt_1', new Date(Date.now() - 3600_000), body) };
    expect(stale['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(() => new Webhook(secret).verify(body, stale)).toThrow(/too old/);
  });
});
