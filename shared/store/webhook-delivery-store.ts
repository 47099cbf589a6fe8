// Webhook deliveries in DynamoDB, partitioned by subscription:
//   E#<event createdAt>#<eventId>  one delivery record per (subscription, event): the exact body sent,
//                                  its state (pending / delivered / failed), attempts, next attempt;
//                                  read by the attempts consumer, and by replay (a range of event times).
//   A#<attemptedAt>#<eventId>#<cycle>.<attempt>  one item per attempt: the deliveries log, newest first.
// The first attempt of a record's first cycle (made unclaimed: deliver.ts) is logged in the record itself
// (`firstLog`, written by the update that finishes the record or schedules its retry): the happy path writes
// the record twice (create, finish) and no other item. The log merges both, newest first.
// Records carry `dueShard` + `sweepAt` once a retry is scheduled or an attempt claimed, a sparse index the sweeper
// reads for what is due (waits longer than SQS can delay, a consumer that died holding a claim). Items expire by TTL.
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { AttemptRecord, DeliveryRecord, DeliveryStatus, DueDelivery, Expect, Page, Position } from '../webhooks/records';
import type { AttemptLog, DeliveryRecords } from '../webhooks/ports';
import { batchGetConsistent } from './batch-get';
import { conditional } from './conditional';

export const DUE_SHARDS = 4;
export const DELIVERY_INDEXES = { due: 'due' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';
/** The record's own log entry: its first attempt (of its first cycle). */
const FIRST_LOG = 'firstLog';

export const webhookDeliveriesTable = (name: string): TableDef => ({
  name,
  partitionKey: { name: 'subscriptionId', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [{ name: DELIVERY_INDEXES.due, partitionKey: { name: 'dueShard', type: 'S' }, sortKey: { name: 'sweepAt', type: 'S' }, projection: ['nextAttemptAt', 'attempts', 'cycle'] }],
  ttlAttribute: TTL_ATTRIBUTE,
});

export const deliveryKey = (eventCreatedAt: string, eventId: string): string => `E#${eventCreatedAt}#${eventId}`;
export const dueShardOf = (subscriptionId: string, sk: string): string => `due#${createHash('sha1').update(`${subscriptionId}/${sk}`).digest()[0]! % DUE_SHARDS}`;

// The model lives in the domain; re-exported for the readers that still take it from here.
export type { AttemptRecord, DeliveryRecord, DeliveryStatus, DueDelivery, Expect } from '../webhooks/records';

export class WebhookDeliveryStore implements DeliveryRecords, AttemptLog {
  /** The due index is split in this many shards (`due#0` …): the sweeper walks each. */
  readonly dueShards = DUE_SHARDS;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  keyOf(eventCreatedAt: string, eventId: string): string {
    return deliveryKey(eventCreatedAt, eventId);
  }

  /** Creates the record unless it exists (the event was published before): false then. Not in the due index yet: it
   * enters it (dueShard + sweepAt) when a retry is scheduled or an attempt is claimed. */
  create(r: DeliveryRecord): Promise<boolean> {
    return conditional(this.db.send(new PutCommand({ TableName: this.table, Item: r, ConditionExpression: 'attribute_not_exists(sk)' })));
  }

  async get(subscriptionId: string, sk: string): Promise<DeliveryRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { subscriptionId, sk }, ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  /** The records of these keys (consistent), in their order: one BatchGetItem per 100 instead of a GetItem each. */
  async getMany(keys: { subscriptionId: string; sk: string }[]): Promise<(DeliveryRecord | undefined)[]> {
    const id = (k: Record<string, unknown>) => `${String(k.subscriptionId)}\n${String(k.sk)}`;
    const unique = [...new Map(keys.map((k) => [id(k), { subscriptionId: k.subscriptionId, sk: k.sk }])).values()];
    const byKey = new Map((await batchGetConsistent(this.db, this.table, unique)).map((i) => [id(i), recordOf(i)]));
    return keys.map((k) => byKey.get(id(k)));
  }

  private update(subscriptionId: string, sk: string, expect: Expect, { log, ...set }: Record<string, unknown>, remove: string[] = []): Promise<boolean> {
    const fields = log ? { ...set, [FIRST_LOG]: log } : set;
    return conditional(this.db.send(new UpdateCommand(this.updateInput(subscriptionId, sk, expect, fields, remove))));
  }

  private updateInput(subscriptionId: string, sk: string, expect: Expect, set: Record<string, unknown>, remove: string[] = [], dueBy?: string) {
    const names: Record<string, string> = { '#status': 'status', '#cycle': 'cycle', '#attempts': 'attempts' };
    const values: Record<string, unknown> = { ':pending': 'pending', ':cycle': expect.cycle, ':expectAttempts': expect.attempts };
    if (dueBy !== undefined) {
      names['#due'] = 'nextAttemptAt';
      values[':dueBy'] = dueBy;
    }
    const sets = Object.entries(set).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    const removes = remove.map((k, i) => ((names[`#r${i}`] = k), `#r${i}`));
    return {
      TableName: this.table,
      Key: { subscriptionId, sk },
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: `#status = :pending AND #cycle = :cycle AND #attempts = :expectAttempts${dueBy !== undefined ? ' AND #due <= :dueBy' : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /**
   * Claims attempt `expect.attempts + 1` if it is due by `dueBy`; only one claimant wins, so duplicate messages
   * never send twice. Answers the claimed record (one round trip: no read before), or undefined when the
   * record is in another state or the attempt is not due yet.
   */
  async claim(subscriptionId: string, sk: string, expect: Expect, at: string, leaseUntil: string, dueBy: string): Promise<DeliveryRecord | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          ...this.updateInput(subscriptionId, sk, expect, { attempts: expect.attempts + 1, updatedAt: at, sweepAt: leaseUntil, dueShard: dueShardOf(subscriptionId, sk) }, [], dueBy),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return recordOf(out.Attributes!);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  /**
   * Sets when the next attempt is due and when the sweeper should look at it. `attempts` gives a claim back
   * (an attempt claimed but not made: deferred by an open circuit, or forwarded to the slow lane).
   */
  schedule(
    subscriptionId: string,
    sk: string,
    expect: Expect,
    fields: { nextAttemptAt: string; sweepAt: string; updatedAt: string; lastError?: string; deferrals?: number; slowMoves?: number; attempts?: number; log?: AttemptRecord },
  ): Promise<boolean> {
    return this.update(subscriptionId, sk, expect, { ...fields, dueShard: dueShardOf(subscriptionId, sk) });
  }

  /** Ends the record's cycle: delivered, or failed for good (kept, logged and replayable). */
  finish(
    subscriptionId: string,
    sk: string,
    expect: Expect,
    fields: { status: Exclude<DeliveryStatus, 'pending'>; updatedAt: string; lastError?: string; expiresAt: number; attempts?: number; log?: AttemptRecord },
  ): Promise<boolean> {
    return this.update(subscriptionId, sk, expect, fields, ['sweepAt', 'dueShard']);
  }

  /** Starts a new cycle (replay), whatever state the record is in. */
  restart(subscriptionId: string, sk: string, fromCycle: number, fields: { nextAttemptAt: string; sweepAt: string; updatedAt: string; expiresAt: number }): Promise<boolean> {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { subscriptionId, sk },
          UpdateExpression:
            'SET #cycle = :next, #attempts = :zero, #status = :pending, #replay = :true, nextAttemptAt = :n, sweepAt = :s, dueShard = :d, updatedAt = :u, expiresAt = :e REMOVE lastError, slowMoves',
          ConditionExpression: '#cycle = :cycle',
          ExpressionAttributeNames: { '#status': 'status', '#cycle': 'cycle', '#attempts': 'attempts', '#replay': 'replay' },
          ExpressionAttributeValues: {
            ':next': fromCycle + 1,
            ':cycle': fromCycle,
            ':zero': 0,
            ':pending': 'pending',
            ':true': true,
            ':n': fields.nextAttemptAt,
            ':s': fields.sweepAt,
            ':d': dueShardOf(subscriptionId, sk),
            ':u': fields.updatedAt,
            ':e': fields.expiresAt,
          },
        }),
      ),
    );
  }

  /** Moves a due record's sweep time on, if nobody else did: the sweeper's claim on re-enqueuing it. */
  bumpSweep(subscriptionId: string, sk: string, fromSweepAt: string, toSweepAt: string): Promise<boolean> {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { subscriptionId, sk },
          UpdateExpression: 'SET sweepAt = :to',
          ConditionExpression: 'sweepAt = :from AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': toSweepAt, ':from': fromSweepAt, ':pending': 'pending' },
        }),
      ),
    );
  }

  async logAttempt(subscriptionId: string, a: AttemptRecord, expiresAt: number): Promise<void> {
    const sk = `A#${a.attemptedAt}#${a.eventId}#${a.cycle}.${a.attempt}`;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { subscriptionId, sk, ...a, [TTL_ATTRIBUTE]: expiresAt } }));
  }

  /** Whether a position came from `attempts` of this subscription (a cursor handed back by a client). */
  isAttemptsPosition(subscriptionId: string, position: Position): boolean {
    const { a, e } = position;
    const ok = (v: unknown, prefix: string) => v === DONE || v === '' || (typeof v === 'string' && v.startsWith(prefix) && v.length < 300);
    return position.subscriptionId === subscriptionId && Object.keys(position).length === 3 && ok(a, 'A#') && ok(e, 'E#');
  }

  /**
   * The deliveries log of one subscription, newest first: the attempt items merged with the records' own first
   * attempts (ordered by their event's time, which their first attempt follows at once). The cursor holds a position
   * in each; an entry is handed out only once neither stream can still have a newer one.
   */
  async attempts(subscriptionId: string, limit: number, start?: Position): Promise<Page<AttemptRecord>> {
    const from = { a: typeof start?.a === 'string' ? start.a : '', e: typeof start?.e === 'string' ? start.e : '' };
    const [as, es] = await Promise.all([this.logStream(subscriptionId, 'A#', from.a, limit), this.logStream(subscriptionId, 'E#', from.e, limit)]);
    const merged = [...as.items, ...es.items].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
    // Items below an unfinished stream's last read key could be passed by that stream's next ones: not yet.
    const floor = [as, es].reduce((f, st) => (st.next !== undefined && st.next.at > f ? st.next.at : f), '');
    const out = merged.filter((x) => x.at >= floor).slice(0, limit);
    const position = (st: LogStream, prefix: string, was: string): string => {
      const taken = out.filter((x) => x.sk.startsWith(prefix));
      if (taken.length < st.items.length) return taken.at(-1)?.sk ?? was;
      return st.next?.sk ?? DONE;
    };
    const next = { subscriptionId, a: position(as, 'A#', from.a), e: position(es, 'E#', from.e) };
    return { items: out.map((x) => x.entry), ...(next.a === DONE && next.e === DONE ? {} : { next }) };
  }

  /** One page of a log stream below a position: attempt items (`A#`), or records with their own first attempt (`E#`). */
  private async logStream(subscriptionId: string, prefix: 'A#' | 'E#', from: string, limit: number): Promise<LogStream> {
    if (from === DONE) return { items: [] };
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'subscriptionId = :s AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':s': subscriptionId, ':p': prefix },
        ScanIndexForward: false,
        Limit: limit,
        ...(prefix === 'E#' ? { FilterExpression: 'attribute_exists(#log)', ProjectionExpression: 'sk, #log', ExpressionAttributeNames: { '#log': FIRST_LOG } } : {}),
        ...(from ? { ExclusiveStartKey: { subscriptionId, sk: from } } : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const sk = String(i.sk);
      if (prefix === 'E#') return { sk, at: timeOf(sk), entry: i[FIRST_LOG] as AttemptRecord };
      const { subscriptionId: _s, sk: _k, [TTL_ATTRIBUTE]: _e, ...a } = i;
      return { sk, at: timeOf(sk), entry: a as AttemptRecord };
    });
    const last = out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined;
    return { items, ...(last ? { next: { sk: last, at: timeOf(last) } } : {}) };
  }

  /** Delivery records of events created at or after `since`, oldest first (keys and cycle only). */
  async since(subscriptionId: string, since: string, limit: number, start?: Position): Promise<Page<{ sk: string; cycle: number; eventCreatedAt: string }>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'subscriptionId = :s AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':s': subscriptionId, ':from': `E#${since}`, ':to': 'E#\uffff' },
        ProjectionExpression: 'sk, #cycle, eventCreatedAt',
        ExpressionAttributeNames: { '#cycle': 'cycle' },
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => ({ sk: String(i.sk), cycle: Number(i.cycle), eventCreatedAt: String(i.eventCreatedAt) }));
    return { items, ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
  }

  /** Pending records of one shard (0 … dueShards - 1) whose sweep time has come. */
  async due(shard: number, until: string, limit: number): Promise<DueDelivery[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: DELIVERY_INDEXES.due,
        KeyConditionExpression: 'dueShard = :d AND sweepAt <= :u',
        ExpressionAttributeValues: { ':d': `due#${shard}`, ':u': until },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({
      subscriptionId: String(i.subscriptionId),
      sk: String(i.sk),
      sweepAt: String(i.sweepAt),
      nextAttemptAt: String(i.nextAttemptAt),
      attempts: Number(i.attempts),
      cycle: Number(i.cycle),
    }));
  }
}

interface LogStream {
  items: { sk: string; at: string; entry: AttemptRecord }[];
  /** The last key read, when the stream may go on. */
  next?: { sk: string; at: string };
}

/** A stream's position once it has nothing more. */
const DONE = '.';
/** The time in a log key: `A#<attemptedAt>#…` or `E#<event createdAt>#…`. */
const timeOf = (sk: string): string => sk.slice(2, sk.indexOf('#', 2));
/** A record as the domain sees it: its own log entry is the log's. */
const recordOf = (item: Record<string, unknown>): DeliveryRecord => {
  const { [FIRST_LOG]: _l, ...r } = item;
  return r as unknown as DeliveryRecord;
};
