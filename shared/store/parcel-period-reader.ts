// The parcels received in a period, read in batches of 100 with only what the reader needs:
// - for rule performance: the destination index (or admin's shards) walked newest first between the period's ends,
//   no declaration (the larger part of an item);
// - for a what-if replay (ReplayParcelReader): the period's keys from the keys-only destination index, the page's
//   items with what a replay judges by, and the recipient-index facts of the parcels around a page.
import { type AttributeValue, BatchGetItemCommand, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { plainItem } from './attribute-values';
import type { HistoryEntry } from '../parcels/parcel';
import type { RecipientHistory } from '../risk';
import type { ReplayParcelSource } from '../rule-lab/replay';
import type { HistoryFact } from '../rule-lab/replay-history';
import { type ReplaySource, firstAssessment, historyFactOf } from '../rule-lab/replay-parcel';
import type { ParcelsOfPeriod, PerformanceParcel } from '../rule-lab/performance';
import { mapLimit } from '../util';
import { PARCEL_INDEXES, listKey, periodSources } from './parcel-table';
import { type ParcelStore, storedDeclaration } from './parcel-store';

const KEYS_PAGE = 1000;
const PROJECTION = 'itemId, submittedBy, receivedAt, #status, assessment, customsResponse, history, destinationCountry';

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
    const found: PerformanceParcel[] = [];
    let keys: Record<string, unknown>[] | undefined = itemIds.map((itemId) => ({ itemId }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt >= 8) throw new Error(`${keys.length} parcels could not be read`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const out: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({
          RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: PROJECTION, ExpressionAttributeNames: { '#status': 'status' }, ...(this.consistent ? { ConsistentRead: true } : {}) } },
        }),
      );
      found.push(...((out.Responses?.[this.table] ?? []) as PerformanceParcel[]));
      keys = out.UnprocessedKeys?.[this.table]?.Keys;
    }
    return found;
  }
}

/** What a replay reads of a stored parcel; the rest of the item (evidence of earlier assessments aside) is not read. */
const projection = (attributes: string[]) => ({
  ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#p${i}`, a])),
});
const REPLAY_PROJECTION = projection(['itemId', 'version', 'receivedAt', 'decl', 'declaration', 'history', 'assessment', 'recipientFp', 'valueEur']);
const HISTORY_PROJECTION = projection(['itemId', 'history']);
/**
 * A parcel's entry in the live recipient index (recipientFp, valueEur) and when it entered it (its first
 * `parcel.assessed`): of the history only its first two entries, where the first assessment nearly always is (after
 * the receipt); a parcel whose first assessment is further on is read again with its whole history.
 */
const FACT_PROJECTION = {
  ProjectionExpression: '#p0, #p1, #p2, #p3, #h[0], #h[1]',
  ExpressionAttributeNames: { '#p0': 'itemId', '#p1': 'receivedAt', '#p2': 'recipientFp', '#p3': 'valueEur', '#h': 'history' },
};
const FULL_FACT_PROJECTION = projection(['itemId', 'receivedAt', 'recipientFp', 'valueEur', 'history']);
type FactItem = Pick<ReplaySource, 'itemId' | 'receivedAt' | 'history' | 'recipientFp' | 'valueEur'>;
/** The first two history entries hold no first assessment, but later ones may. */
const firstAssessmentFurtherOn = (i: FactItem): boolean => i.recipientFp !== undefined && i.history.length >= 2 && firstAssessment(i) === undefined;

/** The parcels table as a replay reads it: the period's keys from the keys-only destination index, then the items. */
export class ReplayParcelReader implements ReplayParcelSource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly history: RecipientHistory,
  ) {}

  recentByRecipient(fingerprint: string, since: string, now: string) {
    return this.history.recentByRecipient(fingerprint, since, now);
  }

  async firstAssessedAt(itemIds: string[]): Promise<Map<string, string>> {
    const items = await this.batchGetAll([...new Set(itemIds)], HISTORY_PROJECTION, 16);
    const out = new Map<string, string>();
    for (const i of items) {
      const at = firstAssessment({ history: (i.history as HistoryEntry[] | undefined) ?? [] });
      if (at) out.set(String(i.itemId), at);
    }
    return out;
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
    const items = (await this.batchGetAll(ids, FACT_PROJECTION)) as FactItem[];
    const again = items.filter(firstAssessmentFurtherOn).map((i) => i.itemId);
    const whole = again.length === 0 ? [] : ((await this.batchGetAll(again, FULL_FACT_PROJECTION)) as FactItem[]);
    return [...items.filter((i) => !firstAssessmentFurtherOn(i)), ...whole].flatMap((i) => historyFactOf({ ...i, history: i.history ?? [] }) ?? []);
  }

  async periodPage(destinationCountry: string, from: string, to: string, after: string | undefined, limit: number) {
    const index = PARCEL_INDEXES.byDestination;
    const items: { itemId: string; position: string }[] = [];
    let start: Record<string, unknown> | undefined = after ? { destinationCountry, listKey: after, itemId: after.slice(after.lastIndexOf('#') + 1) } : undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: 'destinationCountry = :d AND listKey BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':d': destinationCountry, ':from': listKey(from, ''), ':to': listKey(to, '\uffff') },
          ExclusiveStartKey: start,
          Limit: limit - items.length,
        }),
      );
      for (const i of out.Items ?? []) items.push({ itemId: String(i.itemId), position: String(i.listKey) });
      start = out.LastEvaluatedKey;
    } while (start && items.length < limit);
    return start ? { items, next: items.at(-1)!.position } : { items };
  }

  async parcels(itemIds: string[]): Promise<ReplaySource[]> {
    const out: ReplaySource[] = [];
    for (const item of await this.batchGetAll(itemIds, REPLAY_PROJECTION, 10)) {
      const { itemId, version, receivedAt, history, assessment, recipientFp, valueEur } = item as ReplaySource;
      out.push({
        itemId,
        version,
        receivedAt,
        history,
        declaration: storedDeclaration(item),
        position: listKey(receivedAt, itemId),
        ...(assessment ? { assessment } : {}),
        ...(recipientFp === undefined ? {} : { recipientFp, valueEur }),
      });
    }
    return out;
  }

  /** The items (those that exist) in BatchGetItems of 100, `concurrency` in flight. */
  private async batchGetAll(
    itemIds: readonly string[],
    projection: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
    concurrency = 8,
  ): Promise<Record<string, unknown>[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < itemIds.length; i += 100) chunks.push(itemIds.slice(i, i + 100));
    return (await mapLimit(chunks, concurrency, (c) => this.batchGet(c, projection))).flat();
  }

  /** The low-level BatchGetItem, its items read by the lean `plainItem` (the replay's reads are most of its CPU). */
  private async batchGet(itemIds: string[], projection: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    let keys: Record<string, AttributeValue>[] | undefined = itemIds.map((itemId) => ({ itemId: { S: itemId } }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt === 5) throw new Error('parcels could not be read');
      const out: BatchGetItemCommandOutput = await this.db.send(new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys, ...projection } } }));
      for (const item of out.Responses?.[this.table] ?? []) found.push(plainItem(item));
      keys = out.UnprocessedKeys?.[this.table]?.Keys;
    }
    return found;
  }
}
