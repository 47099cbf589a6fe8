// AWS SDK clients with default configuration: in AWS they find their region and credentials as usual;
// locally the runtime sets AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS. Created on first use, one per
// endpoint: a process that runs several local runtimes in turn (the bench, tests) never sends to the
// embedded services of a runtime that has stopped. resetOnce() (shared/util.ts) destroys them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { onReset } from '../util';

const documentClients = new Map<string, { doc: DynamoDBDocumentClient; ddb: DynamoDBClient }>();
const sqsClients = new Map<string, SQSClient>();

onReset(() => {
  // DynamoDBDocumentClient.destroy() is a no-op: the client underneath holds the sockets.
  for (const c of documentClients.values()) c.ddb.destroy();
  for (const c of sqsClients.values()) c.destroy();
  documentClients.clear();
  sqsClients.clear();
});

/** The endpoint the SDK will resolve from the environment (service-specific first, as the SDK does); '' in AWS. */
const endpointOf = (service: 'DYNAMODB' | 'SQS') => process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL ?? '';

export function documentClient(): DynamoDBDocumentClient {
  const endpoint = endpointOf('DYNAMODB');
  let c = documentClients.get(endpoint);
  if (!c) {
    const ddb = new DynamoDBClient({});
    c = { ddb, doc: DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } }) };
    documentClients.set(endpoint, c);
  }
  return c.doc;
}

export function sqsClient(): SQSClient {
  const endpoint = endpointOf('SQS');
  let c = sqsClients.get(endpoint);
  if (!c) {
    c = new SQSClient({});
    sqsClients.set(endpoint, c);
  }
  return c;
}

/** A required environment variable, read once at start-up: fail fast and say which. */
export function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}
