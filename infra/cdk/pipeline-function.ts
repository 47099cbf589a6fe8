// One construct fixes every function's defaults (runtime, arm64, bundling, tracing, log group, Powertools
// environment) and binds its dependencies: the environment is rendered by infra/function-env.ts (as the local
// runtime renders it), and each bind returns its variable's value and adds exactly the grant the binding needs,
// in the same call, so no permission exists without the dependency that uses it.
import { join } from 'node:path';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type BindingRenderer, functionEnvironment, METRICS_NAMESPACE, SERVICE_NAME } from '../function-env';
import type { EventSourceDef, FunctionDef, TableDef } from '../topology-types';
import { LAMBDA_REFERENCE_DATA_DIR, PROJECT_ROOT, referenceDataFiles } from './reference-data';

export { METRICS_NAMESPACE, SERVICE_NAME };
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * 'bundle': esbuild bundles the handler (what `cdk synth` and deploys use).
 * 'stub': an inline placeholder with the same configuration, for template tests that need no code.
 */
export type CodeMode = 'bundle' | 'stub';

/**
 * Whether the AWS SDK v3 goes into the bundle or is taken from the Lambda runtime. Bundled (measured in
 * test/bench/aws.bench.ts): the versions this code is tested with, and a smaller, faster-loading module
 * graph than the runtime's unminified copy.
 */
export type SdkMode = 'bundled' | 'runtime';

export interface PipelineFunctionProps {
  def: FunctionDef;
  /** Environment of every function in the region (regionEnv), before the function's own. */
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  code: CodeMode;
  sdk?: SdkMode;
}

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** What aws-cdk-lib grants for a customer-managed table key (grantReadData / grantReadWriteData). */
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

const STUB = 'exports.handler = async () => { throw new Error("stub code: synthesized for template tests only"); };';

export function bundling(def: FunctionDef, sdk: SdkMode): NonNullable<ConstructorParameters<typeof NodejsFunction>[2]>['bundling'] {
  const data = referenceDataFiles(def.entry);
  return {
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    target: 'node22',
    format: OutputFormat.CJS,
    // ES module builds first: they tree-shake (the SDK's and middy's).
    mainFields: ['module', 'main'],
    bundleAwsSDK: sdk === 'bundled',
    // The S3 client is the runtime's (Node 22 Lambda ships AWS SDK v3): bundled, it adds ~150 KB and pushes the
    // functions that screen past 1 MB; they only get and put objects (shared/store/s3-list-store.ts).
    ...(sdk === 'bundled' ? { externalModules: ['@aws-sdk/client-s3'] } : {}),
    // i18n-iso-countries' Node entry registers every locale's country names (~700 KB minified); its plain
    // entry has the same codes and API without them, and shared/reference/codes.ts only needs the codes.
    esbuildArgs: { '--alias': 'i18n-iso-countries=i18n-iso-countries/index.js' },
    logLevel: LogLevel.ERROR,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) =>
        data.length ? [`mkdir -p "${outputDir}/data"`, ...data.map((f) => `cp "${inputDir}/shared/reference/data/${f}" "${outputDir}/data/${f}"`)] : [],
    },
  };
}

export class PipelineFunction extends Construct {
  readonly def: FunctionDef;
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  private readonly regionEnv: Record<string, string>;
  private readonly platformEnv: Record<string, string>;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    const { def } = props;
    this.def = def;
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    // Own role rather than AWSLambdaBasicExecutionRole: log writes only to this function's log group.
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `EAD pipeline function ${def.name}` });
    this.logGroup.grantWrite(this.role);

    const data = referenceDataFiles(def.entry);
    this.regionEnv = props.environment;
    this.platformEnv = { NODE_OPTIONS: '--enable-source-maps', ...(data.length ? { REFERENCE_DATA_DIR: LAMBDA_REFERENCE_DATA_DIR } : {}) };
    const common: lambda.FunctionOptions = {
      description: `EAD pipeline: ${def.name}`,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      role: this.role,
    };
    this.fn =
      props.code === 'bundle'
        ? new NodejsFunction(this, 'Function', {
            ...common,
            runtime: RUNTIME,
            entry: join(PROJECT_ROOT, def.entry),
            handler: def.handler,
            projectRoot: PROJECT_ROOT,
            depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
            bundling: bundling(def, props.sdk ?? 'bundled'),
          })
        : new lambda.Function(this, 'Function', { ...common, runtime: RUNTIME, handler: 'index.handler', code: lambda.Code.fromInline(STUB) });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime this code is built (target node22) and tested for; nodejs24.x is adopted deliberately, after the test suite runs on Node 24.',
    });
    Validations.of(this.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Resource must be *.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          "Writes to a table (or a bucket of personal data) encrypted with the pipeline's customer-managed key: the KMS actions aws-cdk-lib grants for it, on that one key, usable only through DynamoDB (or S3: kms:ViaService).",
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason:
          "Writes to a table (or a bucket of personal data) encrypted with the pipeline's customer-managed key: the KMS actions aws-cdk-lib grants for it, on that one key, usable only through DynamoDB (or S3: kms:ViaService).",
      },
    );
  }

  /** Sets the function's environment (infra/function-env.ts); `bind` grants each binding as it renders its variable. */
  renderEnvironment(bind: BindingRenderer): void {
    const env = functionEnvironment(this.def, { region: this.regionEnv, platform: this.platformEnv }, bind);
    for (const [name, value] of Object.entries(env)) this.fn.addEnvironment(name, value);
  }

  /**
   * RO: read (GetItem, BatchGetItem, Query, Scan, ConditionCheckItem); RW: also PutItem, UpdateItem, DeleteItem,
   * BatchWriteItem. On the table and each of its declared indexes by name (no `index/*`), and its key only
   * through DynamoDB (kms:ViaService).
   */
  bindTable({ def, table, key, accessMode }: { def: TableDef; table: ITable; key: IKey; accessMode: 'RO' | 'RW' }): string {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: accessMode === 'RO' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE],
        resources: [table.tableArn, ...def.indexes.map((ix) => `${table.tableArn}/index/${ix.name}`)],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: accessMode === 'RO' ? KEY_READ : [...KEY_READ, ...KEY_WRITE],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
      }),
    );
    return table.tableName;
  }

  /** sqs:SendMessage only (SendMessageBatch is authorized by it); the queues use SQS-managed encryption, so no KMS grant. */
  bindSender({ queue }: { queue: IQueue }): string {
    queue.grant(this.role, 'sqs:SendMessage');
    return queue.queueUrl;
  }

  /** The event source mapping and the consume grant (receive, delete, change visibility, attributes) — nothing else. */
  consume({ queue, source }: { queue: IQueue; source: EventSourceDef }): void {
    this.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: source.batchSize,
        maxBatchingWindow: Duration.seconds(source.maxBatchingWindowSeconds),
        maxConcurrency: source.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }

  /**
   * RO: s3:GetObject on the bucket's objects; RW: also s3:PutObject; RWD: also s3:DeleteObject. s3:ListBucket only on
   * a listable bucket (a missing key then answers 404, not 403).
   * `bucketName` is the name the data stack gave it (bucketNameFor), with the account as a token of this stack.
   */
  bindBucket({ name, bucketName, accessMode, listable, key }: { name: string; bucketName: string; accessMode: 'RO' | 'RW' | 'RWD'; listable?: boolean; key?: IKey }): string {
    const actions = { RO: ['s3:GetObject'], RW: ['s3:GetObject', 's3:PutObject'], RWD: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] }[accessMode];
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}/*`] }));
    if (listable) this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [`arn:${Aws.PARTITION}:s3:::${bucketName}`] }));
    // A bucket under the data key: the key only through S3, as the tables' only through DynamoDB.
    if (key) {
      const stack = Stack.of(this);
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: accessMode === 'RO' ? KEY_READ : [...KEY_READ, ...KEY_WRITE],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
        }),
      );
    }
    const shown = bucketName.replace(Aws.ACCOUNT_ID, '<AWS::AccountId>');
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${shown}/*]`,
      reason: `The ${name} bucket's objects are keyed by what is written at run time (a release's version, a pack's country and day): object actions only, on that one bucket.`,
    });
    return bucketName;
  }
}
