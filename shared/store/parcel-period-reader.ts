// The parcels received in a period, for rule performance: the destination index (or admin's shards) walked newest
// first between the period's ends, then the parcels read in batches of 100 with only what performance needs (no
// declaration: the larger part of an item).
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ParcelsOfPeriod, PerformanceParcel } from '../rule-lab/performance';
import { mapLimit } from '../util';
import { periodSources } from './parcel-table';
import type { ParcelStore } from './parcel-store';

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
