// The set-up of the test/e2e/pipeline*.test.ts files: `npm start` as a child process on a free port with a fresh
// ADMIN_API_KEY, a key per role created through POST /v1/admin/api-keys before the file's tests, and, when the file
// ends (even after a failure), the child stopped by SIGTERM with its port free again.
import { randomBytes } from 'node:crypto';
import { ApiClient, type ApiResponse } from './api-client';
import { type ChildRuntime, portIsFree, startChildRuntime } from './child-runtime';

export const KEY_REQUESTS = {
  shop1: { role: 'platform', tenantId: 'shop-1' },
  shop2: { role: 'platform', tenantId: 'shop-2' },
  postFR: { role: 'post', country: 'FR' },
  postDE: { role: 'post', country: 'DE' },
  postIT: { role: 'post', country: 'IT' },
  customsFR: { role: 'customs', country: 'FR' },
  customsDE: { role: 'customs', country: 'DE' },
} as const;
export type KeyName = keyof typeof KEY_REQUESTS;

export interface PipelineChild {
  readonly ADMIN: string;
  /** Set once the file's tests run. */
  rt: ChildRuntime;
  api: ApiClient;
  /** The keys created, by name, and every creation's answer (the keys test checks them). */
  keys: Record<string, { id: string; key: string }>;
  created: Record<string, ApiResponse>;
  key(name: KeyName): string;
}

export function usePipelineChild(): PipelineChild {
  const ctx: PipelineChild = {
    ADMIN: `ead_test_admin_${randomBytes(16).toString('hex')}`,
    rt: undefined as unknown as ChildRuntime,
    api: undefined as unknown as ApiClient,
    keys: {},
    created: {},
    key: (name) => ctx.keys[name]!.key,
  };

  beforeAll(async () => {
    ctx.rt = await startChildRuntime({ adminKey: ctx.ADMIN });
    ctx.api = new ApiClient(ctx.rt.url);
    for (const [name, request] of Object.entries(KEY_REQUESTS)) {
      const r = await ctx.api.post('/v1/admin/api-keys', ctx.ADMIN, request);
      ctx.created[name] = r;
      if (r.status === 201) ctx.keys[name] = r.body;
    }
  }, 60_000);

  afterAll(async () => {
    if (!ctx.rt) return;
    const port = ctx.rt.port;
    const code = await ctx.rt.stop();
    // Stopped cleanly by SIGTERM, and its port is free again.
    expect(code).toBe(0);
    expect(await portIsFree(port)).toBe(true);
  });

  return ctx;
}
