// With --data-dir, the queues' journal (sqs-journal.ts) brings back every message that was sent and not deleted.
// What it cannot bring back is a message never sent: a parcel stored as RECEIVED by an ingest that stopped before
// it queued the parcel, whose client then gave up instead of sending it again. On start, every parcel still
// RECEIVED is queued again (the process stage is idempotent, so a duplicate of a journaled message changes nothing).
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { ProcessMessage } from '../../shared/parcels/submit';
import { QUEUES, TABLES } from '../../shared/resources';
import { documentClient, sqsClient } from '../../shared/store/clients';
import { sendBatch } from '../../shared/store/queue';
import { queueEnvVar, tableEnvVar } from '../topology-types';

/** Queues every stored parcel that is still RECEIVED; returns how many. */
export async function requeueUnassessed(env: Record<string, string>): Promise<number> {
  const table = env[tableEnvVar(TABLES.parcels)]!;
  const queueUrl = env[queueEnvVar(QUEUES.assessment)]!;
  const pending: ProcessMessage[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await documentClient().send(
      new ScanCommand({ TableName: table, FilterExpression: '#status = :received', ProjectionExpression: 'itemId, version', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':received': 'RECEIVED' }, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) pending.push({ itemId: String(item.itemId), version: Number(item.version) });
    start = page.LastEvaluatedKey;
  } while (start);
  const failed = await sendBatch(sqsClient(), queueUrl, pending);
  if (failed.length > 0) throw new Error(`${failed.length} parcel(s) could not be queued again`);
  return pending.length;
}
