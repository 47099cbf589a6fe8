// The public API, as the console calls it: JSON in and out, the credential from the auth module, problems (RFC 9457)
// as values so every page can show them in words.
import type { Auth } from './auth';
import type { Clearance } from './logic/clearances';
import type { CheckResult, CustomsResponse, Declaration, DeliveryAttempt, Parcel, ParcelPage, Problem, Webhook } from './logic/types';

export type Answer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; problem: Problem | undefined };

export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly auth: Auth,
    private readonly onSignedOut: () => void,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...(this.auth.headers() ?? {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    } catch {
      return { ok: false, status: 0, problem: { detail: 'The API could not be reached: check the connection and try again.' } };
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.status === 401) this.onSignedOut();
    if (res.ok) return { ok: true, status: res.status, body: parsed as T };
    const problem = (parsed && typeof parsed === 'object' ? parsed : { detail: text || undefined }) as Problem & { message?: string };
    return { ok: false, status: res.status, problem: { ...problem, detail: problem.detail ?? problem.message ?? problem.title } };
  }

  listParcels(query: Record<string, string | undefined>): Promise<Answer<ParcelPage>> {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    return this.call('GET', `/v1/parcels?${q}`);
  }
  parcel = (itemId: string) => this.call<Parcel>('GET', `/v1/parcels/${encodeURIComponent(itemId)}`);
  submit = (declaration: Declaration | string) => this.call<{ itemId: string; version: number; status: string }>('POST', '/v1/parcels', declaration);
  decide = (itemId: string, code: string, reason: string) => this.call<CustomsResponse>('POST', `/v1/parcels/${encodeURIComponent(itemId)}/decisions`, { code, reason });
  recordOutcome = (itemId: string, body: { result: string; findings: string[]; notes?: string }) =>
    this.call<{ result: string; recordedAt: string }>('POST', `/v1/parcels/${encodeURIComponent(itemId)}/outcomes`, body);
  check = (declaration: string) => this.call<CheckResult>('POST', '/v1/declarations/check', declaration);
  webhooks = () => this.call<{ items: Webhook[]; cursor?: string }>('GET', '/v1/webhooks');
  deliveries = (id: string, cursor?: string) =>
    this.call<{ items: DeliveryAttempt[]; cursor?: string }>('GET', `/v1/webhooks/${encodeURIComponent(id)}/deliveries${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
  createKey = (request: Record<string, string>) => this.call<{ id: string; key: string; role: string; tenantId?: string; country?: string; createdAt: string }>('POST', '/v1/admin/api-keys', request);
  revokeKey = (id: string) => this.call<undefined>('DELETE', `/v1/admin/api-keys/${encodeURIComponent(id)}`);
  clearHit = (request: { itemId: string; pointer: string; entNums?: number[]; reason: string }) => this.call<{ clearances: Clearance[] }>('POST', '/v1/sanctions/clearances', request);
  clearances(query: { country?: string; limit?: number; cursor?: string }): Promise<Answer<{ items: Clearance[]; cursor?: string }>> {
    const q = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
    return this.call('GET', `/v1/sanctions/clearances?${q}`);
  }
  revokeClearance = (id: string) => this.call<Clearance>('DELETE', `/v1/sanctions/clearances/${encodeURIComponent(id)}`);
}
