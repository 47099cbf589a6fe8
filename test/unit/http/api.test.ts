import type { Context } from 'aws-lambda';
import { type ApiEvent, apiHandler, json } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';

const context = { awsRequestId: 'req-1', functionName: 'api', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const event = (routeKey: string, authorizer?: Record<string, unknown>): ApiEvent =>
  ({ routeKey, rawPath: routeKey.split(' ')[1], headers: {}, requestContext: { authorizer: authorizer && { lambda: authorizer } } }) as unknown as ApiEvent;
const platform = { keyId: 'key_1', role: 'platform', tenantId: 'shop-1' };

/** Captures what the Powertools logger writes to stdout and stderr (one JSON object per line). */
function captureLogs(): { lines: () => Record<string, unknown>[]; restore: () => void } {
  const out: string[] = [];
  const capture = (chunk: string | Uint8Array) => (out.push(String(chunk)), true);
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  return {
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

describe('apiHandler', () => {
  const handler = apiHandler({
    'GET /health': { public: true, fn: async () => json(200, { status: 'ok' }) },
    'GET /who': { fn: async ({ principal }) => json(200, principal) },
    'POST /refuse': {
      fn: async () => {
        throw new ApiError('INVALID_DECLARATION', 'bad', { errors: [{ pointer: '/itemId', code: 'INVALID_S10_FORMAT', detail: 'x' }] });
      },
    },
    'GET /boom': {
      fn: async () => {
        throw new Error('secret internals at /srv/app.ts:12');
      },
    },
  });

  it("answers public routes without a principal and others with the authorizer's principal", async () => {
    expect(await handler(event('GET /health'), context)).toMatchObject({ statusCode: 200 });
    const who = await handler(event('GET /who', platform), context);
    expect(JSON.parse(who.body as string)).toEqual(platform);
  });

  it('answers 401 without a principal and 429 with Retry-After when the authorizer throttled the key', async () => {
    expect(await handler(event('GET /who', { authError: 'missing' }), context)).toMatchObject({ statusCode: 401, headers: { 'content-type': 'application/problem+json' } });
    const throttled = await handler(event('GET /who', { ...platform, retryAfter: '0.4' }), context);
    expect(throttled).toMatchObject({ statusCode: 429, headers: { 'retry-after': '1' } });
  });

  it('turns a domain refusal into problem details and logs it by code, without the body', async () => {
    const logs = captureLogs();
    try {
      const res = await handler(event('POST /refuse', platform), context);
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body as string)).toMatchObject({ status: 400, code: 'INVALID_DECLARATION', errors: [{ pointer: '/itemId', code: 'INVALID_S10_FORMAT' }] });
      expect(logs.lines()).toEqual([expect.objectContaining({ message: 'request refused', code: 'INVALID_DECLARATION', status: 400, route: 'POST /refuse', errors: 1 })]);
    } finally {
      logs.restore();
    }
  });

  it('answers an unexpected error 500 with the request id and no internals, and logs the error', async () => {
    const logs = captureLogs();
    try {
      const res = await handler(event('GET /boom', platform), context);
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain('req-1');
      expect(res.body).not.toMatch(/secret internals|\/srv\/app/);
      expect(logs.lines()).toEqual([expect.objectContaining({ level: 'ERROR', message: 'unhandled error', requestId: 'req-1' })]);
    } finally {
      logs.restore();
    }
  });

  it('answers 404 for a route it does not serve', async () => {
    expect(await handler(event('GET /nowhere', platform), context)).toMatchObject({ statusCode: 404 });
  });
});
