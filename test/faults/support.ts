// What the fault-injection scenarios share: a webhook receiver that can go down and
// come back on its port, clients that submit parcels the way the contract tells them to (the same declaration
// again on a 5xx, a 429 or a network error), and the final count: every accepted parcel must end with a
// customs response (not stuck) and be notified at the receiver with a valid signature (not lost).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { validDeclaration } from '../fixtures/declarations';
import { s10 } from '../helpers/s10';

export const faultSeed = (fallback: number) => Number(process.env.FAULT_SEED ?? fallback);

/** Keeps a fault on for `ms`: how long the scenario's outage lasts, not a wait for some result. */
export const holdFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ the webhook receiver

export type ReceiverState = 'healthy' | 'unavailable' | 'refusing';

export interface FaultReceiver {
  url: string;
  /** The subscription's secret, once it is known: signatures are verified on arrival with `standardwebhooks`. */
  secret: string | undefined;
  /** healthy: 204; unavailable: 503; refusing: the port is closed (connections refused). */
  set(state: ReceiverState): Promise<void>;
  /** itemIds of verified customs.response.issued events. */
  notified: Set<string>;
  counts(): { requests: number; invalid: number; refused503: number };
  close(): Promise<void>;
}

export async function startFaultReceiver(path = '/hook'): Promise<FaultReceiver> {
  let state: ReceiverState = 'healthy';
  let requests = 0;
  let invalid = 0;
  let refused503 = 0;
  const notified = new Set<string>();
  const sockets = new Set<Socket>();
  const r: FaultReceiver = { url: '', secret: undefined, set, notified, counts: () => ({ requests, invalid, refused503 }), close };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (state !== 'healthy') {
        refused503++;
        res.writeHead(503).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = new Webhook(r.secret ?? '').verify(body, req.headers as Record<string, string>) as { type: string; data: { itemId: string } };
        if (event.type === 'customs.response.issued') notified.add(event.data.itemId);
      } catch {
        invalid++;
      }
      res.writeHead(204).end();
    });
  };
  let server!: Server;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server = createServer(onRequest);
      server.on('connection', (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  await listen(0);
  const port = (server.address() as { port: number }).port;
  r.url = `http://127.0.0.1:${port}${path}`;

  async function set(next: ReceiverState): Promise<void> {
    if (next === 'refusing') await stop();
    else if (!server.listening) await listen(port);
    state = next;
  }
  async function close(): Promise<void> {
    await stop();
  }
  return r;
}

// ------------------------------------------------------------------ clients that follow the contract

export interface Load {
  /** itemIds the API accepted (202, or 200 for the same declaration sent again). */
  accepted: Set<string>;
  /** Answers that made a client send the same declaration again (5xx, 429, network errors). */
  resent: number;
  /** The statuses each declaration was answered with, in order (0: no answer), for diagnostics. */
  answers: Map<string, number[]>;
  /** Stops sending new parcels; resolves once every client has its last parcel accepted (or gave up at the deadline). */
  stop(): Promise<void>;
  /** Errors no client should see (4xx other than 429, a parcel never accepted): each fails the scenario. */
  failures: string[];
}

export interface LoadOptions {
  /** The API's base URL now (it may change between restarts). */
  baseUrl: () => string;
  key: string;
  /** First S10 serial; each parcel takes the next one. */
  firstSerial: number;
  workers: number;
  /** How long one parcel may take to be accepted, retries included. */
  perParcelDeadlineMs: number;
}

/**
 * `workers` clients, each sending one declaration after another to POST /v1/parcels. On a 5xx, a 429 or a network
 * error a client sends the same declaration again (after a short pause), until it is accepted.
 */
export function startLoad(o: LoadOptions): Load {
  let serial = o.firstSerial;
  let stopping = false;
  const load: Load = { accepted: new Set(), resent: 0, answers: new Map(), failures: [], stop: async () => undefined };
  const submit = async (itemId: string) => {
    const body = JSON.stringify(validDeclaration({ itemId }));
    const deadline = Date.now() + o.perParcelDeadlineMs;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let text = '';
      try {
        const res = await fetch(`${o.baseUrl()}/v1/parcels`, {
          method: 'POST',
          headers: { authorization: `Bearer ${o.key}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(20_000),
        });
        status = res.status;
        text = await res.text();
      } catch {
        status = 0; // refused, reset or timed out: the runtime is down or restarting
      }
      load.answers.set(itemId, [...(load.answers.get(itemId) ?? []), status]);
      if (status === 202 || status === 200) {
        load.accepted.add(itemId);
        return;
      }
      if (status !== 0 && status !== 429 && status < 500) {
        load.failures.push(`${itemId}: ${status} ${text.slice(0, 200)}`);
        return;
      }
      if (Date.now() > deadline) {
        load.failures.push(`${itemId}: not accepted within ${o.perParcelDeadlineMs} ms (last answer ${status} ${text.slice(0, 200)})`);
        return;
      }
      load.resent++;
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** Math.min(attempt, 5))));
    }
  };
  const workers = Array.from({ length: o.workers }, async () => {
    while (!stopping) await submit(s10(serial++));
  });
  load.stop = async () => {
    stopping = true;
    await Promise.all(workers);
  };
  return load;
}

// ------------------------------------------------------------------ the count

export interface Outcome {
  accepted: number;
  withResponse: number;
  notified: number;
  lost: string[];
  stuck: string[];
}

/**
 * Waits (with a deadline) until every accepted parcel has a customs response and has been notified, then counts.
 * Returns the count at the deadline if that never happens: the caller asserts on it.
 */
export async function settle(o: { baseUrl: string; key: string; accepted: Set<string>; notified: Set<string>; timeoutMs: number }): Promise<Outcome> {
  const responded = new Set<string>();
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const pending = [...o.accepted].filter((id) => !responded.has(id));
    for (let i = 0; i < pending.length; i += 16) {
      await Promise.all(
        pending.slice(i, i + 16).map(async (id) => {
          const res = await fetch(`${o.baseUrl}/v1/parcels/${id}`, { headers: { authorization: `Bearer ${o.key}` } });
          const body = (await res.json()) as { status?: string };
          if (res.status === 200 && body.status && body.status !== 'RECEIVED') responded.add(id);
        }),
      );
    }
    const done = responded.size === o.accepted.size && [...o.accepted].every((id) => o.notified.has(id));
    if (done || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    accepted: o.accepted.size,
    withResponse: responded.size,
    notified: [...o.accepted].filter((id) => o.notified.has(id)).length,
    lost: [...o.accepted].filter((id) => !o.notified.has(id)),
    stuck: [...o.accepted].filter((id) => !responded.has(id)),
  };
}

/** How the stuck or lost parcels were answered, e.g. "503,200 ×12": what a failure has in common. */
export function answersOf(load: Load, ids: string[]): string {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const k = (load.answers.get(id) ?? []).join(',');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} x${n}`).join('; ');
}

export const describeOutcome = (scenario: string, o: Outcome, extra = '') =>
  `[faults] ${scenario}: accepted ${o.accepted}, with customs response ${o.withResponse}, notified ${o.notified}, lost ${o.lost.length}, stuck ${o.stuck.length}${extra ? `; ${extra}` : ''}`;
