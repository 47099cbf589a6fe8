// Inside a service thread (started by service-thread.ts through service-worker.cjs): runs one embedded service,
// dynalite or local-aws-sqs (with its journal in front when there is a data dir), on its own event loop and so on
// the machine's other core, and answers the main thread's messages: close, its thread's CPU time, calls on the
// journal (recover). Its log lines go to the main thread, which owns the log.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { Log } from './log';
import { startDynamoDb, startSqs, type RunningService } from './services';
import { startSqsJournal, type SqsJournal } from './sqs-journal';

export type ServiceSpec = { kind: 'dynamodb'; dataDir?: string } | { kind: 'sqs'; region: string; accountId: string; /** `<dataDir>/sqs`: the journal's directory. */ journalDir?: string };

export interface ThreadCpu {
  /** CPU time of this thread alone (Linux /proc/thread-self), in ms; undefined where that is not readable. */
  userMs?: number;
  systemMs?: number;
  /** Its event loop's busy time, in ms (performance.eventLoopUtilization). */
  activeMs: number;
}

export type ToThread = { type: 'close' } | { type: 'cpu'; id: number } | { type: 'recover'; id: number; queueUrls: Record<string, string> } | { type: 'crash' };
export type FromThread =
  | { type: 'ready'; endpoint: string; upstream: string }
  | { type: 'closed' }
  | { type: 'log'; level: 'info' | 'error'; line: string; error?: string }
  | { type: 'reply'; id: number; value?: unknown; error?: string };

/** This thread's own CPU time: fields 14 and 15 (utime, stime, in clock ticks of 10 ms) of /proc/thread-self/stat. */
export function threadCpu(): Pick<ThreadCpu, 'userMs' | 'systemMs'> {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { userMs: Number(fields[11]) * 10, systemMs: Number(fields[12]) * 10 };
  } catch {
    return {};
  }
}

const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

async function main(port: NonNullable<typeof parentPort>, spec: ServiceSpec): Promise<void> {
  const post = (m: FromThread) => port.postMessage(m);
  const log: Log = {
    info: (line) => post({ type: 'log', level: 'info', line }),
    error: (line, err) => post({ type: 'log', level: 'error', line, ...(err === undefined ? {} : { error: describe(err) }) }),
  };
  let service: RunningService;
  let journal: SqsJournal | undefined;
  if (spec.kind === 'dynamodb') service = await startDynamoDb(spec.dataDir ? { dataDir: spec.dataDir } : {});
  else {
    service = await startSqs({ region: spec.region, accountId: spec.accountId });
    if (spec.journalDir) journal = await startSqsJournal({ dir: spec.journalDir, upstream: service.endpoint, log });
  }
  port.on('message', (m: ToThread) => {
    if (m.type === 'close') {
      void (async () => {
        await journal?.close();
        await service.close();
        post({ type: 'closed' });
      })();
    } else if (m.type === 'cpu') {
      post({ type: 'reply', id: m.id, value: { ...threadCpu(), activeMs: performance.eventLoopUtilization().active } satisfies ThreadCpu });
    } else if (m.type === 'recover') {
      const answer = journal ? journal.recover(m.queueUrls) : Promise.resolve({ requeued: 0, dropped: 0 });
      answer.then(
        (value) => post({ type: 'reply', id: m.id, value }),
        (e) => post({ type: 'reply', id: m.id, error: describe(e) }),
      );
    } else if (m.type === 'crash') {
      // Tests: an uncaught error, as a bug in the service would throw; the main thread must notice.
      setImmediate(() => {
        throw new Error(`${spec.kind} service thread: crash requested`);
      });
    }
  });
  post({ type: 'ready', endpoint: journal?.endpoint ?? service.endpoint, upstream: service.endpoint });
}

if (parentPort) {
  const port = parentPort;
  // A failed start-up is an uncaught error of the thread: the main thread sees it and the exit.
  main(port, workerData as ServiceSpec).catch((e) =>
    setImmediate(() => {
      throw e;
    }),
  );
}
