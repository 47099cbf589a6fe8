// Reads of many items of one table in BatchGetItem requests (100 keys each) instead of a GetItem per item: what a
// batch of queue messages, a re-screening window or a period's page reads at once. Keys DynamoDB left unprocessed are
// asked again (a few times, with a growing pause); any still missing then is an error, never taken for an absent item.
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const MAX_KEYS = 100;
const ATTEMPTS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BatchGetOptions {
  /** Strongly consistent reads (every write that landed before the read). */
  consistent?: boolean;
  /** Only these attributes. */
  projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> };
}

/** The items found, in no particular order (match them to their keys by their key attributes). */
export async function batchGetItems(db: DynamoDBDocumentClient, table: string, keys: Record<string, unknown>[], opts: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += MAX_KEYS) {
    let left: Record<string, unknown>[] | undefined = keys.slice(i, i + MAX_KEYS);
    for (let attempt = 0; left && left.length > 0; attempt++) {
      if (attempt === ATTEMPTS) throw new Error(`BatchGetItem on ${table}: ${left.length} key(s) still unprocessed after ${ATTEMPTS} requests`);
      if (attempt > 0) await sleep(20 * 2 ** attempt);
      const request = { Keys: left, ...opts.projection, ...(opts.consistent ? { ConsistentRead: true } : {}) };
      const out: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [table]: request } }));
      found.push(...(out.Responses?.[table] ?? []));
      left = out.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return found;
}

/** Consistent reads of many items (the webhook stores: a record or subscription just written must be seen). */
export const batchGetConsistent = (db: DynamoDBDocumentClient, table: string, keys: Record<string, unknown>[]) => batchGetItems(db, table, keys, { consistent: true });
