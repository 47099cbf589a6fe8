// A raw HTTP/1.1 client over loopback: sends the path exactly as given (fetch would normalise `..`, escapes and
// unicode), any method, headers and body bytes; keeps connections alive; every request has a deadline.
import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query string, sent as is (only printable ASCII; encode anything else first). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function rawClient(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  if (hostname !== '127.0.0.1') throw new Error(`the fuzz suite talks to loopback only, not ${hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const send = (r: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
      const req = request(
        { host: '127.0.0.1', port: Number(port), method: r.method, path: r.path, agent, headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) }, timeout: 20_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within 20 s to ${r.method} ${r.path.slice(0, 200)}`)));
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}
