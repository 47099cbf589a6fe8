// The local runtime renders each function's bindings, and only those, as the CDK stack does (infra/function-env.ts):
// a function whose topology entry lacks a binding fails here exactly as it would in Lambda (the wiring's requiredEnv
// throws), also when another function of the same process built that store already; and each function sees its own
// environment, never another's.
import { memoryLog } from '#infra/local/log';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { queueEnvVar, tableEnvVar, type Topology } from '#infra/topology-types';
import { QUEUES, TABLES } from '#shared/resources';
import { validDeclaration } from '../fixtures/declarations';
import { s10 } from '../helpers/e2e';
import { startApiRuntime } from '../helpers/webhook-runtime';
import type { ApiClient } from '../helpers/api-client';

jest.setTimeout(60_000);

// The declared topology, but ingest lacks its parcels table.
const withoutParcels: Topology = {
  ...topology,
  functions: topology.functions.map((f) => (f.name === 'ingest' ? { ...f, tables: f.tables.filter((t) => t.table !== TABLES.parcels) } : f)),
};

let rt: LocalRuntime;
let api: ApiClient;
let platform: string;
const log = memoryLog();

beforeAll(async () => {
  const started = await startApiRuntime({ topology: withoutParcels, log }, { platform: { role: 'platform', tenantId: 'bindings-shop' } });
  ({ rt, api } = started);
  platform = started.keys.platform!.key;
});
afterAll(async () => {
  await rt?.close();
});

it('fails the function that lacks a binding as Lambda would, even after another function built that store', async () => {
  // The api function has the parcels table: its store is built (in its own instance).
  expect((await api.get('/v1/parcels', platform)).status).toBe(200);
  const itemId = s10(4_141_414);
  const res = await api.post('/v1/parcels', platform, validDeclaration({ itemId }));
  // What the handler answers when the wiring throws: a 500 problem without details (shared/http/api.ts), as in Lambda.
  expect(res.status).toBe(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.text).not.toMatch(/PARCELS_TABLE_NAME|at /);
  // The cause is the wiring's requiredEnv, in ingest's environment and not in api's.
  const wiring = await import('#shared/wiring/parcels');
  expect(() => rt.runAs('ingest', () => wiring.parcelStore())).toThrow('environment variable PARCELS_TABLE_NAME is not set');
  expect(() => rt.runAs('api', () => wiring.parcelStore())).not.toThrow();
  // Nothing was stored, and the api function still answers.
  expect((await api.get(`/v1/parcels/${itemId}`, platform)).status).toBe(404);
});

it("gives each function its own bindings' variables and nothing else", () => {
  const names = (fn: string) => Object.keys(rt.functionEnv(fn)).filter((k) => /_(TABLE_NAME|QUEUE_URL|BUCKET_DIR)$|_SECRETS_KEY$/.test(k));
  expect(names('authorizer')).toEqual([tableEnvVar(TABLES.apiKeys)]);
  expect(names('ingest')).toEqual([queueEnvVar(QUEUES.assess)]);
  expect(names('sweeper').sort()).toEqual([tableEnvVar(TABLES.webhookDeliveries), queueEnvVar(QUEUES.deliver)].sort());
  expect(rt.functionEnv('deliver')).toHaveProperty('WEBHOOK_SECRETS_KEY');
  expect(rt.functionEnv('publish')).not.toHaveProperty('WEBHOOK_SECRETS_KEY');
  // Inside a function, process.env is its environment; outside (this test), the operator's view with every binding.
  expect(rt.runAs('authorizer', () => [process.env[tableEnvVar(TABLES.apiKeys)], process.env[tableEnvVar(TABLES.parcels)], process.env.WEBHOOK_SECRETS_KEY])).toEqual([
    TABLES.apiKeys,
    undefined,
    undefined,
  ]);
  expect(rt.runAs('ingest', () => Object.keys(process.env))).not.toContain(tableEnvVar(TABLES.parcels));
  expect(process.env[tableEnvVar(TABLES.parcels)]).toBe(TABLES.parcels);
});

it('refuses an authorizer cache before starting anything, as the CDK rendering does', async () => {
  const cached: Topology = { ...topology, authorizer: { ...topology.authorizer, cacheTtlSeconds: 300 } };
  // One runtime per process: this one is refused before the check for a running one.
  await expect(startLocalRuntime({ topology: cached, log: memoryLog() })).rejects.toThrow(
    /the topology breaks 1 rule\(s\):\n {2}- authorizer cacheTtlSeconds is 300: the authorizer counts every request for throttling and answers missing keys itself, so it cannot be cached/,
  );
});
