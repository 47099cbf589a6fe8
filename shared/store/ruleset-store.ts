// Rulesets in DynamoDB (issue 11): one table, a few kinds of item, all single-item writes.
//   pk ruleset#<version>  sk document                         the document (JSON) and its summary; written once
//   pk ruleset#<version>  sk activation#<at>#<scope>#<mode>   each activation of that version (who, when)
//   pk index              sk <version>                        the summary, for the listing (paged, newest version first)
//   pk state              sk <scope>                          what is active and in shadow per scope, with a revision
// The assess stage reads the `state` partition (one query, a handful of items) at most once per cache TTL.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { RulesConfig } from '../risk/config/schema';
import type { Activation, RulesetStorePort, RulesetSummary, ScopeState } from '../rule-lab/rulesets';
import type { Page, Position } from '../page';
import { conditional } from './conditional';

export const rulesetsTable = (name: string): TableDef => ({ name, partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, indexes: [] });

const DOC = 'document';
const docKey = (version: string) => ({ pk: `ruleset#${version}`, sk: DOC });
const summaryOf = (i: Record<string, unknown>): RulesetSummary => ({
  version: String(i.version),
  scope: String(i.scope),
  region: String(i.region),
  hash: String(i.hash),
  createdAt: String(i.createdAt),
  createdBy: String(i.createdBy),
});

/** Pages through a query to its end (the partitions read here are small). */
async function queryAll(db: DynamoDBDocumentClient, input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export class RulesetStore implements RulesetStorePort {
  /** defaults: the shipped ruleset of this region, which `get` answers for its own version without a read. */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly defaults: RulesConfig,
  ) {}

  async get(version: string): Promise<RulesConfig | undefined> {
    if (version === this.defaults.rulesetVersion) return this.defaults;
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: docKey(version) }));
    return out.Item ? (JSON.parse(String(out.Item.document)) as RulesConfig) : undefined;
  }

  async create(summary: RulesetSummary, document: RulesConfig): Promise<'created' | 'same' | 'taken'> {
    const made = await conditional(
      this.db.send(new PutCommand({ TableName: this.table, Item: { ...docKey(summary.version), ...summary, document: JSON.stringify(document) }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    let outcome: 'created' | 'same' | 'taken' = 'created';
    let stored = summary;
    if (!made) {
      const existing = await this.summary(summary.version);
      if (!existing || existing.hash !== summary.hash) return 'taken';
      outcome = 'same';
      stored = existing;
    }
    // The listing entry follows the document; written again on a resubmission, so a crash in between is repaired.
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: 'index', sk: stored.version, ...stored } }));
    return outcome;
  }

  async summary(version: string): Promise<RulesetSummary | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: docKey(version),
        ProjectionExpression: '#v, #scope, #region, #hash, createdAt, createdBy',
        ExpressionAttributeNames: { '#v': 'version', '#scope': 'scope', '#region': 'region', '#hash': 'hash' },
      }),
    );
    return out.Item ? summaryOf(out.Item) : undefined;
  }

  async list(): Promise<RulesetSummary[]> {
    const items = await queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'index' }, ScanIndexForward: false });
    return items.map(summaryOf);
  }

  async listPage(limit: number, after: Position | undefined): Promise<Page<RulesetSummary>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'index' },
        ScanIndexForward: false,
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk: 'index', sk: String(after.after) } } : {}),
      }),
    );
    const items = (out.Items ?? []).map(summaryOf);
    return out.LastEvaluatedKey && items.length > 0 ? { items, next: { after: items.at(-1)!.version } } : { items };
  }

  isListPosition(position: Position): boolean {
    const keys = Object.keys(position);
    return keys.length === 1 && typeof position.after === 'string' && position.after.length > 0 && position.after.length <= 128;
  }

  async states(): Promise<ScopeState[]> {
    const items = await queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'state' }, ConsistentRead: true });
    return items.map((i) => ({ scope: String(i.sk), rev: Number(i.rev), ...(i.active ? { active: i.active as Activation } : {}), ...(i.shadow ? { shadow: i.shadow as Activation } : {}) }));
  }

  async activate(activation: Activation, next: ScopeState, expected: ScopeState | undefined): Promise<boolean> {
    const rev = (expected?.rev ?? 0) + 1;
    const item = { pk: 'state', sk: next.scope, rev, ...(next.active ? { active: next.active } : {}), ...(next.shadow ? { shadow: next.shadow } : {}) };
    const condition = expected?.rev === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': expected.rev } };
    if (!(await conditional(this.db.send(new PutCommand({ TableName: this.table, Item: item, ...condition }))))) return false;
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { pk: `ruleset#${activation.version}`, sk: `activation#${activation.at}#${activation.scope}#${activation.mode}`, ...activation } }),
    );
    return true;
  }

  async activations(version: string): Promise<Activation[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
      ExpressionAttributeValues: { ':pk': `ruleset#${version}`, ':a': 'activation#' },
    });
    return items.map((i) => ({ version: String(i.version), scope: String(i.scope), mode: i.mode as Activation['mode'], at: String(i.at), by: String(i.by) }));
  }
}
