// Webhook subscriptions in DynamoDB: one item per subscription, listed and fanned out to through the
// byOwner index (owner partition, newest first). Single-item conditional writes only.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { StoredSecret, Subscription } from '../webhooks/model';
import type { SubscriptionRecords } from '../webhooks/ports';
import type { Page, Position } from '../webhooks/records';
import { batchGetConsistent } from './batch-get';
import { conditional } from './conditional';

export const SUBSCRIPTION_INDEXES = { byOwner: 'byOwner' } as const;

export const webhookSubscriptionsTable = (name: string): TableDef => ({
  name,
  partitionKey: { name: 'id', type: 'S' },
  indexes: [{ name: SUBSCRIPTION_INDEXES.byOwner, partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' }, projection: 'ALL' }],
});

export type { Page } from '../webhooks/records';

export class WebhookSubscriptionStore implements SubscriptionRecords {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(s: Subscription): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: s, ConditionExpression: 'attribute_not_exists(id)' }));
  }

  async get(id: string): Promise<Subscription | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { id }, ConsistentRead: true }));
    return out.Item as Subscription | undefined;
  }

  /** The subscriptions of these ids (consistent), in their order: one BatchGetItem per 100 instead of a GetItem each. */
  async getMany(ids: string[]): Promise<(Subscription | undefined)[]> {
    const items = (await batchGetConsistent(
      this.db,
      this.table,
      [...new Set(ids)].map((id) => ({ id })),
    )) as unknown as Subscription[];
    const byId = new Map(items.map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id));
  }

  /** Whether a position came from `listByOwner` of this owner (a cursor handed back by a client). */
  isOwnerPosition(owner: string, position: Position): boolean {
    return position.owner === owner && typeof position.id === 'string' && typeof position.createdAt === 'string' && Object.values(position).every((v) => typeof v === 'string');
  }

  /** One owner's subscriptions, newest first. */
  async listByOwner(owner: string, limit: number, start?: Position): Promise<Page<Subscription>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: SUBSCRIPTION_INDEXES.byOwner,
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': owner },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return { items: (out.Items ?? []) as Subscription[], ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
  }

  /** Every subscription of an owner (bounded by MAX_SUBSCRIPTIONS_PER_OWNER at creation). */
  async allOfOwner(owner: string): Promise<Subscription[]> {
    const all: Subscription[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.listByOwner(owner, 100, start);
      all.push(...page.items);
      start = page.next;
    } while (start);
    return all;
  }

  /** The deleted subscription, or undefined when there was none. */
  async delete(id: string): Promise<Subscription | undefined> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: { id }, ReturnValues: 'ALL_OLD' }));
    return out.Attributes as Subscription | undefined;
  }

  /** Replaces the secrets if nobody rotated since `previousRotation` was read; false when someone did. */
  rotate(id: string, secrets: StoredSecret[], at: string, previousRotation: string | undefined): Promise<boolean> {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'SET secrets = :s, secretRotatedAt = :at',
          ConditionExpression: previousRotation ? 'secretRotatedAt = :prev' : 'attribute_exists(id) AND attribute_not_exists(secretRotatedAt)',
          ExpressionAttributeValues: { ':s': secrets, ':at': at, ...(previousRotation ? { ':prev': previousRotation } : {}) },
        }),
      ),
    );
  }

  disable(id: string, reason: string, at: string): Promise<boolean> {
    return conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'SET #s = :d, disabledReason = :r, disabledAt = :at',
          ConditionExpression: 'attribute_exists(id) AND #s = :a',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':d': 'disabled', ':a': 'active', ':r': reason, ':at': at },
        }),
      ),
    );
  }

  /** Counts a failed attempt; opens the circuit until `openUntil` once `threshold` failures follow each other. */
  async recordFailure(id: string, threshold: number, openUntil: string): Promise<{ consecutiveFailures: number; opened: boolean }> {
    let n: number;
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'ADD consecutiveFailures :one',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      n = Number(out.Attributes?.consecutiveFailures ?? 0);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return { consecutiveFailures: 0, opened: false };
      throw err;
    }
    if (n < threshold) return { consecutiveFailures: n, opened: false };
    const opened = await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'SET circuitOpenUntil = :u',
          ConditionExpression: 'attribute_exists(id) AND (attribute_not_exists(circuitOpenUntil) OR circuitOpenUntil < :u)',
          ExpressionAttributeValues: { ':u': openUntil },
        }),
      ),
    );
    return { consecutiveFailures: n, opened };
  }

  /**
   * Puts the subscription on the slow lane until `until` (its endpoint took longer than the fast budget):
   * its attempts are then queued to the slow-lane consumer directly. Moves the time only forward.
   */
  async markSlow(id: string, until: string): Promise<void> {
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'SET slowUntil = :u',
          ConditionExpression: 'attribute_exists(id) AND (attribute_not_exists(slowUntil) OR slowUntil < :u)',
          ExpressionAttributeValues: { ':u': until },
        }),
      ),
    );
  }

  /** Back to the fast lane (the endpoint answered within the fast budget); no write when it was not slow. */
  async clearSlow(id: string): Promise<void> {
    await conditional(this.db.send(new UpdateCommand({ TableName: this.table, Key: { id }, UpdateExpression: 'REMOVE slowUntil', ConditionExpression: 'attribute_exists(slowUntil)' })));
  }

  /** Closes the circuit after a success; a no-op (no write) when it was closed with no failures counted. */
  async recordSuccess(id: string): Promise<void> {
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'SET consecutiveFailures = :zero REMOVE circuitOpenUntil',
          ConditionExpression: 'consecutiveFailures > :zero OR attribute_exists(circuitOpenUntil)',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      ),
    );
  }
}
