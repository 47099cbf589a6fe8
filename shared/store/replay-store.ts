// What-if replays in DynamoDB (what a replay reads of the parcels table: ReplayParcelReader, ./parcel-period-reader.ts).
// The replays table: per replay (partition `id`), a `meta` item (the request, the candidate ruleset and the plan),
// a listing entry per replay in `list#<destination>` (sk `<createdAt>#<id>`), COUNTER_SHARDS counter items (`ctr#NN`) that pages ADD their counts to, and one item per changed parcel
// (`chg#<position>`, in order of receipt). A page's counts go to one shard in one UpdateItem, conditioned on the page
// not being in that shard's set of counted pages (and adding it): a redelivered page changes nothing.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { conditional } from './conditional';
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { RulesConfig } from '../risk/config/schema';
import type { Page, Position } from '../page';
import { REPLAY_RETENTION_DAYS, type ListedReplay, type ReplayFailure, type ReplayMeta, type ReplayPlan, type ReplayProgress, type ReplayRepository } from '../rule-lab/replay';
import type { ChangedParcel, Counts, PageTally } from '../rule-lab/replay-result';

/** Counter items per replay: spreads the pages' updates, and keeps each item's set of counted pages small. */
export const COUNTER_SHARDS = 16;
const S = 'S' as const;
export const replaysTable = (name: string): TableDef => ({ name, partitionKey: { name: 'id', type: S }, sortKey: { name: 'sk', type: S }, indexes: [], ttlAttribute: 'expiresAt' });

const META = 'meta';
/** The listing of a destination's replays: one partition, newest first by `<createdAt>#<id>`. */
const listPartition = (destinationCountry: string) => `list#${destinationCountry}`;
const shardKey = (page: number) => `ctr#${String(page % COUNTER_SHARDS).padStart(2, '0')}`;
const CHANGE = 'chg#';
const COUNT = 'n_';
const expiry = () => Math.floor(Date.now() / 1000) + REPLAY_RETENTION_DAYS * 86_400;
/** The meta item's attributes but the candidate (a ruleset, tens of KB): what get() reads of a replay it has the candidate of. */
const META_BUT_CANDIDATE = ['destinationCountry', 'from', 'to', 'createdAt', 'createdBy', 'planStep', 'planned', 'planAfter', 'pagesTotal', 'parcelsTotal', 'failure', 'plannedAt'];
const META_PROJECTION = {
  ProjectionExpression: META_BUT_CANDIDATE.map((_, i) => `#m${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(META_BUT_CANDIDATE.map((a, i) => [`#m${i}`, a])),
};
/** Candidates kept per store instance (a consumer works on a few replays at a time). */
const CANDIDATES_KEPT = 8;

export class ReplayStore implements ReplayRepository {
  /**
   * The parsed candidates of the replays read lately, by id: a replay's candidate is written once, with its meta item
   * (create() refuses an id that exists), and never changed, so a store that has it reads the meta item without it
   * (every message of a replay reads its meta item, consistently, for the plan and the failure).
   */
  private readonly candidates = new Map<string, RulesConfig>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(meta: ReplayMeta, expiresAt: number): Promise<void> {
    const { candidate, ...rest } = meta;
    const item = { ...rest, sk: META, candidate: JSON.stringify(candidate), planStep: 0, planned: false, pagesTotal: 0, parcelsTotal: 0, expiresAt };
    await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
    // The destination's listing entry; a crash before it leaves the replay readable by id, only not listed.
    const listed: ListedReplay = {
      id: meta.id,
      destinationCountry: meta.destinationCountry,
      from: meta.from,
      to: meta.to,
      ruleset: { rulesetVersion: candidate.rulesetVersion },
      createdAt: meta.createdAt,
    };
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...listed, id: listPartition(meta.destinationCountry), sk: `${meta.createdAt}#${meta.id}`, replayId: meta.id, expiresAt } }));
  }

  async list(destinationCountry: string, limit: number, after: Position | undefined): Promise<Page<ListedReplay>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': listPartition(destinationCountry) },
        ScanIndexForward: false,
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { id: listPartition(destinationCountry), sk: String(after.before) } } : {}),
      }),
    );
    const rows = out.Items ?? [];
    const items = rows
      .map((i) => ({ ...(i as ListedReplay), id: String(i.replayId) }))
      .map(({ id, destinationCountry: d, from, to, ruleset, createdAt }) => ({ id, destinationCountry: d, from, to, ruleset, createdAt }));
    return out.LastEvaluatedKey && rows.length > 0 ? { items, next: { before: String(rows.at(-1)!.sk), destinationCountry } } : { items };
  }

  isListPosition(destinationCountry: string, position: Position): boolean {
    return Object.keys(position).length === 2 && position.destinationCountry === destinationCountry && typeof position.before === 'string' && position.before.length <= 128;
  }

  async get(id: string): Promise<(ReplayMeta & ReplayPlan) | undefined> {
    const known = this.candidates.get(id);
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { id, sk: META }, ConsistentRead: true, ...(known ? META_PROJECTION : {}) }));
    const i = out.Item;
    if (!i) return undefined;
    const candidate = known ?? this.keep(id, JSON.parse(String(i.candidate)) as RulesConfig);
    return {
      id,
      destinationCountry: String(i.destinationCountry),
      from: String(i.from),
      to: String(i.to),
      createdAt: String(i.createdAt),
      createdBy: String(i.createdBy),
      // Written by create() from a validated ruleset.
      candidate,
      planStep: Number(i.planStep),
      planned: i.planned === true,
      ...(typeof i.planAfter === 'string' ? { planAfter: i.planAfter } : {}),
      pagesTotal: Number(i.pagesTotal),
      parcelsTotal: Number(i.parcelsTotal),
      ...(i.failure ? { failure: i.failure as ReplayFailure } : {}),
      ...(typeof i.plannedAt === 'string' ? { plannedAt: i.plannedAt } : {}),
    };
  }

  private keep(id: string, candidate: RulesConfig): RulesConfig {
    if (this.candidates.size >= CANDIDATES_KEPT) this.candidates.delete(this.candidates.keys().next().value!);
    this.candidates.set(id, candidate);
    return candidate;
  }

  async fail(id: string, failure: ReplayFailure): Promise<void> {
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id, sk: META },
          UpdateExpression: 'SET failure = :f',
          ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(failure)',
          ExpressionAttributeValues: { ':f': failure },
        }),
      ),
    );
  }

  async recordPlanStep(id: string, step: number, added: { pages: number; parcels: number }, next: string | undefined, at = new Date().toISOString()): Promise<'recorded' | 'early' | 'done'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id, sk: META },
          UpdateExpression: `SET planStep = :next, planned = :last, plannedAt = :at${next ? ', planAfter = :after' : ''} ADD pagesTotal :p, parcelsTotal :n`,
          ConditionExpression: 'planStep = :step',
          ExpressionAttributeValues: { ':next': step + 1, ':last': next === undefined, ':at': at, ':p': added.pages, ':n': added.parcels, ':step': step, ...(next ? { ':after': next } : {}) },
        }),
      );
      return 'recorded';
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const now = await this.get(id);
      return now && now.planStep > step ? 'done' : 'early';
    }
  }

  async recordStepChoice(id: string, step: number, packedDay: string | undefined): Promise<string | undefined> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id, sk: META },
          UpdateExpression: 'SET stepChoice = :c',
          ConditionExpression: 'planStep = :step AND (attribute_not_exists(stepChoice) OR stepChoice.s <> :step)',
          ExpressionAttributeValues: { ':c': { s: step, d: packedDay ?? '' }, ':step': step },
        }),
      );
      return packedDay;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { id, sk: META }, ConsistentRead: true, ProjectionExpression: 'planStep, stepChoice' }));
      const choice = out.Item?.stepChoice as { s: number; d: string } | undefined;
      if (out.Item?.planStep !== step || choice?.s !== step) throw new Error(`plan step ${step} of ${id} was recorded meanwhile`, { cause: err });
      return choice.d === '' ? undefined : choice.d;
    }
  }

  async recordPage(id: string, page: number, t: PageTally, at = new Date().toISOString()): Promise<boolean> {
    // The changes first: once the counts say a page is done, its changed parcels are there to list.
    await this.writeChanges(id, t.changed);
    const names: Record<string, string> = { '#pages': 'pages', '#done': 'pagesDone' };
    const values: Record<string, unknown> = { ':page': page, ':pset': new Set([page]), ':one': 1, ':exp': expiry(), ':at': at };
    const adds = ['#pages :pset', '#done :one'];
    Object.entries(t.counts).forEach(([k, n], i) => {
      names[`#c${i}`] = `${COUNT}${k}`;
      values[`:c${i}`] = n;
      adds.push(`#c${i} :c${i}`);
    });
    if (t.currentVersions.length > 0) {
      values[':cv'] = new Set(t.currentVersions);
      adds.push('cv :cv');
    }
    if (t.shadowVersions.length > 0) {
      values[':sv'] = new Set(t.shadowVersions);
      adds.push('sv :sv');
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id, sk: shardKey(page) },
          UpdateExpression: `SET expiresAt = :exp, lastAt = :at ADD ${adds.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#pages) OR NOT contains(#pages, :page)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  private async writeChanges(id: string, changed: ChangedParcel[]): Promise<void> {
    const exp = expiry();
    for (let i = 0; i < changed.length; i += 25) {
      let requests: BatchWriteCommandOutput['UnprocessedItems'] = {
        [this.table]: changed.slice(i, i + 25).map((c) => ({ PutRequest: { Item: { id, sk: `${CHANGE}${c.position}`, ...c, expiresAt: exp } } })),
      };
      for (let attempt = 0; requests?.[this.table]?.length; attempt++) {
        if (attempt === 5) throw new Error('changed parcels could not be written');
        const out: BatchWriteCommandOutput = await this.db.send(new BatchWriteCommand({ RequestItems: requests }));
        requests = out.UnprocessedItems;
      }
    }
  }

  async progress(id: string): Promise<ReplayProgress> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // Counter items grow with their sets of counted pages: more than 1 MB in all for very large replays.
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'id = :id AND begins_with(sk, :ctr)',
          ExpressionAttributeValues: { ':id': id, ':ctr': 'ctr#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    const counts: Counts = {};
    let pagesDone = 0;
    let lastPageAt: string | undefined;
    const cv = new Set<string>();
    const sv = new Set<string>();
    for (const item of items) {
      pagesDone += Number(item.pagesDone ?? 0);
      if (typeof item.lastAt === 'string' && (lastPageAt === undefined || item.lastAt > lastPageAt)) lastPageAt = item.lastAt;
      for (const [k, v] of Object.entries(item)) if (k.startsWith(COUNT)) counts[k.slice(COUNT.length)] = (counts[k.slice(COUNT.length)] ?? 0) + Number(v);
      for (const v of (item.cv as Set<string> | undefined) ?? []) cv.add(v);
      for (const v of (item.sv as Set<string> | undefined) ?? []) sv.add(v);
    }
    return { counts, pagesDone, currentVersions: [...cv].sort(), shadowVersions: [...sv].sort(), ...(lastPageAt ? { lastPageAt } : {}) };
  }

  async changes(id: string, after: Position | undefined, limit: number): Promise<Page<ChangedParcel>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'id = :id AND begins_with(sk, :chg)',
        ExpressionAttributeValues: { ':id': id, ':chg': CHANGE },
        ...(after ? { ExclusiveStartKey: { id, sk: `${CHANGE}${String(after.after)}` } } : {}),
        Limit: limit + 1,
      }),
    );
    const items = (out.Items ?? []).map(({ id: _i, sk: _s, expiresAt: _e, ...c }) => c as ChangedParcel);
    return items.length > limit ? { items: items.slice(0, limit), next: { replay: id, after: items[limit - 1]!.position } } : { items };
  }

  isChangesPosition(id: string, position: Position): boolean {
    return Object.keys(position).length === 2 && position.replay === id && typeof position.after === 'string' && position.after.length <= 256;
  }
}

export { ReplayParcelReader } from './parcel-period-reader';
