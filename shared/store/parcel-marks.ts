// The reconciler's walk over the parcels table: the admin listing index (every parcel, by first receipt, in a few
// shards) read oldest first from a mark kept per shard in a small item of the same table. A first version thus
// needs no pending-index entry of its own (2 index writes saved per parcel); amendments keep theirs.
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReceivedWalk } from '../parcels/reconcile';
import { ALL_SHARDS, ATTR, PARCEL_INDEXES } from './parcel-table';

/** The listing shards the walk covers. */
export const RECEIVED_SHARD_KEYS: readonly string[] = Array.from({ length: ALL_SHARDS }, (_, n) => `all#${n}`);
/** A mark's item: a key no parcel can have (itemIds are S10 identifiers), in no index (no listing attribute). */
export const markKey = (shard: string): string => `#reconcile#${shard}`;
export const isMark = (item: Record<string, unknown>): boolean => typeof item.itemId === 'string' && item.itemId.startsWith('#reconcile#');

export class ReceivedWalker {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async mark(shard: string): Promise<string> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { itemId: markKey(shard) }, ConsistentRead: true }));
    return typeof out.Item?.mark === 'string' ? out.Item.mark : '';
  }

  /** Parcels first received before `before`, from the mark on (inclusive), oldest first: those still unassessed. */
  async receivedSinceMark(shard: string, before: string, limit: number): Promise<ReceivedWalk> {
    const from = await this.mark(shard);
    if (from >= before) return { pending: [] };
    // listKey is `receivedAt#itemId`: below the bare time `before` exactly when received before it.
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARCEL_INDEXES.byAll.name,
        KeyConditionExpression: '#sh = :s AND #lk BETWEEN :from AND :before',
        ExpressionAttributeNames: { '#sh': ATTR.allShard, '#lk': ATTR.listKey },
        ExpressionAttributeValues: { ':s': shard, ':from': from, ':before': before },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    const keys = (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), position: String(i[ATTR.listKey]) }));
    if (keys.length === 0) return { pending: [] };
    const versions = await this.versions(keys.map((k) => k.itemId));
    const pending = keys.flatMap((k) => {
      const v = versions.get(k.itemId);
      return v && v.assessed < v.version ? [{ itemId: k.itemId, version: v.version, position: k.position }] : [];
    });
    return { pending, scannedTo: keys[keys.length - 1]!.position };
  }

  /** Strongly consistent: an item just written must not look missing, or the walk would pass it. */
  private async versions(itemIds: string[]): Promise<Map<string, { version: number; assessed: number }>> {
    const found = new Map<string, { version: number; assessed: number }>();
    for (let i = 0; i < itemIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = itemIds.slice(i, i + 100).map((itemId) => ({ itemId }));
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const out: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'itemId, version, #av', ExpressionAttributeNames: { '#av': ATTR.assessedVersion } } },
          }),
        );
        for (const item of out.Responses?.[this.table] ?? []) found.set(String(item.itemId), { version: Number(item.version), assessed: Number(item[ATTR.assessedVersion] ?? 0) });
        keys = out.UnprocessedKeys?.[this.table]?.Keys;
      }
      if (keys && keys.length > 0) throw new Error(`${keys.length} parcel(s) could not be read; the walk stops here`);
    }
    return found;
  }

  /** Past what was walked (the smallest key after it), or back to the first position that could not be queued. */
  async advanceMark(shard: string, to: { scannedTo: string } | { retryFrom: string }): Promise<void> {
    const mark = 'scannedTo' in to ? `${to.scannedTo}\u0000` : to.retryFrom;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { itemId: markKey(shard), mark } }));
  }
}
