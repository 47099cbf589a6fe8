// The webhook poster keeps connections alive per vetted address (shared/webhooks/agents.ts): attempts to one
// endpoint reuse a connection, a reused connection always goes to the address vetted for the attempt (a new DNS
// answer gets a connection of its own), and a kept connection the endpoint closed as it was reused is not the
// endpoint's failure: the attempt goes once more on a new connection.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { closeConnections } from '#shared/webhooks/agents';
import { httpPoster } from '#shared/webhooks/http';
import type { Resolver } from '#shared/webhooks/url';

let server: Server;
let port: number;
const connections: Socket[] = [];
/** Per request: the local address its connection arrived on, and whether it was the connection's first request. */
const seen: { local: string; first: boolean }[] = [];
/** Cut the connection of a request that is not its connection's first, without answering (once per test). */
let cutReused = false;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const socket = req.socket as Socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    seen.push({ local: socket.localAddress ?? '', first: socket.served === 1 });
    if (socket.served > 1 && cutReused) {
      cutReused = false;
      socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  server.on('connection', (s: Socket) => connections.push(s));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
});

beforeEach(() => {
  closeConnections();
  connections.length = 0;
  seen.length = 0;
});

afterAll(async () => {
  closeConnections();
  await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
});

/** A resolver whose answer for the host can be changed between attempts (a DNS rebinding). */
function switchable(address: string): Resolver & { address: string } {
  const r = Object.assign(async () => [{ address: r.address, family: 4 }], { address });
  return r;
}

describe("the webhook poster's connections", () => {
  it('reuses one connection for attempts to one endpoint', async () => {
    const post = httpPoster({ policy: { allowLoopback: true }, timeoutMs: 5000, resolve: switchable('127.0.0.1') });
    for (let i = 0; i < 3; i++) expect((await post(`http://localhost:${port}/hook`, '{}', {})).statusCode).toBe(204);
    expect(connections).toHaveLength(1);
    expect(seen.map((s) => s.first)).toEqual([true, false, false]);
  });

  it('connects to the newly vetted address when the host resolves elsewhere, never through the old connection', async () => {
    const resolve = switchable('127.0.0.1');
    const post = httpPoster({ policy: { allowLoopback: true }, timeoutMs: 5000, resolve });
    expect((await post(`http://localhost:${port}/hook`, '{}', {})).statusCode).toBe(204);
    resolve.address = '127.0.0.2';
    expect((await post(`http://localhost:${port}/hook`, '{}', {})).statusCode).toBe(204);
    expect(seen).toEqual([
      { local: '127.0.0.1', first: true },
      { local: '127.0.0.2', first: true },
    ]);
  });

  it('sends once more on a new connection when the endpoint closed the kept one as it was reused', async () => {
    const post = httpPoster({ policy: { allowLoopback: true }, timeoutMs: 5000, resolve: switchable('127.0.0.1') });
    expect((await post(`http://localhost:${port}/hook`, '{}', {})).statusCode).toBe(204);
    cutReused = true;
    expect(await post(`http://localhost:${port}/hook`, '{}', {})).toEqual(expect.objectContaining({ statusCode: 204 }));
    expect(seen.map((s) => s.first)).toEqual([true, false, true]);
    expect(connections).toHaveLength(2);
  });
});
