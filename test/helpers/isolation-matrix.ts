// The isolation matrix: every route of infra/topology.ts × every kind of caller. This module holds the matrix's
// definition (the callers, the expected answers, the route families, CONTRACT section 1 for listings) and the
// set-up each test/e2e/isolation-*.test.ts file runs: its own local runtime in its process, driven over real HTTP;
// every key but two is created through POST /v1/admin/api-keys (the admin key and a key whose stored tenantId is the
// reserved word `admin`, which the API no longer issues, are written into the api-keys table directly).
import { randomBytes } from 'node:crypto';
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { tableEnvVar } from '#infra/topology-types';
import { newApiKey } from '#shared/auth/keys';
import { TABLES } from '#shared/resources';
import { ApiKeyStore } from '#shared/store/api-key-store';
import { documentClient } from '#shared/store/clients';
import { validDeclaration } from '../fixtures/declarations';
import { type Receiver, startReceiver } from '../e2e/webhooks-receiver';
import { ApiClient, type ApiResponse } from './api-client';
import { s10, s10Sequence } from './s10';
import { waitFor } from './wait';
import { startWebhookRuntime } from './webhook-runtime';

// ---- The callers (rows) ----

export const ROLES = ['platformA', 'platformB', 'postOrigin', 'postDest', 'postOther', 'customsDest', 'customsOther', 'admin', 'revoked', 'reservedTenant', 'none', 'badKey'] as const;
export type Role = (typeof ROLES)[number];
/** The callers without a valid key: every route with auth answers them 401 UNAUTHORIZED. */
const UNAUTHENTICATED = ['revoked', 'none', 'badKey'] as const;
export type Authenticated = Exclude<Role, (typeof UNAUTHENTICATED)[number]>;
const AUTHENTICATED = ROLES.filter((r): r is Authenticated => !(UNAUTHENTICATED as readonly string[]).includes(r));

export const KEY_REQUESTS = {
  platformA: { role: 'platform', tenantId: 'iso-a' },
  platformB: { role: 'platform', tenantId: 'iso-b' },
  postOrigin: { role: 'post', country: 'DE' },
  postDest: { role: 'post', country: 'FR' },
  postOther: { role: 'post', country: 'IT' },
  customsDest: { role: 'customs', country: 'FR' },
  customsOther: { role: 'customs', country: 'DE' },
} as const;

/** Who may see A's parcel (DE → FR, declared by iso-a, itemId issued by GB): CONTRACT section 1. */
export const SEES_A = new Set<Role>(['platformA', 'postOrigin', 'postDest', 'customsDest', 'admin']);

// ---- Expected answers (cells) ----

/** A status, or a refusal: a status with its problem code. */
export type Expected = { status: number; code?: string };
export const ok = (status: number): Expected => ({ status });
export const no = (status: number, code: string): Expected => ({ status, code });
export const UNAUTHORIZED = no(401, 'UNAUTHORIZED');
export const FORBIDDEN = no(403, 'FORBIDDEN');
export const NOT_FOUND = no(404, 'NOT_FOUND');
export const TAKEN = no(409, 'ITEM_ID_TAKEN');
const label = (e: Expected) => (e.code ? `${e.status} ${e.code}` : String(e.status));

/** The routes each isolation-*.test.ts file has rows for: together, every route of the topology (isolation-parcels checks). */
export const ROUTE_FAMILIES = {
  parcels: [
    'GET /health',
    'GET /v1/openapi.json',
    'GET /v1/parcels/{itemId}',
    'POST /v1/parcels',
    'POST /v1/parcel-batches',
    'POST /v1/parcels/{itemId}/decisions',
    'POST /v1/parcels/{itemId}/outcomes',
    'POST /v1/declarations/check',
    'GET /v1/whoami',
    'GET /v1/parcels',
  ],
  ruleLab: [
    'POST /v1/sanctions/clearances',
    'GET /v1/sanctions/clearances',
    'GET /v1/sanctions/clearances/{id}',
    'DELETE /v1/sanctions/clearances/{id}',
    'GET /v1/rulesets',
    'GET /v1/rulesets/{version}',
    'POST /v1/rulesets',
    'POST /v1/rulesets/{version}/activate',
    'POST /v1/rulesets/{version}/deactivate',
    'GET /v1/rule-performance',
    'POST /v1/rule-lab/replays',
    'GET /v1/rule-lab/replays/{id}',
    'GET /v1/rule-lab/replays',
  ],
  keysAndWebhooks: [
    'POST /v1/admin/api-keys',
    'DELETE /v1/admin/api-keys/{id}',
    'POST /v1/webhooks',
    'GET /v1/webhooks',
    'GET /v1/webhooks/{id}',
    'GET /v1/webhooks/{id}/deliveries',
    'POST /v1/webhooks/{id}/replay',
    'POST /v1/webhooks/{id}/rotate-secret',
    'DELETE /v1/webhooks/{id}',
  ],
} as const;

/** The routes this file has rows for (\'METHOD /path\'), checked against its family when the file ends. */
const covered = new Set<string>();
export const cover = (route: string) => covered.add(route.replace(/ \(.*\)$/, ''));

/** The rows of one route: the given cells for the authenticated callers, 401 for the others, in ROLES order. */
export function rows(route: string, cells: Record<Authenticated, Expected>): [string, Role, string, Expected][] {
  cover(route);
  const all: Record<Role, Expected> = { ...cells, revoked: UNAUTHORIZED, none: UNAUTHORIZED, badKey: UNAUTHORIZED };
  return ROLES.map((role) => [route, role, label(all[role]), all[role]]);
}
/** The same answer for every authenticated caller. */
export const everyone = (e: Expected) => Object.fromEntries(AUTHENTICATED.map((r) => [r, e])) as Record<Authenticated, Expected>;
/** One answer for some callers, another for the rest. */
export const only = (these: Authenticated[], yes: Expected, otherwise: Expected) =>
  Object.fromEntries(AUTHENTICATED.map((r) => [r, these.includes(r) ? yes : otherwise])) as Record<Authenticated, Expected>;

/** The status, and for a refusal its RFC 9457 problem: code, content type and the stable fields. One diff shows them all. */
export function expectAnswer(r: ApiResponse, e: Expected): void {
  if (!e.code) {
    // A success is not a problem (its body may have a `code` of its own: a customs response's).
    expect({ status: r.status, problem: /problem\+json/.test(r.headers.get('content-type') ?? '') ? r.body : undefined }).toEqual({ status: e.status, problem: undefined });
    return;
  }
  expect({ status: r.status, code: r.body?.code, contentType: r.headers.get('content-type') }).toEqual({
    status: e.status,
    code: e.code,
    contentType: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(r.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: e.status, code: e.code });
}

// ---- State shared by the cells ----

let rt: LocalRuntime | undefined;
export let api: ApiClient;
export let adminKey: string;
export const keys: Partial<Record<Role, string>> = {};
const receivers: Receiver[] = [];
const log = memoryLog();

export const nextItemId = s10Sequence(31_000_000, 'CP', 'GB'); // issued by GB: no post of the matrix is the issuing post
export const A_ITEM = s10(30_000_001, 'CP', 'GB');
export const MISSING_ITEM = s10(30_000_002, 'CP', 'GB'); // never declared
export let aHooks: Receiver; // A's receiver (the webhook under test)
export let bHooks: Receiver; // B's receiver
export let sink: Receiver; // where the subscriptions made by the POST /v1/webhooks cells point
export let aWebhook: { id: string; secret: string }; // A's webhook under test (read, deliveries, replay)
export let aTarget: { id: string; secret: string }; // A's webhook the refused destructive cells aim at (must survive them)
export let bWebhook: { id: string; secret: string };

export const key = (role: Role): string | undefined => keys[role];
export const declarationOf = (itemId: string, overrides: Parameters<typeof validDeclaration>[0] = {}) => validDeclaration({ itemId, ...overrides });

export async function subscribe(k: string, url: string): Promise<{ id: string; secret: string }> {
  const r = await api.post('/v1/webhooks', k, { url, events: ['customs.response.issued'] });
  if (r.status !== 201) throw new Error(`subscribing: ${r.status} ${r.text}`);
  return r.body;
}

/** Polls (with a deadline) until the parcel's current version has been assessed. */
export const settled = (itemId: string) =>
  waitFor(
    async () => {
      const r = await api.get(`/v1/parcels/${itemId}`, adminKey);
      return r.status === 200 && r.body.status !== 'RECEIVED' && r.body.history.some((h: { type: string; version: number }) => h.type === 'parcel.assessed' && h.version === r.body.version) && r.body;
    },
    `${itemId} to be assessed`,
    20_000,
    50,
  );

export const eventsFor = (r: Receiver, secret: string, itemId: string) => r.verified(secret).filter((e) => e.data.itemId === itemId);

export interface ListedParcel {
  itemId: string;
  submittedBy: string;
  declaration: { originCountry: string; destinationCountry: string };
}
/** CONTRACT section 1, written out for the callers of this matrix. */
export function mayList(role: Role, p: ListedParcel): boolean {
  const { originCountry: from, destinationCountry: to } = p.declaration;
  switch (role) {
    case 'platformA':
      return p.submittedBy === 'platform:iso-a';
    case 'platformB':
      return p.submittedBy === 'platform:iso-b';
    case 'postOrigin':
      return from === 'DE' || to === 'DE' || p.submittedBy === 'post:DE';
    case 'postDest':
      return from === 'FR' || to === 'FR' || p.submittedBy === 'post:FR';
    case 'postOther':
      return from === 'IT' || to === 'IT' || p.submittedBy === 'post:IT';
    case 'customsDest':
      return to === 'FR';
    case 'customsOther':
      return to === 'DE';
    case 'admin':
      return true;
    default:
      return false;
  }
}

/**
 * The set-up of one isolation file: the runtime, the keys, the receivers and A's and B's webhooks, A's parcel declared
 * and assessed; when the file ends, receivers and runtime are closed (even when a test failed) and the file must have
 * had rows for exactly the routes of its family.
 */
export function setUpMatrix(family: keyof typeof ROUTE_FAMILIES): void {
  beforeAll(async () => {
    const started = await startWebhookRuntime({
      topology,
      log,
      idlePollMs: 20,
      // Throttling is not what this file tests: a 429 in a cell would hide the status under test (the unauthenticated
      // rows alone are over the failed-authentication burst of one address).
      env: { API_KEY_RATE_PER_SECOND: '1000', API_KEY_BURST: '1000', AUTH_FAILURE_RATE_PER_SECOND: '1000', AUTH_FAILURE_BURST: '1000' },
    });
    rt = started.rt;
    adminKey = started.adminKey;
    api = new ApiClient(rt.url);
    keys.admin = adminKey;
    for (const [role, request] of Object.entries(KEY_REQUESTS)) keys[role as Role] = (await api.createKey(adminKey, request)).key;

    const revoked = await api.createKey(adminKey, KEY_REQUESTS.platformA);
    const revocation = await api.del(`/v1/admin/api-keys/${revoked.id}`, adminKey);
    if (revocation.status !== 204) throw new Error(`revoking: ${revocation.status} ${revocation.text}`);
    keys.revoked = revoked.key;

    // A key stored before reserved tenant ids were refused: the API cannot make it any more.
    const reserved = newApiKey();
    await new ApiKeyStore(documentClient(), rt.env[tableEnvVar(TABLES.apiKeys)]!).put({
      id: reserved.id,
      keyHash: reserved.keyHash,
      role: 'platform',
      tenantId: 'admin',
      createdAt: new Date().toISOString(),
      createdBy: 'tests',
    });
    keys.reservedTenant = reserved.key;
    keys.badKey = `ead_${randomBytes(32).toString('base64url')}`;

    const receiver = async () => {
      const r = await startReceiver();
      receivers.push(r); // closed in afterAll even if what follows fails
      return r;
    };
    [aHooks, bHooks, sink] = [await receiver(), await receiver(), await receiver()];
    aWebhook = await subscribe(keys.platformA!, aHooks.url);
    aTarget = await subscribe(keys.platformA!, sink.url);
    bWebhook = await subscribe(keys.platformB!, bHooks.url); // before A's parcel exists, so it would get its events if it could

    const declared = await api.post('/v1/parcels', keys.platformA, declarationOf(A_ITEM));
    if (declared.status !== 202) throw new Error(`declaring A's parcel: ${declared.status} ${declared.text}`);
    const parcel = await settled(A_ITEM);
    expect(parcel).toMatchObject({ submittedBy: 'platform:iso-a', declaration: { originCountry: 'DE', destinationCountry: 'FR' } });
  }, 60_000);

  afterAll(async () => {
    // Receivers first, so that no delivery is left hanging on them; then the runtime, even when a test failed.
    await Promise.allSettled(receivers.map((r) => r.close()));
    await rt?.close();
    const missing = ROUTE_FAMILIES[family].filter((r) => !covered.has(r));
    const extra = [...covered].filter((r) => !(ROUTE_FAMILIES[family] as readonly string[]).includes(r));
    if (missing.length + extra.length > 0) throw new Error(`isolation ${family}: no rows for ${missing.join(', ') || '-'}; rows outside the family for ${extra.join(', ') || '-'}`);
  });
}
