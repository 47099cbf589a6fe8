// The rule-performance day aggregates in DynamoDB (shared/rule-lab/performance-days.ts): one partition per day, keyed
// `day`; in it one small state item (`#state`: walkedAt, and a mark per destination as attribute `m_<country>`) and
// each destination's aggregate as brotli-compressed JSON (`agg#<country>#<part>`), split in parts under the item size
// limit. Every part carries the instant its computation began: parts of two computations never pass for one.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandOutput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DayAggregate, DayState, PerformanceDayStore } from '../rule-lab/performance-days';
import { type AccumulatorJson, accumulatorFromJson, accumulatorToJson } from '../rule-lab/performance-codec';
import type { TableDef } from '../topology-types';
import { conditional } from './conditional';

export const performanceDaysTable = (name: string): TableDef => ({ name, partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, indexes: [] });

const STATE = '#state';
/** Bytes of compressed aggregate per item: under DynamoDB's 400 KB with room for the keys. */
export const PART_BYTES = 350_000;
const markAttr = (country: string): string => {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`not a country code: ${country.slice(0, 8)}`);
  return `m_${country}`;
};
const partKey = (country: string, part: number) => `agg#${country}#${String(part).padStart(3, '0')}`;

const compress = (j: AccumulatorJson): Uint8Array =>
  brotliCompressSync(JSON.stringify(j), { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });

interface PartItem {
  sk: string;
  coveredAt: string;
  parts: number;
  data: Uint8Array;
}

/** The parts of one destination's aggregate, or undefined when they are not all of one computation. */
function assemble(country: string, items: PartItem[]): DayAggregate | undefined {
  const first = items.find((i) => i.sk === partKey(country, 0));
  if (!first) return undefined;
  const parts = Array.from({ length: first.parts }, (_, n) => items.find((i) => i.sk === partKey(country, n)));
  if (parts.some((p) => !p || p.coveredAt !== first.coveredAt)) return undefined;
  const bytes = Buffer.concat(parts.map((p) => Buffer.from(p!.data)));
  return { destinationCountry: country, coveredAt: first.coveredAt, acc: accumulatorFromJson(JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as AccumulatorJson) };
}

export class PerformanceDayStoreDynamo implements PerformanceDayStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async markChanged(day: string, country: string, until: string): Promise<void> {
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { day, sk: STATE },
          UpdateExpression: 'SET #m = :u',
          ConditionExpression: 'attribute_not_exists(#m) OR #m < :u',
          ExpressionAttributeNames: { '#m': markAttr(country) },
          ExpressionAttributeValues: { ':u': until },
        }),
      ),
    );
  }

  async clearMark(day: string, country: string, until: string): Promise<void> {
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { day, sk: STATE },
          UpdateExpression: 'REMOVE #m',
          ConditionExpression: '#m = :u',
          ExpressionAttributeNames: { '#m': markAttr(country) },
          ExpressionAttributeValues: { ':u': until },
        }),
      ),
    );
  }

  async setWalked(day: string, at: string, packed?: boolean): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { day, sk: STATE },
        UpdateExpression: `SET walkedAt = :t${packed !== undefined ? ', packed = :p' : ''}`,
        ExpressionAttributeValues: { ':t': at, ...(packed !== undefined ? { ':p': packed } : {}) },
      }),
    );
  }

  async states(days: readonly string[]): Promise<Map<string, DayState>> {
    const states = new Map<string, DayState>();
    for (let i = 0; i < days.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = days.slice(i, i + 100).map((day) => ({ day, sk: STATE }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('the day states could not be read');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const out: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.table] ?? []) {
          const marks = Object.fromEntries(Object.entries(item).flatMap(([k, v]) => (k.startsWith('m_') && typeof v === 'string' ? [[k.slice(2), v]] : [])));
          states.set(String(item.day), { ...(typeof item.walkedAt === 'string' ? { walkedAt: item.walkedAt } : {}), ...(typeof item.packed === 'boolean' ? { packed: item.packed } : {}), marks });
        }
        keys = out.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return states;
  }

  async aggregates(day: string, country?: string): Promise<{ aggregates: DayAggregate[]; incomplete: string[] }> {
    const items: PartItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out: QueryCommandOutput = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#d = :d AND begins_with(sk, :p)',
          ExpressionAttributeNames: { '#d': 'day' },
          ExpressionAttributeValues: { ':d': day, ':p': country ? `agg#${country}#` : 'agg#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((out.Items ?? []) as PartItem[]));
      start = out.LastEvaluatedKey;
    } while (start);
    const countries = [...new Set(items.map((i) => i.sk.split('#')[1]!))];
    const aggregates: DayAggregate[] = [];
    const incomplete: string[] = [];
    for (const c of countries) {
      const a = assemble(
        c,
        items.filter((i) => i.sk.startsWith(`agg#${c}#`)),
      );
      if (a) aggregates.push(a);
      else incomplete.push(c);
    }
    return { aggregates, incomplete };
  }

  /** Writes the parts after the first, then the first (which names how many there are). */
  async putAggregate(day: string, a: DayAggregate): Promise<void> {
    const bytes = compress(accumulatorToJson(a.acc));
    const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
    for (let n = parts - 1; n >= 0; n--) {
      const item = { day, sk: partKey(a.destinationCountry, n), coveredAt: a.coveredAt, parts, data: bytes.subarray(n * PART_BYTES, (n + 1) * PART_BYTES) };
      await this.db.send(new PutCommand({ TableName: this.table, Item: item }));
    }
  }
}
