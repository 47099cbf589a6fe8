// Parcels in DynamoDB: one item per itemId, written with single-item conditional writes only
// (no transactions or streams: dynalite has neither, and they are not needed). Declaration, history, assessment and
// customs response are one compressed document (parcel-item.ts: the item's layout and its one decode function): a
// write costs 1 WRU per started KB of the larger of the old and new item, and the assessed example stays under 1 KB.
// A write that extends the parcel (an assessment, a decision, an outcome) rewrites the document from the parcel as
// its caller read it, or as the store reads it, on condition that the history is still that long.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AssessmentRecord, type CustomsResponse, type HistoryEntry, type Parcel, WriteConflict, firstAssessedAt } from '../parcels/parcel';
import { batchGetItems } from './batch-get';
import { conditional } from './conditional';
import { isMark } from './parcel-marks';
import type { Principal } from '../auth/principal';
import { ATTR, PARCEL_INDEXES, type ListingSource, listingSources, pendingShardOf } from './parcel-table';
import { type ParcelChange, decodeParcelItem, extension, parcelItem, recipientAttributes } from './parcel-item';

const FINAL = [':detained', ':refused'];
const FINAL_VALUES = { ':detained': 'DETAINED', ':refused': 'REFUSED' };
const NOT_FINAL = 'NOT (#status IN (' + FINAL.join(', ') + '))';

export class ParcelStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(itemId: string): Promise<Parcel | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { itemId }, ConsistentRead: true }));
    return out.Item && !isMark(out.Item) ? decodeParcelItem(out.Item).parcel : undefined;
  }

  /**
   * The parcels of these ids that exist (a key DynamoDB would not answer is an error, not an absent parcel);
   * `consistent`: strongly consistent reads, as `get` makes (a version ingest just stored is seen).
   */
  async getMany(itemIds: string[], opts: { consistent?: boolean } = {}): Promise<Parcel[]> {
    const items = await batchGetItems(
      this.db,
      this.table,
      itemIds.map((itemId) => ({ itemId })),
      { consistent: opts.consistent === true },
    );
    return items.filter((item) => !isMark(item)).map((item) => decodeParcelItem(item).parcel);
  }

  /**
   * Stores a received parcel: the first version only if the itemId is new; an amendment only if the stored
   * version is still the one it amends, from the same submitter, with no final decision.
   */
  async putReceived(parcel: Parcel, previous?: Parcel): Promise<void> {
    const item = {
      ...parcelItem(parcel),
      // Only an amendment enters the pending index: first versions are found by the reconciler's walk in order of
      // receipt (parcel-marks.ts), which costs no index write.
      ...(previous ? { [ATTR.pendingShard]: pendingShardOf(parcel.itemId), [ATTR.pendingSince]: parcel.updatedAt } : {}),
    };
    // An amendment replaces the item: only if nothing happened since it was read (same version, same submitter, not
    // one history entry more: an officer's decision in between must not be overwritten) and no final decision.
    const condition = previous
      ? {
          ConditionExpression: 'version = :prev AND submittedBy = :by AND (#hn = :n OR (attribute_not_exists(#hn) AND size(history) = :n)) AND ' + NOT_FINAL,
          ExpressionAttributeNames: { '#status': 'status', '#hn': ATTR.historyLength },
          ExpressionAttributeValues: { ':prev': previous.version, ':by': previous.submittedBy, ':n': previous.history.length, ...FINAL_VALUES },
        }
      : { ConditionExpression: 'attribute_not_exists(itemId)' };
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ...condition }));
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new WriteConflict(parcel.itemId);
      throw err;
    }
  }

  /**
   * Records the engine's assessment of one version, and its customs response when given. Idempotent: a redelivered
   * or stale message (already assessed, a newer version stored, or the history grew since it was read) changes
   * nothing and returns false. Without a customs response (a standing decision binds the engine) only the
   * assessment is added. The version leaves the pending index.
   */
  async recordAssessment(args: AssessmentRecord): Promise<boolean> {
    const base = await this.asRead(args.itemId, args.historyLength, args.parcel);
    if (!base) return false;
    const { customsResponse: response, recipient } = args;
    const x = extension(base, { history: args.history, updatedAt: args.assessment.assessedAt, assessment: args.assessment, customsResponse: response });
    // The recipient-index entry, and when the parcel entered the index (its first assessment, perhaps of an earlier version).
    const entry = recipient ? Object.entries(recipientAttributes(recipient, firstAssessedAt({ history: [...base.history, ...args.history] }) ?? args.assessment.assessedAt)) : [];
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { itemId: args.itemId },
          UpdateExpression: `SET ${x.set}, #av = :v` + entry.map((_, i) => `, #e${i} = :e${i}`).join('') + (response ? ', #status = :code' : '') + ` REMOVE ${x.remove}, #ps, #pt`,
          ConditionExpression: `version = :v AND (attribute_not_exists(#av) OR #av < :v) AND ${x.condition}`,
          ExpressionAttributeNames: {
            ...x.names,
            '#av': ATTR.assessedVersion,
            '#ps': ATTR.pendingShard,
            '#pt': ATTR.pendingSince,
            ...Object.fromEntries(entry.map(([a], i) => [`#e${i}`, a])),
            ...(response ? { '#status': 'status' } : {}),
          },
          ExpressionAttributeValues: {
            ...x.values,
            ':v': args.version,
            ...Object.fromEntries(entry.map(([, v], i) => [`:e${i}`, v])),
            ...(response ? { ':code': response.code } : {}),
          },
        }),
      ),
    );
  }

  /** Appends a customs decision if nobody changed the parcel since it was read and no final decision was taken. */
  async recordDecision(itemId: string, historyLength: number, customsResponse: CustomsResponse, entry: HistoryEntry): Promise<void> {
    await this.extend(itemId, historyLength, { history: [entry], updatedAt: customsResponse.issuedAt, customsResponse }, { status: customsResponse.code });
  }

  /** Appends a history entry if nobody changed the parcel since it was read (and, unless `final` allows it, no final decision was taken). */
  async appendHistory(itemId: string, historyLength: number, entry: HistoryEntry, opts: { final?: boolean } = {}): Promise<void> {
    await this.extend(itemId, historyLength, { history: [entry], updatedAt: entry.at }, { final: opts.final });
  }

  /** The parcel as its caller read it (when it has it), or as stored now; undefined when its history is not `historyLength` long. */
  private async asRead(itemId: string, historyLength: number, given?: Parcel): Promise<Parcel | undefined> {
    const base = given ?? (await this.get(itemId));
    return base && base.history.length === historyLength ? base : undefined;
  }

  private async extend(itemId: string, historyLength: number, change: ParcelChange, opts: { status?: string; final?: boolean }): Promise<void> {
    const base = await this.asRead(itemId, historyLength);
    if (!base) throw new WriteConflict(itemId);
    const x = extension(base, change);
    const guarded = !opts.final;
    const written = await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { itemId },
          UpdateExpression: `SET ${x.set}` + (opts.status ? ', #status = :code' : '') + ` REMOVE ${x.remove}`,
          ConditionExpression: x.condition + (guarded ? ` AND ${NOT_FINAL}` : ''),
          ExpressionAttributeNames: { ...x.names, ...(guarded || opts.status ? { '#status': 'status' } : {}) },
          ExpressionAttributeValues: { ...x.values, ...(opts.status ? { ':code': opts.status } : {}), ...(guarded ? FINAL_VALUES : {}) },
        }),
      ),
    );
    if (!written) throw new WriteConflict(itemId);
  }

  /** Earlier assessed parcels to one recipient since a time (the risk engine's split-shipment history). */
  async recentByRecipient(recipientFp: string, since: string, now: string): Promise<{ itemId: string; valueEur: number; receivedAt: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARCEL_INDEXES.byRecipient.name,
        KeyConditionExpression: '#rf = :fp AND receivedAt BETWEEN :since AND :now',
        ExpressionAttributeNames: { '#rf': ATTR.recipientFp },
        ExpressionAttributeValues: { ':fp': recipientFp, ':since': since, ':now': now },
        Limit: 200,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), valueEur: Number(i[ATTR.valueEur] ?? 0), receivedAt: String(i.receivedAt) }));
  }

  /** Amended versions received before `before` and still not assessed, oldest first, in one shard of the pending index. */
  async pendingBefore(shard: string, before: string, limit: number): Promise<{ itemId: string; version: number; pendingSince: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARCEL_INDEXES.byPending.name,
        KeyConditionExpression: '#ps = :s AND #pt < :before',
        ExpressionAttributeNames: { '#ps': ATTR.pendingShard, '#pt': ATTR.pendingSince },
        ExpressionAttributeValues: { ':s': shard, ':before': before },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), version: Number(i.version), pendingSince: String(i[ATTR.pendingSince]) }));
  }

  /** The index partitions that hold what a caller may see (key formats are the store's business). */
  sources(principal: Principal, destinationFilter?: string): ListingSource[] {
    return listingSources(principal, destinationFilter);
  }

  /** One page of itemIds (newest first) of an index partition, below a list-key position. */
  async listKeys({ index, partitionKey, value: partitionValue }: ListingSource, before: string | undefined, limit: number): Promise<{ itemId: string; listKey: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: before ? '#pk = :pk AND #lk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': partitionKey, ...(before ? { '#lk': ATTR.listKey } : {}) },
        ExpressionAttributeValues: before ? { ':pk': partitionValue, ':before': before } : { ':pk': partitionValue },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), listKey: String(i[ATTR.listKey]) }));
  }

  /**
   * Writes parcels as they stand (assessed or not), unconditionally, 25 per BatchWrite: for seeding a table in tests
   * and benches, never on the live path (which writes one conditional item at a time).
   */
  async putMany(parcels: readonly Parcel[]): Promise<void> {
    for (let i = 0; i < parcels.length; i += 25) {
      let requests: BatchWriteCommandOutput['UnprocessedItems'] = { [this.table]: parcels.slice(i, i + 25).map((p) => ({ PutRequest: { Item: parcelItem(p) } })) };
      for (let attempt = 0; requests?.[this.table]?.length; attempt++) {
        if (attempt >= 8) throw new Error('parcels could not be written');
        requests = (await this.db.send(new BatchWriteCommand({ RequestItems: requests }))).UnprocessedItems;
      }
    }
  }
}
/** The declaration of a stored item, any layout (the period readers' name for it; the decode is parcel-item.ts's). */
