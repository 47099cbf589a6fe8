// The parcels received in a period, read in batches of 100 with only what the reader needs:
// - for rule performance: the destination index (or admin's shards) walked newest first between the period's ends;
// - for a what-if replay (ReplayParcelReader): the period's keys from the keys-only destination index, the page's
//   items with what a replay judges by, and the recipient-index facts of the parcels around a page (their small
//   attributes beside the document: parcel-item.ts FACT_ATTRIBUTES).
import { type AttributeValue, BatchGetItemCommand, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batch-get';
import { plainItem } from './attribute-values';
import type { RecipientHistory } from '../risk';
import type { ReplayParcelSource } from '../rule-lab/replay';
import type { HistoryFact } from '../rule-lab/replay-history';
import { type ReplaySource, historyFactOf } from '../rule-lab/replay-parcel';
import type { ParcelsOfPeriod, PerformanceParcel } from '../rule-lab/performance';
import { mapLimit } from '../util';
import { ATTR, PARCEL_INDEXES, listKey, periodSources } from './parcel-table';
import type { ParcelStore } from './parcel-store';
import { DECODED_ATTRIBUTES, FACT_ATTRIBUTES, decodeParcelItem, indexFact } from './parcel-item';

const KEYS_PAGE = 1000;

/** What a reader reads of a stored parcel: what the store's one decode function needs (the rest is not read). */
const projection = (attributes: readonly string[]) => ({
  ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#p${i}`, a])),
});
const DECODED = projection(DECODED_ATTRIBUTES);
/** What a replay reads of a page's own parcels: the decoded attributes but those no replay looks at (fewer bytes to parse). */
const NOT_REPLAYED = new Set(['status', 'submittedBy', 'updatedAt', 'declarationHash', 'customsResponse']);
const REPLAYED = projection(DECODED_ATTRIBUTES.filter((a) => !NOT_REPLAYED.has(a)));
const FACTS = projection(FACT_ATTRIBUTES);

/** A stored item as rule performance reads it. */
function performanceParcel(item: Record<string, unknown>): PerformanceParcel {
  const { itemId, submittedBy, receivedAt, status, assessment, customsResponse, history, declaration } = decodeParcelItem(item).parcel;
  return { itemId, submittedBy, receivedAt, status, assessment, customsResponse, history, destinationCountry: declaration.destinationCountry };
}

/** A stored item as a replay reads it: the parcel, its place in its destination's period, its recipient entry. */
function replaySource(item: Record<string, unknown>): ReplaySource {
  const { parcel, recipient } = decodeParcelItem(item);
  const { itemId, version, receivedAt, declaration, history, assessment } = parcel;
  return {
    itemId,
    version,
    receivedAt,
    declaration,
    history,
    ...(assessment ? { assessment } : {}),
    position: listKey(receivedAt, itemId),
    ...(recipient ? { recipientFp: recipient.fingerprint, valueEur: recipient.valueEur } : {}),
  };
}

export class ParcelPeriodReader implements ParcelsOfPeriod {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly keys: Pick<ParcelStore, 'listKeys'>,
    /** BatchGets in flight at once. */
    private readonly concurrency = 8,
    /** Strongly consistent reads (the day aggregator: every write that landed before the read began). */
    private readonly consistent = false,
  ) {}

  async forEachPage(scope: { destinationCountry?: string }, from: string, to: string, onPage: (parcels: PerformanceParcel[]) => void): Promise<void> {
    for (const s of periodSources(scope.destinationCountry)) {
      let before: string | undefined = `${to}#\uffff`;
      while (before) {
        const page = await this.keys.listKeys(s, before, KEYS_PAGE);
        const inPeriod = page.filter((k) => k.listKey >= from);
        const chunks = Array.from({ length: Math.ceil(inPeriod.length / 100) }, (_, i) => inPeriod.slice(i * 100, i * 100 + 100).map((k) => k.itemId));
        await mapLimit(chunks, this.concurrency, async (ids) => onPage(await this.getMany(ids)));
        before = page.length === KEYS_PAGE && inPeriod.length === page.length ? page[page.length - 1]!.listKey : undefined;
      }
    }
  }

  private async getMany(itemIds: string[]): Promise<PerformanceParcel[]> {
    const items = await batchGetItems(
      this.db,
      this.table,
      itemIds.map((itemId) => ({ itemId })),
      { projection: DECODED, consistent: this.consistent },
    );
    return items.map(performanceParcel);
  }
}

/** The parcels table as a replay reads it: the period's keys from the keys-only destination index, then the items. */
export class ReplayParcelReader implements ReplayParcelSource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly history: RecipientHistory,
    /** Strongly consistent item reads (the day aggregator's packs: every write that landed before the read began). */
    private readonly consistent = false,
  ) {}

  recentByRecipient(fingerprint: string, since: string, now: string) {
    return this.history.recentByRecipient(fingerprint, since, now);
  }

  async firstAssessedAt(itemIds: string[]): Promise<Map<string, string>> {
    const facts = await this.facts([...new Set(itemIds)], 16);
    return new Map(facts.map((f) => [f.itemId, f.firstAssessedAt]));
  }

  async historyAround(destinationCountry: string, from: string, to: string, except: ReadonlySet<string>, limit: number): Promise<HistoryFact[] | 'too-many'> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await this.periodPage(destinationCountry, from, to, after, 5000);
      for (const k of page.items) if (!except.has(k.itemId)) ids.push(k.itemId);
      if (ids.length > limit) return 'too-many';
      after = page.next;
    } while (after);
    return this.facts(ids, 8);
  }

  /**
   * The recipient-index facts of these parcels, from their small attributes (FACT_ATTRIBUTES): no document is opened,
   * but those of parcels assessed before `fa` was written beside `rf` (their first assessment is in their history).
   */
  private async facts(itemIds: string[], concurrency: number): Promise<HistoryFact[]> {
    const chunks = Array.from({ length: Math.ceil(itemIds.length / 100) }, (_, i) => itemIds.slice(i * 100, i * 100 + 100));
    const entries = (await mapLimit(chunks, concurrency, (c) => this.read(c, FACTS))).flat().flatMap((i) => indexFact(i) ?? []);
    const facts: HistoryFact[] = [];
    const older: string[] = [];
    for (const e of entries) {
      if (e.firstAssessedAt) facts.push({ ...e, firstAssessedAt: e.firstAssessedAt });
      else older.push(e.itemId);
    }
    if (older.length > 0) facts.push(...(await this.parcels(older)).flatMap((p) => historyFactOf(p) ?? []));
    return facts;
  }

  async periodPage(destinationCountry: string, from: string, to: string, after: string | undefined, limit: number) {
    const index = PARCEL_INDEXES.byDestination;
    const items: { itemId: string; position: string }[] = [];
    let start: Record<string, unknown> | undefined = after ? { [ATTR.destinationCountry]: destinationCountry, [ATTR.listKey]: after, itemId: after.slice(after.lastIndexOf('#') + 1) } : undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#dc = :d AND #lk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#dc': ATTR.destinationCountry, '#lk': ATTR.listKey },
          ExpressionAttributeValues: { ':d': destinationCountry, ':from': listKey(from, ''), ':to': listKey(to, '\uffff') },
          ExclusiveStartKey: start,
          Limit: limit - items.length,
        }),
      );
      for (const i of out.Items ?? []) items.push({ itemId: String(i.itemId), position: String(i[ATTR.listKey]) });
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return start ? { items, next: items.at(-1)!.position } : { items };
  }

  async parcels(itemIds: string[]): Promise<ReplaySource[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < itemIds.length; i += 100) chunks.push(itemIds.slice(i, i + 100));
    const pages = await mapLimit(chunks, 10, (c) => this.batchGet(c));
    return pages.flat();
  }

  /** The low-level BatchGetItem, its items read by the lean `plainItem` (the replay's reads are most of its CPU), then the store's one decode. */
  private async batchGet(itemIds: string[]): Promise<ReplaySource[]> {
    return (await this.read(itemIds, REPLAYED)).map(replaySource);
  }

  private async read(itemIds: string[], attributes: ReturnType<typeof projection>): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let keys: Record<string, AttributeValue>[] | undefined = itemIds.map((itemId) => ({ itemId: { S: itemId } }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt === 5) throw new Error('parcels could not be read');
      const out: BatchGetItemCommandOutput = await this.db.send(
        new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys, ...attributes, ...(this.consistent ? { ConsistentRead: true } : {}) } } }),
      );
      for (const item of out.Responses?.[this.table] ?? []) found.push(plainItem(item));
      keys = out.UnprocessedKeys?.[this.table]?.Keys;
    }
    return found;
  }
}
