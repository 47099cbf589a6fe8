// The embedded services each in a worker thread of their own (service-host.ts), so that the runtime uses more
// than one core: the main thread keeps the gateway, the handlers (with their AWS SDK clients), the pollers and
// the schedules; dynalite and local-aws-sqs (with the SQS journal in front of it for a data dir) answer on their
// own event loops. Nothing changes for the handlers: they reach the services over HTTP on loopback, as before.
//
// Threads, not child processes: a thread cannot outlive its process, so a `kill -9` of `npm start` leaves no
// service behind (no orphan to reap, no port held), and the data dir's LevelDB files and journal are written by
// the same process as before. A thread that dies while the runtime runs is an error the runtime reports loudly
// (`onCrash`): the handlers would otherwise retry against a closed port.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Log } from './log';
import type { FromThread, ServiceSpec, ThreadCpu, ToThread } from './service-host';

export type { ServiceSpec, ThreadCpu } from './service-host';

export interface ServiceThread {
  kind: ServiceSpec['kind'];
  /** Where clients connect: the journal's proxy when there is one, else the service itself. */
  endpoint: string;
  /** The service itself (local-aws-sqs behind its journal; for dynalite the same as `endpoint`). */
  upstream: string;
  threadId: number;
  /** Whether the thread is still running. */
  running(): boolean;
  /** The thread's CPU time so far. */
  cpu(): Promise<ThreadCpu>;
  /** The SQS journal's recovery (sqs-journal.ts `recover`); nothing to do without a journal. */
  recover(queueUrls: Record<string, string>): Promise<{ requeued: number; dropped: number }>;
  /** Tests: makes the thread throw an uncaught error, as a bug in the service would. */
  crash(): void;
  /** Closes the service (LevelDB and the journal flushed) and ends the thread; idempotent. */
  close(): Promise<void>;
}

const WORKER = join(__dirname, 'service-worker.cjs');
/** How long a service may take to close before its thread is ended anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

/** A thread's lifecycle, shared by its handle and its event handlers. */
interface ThreadState {
  name: string;
  state: 'starting' | 'running' | 'closing' | 'exited';
  lastError: Error | undefined;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  closed: (() => void) | undefined;
}

function onThreadMessage(t: ThreadState, handle: ServiceThread, log: Log, resolveStart: (h: ServiceThread) => void, m: FromThread): void {
  if (m.type === 'ready') {
    t.state = 'running';
    Object.assign(handle, { endpoint: m.endpoint, upstream: m.upstream });
    resolveStart(handle);
  } else if (m.type === 'closed') t.closed?.();
  else if (m.type === 'log') {
    if (m.level === 'info') log.info(m.line);
    else log.error(m.line, m.error === undefined ? undefined : new ThreadError(m.error));
  } else if (m.type === 'reply') {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new ThreadError(m.error));
    else p?.resolve(m.value);
  }
}

function onThreadExit(t: ThreadState, code: number, opts: { log: Log; onCrash: (error: Error) => void }, rejectStart: (e: Error) => void): void {
  const { name } = t;
  const was = t.state;
  t.state = 'exited';
  const error = t.lastError ?? new Error(`${name} exited with code ${code}`);
  for (const p of t.pending.values()) p.reject(new Error(`${name} has stopped`, { cause: error }));
  t.pending.clear();
  if (was === 'starting') rejectStart(new Error(`${name} could not start: ${error.message}`, { cause: error }));
  else if (was === 'running') {
    opts.log.error(`${name} stopped unexpectedly (exit code ${code})`, error);
    opts.onCrash(new Error(`${name} stopped unexpectedly: ${error.message}`, { cause: error }));
  }
}

export function startServiceThread(spec: ServiceSpec, opts: { log: Log; onCrash: (error: Error) => void }): Promise<ServiceThread> {
  const { log } = opts;
  // execArgv: [] — the thread needs none of the main thread's loaders (service-worker.cjs registers tsx itself).
  const worker = new Worker(WORKER, { workerData: spec, execArgv: [], env: process.env, stdout: false, stderr: false });
  const t: ThreadState = { name: `${spec.kind} service thread`, state: 'starting', lastError: undefined, pending: new Map(), closed: undefined };
  const { name } = t;
  let nextId = 0;

  const call = <T>(m: { type: 'cpu' } | { type: 'recover'; queueUrls: Record<string, string> }): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (t.state === 'exited') return reject(new Error(`${name} has stopped`));
      const id = nextId++;
      t.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...m, id });
    });

  return new Promise<ServiceThread>((resolveStart, rejectStart) => {
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const handle: ServiceThread = {
      kind: spec.kind,
      endpoint: '',
      upstream: '',
      threadId: worker.threadId,
      running: () => t.state !== 'exited',
      cpu: () => call<ThreadCpu>({ type: 'cpu' }),
      recover: (queueUrls) => call({ type: 'recover', queueUrls }),
      crash: () => worker.postMessage({ type: 'crash' } satisfies ToThread),
      async close() {
        if (t.state === 'exited') return;
        if (t.state !== 'closing') {
          t.state = 'closing';
          const done = new Promise<void>((resolve) => (t.closed = resolve));
          worker.postMessage({ type: 'close' } satisfies ToThread);
          const timer = setTimeout(() => {
            log.error(`${name} did not close within ${CLOSE_TIMEOUT_MS} ms: ending it`);
            t.closed?.();
          }, CLOSE_TIMEOUT_MS);
          await Promise.race([done, exited]);
          clearTimeout(timer);
          await worker.terminate();
        }
        await exited;
      },
    };
    worker.on('message', (m: FromThread) => onThreadMessage(t, handle, log, resolveStart, m));
    worker.on('error', (e) => {
      t.lastError = e;
    });
    worker.on('exit', (code) => onThreadExit(t, code, opts, rejectStart));
  });
}

/** An error that happened in a service thread: its stack as that thread wrote it. */
class ThreadError extends Error {
  constructor(stack: string) {
    super(stack.split('\n')[0] ?? stack);
    this.name = 'ServiceThreadError';
    this.stack = stack;
  }
}

/**
 * The same service in this thread, as before the threads (`startLocalRuntime({ serviceThreads: false })`): for
 * comparing the two in a bench. It shares this thread's CPU clock, so `cpu()` reports nothing of its own.
 */
export async function startInProcessService(spec: ServiceSpec, log: Log): Promise<ServiceThread> {
  // Loaded here only: the threads load these modules themselves.
  const { startDynamoDb, startSqs } = await import('./services');
  const { startSqsJournal } = await import('./sqs-journal');
  let running = true;
  if (spec.kind === 'dynamodb') {
    const s = await startDynamoDb(spec.dataDir ? { dataDir: spec.dataDir } : {});
    return {
      kind: spec.kind,
      endpoint: s.endpoint,
      upstream: s.endpoint,
      threadId: 0,
      running: () => running,
      cpu: async () => ({ activeMs: 0 }),
      recover: async () => ({ requeued: 0, dropped: 0 }),
      crash: () => undefined,
      close: async () => void (running && ((running = false), await s.close())),
    };
  }
  const s = await startSqs({ region: spec.region, accountId: spec.accountId });
  const journal = spec.journalDir ? await startSqsJournal({ dir: spec.journalDir, upstream: s.endpoint, log }) : undefined;
  return {
    kind: spec.kind,
    endpoint: journal?.endpoint ?? s.endpoint,
    upstream: s.endpoint,
    threadId: 0,
    running: () => running,
    cpu: async () => ({ activeMs: 0 }),
    recover: async (urls) => (journal ? journal.recover(urls) : { requeued: 0, dropped: 0 }),
    crash: () => undefined,
    async close() {
      if (!running) return;
      running = false;
      await journal?.close();
      await s.close();
    },
  };
}
