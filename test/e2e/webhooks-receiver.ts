// Webhook receivers for the e2e tests and the bench: real HTTP servers on 127.0.0.1 that record what
// arrives (headers, raw body, receipt time) and answer as each test scripts them. Never anything but loopback.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How to answer the n-th request (0-based): a status (and headers, and a delay before answering), or 'hang' to never answer. */
export type Script = (n: number, r: Received) => { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests that are open (hanging) right now. */
  open(): number;
  /** The parsed events whose signature verifies with `secret` (standardwebhooks, the receiver's library). */
  verified(secret: string): { id: string; type: string; createdAt: string; data: Record<string, any> }[];
  close(): Promise<void>;
}

export async function startReceiver(script: Script = () => ({ status: 204 }), path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const n = received.push(r) - 1;
      const answer = script(n, r);
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end();
      };
      if (!answer.delayMs) return reply();
      // Open until it answers: close() ends it like a hanging one.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      setTimeout(() => (hanging.delete(res), reply()), answer.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    open: () => hanging.size,
    verified(secret) {
      const wh = new Webhook(secret);
      const out = [];
      for (const r of received) {
        try {
          out.push(wh.verify(r.body, r.headers as Record<string, string>) as { id: string; type: string; createdAt: string; data: Record<string, any> });
        } catch {
          // not signed by this secret
        }
      }
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
