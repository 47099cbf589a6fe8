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
import type { Log } from './log';
import { rewriteOrigin, startProxy, type ProxiedRequest, type UpstreamAnswer } from './http-proxy';
import { JournalFile, type JournaledMessage, type Line } from './sqs-journal-file';

export { liveMessages, type JournaledMessage } from './sqs-journal-file';

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

const JSON_TYPE = 'application/x-amz-json-1.0';
const SQS_MAX_DELAY_SECONDS = 900;
/** Queue URLs name the host they were created on: answers carrying them are rewritten to the proxy's. */
const ANSWERS_WITH_QUEUE_URLS = new Set(['CreateQueue', 'GetQueueUrl', 'ListQueues', 'ListDeadLetterSourceQueues']);

const parse = (b: Buffer): any => (b.length ? JSON.parse(b.toString('utf8')) : {});

export async function startSqsJournal(opts: SqsJournalOptions): Promise<SqsJournal> {
  const { upstream, log } = opts;
  const journal = new JournalFile(opts.dir, log, opts.compactAtBytes ?? 32 * 1024 * 1024);
  let warnedQuery = false;
  let closed = false;
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
        journal.record(op, parse(req.body), parse(answer.body));
      } catch (e) {
        log.error(`sqs journal: ${op} succeeded but could not be journaled; answering 500 so the caller sends again`, e);
        const body = Buffer.from(JSON.stringify({ __type: 'com.amazonaws.sqs#InternalError', message: 'the local SQS journal could not be written' }));
        return { status: 500, headers: { 'content-type': JSON_TYPE, 'x-amzn-query-error': 'InternalError;Receiver' }, body };
      }
      return answer;
    },
    (e) => log.error('sqs journal: request failed', e),
  );
  return {
    endpoint: proxy.endpoint,
    pending: journal.pending,
    live: journal.liveByQueue,
    recover: (queueUrls) => recover(journal, queueUrls, upstream, log),
    async close() {
      if (closed) return;
      closed = true;
      await proxy.close();
      journal.close();
    },
  };
}

async function callUpstream(upstream: string, op: string, payload: unknown): Promise<any> {
  const res = await fetch(`${upstream}/`, { method: 'POST', headers: { 'x-amz-target': `AmazonSQS.${op}`, 'content-type': JSON_TYPE }, body: JSON.stringify(payload) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${op} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** Batches of 10, and well under SQS's 256 KiB per batch. */
function batches(messages: JournaledMessage[]): JournaledMessage[][] {
  const out: JournaledMessage[][] = [];
  for (let i = 0; i < messages.length;) {
    const batch: JournaledMessage[] = [];
    let size = 0;
    while (i < messages.length && batch.length < 10 && (batch.length === 0 || size + messages[i]!.body.length < 200_000)) {
      size += messages[i]!.body.length;
      batch.push(messages[i++]!);
    }
    out.push(batch);
  }
  return out;
}

/** Sends one batch again (remaining delay); journals each message under its new id. Returns how many went. */
async function resend(journal: JournalFile, url: string, batch: JournaledMessage[], upstream: string): Promise<number> {
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
  const answer = await callUpstream(upstream, 'SendMessageBatch', { QueueUrl: url, Entries: entries });
  const lines: Line[] = [];
  for (const s of answer.Successful ?? []) {
    const m = batch[Number(s.Id)];
    if (!m || typeof s.MessageId !== 'string') continue;
    // The same message under its new id; the old id is done with. Both in one write.
    lines.push({ op: 'send', ...m, id: s.MessageId }, { op: 'delete', id: m.id });
  }
  journal.append(lines);
  if ((answer.Failed ?? []).length > 0) throw new Error(`sqs journal: ${answer.Failed.length} message(s) could not be sent again: ${JSON.stringify(answer.Failed).slice(0, 300)}`);
  return lines.length / 2;
}

async function recover(journal: JournalFile, queueUrls: Record<string, string>, upstream: string, log: Log): Promise<{ requeued: number; dropped: number }> {
  let requeued = 0;
  let dropped = 0;
  for (const [queue, messages] of journal.pendingByQueue()) {
    const url = queueUrls[queue];
    if (!url) {
      log.error(`sqs journal: ${messages.length} message(s) for queue '${queue}', which no longer exists, are dropped`);
      for (const m of messages) journal.append([{ op: 'delete', id: m.id }]);
      dropped += messages.length;
      continue;
    }
    for (const batch of batches(messages)) requeued += await resend(journal, url, batch, upstream);
  }
  journal.compact();
  return { requeued, dropped };
}
