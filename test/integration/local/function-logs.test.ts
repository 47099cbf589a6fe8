// Every structured log line names the function that wrote it. The local runtime runs all functions in one process,
// but each has its own Logger there (shared/observability.ts, one per function scope), as each Lambda function has its
// own process: the Lambda context one function's invocation adds never ends up on another function's lines. The real
// runtime and topology: a parcel through ingest, assess, publish and deliver to a receiver that holds its answer
// while the api and webhooks functions refuse a request each (so their invocations start while deliver's is open).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRuntime } from '#infra/local/runtime';
import { memoryLog } from '#infra/local/log';
import { topology } from '#infra/topology';
import { validDeclaration } from '#test/fixtures/declarations';
import { ApiClient } from '#test/helpers/api-client';
import { s10 } from '#test/helpers/s10';
import { waitFor } from '#test/helpers/wait';
import { startWebhookRuntime } from '#test/helpers/webhook-runtime';

jest.setTimeout(60_000);

interface Line {
  message?: string;
  function_name?: string;
  level?: string;
}

/** The JSON lines the functions' Loggers write (to stdout and stderr), parsed; anything else written is let through. */
function captureLogLines(): { lines: Line[]; restore(): void } {
  const lines: Line[] = [];
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      const text = String(chunk);
      if (!text.startsWith('{')) return write(chunk, ...rest);
      for (const line of text.split('\n').filter((l) => l.startsWith('{'))) lines.push(JSON.parse(line) as Line);
      return true;
    }) as typeof stream.write);
  });
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

let rt: LocalRuntime;
let api: ApiClient;
let receiver: Server;
let receiverUrl: string;
let adminKey: string;
const received: string[] = [];
/** The receiver answers once this is resolved. */
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => (release = resolve));
const capture = captureLogLines();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      void released.then(() => res.writeHead(204).end());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // INFO: the functions' own lines (batch assessed, events fanned out, webhook attempts, request refused) are written.
  const started = await startWebhookRuntime({ topology, log: memoryLog(), idlePollMs: 50, scheduleIntervalMs: 500, env: { POWERTOOLS_LOG_LEVEL: 'INFO' } });
  rt = started.rt;
  api = new ApiClient(rt.url);
  adminKey = started.adminKey;
});

afterAll(async () => {
  await rt?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  capture.restore();
});

const written = (message: string) => capture.lines.filter((l) => l.message === message);

it('names, on every line, the function that wrote it', async () => {
  const platform = await api.createKey(adminKey, { role: 'platform', tenantId: 'logs-shop' });
  const sub = await api.post('/v1/webhooks', platform.key, { url: receiverUrl, events: ['customs.response.issued'] });
  expect(sub.status).toBe(201);

  const itemId = s10(44_000_001);
  const post = await api.post('/v1/parcel-batches', platform.key, { parcels: [validDeclaration({ itemId })] });
  expect(post.status).toBeLessThan(300);
  await waitFor(() => received.some((b) => b.includes(itemId)), 'the customs response at the receiver', 30_000);

  // While the deliver invocation waits for the answer: an invocation of the api function and one of webhooks.
  expect((await api.get('/v1/parcels/NOT-AN-ITEM', platform.key)).status).toBe(404);
  expect((await api.post('/v1/webhooks', platform.key, { url: 'not a url', events: [] })).status).toBe(400);
  await waitFor(() => written('request refused').length >= 2, 'both refusals logged', 10_000);
  release();
  await waitFor(() => written('webhook attempts').length > 0, "the deliver function's line", 10_000);

  const expected: Record<string, string[]> = {
    'webhook created': ['webhooks'],
    'batch assessed': ['assess'],
    'events fanned out': ['publish'],
    'webhook attempts': ['deliver'],
    'request refused': ['api', 'webhooks'],
  };
  for (const [message, functions] of Object.entries(expected)) {
    const names = written(message).map((l) => l.function_name);
    expect({ message, names: [...new Set(names)].sort() }).toEqual({ message, names: functions });
  }
  // And no line at all without the name of its function.
  expect(capture.lines.filter((l) => l.message !== undefined && l.function_name === undefined)).toEqual([]);
});
