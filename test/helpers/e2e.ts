// The one helper set of the end-to-end tests: the HTTP client, fresh S10 identifiers, the runtime set-up, and the
// webhook session (keys, receivers, subscriptions, submissions) that the webhook files share.
import { randomInt } from 'node:crypto';
import { validDeclaration } from '../fixtures/declarations';
import { type Receiver, type Script, startReceiver } from '../e2e/webhooks-receiver';
import { memoryLog } from '#infra/local/log';
import { type LocalRuntime, type LocalRuntimeOptions } from '#infra/local/runtime';
import { topology } from '#infra/topology';
import { ApiClient, type ApiResponse } from './api-client';
import { s10Sequence } from './s10';
import { startApiRuntime, startWebhookRuntime } from './webhook-runtime';

export { ApiClient, type ApiResponse } from './api-client';
export { type ChildRuntime, startChildRuntime } from './child-runtime';
export { s10, s10Sequence } from './s10';
export { waitFor } from './wait';
export { startApiRuntime, startWebhookRuntime } from './webhook-runtime';

/** Fresh identifiers from a random start, for a file that shares its runtime's tables with nobody. */
export const randomS10Sequence = (prefix = 'CP', country = 'DE'): (() => string) => s10Sequence(randomInt(10_000_000, 90_000_000), prefix, country);

/**
 * What the webhook tests do over the API, as one caller with the admin key: create keys, start receivers (closed
 * by `closeReceivers`, before the runtime, so hanging requests end), subscribe, submit, read the deliveries log.
 */
export function webhookSession(baseUrl: string, adminKey: string, nextItemId: () => string = randomS10Sequence()) {
  const api = new ApiClient(baseUrl);
  const receivers: Receiver[] = [];
  const call = (key: string, method: string, path: string, body?: unknown): Promise<ApiResponse> => api.call(method, path, { key, ...(body === undefined ? {} : { body }) });
  return {
    api,
    call,
    nextItemId,
    keyFor: (request: Record<string, string>) => api.createKey(adminKey, request),
    async receiver(script?: Script): Promise<Receiver> {
      const r = await startReceiver(script);
      receivers.push(r);
      return r;
    },
    closeReceivers: () => Promise.allSettled(receivers.map((r) => r.close())),
    async subscribe(key: string, url: string, events = ['customs.response.issued']): Promise<{ id: string; secret: string }> {
      const r = await call(key, 'POST', '/v1/webhooks', { url, events });
      expect(r).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^wh_/), secret: expect.stringMatching(/^whsec_/) } });
      return r.body as { id: string; secret: string };
    },
    async submit(key: string, overrides: Parameters<typeof validDeclaration>[0] = {}): Promise<string> {
      const itemId = nextItemId();
      const r = await call(key, 'POST', '/v1/parcels', validDeclaration({ itemId, ...overrides }));
      expect(r.status).toBe(202);
      return itemId;
    },
    attemptsOf: async (key: string, id: string) => (await call(key, 'GET', `/v1/webhooks/${id}/deliveries?limit=100`)).body.items as any[],
  };
}

export type WebhookSession = ReturnType<typeof webhookSession>;

/**
 * The webhook runtime of one test file, started before its tests with a webhook session over it; when the file ends,
 * the receivers are closed first (hanging requests end, so the consumers can finish and stop), then the runtime, even
 * when a test failed. The fields are set once the file's tests run.
 */
export function useWebhookRuntime(opts: LocalRuntimeOptions): { rt: LocalRuntime; adminKey: string; session: WebhookSession } {
  const ctx: Partial<{ rt: LocalRuntime; adminKey: string; session: WebhookSession }> = {};
  beforeAll(async () => {
    const { rt, adminKey } = await startWebhookRuntime(opts);
    Object.assign(ctx, { rt, adminKey, session: webhookSession(rt.url, adminKey) });
  });
  afterAll(async () => {
    await ctx.session?.closeReceivers();
    await ctx.rt?.close();
  });
  return ctx as { rt: LocalRuntime; adminKey: string; session: WebhookSession };
}

/** The local runtime of the API e2e files: the whole topology, quick redelivery and schedules, logs kept in memory. */
export const apiRuntimeOptions = (): LocalRuntimeOptions => ({ topology, log: memoryLog(), queueVisibilitySeconds: 2, scheduleIntervalMs: 500, idlePollMs: 20 });

export interface ApiRuntime {
  /** Set once the file's tests run. */
  rt: LocalRuntime;
  api: ApiClient;
  adminKey: string;
  /** The keys created through the API, by name (filled before the file's tests). */
  keys: Record<string, { id: string; key: string }>;
  key(name: string): string;
  /** Webhook receivers a test started: closed when the file ends, before the runtime, so hanging requests end. */
  receivers: Receiver[];
}

/**
 * One test file's API runtime (startApiRuntime, apiRuntimeOptions by default) with a key per named request, started
 * before its tests; when the file ends, even after a failure, its receivers are closed, then the runtime.
 */
export function useApiRuntime(requests: Record<string, Record<string, string>>, opts: () => LocalRuntimeOptions = apiRuntimeOptions): ApiRuntime {
  const keys: ApiRuntime['keys'] = {};
  const ctx = { keys, key: (name: string) => keys[name]!.key, receivers: [] as Receiver[] } as ApiRuntime;
  beforeAll(async () => {
    const started = await startApiRuntime(opts(), requests);
    Object.assign(ctx, { rt: started.rt, api: started.api, adminKey: started.adminKey });
    Object.assign(keys, started.keys);
  });
  afterAll(async () => {
    await Promise.allSettled(ctx.receivers.map((r) => r.close()));
    await ctx.rt?.close();
  });
  return ctx;
}
