// The embedded DynamoDB with the project's tables, for store tests that need nothing else.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '#infra/local/provision';
import { startDynamoDb } from '#infra/local/services';
import { apiKeysTable } from '#shared/store/api-key-store';
import { parcelsTable } from '#shared/store/parcel-table';
import { ParcelStore } from '#shared/store/parcel-store';

export interface TestDynamo {
  doc: DynamoDBDocumentClient;
  ddb: DynamoDBClient;
  close(): Promise<void>;
}

/** dynalite on a free loopback port with the `parcels` and `api-keys` tables, as the topology declares them. */
export async function startTestDynamo(): Promise<TestDynamo> {
  const service = await startDynamoDb();
  const ddb = new DynamoDBClient({ region: 'eu-west-1', endpoint: service.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await provisionTable(ddb, parcelsTable('parcels'));
    await provisionTable(ddb, apiKeysTable('api-keys'));
  } catch (e) {
    ddb.destroy();
    await service.close();
    throw e;
  }
  // The same marshalling options as shared/store/clients.ts.
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  return {
    doc,
    ddb,
    close: async () => {
      ddb.destroy();
      await service.close();
    },
  };
}

export interface ParcelTable {
  db: TestDynamo;
  store: ParcelStore;
  /** The stored item as DynamoDB holds it (key formats, index attributes), not as the store reads it. */
  raw(itemId: string): Promise<Record<string, any> | undefined>;
}

/** dynalite for one test file (started before its tests, stopped after them) with a ParcelStore over `parcels`. */
export function useParcelTable(): ParcelTable {
  const t: Partial<ParcelTable> = {};
  beforeAll(async () => {
    t.db = await startTestDynamo();
    t.store = new ParcelStore(t.db.doc, 'parcels');
  });
  afterAll(async () => {
    await t.db?.close();
  });
  t.raw = async (itemId) => (await t.db!.doc.send(new GetCommand({ TableName: 'parcels', Key: { itemId } }))).Item;
  return t as ParcelTable;
}
