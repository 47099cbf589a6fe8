// A small HTTP client for the pipeline's API: JSON in and out, a key per call, the status and headers kept.
import { waitFor } from './wait';
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the raw text (undefined when empty). */
  body: T;
  text: string;
}

export interface CallOptions {
  key?: string;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(method: string, path: string, o: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.key !== undefined) headers.authorization = `Bearer ${o.key}`;
    const hasBody = o.body !== undefined || o.rawBody !== undefined;
    if (hasBody) headers['content-type'] = o.contentType ?? 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, ...(hasBody ? { body: o.rawBody ?? JSON.stringify(o.body) } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const body = text && /json/.test(type) ? JSON.parse(text) : text || undefined;
    return { status: res.status, headers: res.headers, body: body as T, text };
  }

  get = <T = any>(path: string, key?: string) => this.call<T>('GET', path, key === undefined ? {} : { key });
  post = <T = any>(path: string, key: string | undefined, body?: unknown, o: Omit<CallOptions, 'key' | 'body'> = {}) =>
    this.call<T>('POST', path, { ...o, ...(key === undefined ? {} : { key }), ...(body === undefined ? {} : { body }) });
  del = <T = any>(path: string, key?: string) => this.call<T>('DELETE', path, key === undefined ? {} : { key });

  /** Creates an API key through the admin API; throws unless 201. */
  async createKey(adminKey: string, request: Record<string, string>): Promise<{ id: string; key: string }> {
    const r = await this.post('/v1/admin/api-keys', adminKey, request);
    if (r.status !== 201) throw new Error(`creating key ${JSON.stringify(request)}: ${r.status} ${r.text}`);
    return r.body as { id: string; key: string };
  }

  /** Waits (polling, with a deadline) until each parcel is past RECEIVED as `key` reads it: the assess stage has run. */
  async awaitAssessed(itemIds: string[], key: string, timeoutMs = 20_000): Promise<void> {
    for (const id of itemIds) await waitFor(async () => (await this.get(`/v1/parcels/${id}`, key)).body?.status !== 'RECEIVED', `${id} assessed`, timeoutMs, 100);
  }
}
