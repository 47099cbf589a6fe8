// Parcels in DynamoDB: one item per itemId, written with single-item conditional writes only
// (no transactions or streams: dynalite has neither, and they are not needed). The declaration is stored as
// brotli-compressed JSON in one binary attribute (`decl`): a write costs 1 WRU per started KB of the larger of the
// old and new item, and the declaration is most of a parcel. Items of the earlier layout (a `declaration` map)
// are still read.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type AssessmentRecord, type CustomsResponse, type HistoryEntry, type Parcel, type ParcelStatus, WriteConflict } from '../parcels/parcel';
import { assessmentValues } from './assessment-values';
import { conditional } from './conditional';
import { isMark } from './parcel-marks';
import type { Declaration } from '../ead/schema';
import type { Principal } from '../auth/principal';
import { PARCEL_INDEXES, type ListingSource, listingAttributes, listingSources, pendingShardOf } from './parcel-table';

const FINAL = [':detained', ':refused'];
const FINAL_VALUES = { ':detained': 'DETAINED', ':refused': 'REFUSED' };

export class ParcelStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(itemId: string): Promise<Parcel | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { itemId }, ConsistentRead: true }));
    return out.Item && !isMark(out.Item) ? toParcel(out.Item) : undefined;
  }

  async getMany(itemIds: string[]): Promise<Parcel[]> {
    const found: Parcel[] = [];
    for (let i = 0; i < itemIds.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = itemIds.slice(i, i + 100).map((itemId) => ({ itemId }));
      for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
        const out: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys } } }));
        for (const item of out.Responses?.[this.table] ?? []) if (!isMark(item)) found.push(toParcel(item));
        keys = out.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return found;
  }

  /**
   * Stores a received parcel: the first version only if the itemId is new; an amendment only if the stored
   * version is still the one it amends, from the same submitter, with no final decision.
   */
  async putReceived(parcel: Parcel, previous?: Parcel): Promise<void> {
    const item = {
      ...itemOf(parcel),
      // Only an amendment enters the pending index: first versions are found by the reconciler's walk in order of
      // receipt (parcel-marks.ts), which costs no index write.
      ...(previous ? { pendingShard: pendingShardOf(parcel.itemId), pendingSince: parcel.updatedAt } : {}),
    };
    // An amendment replaces the item: only if nothing happened since it was read (same version, same submitter, not
    // one history entry more: an officer's decision in between must not be overwritten) and no final decision.
    const condition = previous
      ? {
          ConditionExpression: 'version = :prev AND submittedBy = :by AND size(history) = :n AND NOT (#status IN (' + FINAL.join(', ') + '))',
          ExpressionAttributeNames: { '#status': 'status' },
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
    const response = args.customsResponse;
    const recipient = args.recipient;
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { itemId: args.itemId },
          UpdateExpression:
            'SET assessment = :a, updatedAt = :at, history = list_append(history, :h), assessedVersion = :v' +
            (recipient ? ', recipientFp = :fp, valueEur = :eur' : '') +
            (response ? ', customsResponse = :r, #status = :code' : '') +
            ' REMOVE pendingShard, pendingSince',
          ConditionExpression: 'version = :v AND (attribute_not_exists(assessedVersion) OR assessedVersion < :v) AND size(history) = :n',
          ...(response ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ...assessmentValues(args), ...(recipient ? { ':fp': recipient.fingerprint, ':eur': recipient.valueEur } : {}) },
        }),
      ),
    );
  }

  /** Appends a customs decision if nobody changed the parcel since it was read and no final decision was taken. */
  async recordDecision(itemId: string, historyLength: number, customsResponse: CustomsResponse, entry: HistoryEntry): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { itemId },
          UpdateExpression: 'SET customsResponse = :r, #status = :code, updatedAt = :at, history = list_append(history, :h)',
          ConditionExpression: 'size(history) = :n AND NOT (#status IN (' + FINAL.join(', ') + '))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':r': customsResponse, ':code': customsResponse.code, ':at': customsResponse.issuedAt, ':h': [entry], ':n': historyLength, ...FINAL_VALUES },
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new WriteConflict(itemId);
      throw err;
    }
  }

  /** Appends a history entry if nobody changed the parcel since it was read (and, unless `final` allows it, no final decision was taken). */
  async appendHistory(itemId: string, historyLength: number, entry: HistoryEntry, opts: { final?: boolean } = {}): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { itemId },
          UpdateExpression: 'SET updatedAt = :at, history = list_append(history, :h)',
          ConditionExpression: opts.final ? 'size(history) = :n' : 'size(history) = :n AND NOT (#status IN (' + FINAL.join(', ') + '))',
          ...(opts.final ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: { ':at': entry.at, ':h': [entry], ':n': historyLength, ...(opts.final ? {} : FINAL_VALUES) },
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new WriteConflict(itemId);
      throw err;
    }
  }

  /** Earlier assessed parcels to one recipient since a time (the risk engine's split-shipment history). */
  async recentByRecipient(recipientFp: string, since: string, now: string): Promise<{ itemId: string; valueEur: number; receivedAt: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARCEL_INDEXES.byRecipient.name,
        KeyConditionExpression: 'recipientFp = :fp AND receivedAt BETWEEN :since AND :now',
        ExpressionAttributeValues: { ':fp': recipientFp, ':since': since, ':now': now },
        Limit: 200,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), valueEur: Number(i.valueEur ?? 0), receivedAt: String(i.receivedAt) }));
  }

  /** Amended versions received before `before` and still not assessed, oldest first, in one shard of the pending index. */
  async pendingBefore(shard: string, before: string, limit: number): Promise<{ itemId: string; version: number; pendingSince: string }[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: PARCEL_INDEXES.byPending.name,
        KeyConditionExpression: 'pendingShard = :s AND pendingSince < :before',
        ExpressionAttributeValues: { ':s': shard, ':before': before },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), version: Number(i.version), pendingSince: String(i.pendingSince) }));
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
        KeyConditionExpression: before ? '#pk = :pk AND listKey < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': partitionKey },
        ExpressionAttributeValues: before ? { ':pk': partitionValue, ':before': before } : { ':pk': partitionValue },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ itemId: String(i.itemId), listKey: String(i.listKey) }));
  }

  /**
   * Writes parcels as they stand (assessed or not), unconditionally, 25 per BatchWrite: for seeding a table in tests
   * and benches, never on the live path (which writes one conditional item at a time).
   */
  async putMany(parcels: readonly Parcel[]): Promise<void> {
    for (let i = 0; i < parcels.length; i += 25) {
      let requests: BatchWriteCommandOutput['UnprocessedItems'] = { [this.table]: parcels.slice(i, i + 25).map((p) => ({ PutRequest: { Item: itemOf(p) } })) };
      for (let attempt = 0; requests?.[this.table]?.length; attempt++) {
        if (attempt >= 8) throw new Error('parcels could not be written');
        requests = (await this.db.send(new BatchWriteCommand({ RequestItems: requests }))).UnprocessedItems;
      }
    }
  }
}

/** A parcel's item: the parcel with its declaration compressed, and the attributes its listing indexes are keyed on. */
function itemOf(parcel: Parcel) {
  const { declaration, ...rest } = parcel;
  return { ...rest, decl: compress(declaration), ...listingAttributes({ ...parcel, originCountry: declaration.originCountry, destinationCountry: declaration.destinationCountry }) };
}

/** Table-only attributes are dropped: the API shows the parcel, not its storage. */
function toParcel(item: Record<string, unknown>): Parcel {
  const {
    listKey: _l,
    allShard: _s,
    originCountry: _o,
    destinationCountry: _d,
    assessedVersion: _v,
    recipientFp: _f,
    valueEur: _e,
    pendingShard: _p,
    pendingSince: _ps,
    listSubmitter: _ls,
    decl,
    ...parcel
  } = item;
  const p = (decl instanceof Uint8Array ? { ...parcel, declaration: decompress(decl) } : parcel) as unknown as Parcel;
  return p.history.every((h) => h.status) ? p : { ...p, history: withStatuses(p.history) };
}

/**
 * History entries stored before each entry recorded the parcel's status after it: the status is replayed (a receipt
 * awaits assessment, a response sets its code, an assessment changes nothing). Nothing is rewritten in the table.
 */
function withStatuses(history: HistoryEntry[]): HistoryEntry[] {
  let status: ParcelStatus = 'RECEIVED';
  return history.map((h) => {
    if (h.status) status = h.status;
    else if (h.type === 'parcel.received') status = 'RECEIVED';
    else if (h.type === 'customs.response.issued' && h.code) status = h.code;
    return h.status ? h : { ...h, status };
  });
}

/** Brotli at a low quality: about half the JSON's size at a few microseconds per declaration. */
const compress = (d: Declaration): Uint8Array => brotliCompressSync(JSON.stringify(d), { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
/** The declaration of a stored item: compressed in `decl`, or (items written before) as `declaration`. */
export const storedDeclaration = (item: Record<string, unknown>): Declaration => (item.decl instanceof Uint8Array ? decompress(item.decl) : (item.declaration as Declaration));
const decompress = (b: Uint8Array): Declaration => JSON.parse(brotliDecompressSync(b).toString('utf8')) as Declaration;
