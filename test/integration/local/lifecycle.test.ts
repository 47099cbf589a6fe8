// Start-up and shut-down: close() frees every port and leaves nothing running; --data-dir persists
// DynamoDB across restarts; a failed start-up cleans up after itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { memoryLog } from '#infra/local/log';
import { main, parseArgs } from '#infra/local/main';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import type { Topology } from '#infra/topology-types';
import { testTopology } from './fixtures/topology';

jest.setTimeout(20_000);

const portOf = (url: string) => Number(new URL(url).port);
const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

// The authorizer stays: the topology checks (both renderings) require the declared authorizer function.
const tablesOnly: Topology = { ...testTopology, functions: testTopology.functions.filter((f) => f.name === 'authorizer'), routes: [], eventSources: [], schedules: [] };

describe('close()', () => {
  it('frees the gateway and service ports and refuses connections', async () => {
    const rt = await main({ port: 0, topology: testTopology, log: memoryLog(), print: () => undefined, handleSignals: false });
    let closed = false;
    try {
      const ports = [rt.url, rt.dynamodbEndpoint, rt.sqsEndpoint].map(portOf);
      for (const p of ports) expect(await canListen(p)).toBe(false);
      expect((await fetch(`${rt.url}/v1/items/special`)).status).toBe(200); // a keep-alive socket to close
      await rt.close();
      closed = true;
      for (const p of ports) expect(await canListen(p)).toBe(true);
      await expect(fetch(`${rt.url}/v1/items/special`)).rejects.toThrow();
      expect(process.env.AWS_ENDPOINT_URL_SQS).not.toBe(rt.sqsEndpoint); // environment restored
    } finally {
      if (!closed) await rt.close();
    }
  });

  it('allows one runtime at a time, and cleans up after a failed start-up', async () => {
    // It passes the topology checks (which refuse before anything starts) and fails half way: loading its handler.
    const broken = { ...testTopology.functions[0]!, name: 'broken', handler: 'missing' };
    const bad: Topology = { ...tablesOnly, functions: [...tablesOnly.functions, broken], routes: [{ method: 'GET', path: '/x', function: 'broken', auth: 'none' }] };
    const log = memoryLog();
    await expect(startLocalRuntime({ topology: bad, log })).rejects.toThrow(/exports no function 'missing'/);
    expect(log.lines.some((l) => l.startsWith('ERROR start-up failed'))).toBe(true);
    expect(log.lines.at(-1)).toBe('stopped');
    const rt = await startLocalRuntime({ topology: tablesOnly, log: memoryLog() });
    try {
      await expect(startLocalRuntime({ topology: tablesOnly, log: memoryLog() })).rejects.toThrow(/already running/);
    } finally {
      await rt.close();
    }
  });
});

describe('readiness', () => {
  it('answers 503 SERVICE_STARTING to every request until main() has printed its banner', async () => {
    // prepare: a request made from onReady, i.e. after the runtime started and before the banner is out
    const early: { status: number; type: string | null; retryAfter: string | null; body: unknown }[] = [];
    const printed: string[] = [];
    const onReady = async (r: LocalRuntime) => {
      for (const path of ['/v1/items/special', '/v1/nope']) {
        const res = await fetch(`${r.url}${path}`);
        early.push({ status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: await res.json() });
      }
    };

    // act
    const rt = await main({ port: 0, topology: testTopology, log: memoryLog(), print: (l) => printed.push(l), handleSignals: false, onReady, banner: () => ['Admin API key: k'] });

    // assess
    try {
      expect(early).toEqual(Array(2).fill({ status: 503, type: 'application/problem+json', retryAfter: '1', body: expect.objectContaining({ status: 503, code: 'SERVICE_STARTING' }) }));
      expect(printed).toEqual([`Customs–Post EAD pipeline listening on ${rt.url}`, 'Admin API key: k']);
      expect((await fetch(`${rt.url}/v1/items/special`)).status).toBe(200);
    } finally {
      await rt.close();
    }
  });
});

describe('--data-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ead-local-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withRuntime = async <T>(fn: (doc: DynamoDBDocumentClient, rt: LocalRuntime) => Promise<T>): Promise<T> => {
    const rt = await startLocalRuntime({ topology: tablesOnly, dataDir: dir, log: memoryLog() });
    const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: rt.dynamodbEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      return await fn(DynamoDBDocumentClient.from(ddb), rt);
    } finally {
      ddb.destroy();
      await rt.close();
    }
  };

  it('keeps DynamoDB items across restarts', async () => {
    await withRuntime((doc) => doc.send(new PutCommand({ TableName: 'parcels', Item: { pk: 'p', sk: 's', status: 'RELEASED' } })));
    const item = await withRuntime(async (doc) => (await doc.send(new GetCommand({ TableName: 'parcels', Key: { pk: 'p', sk: 's' } }))).Item);
    expect(item).toEqual({ pk: 'p', sk: 's', status: 'RELEASED' });
  });
});

describe('parseArgs', () => {
  it('reads PORT and --data-dir, leaving other arguments for later modes', () => {
    expect(parseArgs(['--data-dir', 'x', '--demo'], { PORT: '4000' })).toEqual({ port: 4000, dataDir: join(process.cwd(), 'x'), rest: ['--demo'] });
    expect(parseArgs([], {})).toEqual({ port: 3000, rest: [] });
    expect(() => parseArgs([], { PORT: 'abc' })).toThrow(/PORT/);
  });
});
