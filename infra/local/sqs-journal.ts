// Durable local queues for `npm start --data-dir`: local-aws-sqs keeps messages in memory only, so this
// loopback proxy in front of it journals, under <dataDir>/sqs/, every message sent and every message deleted,
// and on the next start sends again what was sent and never deleted. A send's success reaches the caller only
// after its journal line is written (synchronously, so a `kill -9` right after the answer loses nothing; the
// kernel has the line even if the process is gone — a power cut is another matter, as for dynalite's LevelDB).
// Deletes name receipt handles: the proxy maps them to message ids from the ReceiveMessage answers it relays,
// so every client that deletes (the runtime's pollers included) must go through it.
//
// At least once, like SQS itself: a message whose delete was not yet journaled comes back after a restart,
// and one that had been moved to its DLQ comes back on its own queue (every stage is idempotent).
// Only the JSON protocol (what AWS SDK v3 speaks) is journaled; a Query-protocol request is passed through
// and logged once as not durable.
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './log';
import { rewriteOrigin, startProxy, type ProxiedRequest, type UpstreamAnswer } from './http-proxy';

/** One message as sent: enough to send it again. */
export interface JournaledMessage {
  id: string;
  queue: string;
  body: string;
  /** As the JSON protocol carries them (binary values base64). */
  attributes?: unknown;
  system?: unknown;
  /** DelaySeconds asked for, and when it was sent (ms): a replay waits only what is left. */
  delay: number;
  at: number;
  group?: string;
  dedup?: string;
}

type Line = ({ op: 'send' } & JournaledMessage) | { op: 'delete'; id: string } | { op: 'purge'; queue: string; at: number };

export interface SqsJournal {
  /** The proxy's endpoint: give it to every SQS client of the runtime. */
  endpoint: string;
  /** Messages found in the journal at start that have not been sent again yet. */
  pending(): number;
  /**
   * Sends again (remaining delay) every message of the journal that was never deleted, to the queue of the same
   * name among `queueUrls`, then compacts the journal. Call once the queues exist (after provisioning).
   */
  recover(queueUrls: Record<string, string>): Promise<{ requeued: number; dropped: number }>;
  /** Messages sent and not deleted, by queue name (what a restart would bring back). */
  live(): Map<string, JournaledMessage[]>;
  close(): Promise<void>;
}

export interface SqsJournalOptions {
  /** The journal's directory (`<dataDir>/sqs`). */
  dir: string;
  /** local-aws-sqs, e.g. http://127.0.0.1:4567 */
  upstream: string;
  log: Log;
  /** Compact while running once the file is this large and mostly deleted messages (default 32 MiB). */
  compactAtBytes?: number;
}

const JOURNAL = 'journal.jsonl';
const JSON_TYPE = 'application/x-amz-json-1.0';
const SQS_MAX_DELAY_SECONDS = 900;
/** Queue URLs name the host they were created on: answers carrying them are rewritten to the proxy's. */
const ANSWERS_WITH_QUEUE_URLS = new Set(['CreateQueue', 'GetQueueUrl', 'ListQueues', 'ListDeadLetterSourceQueues']);

const queueNameOf = (queueUrl: unknown): string => (typeof queueUrl === 'string' ? (queueUrl.split('/').filter(Boolean).at(-1) ?? '') : '');
const parse = (b: Buffer): any => (b.length ? JSON.parse(b.toString('utf8')) : {});

/** The journal's lines, in order; a last line cut short by a kill is ignored (its send was never answered). */
function readLines(file: string, log: Log): Line[] {
  if (!existsSync(file)) return [];
  const out: Line[] = [];
  const text = readFileSync(file, 'utf8');
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!row) continue;
    try {
      out.push(JSON.parse(row) as Line);
    } catch {
      if (i < rows.length - 1) log.error(`sqs journal: skipping unreadable line ${i + 1} of ${file}`);
    }
  }
  return out;
}

/** Sends minus deletes and purges, in send order. */
export function liveMessages(lines: Line[]): Map<string, JournaledMessage> {
  const live = new Map<string, JournaledMessage>();
  for (const l of lines) {
    if (l.op === 'send') {
      const { op: _op, ...m } = l;
      live.set(m.id, m);
    } else if (l.op === 'delete') live.delete(l.id);
    else for (const [id, m] of live) if (m.queue === l.queue && m.at <= l.at) live.delete(id);
  }
  return live;
}

export async function startSqsJournal(opts: SqsJournalOptions): Promise<SqsJournal> {
  const { dir, upstream, log } = opts;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, JOURNAL);
  const compactAt = opts.compactAtBytes ?? 32 * 1024 * 1024;

  const live = liveMessages(readLines(file, log));
  /** Found at start, not sent again yet: id → message. */
  const toRecover = new Map(live);
  const handles = new Map<string, string>();
  const handlesOf = new Map<string, Set<string>>();
  let fd = openSync(file, 'a');
  let bytes = fstatSync(fd).size;
  let warnedQuery = false;
  let closed = false;

  const append = (lines: Line[]) => {
    if (lines.length === 0) return;
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    writeSync(fd, text);
    bytes += Buffer.byteLength(text);
    for (const l of lines) {
      if (l.op === 'send') {
        const { op: _op, ...m } = l;
        live.set(m.id, m);
      } else if (l.op === 'delete') {
        live.delete(l.id);
        toRecover.delete(l.id);
        for (const h of handlesOf.get(l.id) ?? []) handles.delete(h);
        handlesOf.delete(l.id);
      } else {
        for (const [id, m] of live) if (m.queue === l.queue && m.at <= l.at) live.delete(id);
        for (const [id, m] of toRecover) if (m.queue === l.queue) toRecover.delete(id);
      }
    }
  };

  /** Rewrites the journal as the live messages only: a new file, synced, then renamed over the old one. */
  const compact = () => {
    const tmp = `${file}.next`;
    const out = openSync(tmp, 'w');
    try {
      const text = [...live.values()].map((m) => JSON.stringify({ op: 'send', ...m } satisfies Line) + '\n').join('');
      writeSync(out, text);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(tmp, file);
    closeSync(fd);
    fd = openSync(file, 'a');
    bytes = fstatSync(fd).size;
  };
  const maybeCompact = () => {
    if (bytes < compactAt) return;
    let liveBytes = 0;
    for (const m of live.values()) liveBytes += m.body.length + 200;
    if (liveBytes < bytes / 2) compact();
  };

  const rememberHandles = (answer: any) => {
    for (const m of answer?.Messages ?? []) {
      if (typeof m?.ReceiptHandle !== 'string' || typeof m?.MessageId !== 'string') continue;
      handles.set(m.ReceiptHandle, m.MessageId);
      let set = handlesOf.get(m.MessageId);
      if (!set) handlesOf.set(m.MessageId, (set = new Set()));
      set.add(m.ReceiptHandle);
    }
  };

  const sentLine = (queue: string, entry: any, id: string, at: number): Line => ({
    op: 'send',
    id,
    queue,
    body: String(entry.MessageBody ?? ''),
    ...(entry.MessageAttributes !== undefined ? { attributes: entry.MessageAttributes } : {}),
    ...(entry.MessageSystemAttributes !== undefined ? { system: entry.MessageSystemAttributes } : {}),
    delay: Number(entry.DelaySeconds ?? 0) || 0,
    at,
    ...(entry.MessageGroupId !== undefined ? { group: String(entry.MessageGroupId) } : {}),
    ...(entry.MessageDeduplicationId !== undefined ? { dedup: String(entry.MessageDeduplicationId) } : {}),
  });

  /** What the journal learns from one successful call; throws if it cannot write (the caller then sees an error, not a success). */
  function journal(op: string, request: any, answer: any): void {
    const queue = queueNameOf(request?.QueueUrl);
    const now = Date.now();
    switch (op) {
      case 'SendMessage':
        if (typeof answer?.MessageId === 'string') append([sentLine(queue, request, answer.MessageId, now)]);
        break;
      case 'SendMessageBatch': {
        const entries = new Map<string, any>((request?.Entries ?? []).map((e: any) => [String(e.Id), e]));
        const lines: Line[] = [];
        for (const s of answer?.Successful ?? []) {
          const e = entries.get(String(s.Id));
          if (e && typeof s.MessageId === 'string') lines.push(sentLine(queue, e, s.MessageId, now));
        }
        append(lines);
        break;
      }
      case 'ReceiveMessage':
        rememberHandles(answer);
        break;
      case 'DeleteMessage': {
        const id = handles.get(String(request?.ReceiptHandle));
        if (id) append([{ op: 'delete', id }]);
        break;
      }
      case 'DeleteMessageBatch': {
        const entries = new Map<string, string>((request?.Entries ?? []).map((e: any) => [String(e.Id), String(e.ReceiptHandle)]));
        const lines: Line[] = [];
        for (const s of answer?.Successful ?? []) {
          const id = handles.get(entries.get(String(s.Id)) ?? '');
          if (id) lines.push({ op: 'delete', id });
        }
        append(lines);
        break;
      }
      case 'PurgeQueue':
      case 'DeleteQueue':
        append([{ op: 'purge', queue, at: now }]);
        break;
    }
    maybeCompact();
  }

  const proxy = await startProxy(
    upstream,
    async (req: ProxiedRequest, forward): Promise<UpstreamAnswer> => {
      const op = req.target.startsWith('AmazonSQS.') ? req.target.slice('AmazonSQS.'.length) : '';
      if (!op) {
        if (!warnedQuery) log.error('sqs journal: a request without x-amz-target (Query protocol?) is passed through unjournaled: it is not durable');
        warnedQuery = true;
        return forward();
      }
      const answer = await forward();
      if (answer.status !== 200) return answer;
      if (ANSWERS_WITH_QUEUE_URLS.has(op)) return { ...answer, body: rewriteOrigin(answer.body, upstream, proxy.endpoint) };
      try {
        journal(op, parse(req.body), parse(answer.body));
      } catch (e) {
        log.error(`sqs journal: ${op} succeeded but could not be journaled; answering 500 so the caller sends again`, e);
        const body = Buffer.from(JSON.stringify({ __type: 'com.amazonaws.sqs#InternalError', message: 'the local SQS journal could not be written' }));
        return { status: 500, headers: { 'content-type': JSON_TYPE, 'x-amzn-query-error': 'InternalError;Receiver' }, body };
      }
      return answer;
    },
    (e) => log.error('sqs journal: request failed', e),
  );

  async function callUpstream(op: string, payload: unknown): Promise<any> {
    const res = await fetch(`${upstream}/`, { method: 'POST', headers: { 'x-amz-target': `AmazonSQS.${op}`, 'content-type': JSON_TYPE }, body: JSON.stringify(payload) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${op} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  }

  return {
    endpoint: proxy.endpoint,
    pending: () => toRecover.size,
    live() {
      const byQueue = new Map<string, JournaledMessage[]>();
      for (const m of live.values()) {
        const list = byQueue.get(m.queue);
        if (list) list.push(m);
        else byQueue.set(m.queue, [m]);
      }
      return byQueue;
    },
    async recover(queueUrls) {
      let requeued = 0;
      let dropped = 0;
      const byQueue = new Map<string, JournaledMessage[]>();
      for (const m of toRecover.values()) {
        const list = byQueue.get(m.queue);
        if (list) list.push(m);
        else byQueue.set(m.queue, [m]);
      }
      for (const [queue, messages] of byQueue) {
        const url = queueUrls[queue];
        if (!url) {
          log.error(`sqs journal: ${messages.length} message(s) for queue '${queue}', which no longer exists, are dropped`);
          for (const m of messages) append([{ op: 'delete', id: m.id }]);
          dropped += messages.length;
          continue;
        }
        // Batches of 10, and well under SQS's 256 KiB per batch.
        for (let i = 0; i < messages.length;) {
          const batch: JournaledMessage[] = [];
          let size = 0;
          while (i < messages.length && batch.length < 10 && (batch.length === 0 || size + messages[i]!.body.length < 200_000)) {
            size += messages[i]!.body.length;
            batch.push(messages[i++]!);
          }
          const now = Date.now();
          const entries = batch.map((m, n) => ({
            Id: String(n),
            MessageBody: m.body,
            DelaySeconds: Math.min(SQS_MAX_DELAY_SECONDS, Math.max(0, Math.ceil((m.at + m.delay * 1000 - now) / 1000))),
            ...(m.attributes !== undefined ? { MessageAttributes: m.attributes } : {}),
            ...(m.system !== undefined ? { MessageSystemAttributes: m.system } : {}),
            ...(m.group !== undefined ? { MessageGroupId: m.group } : {}),
            ...(m.dedup !== undefined ? { MessageDeduplicationId: m.dedup } : {}),
          }));
          const answer = await callUpstream('SendMessageBatch', { QueueUrl: url, Entries: entries });
          const lines: Line[] = [];
          for (const s of answer.Successful ?? []) {
            const m = batch[Number(s.Id)];
            if (!m || typeof s.MessageId !== 'string') continue;
            // The same message under its new id; the old id is done with. Both in one write.
            lines.push({ op: 'send', ...m, id: s.MessageId }, { op: 'delete', id: m.id });
            requeued++;
          }
          append(lines);
          if ((answer.Failed ?? []).length > 0) throw new Error(`sqs journal: ${answer.Failed.length} message(s) could not be sent again: ${JSON.stringify(answer.Failed).slice(0, 300)}`);
        }
      }
      compact();
      return { requeued, dropped };
    },
    async close() {
      if (closed) return;
      closed = true;
      await proxy.close();
      closeSync(fd);
    },
  };
}
