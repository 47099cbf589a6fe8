// Counts what the handlers ask of DynamoDB and SQS, per stage, through the real SDK against the embedded services:
// every request by kind; DynamoDB capacity per table as the service reports it (ReturnConsumedCapacity: 'INDEXES');
// and, since the embedded DynamoDB reports no index writes, the writes to each global secondary index as DynamoDB
// bills them, from the item before and after each write (read aside, unmetered): an entry put or deleted costs one
// write of its size, a changed index key two (delete and put), a changed projected attribute one, nothing else none.
// A conditional write that fails costs the item's size too. A request to a table the topology does not declare
// fails the bench: the model could not price it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { IndexDef, TableDef, Topology } from '#infra/topology-types';
import type { Usage } from './pricing';

type Item = Record<string, unknown>;

export interface StageCounts {
  requests: Map<string, number>;
  dynamo: Map<string, Usage>;
  /** Bytes the handlers logged (to stdout: counted, not printed). */
  logBytes: number;
}

/** DynamoDB's item size: attribute names plus values (strings and binaries by bytes, numbers about half their digits). */
export function valueSize(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(v).replace(/[-.]/g, '').length / 2) + 1;
  if (typeof v === 'boolean' || v === null) return 1;
  if (v instanceof Uint8Array) return v.length;
  if (v instanceof Set) return [...v].reduce((a: number, e) => a + valueSize(e), 0);
  if (Array.isArray(v)) return 3 + v.reduce((a: number, e) => a + valueSize(e) + 1, 0);
  if (typeof v === 'object') return 3 + Object.entries(v as Item).reduce((a, [k, e]) => (e === undefined ? a : a + k.length + valueSize(e) + 1), 0);
  return 0;
}
export const itemSize = (item: Item): number => Object.entries(item).reduce((a, [k, v]) => (v === undefined ? a : a + k.length + valueSize(v)), 0);
const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The index entry an item has (its projected attributes), or undefined when the item is not in the index. */
function entryOf(item: Item | undefined, table: TableDef, ix: IndexDef): Item | undefined {
  if (!item || item[ix.partitionKey.name] === undefined || (ix.sortKey && item[ix.sortKey.name] === undefined)) return undefined;
  if (ix.projection === 'ALL') return item;
  const names = [table.partitionKey.name, table.sortKey?.name, ix.partitionKey.name, ix.sortKey?.name, ...(ix.projection ?? [])].filter((n): n is string => !!n);
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}

/** Write units one write costs an index, from the item before and after it. */
export function indexWriteUnits(table: TableDef, ix: IndexDef, before: Item | undefined, after: Item | undefined): number {
  const [a, b] = [entryOf(before, table, ix), entryOf(after, table, ix)];
  if (!a && !b) return 0;
  if (!a) return units(itemSize(b!));
  if (!b) return units(itemSize(a));
  const sameKey = JSON.stringify([a[ix.partitionKey.name], ix.sortKey && a[ix.sortKey.name]]) === JSON.stringify([b[ix.partitionKey.name], ix.sortKey && b[ix.sortKey.name]]);
  if (!sameKey) return units(itemSize(a)) + units(itemSize(b));
  return JSON.stringify(a) === JSON.stringify(b) ? 0 : units(Math.max(itemSize(a), itemSize(b)));
}

interface Written {
  table: string;
  key: Item;
}

/** The items a write request touches. */
function writtenKeys(name: string, input: any, tables: ReadonlyMap<string, TableDef>): Written[] {
  const keyOf = (table: string, item: Item): Item => {
    const def = tables.get(table);
    if (!def) throw new Error(`a request to table ${table}, which the topology does not declare`);
    return Object.fromEntries([def.partitionKey.name, def.sortKey?.name].filter((n): n is string => !!n).map((n) => [n, item[n]]));
  };
  if (name === 'Put') return [{ table: input.TableName, key: keyOf(input.TableName, input.Item) }];
  if (name === 'Update' || name === 'Delete') return [{ table: input.TableName, key: keyOf(input.TableName, input.Key) }];
  if (name === 'BatchWrite') {
    return Object.entries((input.RequestItems ?? {}) as Record<string, any[]>).flatMap(([table, reqs]) => reqs.map((r) => ({ table, key: keyOf(table, r.PutRequest?.Item ?? r.DeleteRequest.Key) })));
  }
  if (name === 'TransactWrite') throw new Error('TransactWrite is not metered: it bills twice, and nothing uses it');
  return [];
}

export class Meter {
  /** The stage whose requests are being counted; undefined: nothing is counted. */
  stage: string | undefined;
  readonly stages = new Map<string, StageCounts>();
  /** Wall time during which a read aside was in flight (to take out of the handlers' durations). */
  asideMs = 0;
  private inFlight = 0;
  private since = 0;
  private readonly tables: Map<string, TableDef>;
  private send!: (this: unknown, command: unknown) => Promise<any>;

  constructor(
    topology: Pick<Topology, 'tables'>,
    private readonly doc: DynamoDBDocumentClient,
  ) {
    this.tables = new Map(topology.tables.map((t) => [t.name, t]));
  }

  private counts(): StageCounts {
    let c = this.stages.get(this.stage!);
    if (!c) this.stages.set(this.stage!, (c = { requests: new Map(), dynamo: new Map(), logBytes: 0 }));
    return c;
  }

  count(request: string, n = 1): void {
    if (this.stage === undefined) return;
    const r = this.counts().requests;
    r.set(request, (r.get(request) ?? 0) + n);
  }

  private addUsage(resource: string, u: Partial<Usage>): void {
    const table = resource.split('/')[0]!;
    if (!this.tables.has(table)) throw new Error(`a request to table ${table}, which the topology does not declare`);
    const d = this.counts().dynamo;
    const was = d.get(resource) ?? { wru: 0, rru: 0 };
    d.set(resource, { wru: was.wru + (u.wru ?? 0), rru: was.rru + (u.rru ?? 0) });
  }

  private async aside<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight++ === 0) this.since = performance.now();
    try {
      return await work();
    } finally {
      if (--this.inFlight === 0) this.asideMs += performance.now() - this.since;
    }
  }

  private read(w: Written): Promise<Item | undefined> {
    return this.aside(async () => (await this.send.call(this.doc, new GetCommand({ TableName: w.table, Key: w.key, ConsistentRead: true }))).Item as Item | undefined);
  }

  private async meterDynamo(command: { input: any; constructor: { name: string } }, run: () => Promise<any>): Promise<any> {
    const name = command.constructor.name.replace(/Command$/, '');
    this.count(`dynamodb ${name}`);
    const written = writtenKeys(name, command.input, this.tables);
    const before = await Promise.all(written.map((w) => this.read(w)));
    command.input.ReturnConsumedCapacity = 'INDEXES';
    let out: any;
    try {
      out = await run();
    } catch (err) {
      // A failed condition is billed as a write of the item (at least 1 WRU).
      if (err instanceof ConditionalCheckFailedException) this.addUsage(written[0]!.table, { wru: units(itemSize(before[0] ?? {})) });
      throw err;
    }
    for (const c of ([] as any[]).concat(out?.ConsumedCapacity ?? [])) {
      const isWrite = written.length > 0;
      const index = command.input.IndexName as string | undefined;
      this.addUsage(index ? `${c.TableName}/${index}` : c.TableName, isWrite ? { wru: c.CapacityUnits } : { rru: c.CapacityUnits });
    }
    const after = await Promise.all(written.map((w) => this.read(w)));
    written.forEach((w, i) => {
      const def = this.tables.get(w.table)!;
      for (const ix of def.indexes) {
        const n = indexWriteUnits(def, ix, before[i], after[i]);
        if (n > 0) this.addUsage(`${w.table}/${ix.name}`, { wru: n });
      }
    });
    return out;
  }

  /** Wraps the SDK's send of the document client (every store uses one) and of SQS. */
  install(): () => void {
    const docProto = DynamoDBDocumentClient.prototype as unknown as { send: (...a: unknown[]) => Promise<unknown> };
    const sqsProto = SQSClient.prototype as unknown as { send: (...a: unknown[]) => Promise<unknown> };
    const [docSend, sqsSend] = [docProto.send, sqsProto.send];
    this.send = docSend as never;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrappers below need both the meter and the SDK client's own `this`
    const meter = this;
    docProto.send = function (this: unknown, command: any, ...rest: unknown[]) {
      if (meter.stage === undefined) return docSend.call(this, command, ...rest);
      return meter.meterDynamo(command, () => docSend.call(this, command, ...rest));
    };
    sqsProto.send = function (this: unknown, command: any, ...rest: unknown[]) {
      meter.count(`sqs ${String(command.constructor.name).replace(/Command$/, '')}`);
      return sqsSend.call(this, command, ...rest);
    };
    const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
    (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (meter.stage === undefined) return write(chunk, ...rest);
      meter.counts().logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return true;
    };
    return () => {
      docProto.send = docSend;
      sqsProto.send = sqsSend;
      (process.stdout as { write: unknown }).write = write;
    };
  }
}
