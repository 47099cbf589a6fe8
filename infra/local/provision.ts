// Renders a Topology's tables and queues into the embedded services, through the real AWS SDK
// (the same API calls CloudFormation would make), and returns the environment variables that
// carry their names and URLs to the functions.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { dlqName, queueEnvVar, tableEnvVar, type IndexDef, type KeyDef, type TableDef, type Topology } from '../topology-types';

export interface ProvisionedQueue {
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

export interface Provisioned {
  /** `<TABLE>_TABLE_NAME` → table name and `<QUEUE>_QUEUE_URL` → queue URL, for every table and queue. */
  env: Record<string, string>;
  /** By topology queue name. */
  queues: Record<string, ProvisionedQueue>;
  /** By topology table name. */
  tables: Record<string, string>;
}

const keySchema = (pk: KeyDef, sk?: KeyDef): KeySchemaElement[] => [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : [])];

const projection = (p: IndexDef['projection']): Projection =>
  p === undefined ? { ProjectionType: 'KEYS_ONLY' } : p === 'ALL' ? { ProjectionType: 'ALL' } : { ProjectionType: 'INCLUDE', NonKeyAttributes: p };

/** Every key attribute of the table and its indexes, once each (DynamoDB rejects duplicates and unused definitions). */
function attributeDefinitions(table: TableDef): AttributeDefinition[] {
  const all = new Map<string, KeyDef['type']>();
  const add = (k?: KeyDef) => {
    if (!k) return;
    const seen = all.get(k.name);
    if (seen && seen !== k.type) throw new Error(`table ${table.name}: attribute ${k.name} declared as both ${seen} and ${k.type}`);
    all.set(k.name, k.type);
  };
  add(table.partitionKey);
  add(table.sortKey);
  for (const ix of table.indexes) {
    add(ix.partitionKey);
    add(ix.sortKey);
  }
  return [...all].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

async function tableExists(ddb: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await ddb.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return false;
    throw e;
  }
}

async function waitActive(ddb: DynamoDBClient, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: name }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((ix) => ix.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    if (Date.now() > deadline) throw new Error(`table ${name} not ACTIVE after 10 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Creates a table unless it exists already (a `dataDir` from an earlier run keeps tables).
 * An existing table is kept as it is: schema changes need a fresh data directory.
 * TTL: dynalite implements neither UpdateTimeToLive nor expiry, so `ttlAttribute` is not applied
 * locally; items simply never expire here (code must not rely on TTL for correctness anyway,
 * since AWS deletes expired items only eventually).
 */
export async function provisionTable(ddb: DynamoDBClient, table: TableDef): Promise<void> {
  if (await tableExists(ddb, table.name)) return;
  const gsis: GlobalSecondaryIndex[] = table.indexes.map((ix) => ({
    IndexName: ix.name,
    KeySchema: keySchema(ix.partitionKey, ix.sortKey),
    Projection: projection(ix.projection),
  }));
  await ddb.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: 'PAY_PER_REQUEST', // on demand, as in AWS
      AttributeDefinitions: attributeDefinitions(table),
      KeySchema: keySchema(table.partitionKey, table.sortKey),
      ...(gsis.length ? { GlobalSecondaryIndexes: gsis } : {}),
    }),
  );
  await waitActive(ddb, table.name);
}

/** SQS caps retention at 14 days. */
const MAX_RETENTION_SECONDS = 14 * 24 * 3600;

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`no QueueArn for ${url}`);
  return arn;
}

/** Creates the dead-letter queue first (the redrive policy must name an existing queue), then the queue. */
export async function provisionQueue(sqs: SQSClient, queue: Topology['queues'][number]): Promise<ProvisionedQueue> {
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: dlqName(queue.name),
      Attributes: { MessageRetentionPeriod: String(Math.min(queue.dlqRetentionDays * 86_400, MAX_RETENTION_SECONDS)) },
    }),
  );
  if (!dlq.QueueUrl) throw new Error(`CreateQueue ${dlqName(queue.name)} returned no URL`);
  const dlqArn = await queueArn(sqs, dlq.QueueUrl);
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: queue.name,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ maxReceiveCount: queue.maxReceiveCount, deadLetterTargetArn: dlqArn }),
      },
    }),
  );
  if (!main.QueueUrl) throw new Error(`CreateQueue ${queue.name} returned no URL`);
  return { url: main.QueueUrl, arn: await queueArn(sqs, main.QueueUrl), dlqUrl: dlq.QueueUrl, dlqArn };
}

/** Creates every table and queue (with its DLQ) of the topology. Idempotent for tables. */
export async function provision(topology: Topology, clients: { ddb: DynamoDBClient; sqs: SQSClient }): Promise<Provisioned> {
  const env: Record<string, string> = {};
  const queues: Record<string, ProvisionedQueue> = {};
  const tables: Record<string, string> = {};
  for (const table of topology.tables) {
    await provisionTable(clients.ddb, table);
    tables[table.name] = table.name;
    env[tableEnvVar(table.name)] = table.name;
  }
  for (const queue of topology.queues) {
    const q = await provisionQueue(clients.sqs, queue);
    queues[queue.name] = q;
    env[queueEnvVar(queue.name)] = q.url;
  }
  return { env, queues, tables };
}
