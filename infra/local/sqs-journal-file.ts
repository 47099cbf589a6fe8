// The journal file of sqs-journal.ts: its lines (a send, a delete, a purge), what is live (sent, never deleted),
// what was found at start and not sent again yet, the receipt handles that name a message, and compaction.
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from './log';

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

export type Line = ({ op: 'send' } & JournaledMessage) | { op: 'delete'; id: string } | { op: 'purge'; queue: string; at: number };

const JOURNAL = 'journal.jsonl';

export const queueNameOf = (queueUrl: unknown): string => (typeof queueUrl === 'string' ? (queueUrl.split('/').filter(Boolean).at(-1) ?? '') : '');

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

const byQueue = (messages: Iterable<JournaledMessage>): Map<string, JournaledMessage[]> => {
  const out = new Map<string, JournaledMessage[]>();
  for (const m of messages) {
    const list = out.get(m.queue);
    if (list) list.push(m);
    else out.set(m.queue, [m]);
  }
  return out;
};

export class JournalFile {
  private readonly file: string;
  /** Sent and not deleted: id → message. */
  private readonly live: Map<string, JournaledMessage>;
  /** Found at start, not sent again yet: id → message. */
  private readonly toRecover: Map<string, JournaledMessage>;
  private readonly handles = new Map<string, string>();
  private readonly handlesOf = new Map<string, Set<string>>();
  private fd: number;
  private bytes: number;

  constructor(
    dir: string,
    log: Log,
    /** Compact while running once the file is this large and mostly deleted messages. */
    private readonly compactAt: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, JOURNAL);
    this.live = liveMessages(readLines(this.file, log));
    this.toRecover = new Map(this.live);
    this.fd = openSync(this.file, 'a');
    this.bytes = fstatSync(this.fd).size;
  }

  pending = (): number => this.toRecover.size;
  liveByQueue = (): Map<string, JournaledMessage[]> => byQueue(this.live.values());
  pendingByQueue = (): Map<string, JournaledMessage[]> => byQueue(this.toRecover.values());

  append(lines: Line[]): void {
    if (lines.length === 0) return;
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    writeSync(this.fd, text);
    this.bytes += Buffer.byteLength(text);
    for (const l of lines) {
      if (l.op === 'send') {
        const { op: _op, ...m } = l;
        this.live.set(m.id, m);
      } else if (l.op === 'delete') {
        this.live.delete(l.id);
        this.toRecover.delete(l.id);
        for (const h of this.handlesOf.get(l.id) ?? []) this.handles.delete(h);
        this.handlesOf.delete(l.id);
      } else {
        for (const [id, m] of this.live) if (m.queue === l.queue && m.at <= l.at) this.live.delete(id);
        for (const [id, m] of this.toRecover) if (m.queue === l.queue) this.toRecover.delete(id);
      }
    }
  }

  /** Rewrites the journal as the live messages only: a new file, synced, then renamed over the old one. */
  compact(): void {
    const tmp = `${this.file}.next`;
    const out = openSync(tmp, 'w');
    try {
      const text = [...this.live.values()].map((m) => JSON.stringify({ op: 'send', ...m } satisfies Line) + '\n').join('');
      writeSync(out, text);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    renameSync(tmp, this.file);
    closeSync(this.fd);
    this.fd = openSync(this.file, 'a');
    this.bytes = fstatSync(this.fd).size;
  }

  private maybeCompact(): void {
    if (this.bytes < this.compactAt) return;
    let liveBytes = 0;
    for (const m of this.live.values()) liveBytes += m.body.length + 200;
    if (liveBytes < this.bytes / 2) this.compact();
  }

  private rememberHandles(answer: any): void {
    for (const m of answer?.Messages ?? []) {
      if (typeof m?.ReceiptHandle !== 'string' || typeof m?.MessageId !== 'string') continue;
      this.handles.set(m.ReceiptHandle, m.MessageId);
      let set = this.handlesOf.get(m.MessageId);
      if (!set) this.handlesOf.set(m.MessageId, (set = new Set()));
      set.add(m.ReceiptHandle);
    }
  }

  /** What the journal learns from one successful call; throws if it cannot write (the caller then sees an error, not a success). */
  record(op: string, request: any, answer: any): void {
    const queue = queueNameOf(request?.QueueUrl);
    const now = Date.now();
    switch (op) {
      case 'SendMessage':
        if (typeof answer?.MessageId === 'string') this.append([sentLine(queue, request, answer.MessageId, now)]);
        break;
      case 'SendMessageBatch': {
        const entries = new Map<string, any>((request?.Entries ?? []).map((e: any) => [String(e.Id), e]));
        const lines: Line[] = [];
        for (const s of answer?.Successful ?? []) {
          const e = entries.get(String(s.Id));
          if (e && typeof s.MessageId === 'string') lines.push(sentLine(queue, e, s.MessageId, now));
        }
        this.append(lines);
        break;
      }
      case 'ReceiveMessage':
        this.rememberHandles(answer);
        break;
      case 'DeleteMessage': {
        const id = this.handles.get(String(request?.ReceiptHandle));
        if (id) this.append([{ op: 'delete', id }]);
        break;
      }
      case 'DeleteMessageBatch': {
        const entries = new Map<string, string>((request?.Entries ?? []).map((e: any) => [String(e.Id), String(e.ReceiptHandle)]));
        const lines: Line[] = [];
        for (const s of answer?.Successful ?? []) {
          const id = this.handles.get(entries.get(String(s.Id)) ?? '');
          if (id) lines.push({ op: 'delete', id });
        }
        this.append(lines);
        break;
      }
      case 'PurgeQueue':
      case 'DeleteQueue':
        this.append([{ op: 'purge', queue, at: now }]);
        break;
    }
    this.maybeCompact();
  }

  close(): void {
    closeSync(this.fd);
  }
}
