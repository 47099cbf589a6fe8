// AWS SDK clients with default configuration: in AWS they find their region and credentials as usual;
// locally the runtime sets AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS. Created on first use.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

let ddb: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return ddb;
}

export function sqsClient(): SQSClient {
  sqs ??= new SQSClient({});
  return sqs;
}

/** A required environment variable, read once at start-up: fail fast and say which. */
export function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}
