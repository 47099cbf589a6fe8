// The gateway renders routes like API Gateway HTTP API (payload 2.0) over real HTTP.
import type { APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { authorizerCalls, GOOD_KEY } from './fixtures/authorizer';
import { testTopology } from './fixtures/topology';

jest.setTimeout(20_000);

type Echo = { event: APIGatewayProxyEventV2WithLambdaAuthorizer<{ keyId: string; role: string }>; context: Record<string, unknown> };

let rt: LocalRuntime;
const log = memoryLog();

beforeAll(async () => {
  rt = await startLocalRuntime({ topology: testTopology, log });
});
afterAll(async () => {
  await rt?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${rt.url}${path}`, { headers });

describe('routing', () => {
  it('matches path parameters and query strings, and builds a payload 2.0 event', async () => {
    const res = await get('/v1/items/RR123456785CH?a=1&b=x%20y&a=2', { 'x-api-key': GOOD_KEY, 'X-Custom': 'V', cookie: 'c1=v1; c2=v2' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.headers.get('apigw-requestid')).toBeTruthy();
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    const { event, context } = (await res.json()) as Echo;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/items/{itemId}',
      rawPath: '/v1/items/RR123456785CH',
      rawQueryString: 'a=1&b=x%20y&a=2',
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { itemId: 'RR123456785CH' },
      cookies: ['c1=v1', 'c2=v2'],
      isBase64Encoded: false,
      requestContext: {
        accountId: expect.any(String),
        apiId: expect.any(String),
        http: { method: 'GET', path: '/v1/items/RR123456785CH', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: expect.any(String) },
        requestId: res.headers.get('apigw-requestid'),
        routeKey: 'GET /v1/items/{itemId}',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
        authorizer: { lambda: { keyId: 'key-1', role: 'admin' } },
      },
    });
    expect(event.headers['x-custom']).toBe('V');
    expect(event.headers['x-api-key']).toBe(GOOD_KEY);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(context).toMatchObject({ functionName: 'echo', memoryLimitInMB: '256', invokedFunctionArn: expect.stringMatching(/^arn:aws:lambda:.*:function:echo$/) });
    expect(context.remaining).toBeGreaterThan(4000);
    expect(context.remaining).toBeLessThanOrEqual(5000);
  });

  it('prefers a literal route over a parameter, and passes greedy paths decoded', async () => {
    expect(await (await get('/v1/items/special')).json()).toEqual({ hello: 'world' }); // plain object → 200 JSON
    const { event } = (await (await get('/v1/files/a/b%20c/d.txt')).json()) as Echo;
    expect(event.pathParameters).toEqual({ path: 'a/b c/d.txt' });
    expect(event.queryStringParameters).toBeUndefined();
  });

  it('answers an unknown route or method with 404 like API Gateway', async () => {
    for (const res of [await get('/v1/nope'), await fetch(`${rt.url}/v1/binary`, { method: 'DELETE' })]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', async () => {
    const json = await fetch(`${rt.url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":"é"}' });
    expect(((await json.json()) as Echo).event).toMatchObject({ body: '{"x":"é"}', isBase64Encoded: false, headers: { 'content-type': 'application/json' } });
    const bin = await fetch(`${rt.url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from([0, 255, 7]) });
    expect(((await bin.json()) as Echo).event).toMatchObject({ body: Buffer.from([0, 255, 7]).toString('base64'), isBase64Encoded: true });
  });

  it('decodes a base64 result', async () => {
    const res = await get('/v1/binary');
    expect(res.status).toBe(201);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it('refuses payloads over 10 MB with 413', async () => {
    const res = await fetch(`${rt.url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});

describe('errors', () => {
  it('turns a thrown error into 500 without details, and logs it', async () => {
    const res = await get('/v1/boom');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toMatch(/secret|at /);
    expect(log.lines.some((l) => l.includes('function boom failed') && l.includes('secret internal detail'))).toBe(true);
  });

  it('turns a handler running past its timeout into 500', async () => {
    const res = await get('/v1/slow');
    expect(res.status).toBe(500);
    expect(log.lines.some((l) => l.includes('timed out after 1 s'))).toBe(true);
  });
});

describe('authorizer', () => {
  it('calls the authorizer also when no key is sent (no identity source, as the CDK renders it): it answers for it', async () => {
    const before = authorizerCalls().length;
    const res = await get('/v1/items/X');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
    expect(authorizerCalls().length).toBe(before + 1);
    expect(authorizerCalls().at(-1)).toMatchObject({ type: 'REQUEST', identitySource: [] });
  });

  it('denies a wrong key with 403 Forbidden', async () => {
    const res = await get('/v1/items/X', { 'x-api-key': 'wrong' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: 'Forbidden' });
  });

  it('sends a REQUEST event for every request: decisions are never cached', async () => {
    const key = { authorization: `Bearer ${GOOD_KEY}` };
    const before = authorizerCalls().length;
    expect((await get('/v1/items/A', key)).status).toBe(200);
    expect((await get('/v1/items/B', key)).status).toBe(200);
    expect(authorizerCalls().length).toBe(before + 2);
    expect(authorizerCalls().at(-1)).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: expect.stringMatching(/^arn:aws:execute-api:[^:]+:\d+:[^/]+\/\$default\/GET\/v1\/items\/B$/),
      identitySource: [`Bearer ${GOOD_KEY}`],
      routeKey: 'GET /v1/items/{itemId}',
      pathParameters: { itemId: 'B' },
      headers: { authorization: `Bearer ${GOOD_KEY}` },
    });
  });

  it('answers 500 when the authorizer throws', async () => {
    const res = await get('/v1/items/X', { 'x-api-key': 'explode' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });
});

describe('environment', () => {
  it('gives functions their environment and the SDK endpoints, never bodies in the log', () => {
    expect(process.env.GREETING).toBe('hi');
    expect(process.env.RECORDS_TABLE_NAME).toBe('records');
    expect(process.env.WORK_QUEUE_URL).toBe(rt.queueUrls.work);
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(rt.dynamodbEndpoint);
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(rt.sqsEndpoint);
    expect(log.lines.join('\n')).not.toContain('"x":"é"');
  });
});
