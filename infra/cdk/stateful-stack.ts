// The region's data: tables, queues with their dead-letter queues, the tables' key and the secrets.
// Everything here is retained and kept apart from the functions, so redeploying (or even deleting)
// the stateless stack never replaces data.
import { Aws, Duration, RemovalPolicy, SecretValue, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type Capacity, tableCapacity } from '../regions';
import { type IndexDef, type KeyDef, type TableDef, type Topology, dlqName } from '../topology-types';
import { constructId } from './names';

export interface QueuePair {
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export interface StatefulStackProps extends StackProps {
  topology: Topology;
  /** The region's DynamoDB capacity (default on demand). */
  capacity?: Capacity;
}

const attr = (k: KeyDef): dynamodb.Attribute => ({ name: k.name, type: k.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER });

function gsi(ix: IndexDef): dynamodb.GlobalSecondaryIndexProps {
  const base = { indexName: ix.name, partitionKey: attr(ix.partitionKey), ...(ix.sortKey ? { sortKey: attr(ix.sortKey) } : {}) };
  if (ix.projection === undefined) return { ...base, projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  if (ix.projection === 'ALL') return { ...base, projectionType: dynamodb.ProjectionType.ALL };
  return { ...base, projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: ix.projection };
}

/**
 * A bucket's name, known to both stacks without a cross-stack export: the data stack's name, the bucket's, the
 * account (S3 names are global). The service stack grants on the ARN built from it.
 */
export const bucketNameFor = (dataStackName: string, bucket: string): string => `${dataStackName.toLowerCase()}-${bucket}-${Aws.ACCOUNT_ID}`;

/** Target tracking on consumed capacity, for the table and each of its indexes, between the region's min and max. */
function autoscale(table: dynamodb.Table, def: TableDef, units: NonNullable<ReturnType<typeof tableCapacity>>): void {
  const target = { targetUtilizationPercent: units.targetUtilizationPercent };
  const range = (u: { min: number; max: number }) => ({ minCapacity: u.min, maxCapacity: u.max });
  table.autoScaleReadCapacity(range(units.read)).scaleOnUtilization(target);
  table.autoScaleWriteCapacity(range(units.write)).scaleOnUtilization(target);
  for (const ix of def.indexes) {
    table.autoScaleGlobalSecondaryIndexReadCapacity(ix.name, range(units.read)).scaleOnUtilization(target);
    table.autoScaleGlobalSecondaryIndexWriteCapacity(ix.name, range(units.write)).scaleOnUtilization(target);
  }
}

/** SQS caps retention at 14 days. */
const MAX_RETENTION_DAYS = 14;

/**
 * Secrets Manager cannot generate random bytes, only characters: 43 characters of [A-Za-z0-9] decode
 * (base64, padding optional) to exactly 32 bytes and carry 43 × log2(62) ≈ 256 bits, of which the
 * 32 decoded bytes keep about 254.
 */
const AES_KEY_CHARS = 43;

export class StatefulStack extends Stack {
  readonly tables = new Map<string, dynamodb.Table>();
  readonly queues = new Map<string, QueuePair>();
  /** By environment variable name; the value is a CloudFormation dynamic reference to the secret. */
  readonly secretReferences = new Map<string, string>();
  readonly secrets = new Map<string, secretsmanager.Secret>();
  readonly dataKey: kms.Key;
  /** The topology's buckets (the sanctions list releases ops publishes). */
  readonly buckets = new Map<string, s3.Bucket>();

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { topology } = props;

    // Customer-managed, not AWS-managed: declarations carry names, addresses and phone numbers, and a key
    // of our own lets its policy (not only IAM) decide who may read them, logs every use in CloudTrail
    // under a key we can disable, and rotates yearly.
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'EAD pipeline: encrypts the DynamoDB tables (declarations, parcels, API key hashes)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const def of topology.tables) this.tables.set(def.name, this.table(def, props.capacity ?? { mode: 'on-demand' }));
    for (const def of topology.queues) this.queues.set(def.name, this.queue(def));
    this.addBuckets(topology);

    const secretNames = [...new Set(topology.functions.flatMap((f) => f.secrets ?? []))].sort();
    for (const envVar of secretNames) {
      const secret = new secretsmanager.Secret(this, constructId(envVar, 'Secret'), {
        // A name, not an ARN, so the stateless stack's dynamic reference is a literal CloudFormation resolves.
        secretName: `${this.stackName}/${envVar}`,
        description: `EAD pipeline: ${envVar}, ${AES_KEY_CHARS} characters that decode (base64) to a 32-byte AES key`,
        generateSecretString: { passwordLength: AES_KEY_CHARS, excludePunctuation: true, includeSpace: false },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: `${envVar} is an encryption key for data at rest, not a credential: replacing it means re-encrypting what it protects (a planned migration), and automatic rotation would swap it under the running functions and make stored data unreadable.`,
      });
      this.secrets.set(envVar, secret);
      this.secretReferences.set(envVar, SecretValue.secretsManager(`${this.stackName}/${envVar}`).unsafeUnwrap());
    }
  }

  private table(def: TableDef, capacity: Capacity): dynamodb.Table {
    const units = tableCapacity(capacity, def.name);
    const billing = units ? { billingMode: dynamodb.BillingMode.PROVISIONED, readCapacity: units.read.min, writeCapacity: units.write.min } : { billingMode: dynamodb.BillingMode.PAY_PER_REQUEST };
    const table = new dynamodb.Table(this, constructId(def.name, 'Table'), {
      partitionKey: attr(def.partitionKey),
      ...(def.sortKey ? { sortKey: attr(def.sortKey) } : {}),
      ...billing,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
    });
    for (const ix of def.indexes) table.addGlobalSecondaryIndex({ ...gsi(ix), ...(units ? { readCapacity: units.read.min, writeCapacity: units.write.min } : {}) });
    if (units) autoscale(table, def, units);
    return table;
  }

  /**
   * Private, versioned (every release ops published stays recoverable), S3-managed encryption (the data key for a
   * bucket of personal data), TLS only, with server
   * access logs (who published what) in a log bucket of their own. A bucket of derived objects (the replay packs,
   * rewritten by the aggregator) is not versioned and its objects expire.
   */
  private addBuckets(topology: Topology): void {
    if (!topology.buckets?.length) return;
    const logs = new s3.Bucket(this, 'BucketAccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself: logging it into itself would loop, and into another bucket would only move the question.',
    });
    for (const def of topology.buckets) {
      const bucket = new s3.Bucket(this, constructId(def.name, 'Bucket'), {
        bucketName: bucketNameFor(this.stackName, def.name),
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        // Personal data under the data key (S3 bucket keys: one KMS call per object key, not per request).
        ...(def.personalData ? { encryption: s3.BucketEncryption.KMS, encryptionKey: this.dataKey, bucketKeyEnabled: true } : { encryption: s3.BucketEncryption.S3_MANAGED }),
        enforceSSL: true,
        versioned: !def.unversioned,
        ...(def.expireAfterDays ? { lifecycleRules: [{ expiration: Duration.days(def.expireAfterDays) }] } : {}),
        serverAccessLogsBucket: logs,
        serverAccessLogsPrefix: `${def.name}/`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.buckets.set(def.name, bucket);
    }
  }

  private queue(def: Topology['queues'][number]): QueuePair {
    // SQS-managed encryption: messages are transient (the tables are the record), and it keeps the grants
    // exact (sqs:SendMessage, consume) with no KMS permissions for every producer and consumer.
    const dlq = new sqs.Queue(this, constructId(dlqName(def.name), 'Queue'), {
      retentionPeriod: Duration.days(Math.min(def.dlqRetentionDays, MAX_RETENTION_DAYS)),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new sqs.Queue(this, constructId(def.name, 'Queue'), {
      visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return { queue, dlq };
  }
}
