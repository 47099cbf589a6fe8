// The modelled AWS cost per million parcels (`npm run bench -- aws`): one platform key, one webhook subscription
// to its customs responses, parcels in batches of 100 and one by one; printed per stage (requests and capacity
// per parcel), per DynamoDB table and index, per line of the bill, on demand and provisioned with autoscaling.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provision } from '#infra/local/provision';
import { startDynamoDb, startSqs } from '#infra/local/services';
import { type Capacity, regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { newApiKey } from '#shared/auth/keys';
import { TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { validDeclaration } from '#test/fixtures/declarations';
import { s10Sequence } from '#test/helpers/s10';
import { printFigure } from '../report';
import { Meter } from './meter';
import { PRICES, alternativeCapacity, cost, idlePollingPerMonth, provisionedFloor } from './pricing';
import { type Pipeline, type ScenarioResult, apiEvent, lambdaContext, measureScenario, measuredOf, startReceiver } from './scenario';

const N = Number(process.env.BENCH_AWS_PARCELS ?? 1000);
const REGION = 'eu-west-1';
/** Stages from submit to stored response, and the webhook stages after it (whatever else the topology adds is webhook). */
const PARCEL_STAGES = new Set(['authorizer', 'ingest', 'assess']);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function perStage(s: ScenarioResult): void {
  for (const [stage, c] of s.counts) {
    const inv = s.stages.get(stage);
    const per = (x: number) => (x / s.parcels).toFixed(2);
    const requests = [...c.requests].map(([k, v]) => `${k} ${per(v)}`).join(', ');
    const units = [...c.dynamo].map(([r, u]) => `${r} ${u.wru ? `${per(u.wru)} WRU` : ''}${u.rru ? ` ${per(u.rru)} RRU` : ''}`.trim()).join(', ');
    console.log(`    ${stage}: ${inv?.invocations ?? 0} invocations, median ${inv ? median(inv.ms).toFixed(1) : '-'} ms (this machine); per parcel: ${requests}${units ? `; ${units}` : ''}`);
  }
}

function wruOf(s: ScenarioResult, stages: (stage: string) => boolean): number {
  let wru = 0;
  for (const [stage, c] of s.counts) if (stages(stage)) for (const u of c.dynamo.values()) wru += u.wru;
  return wru;
}

function report(s: ScenarioResult, capacity: Capacity, target: number): void {
  console.log(`\n  ${s.name}: ${s.parcels} parcels, ${s.apiRequests} API requests, ${s.webhooks} webhooks verified at the receiver`);
  perStage(s);
  const parcelWru = wruOf(s, (st) => PARCEL_STAGES.has(st)) / s.parcels;
  const webhookWru = wruOf(s, (st) => !PARCEL_STAGES.has(st)) / s.webhooks;
  printFigure({ name: `${s.name}: DynamoDB WRU per parcel, submit to stored response`, value: parcelWru, unit: 'WRU', target: 'value ≤ 3' });
  printFigure({ name: `${s.name}: DynamoDB WRU per delivered webhook`, value: webhookWru, unit: 'WRU', target: 'value ≤ 2' });
  const modes = [capacity, alternativeCapacity(capacity)];
  const priced = modes.map((c) => ({ c, ...cost(s, topology, c) }));
  for (const p of priced) {
    console.log(
      `    ${p.c.mode}: ${Object.entries(p.lines)
        .map(([k, v]) => `${k} $${v.toFixed(3)}`)
        .join(', ')}`,
    );
    console.log(
      `      DynamoDB by table and index: ${p.dynamo
        .filter((d) => d.dollars > 0)
        .map((d) => `${d.resource} $${d.dollars.toFixed(3)}`)
        .join(', ')}`,
    );
    if (p.c.mode === 'provisioned') console.log(`      provisioned floor (every table and index at its minimum): $${provisionedFloor(topology, p.c).toFixed(2)} per month, whatever the load`);
  }
  console.log(
    `    idle polling (${topology.eventSources.length} event sources, long polls whatever the load): $${idlePollingPerMonth(topology).toFixed(2)} per month; the ${s.emptyReceives} empty receives of this drain loop (${(s.emptyReceives / s.parcels).toFixed(2)} per parcel) are that, not priced per parcel`,
  );
  const [onDemand, provisioned] = priced[0]!.c.mode === 'on-demand' ? [priced[0]!, priced[1]!] : [priced[1]!, priced[0]!];
  // The parcel's stages alone, as the earlier model priced them (it left webhook delivery out).
  const parcelOnly = cost(
    measuredOf({ ...s, topology }, (st) => PARCEL_STAGES.has(st)),
    topology,
    { mode: 'on-demand' },
  );
  printFigure({
    name: `${s.name}: of it, submit to stored response (no webhooks), on demand`,
    value: parcelOnly.total,
    unit: '$ per million parcels',
    baseline: { name: 'its DynamoDB', value: parcelOnly.lines['DynamoDB writes']! + parcelOnly.lines['DynamoDB reads']! },
  });
  printFigure({
    name: `${s.name}: modelled AWS cost on demand, webhooks included`,
    value: onDemand.total,
    unit: '$ per million parcels',
    baseline: { name: 'DynamoDB alone', value: onDemand.lines['DynamoDB writes']! + onDemand.lines['DynamoDB reads']! },
    target: `value < $${target.toFixed(2)}`,
  });
  printFigure({
    name: `${s.name}: modelled AWS cost, DynamoDB provisioned with autoscaling (${(provisioned.c as { targetUtilizationPercent: number }).targetUtilizationPercent} % target)`,
    value: provisioned.total,
    unit: '$ per million parcels',
    baseline: { name: 'on demand', value: onDemand.total },
  });
}

/** One webhook subscription of the platform, to its customs responses, through the real webhooks handler. */
async function subscribe(p: Pipeline, url: string): Promise<string> {
  const def = (n: string) => p.topology.functions.find((f) => f.name === n)!;
  const { handler: authorize } = (await import('#functions/authorizer/handler')) as { handler: (e: unknown, c: unknown) => Promise<any> };
  const { handler: webhooks } = (await import('#functions/webhooks/handler')) as { handler: (e: unknown, c: unknown) => Promise<any> };
  const auth = await authorize(apiEvent('POST /v1/webhooks', '', p.key), lambdaContext(def('authorizer'), REGION));
  const res = await webhooks(apiEvent('POST /v1/webhooks', JSON.stringify({ url, events: ['customs.response.issued'] }), p.key, auth.context), lambdaContext(def('webhooks'), REGION));
  if (res.statusCode !== 201) throw new Error(`POST /v1/webhooks answered ${res.statusCode}: ${res.body}`);
  return (JSON.parse(res.body) as { secret: string }).secret;
}

function benchEnv(dynamo: string, sqs: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo,
    AWS_ENDPOINT_URL_SQS: sqs,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'ead-pipeline',
    POWERTOOLS_METRICS_NAMESPACE: 'EadPipeline',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...regionEnv(regionConfig(REGION)),
    // The bench measures cost, not the per-key limit: one key sends every request.
    API_KEY_RATE_PER_SECOND: '1000000',
    API_KEY_BURST: '1000000',
    WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
  };
}

export async function costFigures(): Promise<void> {
  const dynamo = await startDynamoDb();
  const sqsService = await startSqs({ region: REGION, accountId: '000000000000' });
  const receiver = await startReceiver();
  const saved = { ...process.env };
  let uninstall: (() => void) | undefined;
  try {
    Object.assign(process.env, benchEnv(dynamo.endpoint, sqsService.endpoint));
    const ddb = new DynamoDBClient({});
    const sqs = new SQSClient({});
    const provisioned = await provision(topology, { ddb, sqs });
    Object.assign(process.env, provisioned.env);
    const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
    const { key, keyHash, id } = newApiKey();
    await new ApiKeyStore(doc, provisioned.tables[TABLES.apiKeys]!).put({ id, keyHash, role: 'platform', tenantId: 'bench', createdAt: new Date().toISOString(), createdBy: 'bench' });
    const meter = new Meter(topology, doc);
    const p: Pipeline = { topology, region: REGION, meter, sqs, queues: provisioned.queues, key, receiver };
    receiver.setSecret(await subscribe(p, receiver.url));
    uninstall = meter.install();
    const nextId = s10Sequence(40_000_000);
    // Each parcel to a recipient of its own, as real traffic is: one recipient for all would make every parcel a
    // split shipment, with every earlier parcel as evidence in its assessment.
    let n = 0;
    const declaration = () => {
      const d = validDeclaration({ itemId: nextId() });
      return { ...d, recipient: { ...d.recipient, name: `${d.recipient.name} ${++n}` } };
    };
    // Warm up (first-call loading of reference data and the risk engine is a cold-start cost, not per parcel).
    await measureScenario('warm-up', p, 25, 25, declaration);
    const capacity = regionConfig(REGION).capacity;
    console.log(`  (cost model: test/bench/aws-cost/pricing.ts; list prices ${PRICES.asOf}; region ${REGION} capacity: ${capacity.mode})`);
    report(await measureScenario('batches of 100 (POST /v1/parcel-batches)', p, N, 100, declaration), capacity, 2);
    report(await measureScenario('one parcel per request (POST /v1/parcels)', p, Math.min(N, 300), 1, declaration), capacity, 3);
    ddb.destroy();
    sqs.destroy();
  } finally {
    uninstall?.();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await receiver.close();
    await sqsService.close();
    await dynamo.close();
  }
}
