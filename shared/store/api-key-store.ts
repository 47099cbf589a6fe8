// API keys in DynamoDB, looked up by the SHA-256 hash of the key; the key itself is never stored.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableDef } from '../topology-types';
import type { ApiKeyRecord, ApiKeyRegistry } from '../auth/api-keys';

export type { ApiKeyRecord } from '../auth/api-keys';

export const apiKeysTable = (name: string): TableDef => ({
  name,
  partitionKey: { name: 'keyHash', type: 'S' },
  indexes: [{ name: 'byId', partitionKey: { name: 'id', type: 'S' } }],
});

export class ApiKeyStore implements ApiKeyRegistry {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(record: ApiKeyRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: record, ConditionExpression: 'attribute_not_exists(keyHash)' }));
  }

  /** Creates the record unless a key with this hash exists (idempotent bootstrap of the admin key). */
  async ensure(record: ApiKeyRecord): Promise<void> {
    try {
      await this.put(record);
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { keyHash } }));
    return out.Item as ApiKeyRecord | undefined;
  }

  /** Revokes a key by id; false when there is no such key. */
  async revoke(id: string, at: string): Promise<boolean> {
    const found = await this.db.send(new QueryCommand({ TableName: this.table, IndexName: 'byId', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': id }, Limit: 1 }));
    const keyHash = found.Items?.[0]?.keyHash as string | undefined;
    if (!keyHash) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { keyHash },
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          ConditionExpression: 'attribute_exists(keyHash)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
