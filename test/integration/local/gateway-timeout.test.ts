// A request that never finishes arriving does not hold a connection: the gateway answers 408 and closes it
// after a bounded time (30 s by default, API Gateway's integration limit; 300 ms here).
import { connect } from 'node:net';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { waitFor } from '#test/helpers/wait';
import { testTopology } from './fixtures/topology';

jest.setTimeout(20_000);

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startLocalRuntime({ topology: testTopology, log: memoryLog(), requestBodyTimeoutMs: 300 });
});
afterAll(async () => {
  await rt?.close();
});

/** Sends `head` on a raw socket and never anything more; resolves with what came back once the gateway closed it. */
async function sendAndWait(head: string): Promise<string> {
  const { port } = new URL(rt.url);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  let closed = false;
  socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  socket.write(head);
  try {
    await waitFor(() => closed, 'the gateway to close the connection', 10_000);
  } finally {
    socket.destroy();
  }
  return answer;
}

it('answers 408 and closes the connection when a body stops half way', async () => {
  const answer = await sendAndWait('POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"x":');
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ message: 'Request Timeout' });
});

it('closes a connection whose headers never end, with 408', async () => {
  const answer = await sendAndWait('POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
});

it('still serves complete requests, bodies included', async () => {
  const res = await fetch(`${rt.url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { event: { body: string } }).event.body).toBe('{"x":1}');
});
