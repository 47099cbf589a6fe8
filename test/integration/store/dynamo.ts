// The embedded DynamoDB with the project's tables, for store tests that need nothing else.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { provisionTable } from '../../../infra/local/provision';
import { startDynamoDb } from '../../../infra/local/services';
import { apiKeysTable } from '../../../shared/store/api-key-store';
import { parcelsTable } from '../../../shared/store/parcel-table';

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
