// Sanctions clearances in a table of their own: few items (one per officer's clearance), read on the hot path only
// for parcels with a sanctions hit (by party), listed by country, ended by list entry when a list update changes it.
// A table of its own rather than items in the parcels table: their keys (party, entry) share nothing with a
// parcel's, their lifetime is the clearance period rather than the parcel's, and the parcels table's listing indexes
// and costs stay as they are.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { ClearanceRecord } from '../parcels/clearances';

const S = 'S' as const;
const N = 'N' as const;
export const CLEARANCE_INDEXES = {
  byParty: { name: 'byParty', partitionKey: { name: 'partyKey', type: S }, sortKey: { name: 'entNum', type: N }, projection: 'ALL' as const },
  byCountry: { name: 'byCountry', partitionKey: { name: 'country', type: S }, sortKey: { name: 'at', type: S }, projection: 'ALL' as const },
  byEntry: { name: 'byEntry', partitionKey: { name: 'entNum', type: N } },
};

export const clearancesTable = (name: string): TableDef => ({ name, partitionKey: { name: 'id', type: S }, indexes: Object.values(CLEARANCE_INDEXES) });

/** The key of a party's clearances: per country, since each customs authority clears for its own country. */
export const partyKeyOf = (country: string, fingerprint: string): string => `${country}#${fingerprint}`;

const encode = (k: Record<string, unknown> | undefined) => (k ? Buffer.from(JSON.stringify(k)).toString('base64url') : undefined);
function decode(c: string | undefined): Record<string, unknown> | undefined {
  if (c === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
/** Table-only attributes are dropped. */
const toRecord = (item: Record<string, unknown>): ClearanceRecord => {
  const { partyKey: _p, ...rest } = item;
  return rest as unknown as ClearanceRecord;
};

export class ClearanceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(record: ClearanceRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...record, partyKey: partyKeyOf(record.country, record.fingerprint) }, ConditionExpression: 'attribute_not_exists(id)' }));
  }

  async get(id: string): Promise<ClearanceRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { id }, ConsistentRead: true }));
    return out.Item ? toRecord(out.Item) : undefined;
  }

  /** Every clearance (in force or not) of these parties in this country. */
  async forParties(country: string, fingerprints: readonly string[]): Promise<ClearanceRecord[]> {
    const pages = await Promise.all(
      [...new Set(fingerprints)].map((fp) =>
        this.db.send(
          new QueryCommand({ TableName: this.table, IndexName: CLEARANCE_INDEXES.byParty.name, KeyConditionExpression: 'partyKey = :k', ExpressionAttributeValues: { ':k': partyKeyOf(country, fp) } }),
        ),
      ),
    );
    return pages.flatMap((p) => (p.Items ?? []).map(toRecord));
  }

  /** A page of clearances, newest first: of one country (its index), or of all (admin: a scan, unordered). */
  async list(country: string | undefined, limit: number, cursor: string | undefined): Promise<{ items: ClearanceRecord[]; cursor?: string } | undefined> {
    const start = decode(cursor);
    if (cursor !== undefined && start === undefined) return undefined;
    let page: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };
    try {
      page = country
        ? await this.db.send(
            new QueryCommand({
              TableName: this.table,
              IndexName: CLEARANCE_INDEXES.byCountry.name,
              KeyConditionExpression: '#c = :c',
              ExpressionAttributeNames: { '#c': 'country' },
              ExpressionAttributeValues: { ':c': country },
              ScanIndexForward: false,
              Limit: limit,
              ExclusiveStartKey: start,
            }),
          )
        : await this.db.send(new ScanCommand({ TableName: this.table, Limit: limit, ExclusiveStartKey: start }));
    } catch (err) {
      // A cursor that decodes but is no key of this listing (made up, or another country's page) is a bad cursor.
      if (start && (err as { name?: string }).name === 'ValidationException') return undefined;
      throw err;
    }
    const next = encode(page.LastEvaluatedKey);
    return { items: (page.Items ?? []).map(toRecord), ...(next ? { cursor: next } : {}) };
  }

  /** Sets `field` (revokedAt or endedAt) once, with who or why; false when there is no such clearance or it was already set. */
  async close(id: string, field: 'revokedAt' | 'endedAt', at: string, note: { revokedBy?: string; endReason?: string }): Promise<boolean> {
    const [k, v] = Object.entries(note)[0] ?? ['revokedBy', ''];
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: `SET #f = :at, #n = :note`,
          ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(revokedAt) AND attribute_not_exists(endedAt)',
          ExpressionAttributeNames: { '#f': field, '#n': k },
          ExpressionAttributeValues: { ':at': at, ':note': v },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  /** The ids of the clearances of one list entry (in force or not). */
  async idsForEntry(entNum: number): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: CLEARANCE_INDEXES.byEntry.name,
          KeyConditionExpression: 'entNum = :e',
          ExpressionAttributeValues: { ':e': entNum },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) ids.push(String(i.id));
      start = out.LastEvaluatedKey;
    } while (start);
    return ids;
  }
}
