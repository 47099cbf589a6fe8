// Webhook delivery figures, on the local runtime in this process with real receivers on 127.0.0.1:
// 1. end to end: parcels submitted through the API, customs response (customsResponse.issuedAt) to
//    receipt at a fast receiver, beside submission to customs response — what delivery adds per parcel;
// 2. delivery throughput: events put straight on the publish queue, fanned out and POSTed to a fast
//    receiver, alone and then beside a subscription of the same owner whose endpoint never answers: its
//    first burst (the fast lane learns it hangs) and the next (it is on the slow lane).
import { randomBytes, randomInt } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { regionConfig, regionEnv } from '#infra/regions';
import { topology } from '#infra/topology';
import { tableEnvVar } from '#infra/topology-types';
import { hashApiKey, newApiKey } from '#shared/auth/keys';
import { s10CheckDigit } from '#shared/ead/s10';
import { type PublishedEvent, eventId } from '#shared/parcels/events';
import { QUEUES, TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { documentClient } from '#shared/store/clients';
import { sendBatch } from '#shared/store/queue';
import { validDeclaration } from '../fixtures/declarations';
import { type Receiver, startReceiver } from '../e2e/webhooks-receiver';
import { percentile, printFigure } from './report';

const PARCELS = 100;
const EVENTS = 600;

let rt: LocalRuntime;
let serial = randomInt(10_000_000, 90_000_000);
const nextItemId = () => {
  const digits = String(serial++);
  return `CP${digits}${s10CheckDigit(digits)}DE`;
};

async function call(key: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(rt.url + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function until(probe: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function endToEnd(adminKey: string): Promise<void> {
  const shop = (await call(adminKey, 'POST', '/v1/admin/api-keys', { role: 'platform', tenantId: 'bench-e2e' })).key as string;
  const hooks = await startReceiver();
  try {
    await call(shop, 'POST', '/v1/webhooks', { url: hooks.url, events: ['customs.response.issued'] });
    const submittedAt = new Map<string, number>();
    // One at a time at a steady pace (not a burst), so latencies are not queueing behind each other.
    for (let i = 0; i < PARCELS; i++) {
      const itemId = nextItemId();
      submittedAt.set(itemId, Date.now());
      await call(shop, 'POST', '/v1/parcels', validDeclaration({ itemId }));
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => hooks.received.length >= PARCELS, 'every customs response');
    const toResponse: number[] = [];
    const delivery: number[] = [];
    const share: number[] = [];
    for (const r of hooks.received) {
      const e = JSON.parse(r.body) as { data: { itemId: string; customsResponse: { issuedAt: string } } };
      const submitted = submittedAt.get(e.data.itemId)!;
      const issued = Date.parse(e.data.customsResponse.issuedAt);
      toResponse.push(issued - submitted);
      delivery.push(r.at - issued);
      share.push((r.at - issued) / (r.at - submitted));
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    printFigure({
      name: 'p50 customs response → receipt',
      value: percentile(sorted(delivery), 50),
      unit: 'ms',
      baseline: { name: 'p50 submit → customs response', value: percentile(sorted(toResponse), 50) },
    });
    printFigure({
      name: 'p99 customs response → receipt',
      value: percentile(sorted(delivery), 99),
      unit: 'ms',
      baseline: { name: 'p99 submit → customs response', value: percentile(sorted(toResponse), 99) },
    });
    printFigure({ name: 'delivery share of end-to-end time per parcel, median', value: percentile(sorted(share), 50) * 100, unit: '%', target: '≤ 20 %' });
    printFigure({ name: 'delivery share of end-to-end time per parcel, p99', value: percentile(sorted(share), 99) * 100, unit: '%', target: '≤ 20 %' });
  } finally {
    await hooks.close();
  }
}

/** Events of `tenant`'s parcels straight onto the publish queue; deliveries per second at `hooks`. */
async function throughput(tenant: string, hooks: Receiver): Promise<number> {
  const sqs = new SQSClient({ region: 'eu-west-1', endpoint: rt.sqsEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    const now = new Date().toISOString();
    const events: PublishedEvent[] = Array.from({ length: EVENTS }, (_, i) => {
      const itemId = nextItemId();
      return {
        event: {
          id: eventId(itemId, 3),
          type: 'customs.response.issued',
          createdAt: now,
          data: { itemId, version: 1, sequence: 3, status: 'RELEASED', customsResponse: { code: 'RELEASED', edifact7365: '4', issuedAt: now, issuedBy: 'risk-engine', reasons: [] } },
        },
        scope: { submittedBy: `platform:${tenant}`, originCountry: 'DE', destinationCountry: 'FR' },
      };
    });
    const before = hooks.received.length;
    const started = performance.now();
    const failed = await sendBatch(sqs, rt.queueUrls[QUEUES.publish]!, events);
    if (failed.length) throw new Error(`${failed.length} events not queued`);
    await until(() => hooks.received.length - before >= EVENTS, `${EVENTS} deliveries`);
    return EVENTS / ((performance.now() - started) / 1000);
  } finally {
    sqs.destroy();
  }
}

async function isolation(adminKey: string): Promise<void> {
  const alone = (await call(adminKey, 'POST', '/v1/admin/api-keys', { role: 'platform', tenantId: 'bench-alone' })).key as string;
  const beside = (await call(adminKey, 'POST', '/v1/admin/api-keys', { role: 'platform', tenantId: 'bench-beside' })).key as string;
  const fast = await startReceiver();
  const fast2 = await startReceiver();
  const hanging = await startReceiver(() => 'hang');
  try {
    await call(alone, 'POST', '/v1/webhooks', { url: fast.url, events: ['customs.response.issued'] });
    await call(beside, 'POST', '/v1/webhooks', { url: fast2.url, events: ['customs.response.issued'] });
    await call(beside, 'POST', '/v1/webhooks', { url: hanging.url, events: ['customs.response.issued'] });
    await throughput('bench-alone', fast); // warm-up
    const healthy = await throughput('bench-alone', fast);
    const withHanging = await throughput('bench-beside', fast2);
    // The same again: the hanging endpoint is known to be slow now, its attempts go to the slow lane directly.
    const steady = await throughput('bench-beside', fast2);
    printFigure({ name: 'delivery throughput to a fast receiver', value: healthy, unit: 'deliveries/s' });
    printFigure({
      name: 'same, beside an endpoint that never answers (its first burst)',
      value: withHanging,
      unit: 'deliveries/s',
      baseline: { name: 'alone', value: healthy },
      target: 'ratio ≥ 0.90',
    });
    printFigure({ name: 'same, next burst (that endpoint on the slow lane)', value: steady, unit: 'deliveries/s', baseline: { name: 'alone', value: healthy }, target: 'ratio ≥ 0.90' });
    console.log(`  (hanging endpoint: ${hanging.received.length} requests received, ${hanging.open()} still open)`);
  } finally {
    await Promise.all([fast.close(), fast2.close(), hanging.close()]);
  }
}

export async function run(): Promise<void> {
  rt = await startLocalRuntime({
    topology,
    log: memoryLog(),
    idlePollMs: 10,
    env: {
      ...regionEnv(regionConfig('eu-west-1')),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_TIMEOUT_MS: '15000',
    },
  });
  try {
    const adminKey = newApiKey().key;
    await new ApiKeyStore(documentClient(), rt.env[tableEnvVar(TABLES.apiKeys)]!).put({
      id: 'key_admin_bench',
      keyHash: hashApiKey(adminKey),
      role: 'admin',
      createdAt: new Date().toISOString(),
      createdBy: 'bench',
    });
    console.log(`  ${PARCELS} parcels through the API; ${EVENTS} events per throughput run; local runtime, poll idle 10 ms`);
    await endToEnd(adminKey);
    await isolation(adminKey);
  } finally {
    await rt.close();
  }
}
