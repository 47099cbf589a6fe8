// What every answer must be, whatever was sent: below 500; an error is application/problem+json with a stable
// code from PROBLEMS and its status (the gateway's own API-Gateway-style 404 for routes that do not exist and
// 413 for payloads over 10 MiB are the only other error bodies); no stack trace or internal text anywhere.
import { Router } from '#infra/local/routes';
import { MAX_PAYLOAD_BYTES } from '#infra/local/gateway';
import { topology } from '#infra/topology';
import { PROBLEMS, type ProblemCode } from '#shared/http/problems';
import type { RawRequest, RawResponse } from './http';

const router = new Router(topology.routes);
const KNOWN_CODES = new Set(Object.keys(PROBLEMS));
/** Text that would betray internals: stack frames, source files, dependencies, error names. */
const INTERNALS = [/\n\s+at /, /\.ts:/, /node_modules/, /Error:/];

/** node:http's default --max-http-header-size. */
export const MAX_HEADER_BYTES = 16 * 1024;

export const GATEWAY_NOT_FOUND = { message: 'Not Found' };
export const GATEWAY_TOO_LARGE = { message: 'Request Entity Too Large' };

export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly byCode = new Map<string, number>();
  requests = 0;
  readonly startedAt = Date.now();

  add(status: number, code: string | undefined): void {
    this.requests++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (code) this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
  }

  report(seedHint: string): string {
    const statuses = [...this.byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const codes = [...this.byCode]
      .sort((a, b) => b[1] - a[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    return `fuzz: ${this.requests} requests in ${((Date.now() - this.startedAt) / 1000).toFixed(1)} s; by status ${statuses}\nfuzz: by code ${codes}\nfuzz: replay with ${seedHint}`;
  }
}

const describeRequest = (r: RawRequest) => `${r.method} ${r.path.slice(0, 300)} [${r.headers['content-type'] ?? 'no content-type'}; ${String(r.body ?? '').length} bytes]`;

/** Throws (with the request) when the answer breaks a rule; returns its problem code, if any. */
export function checkAnswer(req: RawRequest, res: RawResponse): string | undefined {
  const where = `${describeRequest(req)} answered ${res.status}: ${res.text.slice(0, 300)}`;
  const fail = (why: string): never => {
    throw new Error(`${why}\n  ${where}`);
  };
  if (res.status >= 500 || res.status < 100) fail('5xx answer');
  for (const pattern of INTERNALS) if (pattern.test(res.text)) fail(`internal text ${pattern} in the body`);
  const type = String(res.headers['content-type'] ?? '');
  const rawPath = req.path.split('?')[0]!;
  if (res.status >= 400) {
    if (res.status === 431 && res.text === '') {
      // node:http's own answer when the request line and headers exceed its 16 KiB (API Gateway has its own URL limits)
      const headerBytes = req.method.length + req.path.length + Object.entries(req.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
      if (headerBytes <= MAX_HEADER_BYTES) fail('431 for a request whose headers are within the limit');
      return 'NODE_HEADERS_TOO_LARGE';
    }
    if (type === 'application/json') {
      let body: unknown;
      try {
        body = JSON.parse(res.text);
      } catch {
        fail('an application/json error body that is not JSON');
      }
      const bodyBytes = Buffer.byteLength(req.body ?? '');
      if (res.status === 404 && JSON.stringify(body) === JSON.stringify(GATEWAY_NOT_FOUND)) {
        if (router.match(req.method, rawPath)) fail("the gateway's 404 for a path that matches a route");
        return 'GATEWAY_NOT_FOUND';
      }
      if (res.status === 413 && JSON.stringify(body) === JSON.stringify(GATEWAY_TOO_LARGE)) {
        if (bodyBytes <= MAX_PAYLOAD_BYTES) fail("the gateway's 413 for a body within its limit");
        return 'GATEWAY_TOO_LARGE';
      }
      fail("an error that is neither problem+json nor one of the gateway's own answers");
    }
    if (type !== 'application/problem+json') fail(`error content-type ${type}`);
    let problem: { code?: unknown; status?: unknown; type?: unknown; title?: unknown };
    try {
      problem = JSON.parse(res.text) as typeof problem;
    } catch {
      return fail('a problem body that is not JSON');
    }
    if (typeof problem.code !== 'string' || !KNOWN_CODES.has(problem.code)) fail(`unknown problem code ${String(problem.code)}`);
    const code = problem.code as ProblemCode;
    if (problem.status !== res.status || PROBLEMS[code].status !== res.status) fail(`problem ${code} with status ${String(problem.status)} answered as ${res.status}`);
    if (problem.title !== PROBLEMS[code].title || typeof problem.type !== 'string') fail('a problem without its type and title');
    if (res.status === 429 && !(Number(res.headers['retry-after']) >= 1)) fail('429 without Retry-After');
    return code;
  }
  if (res.status === 204) {
    if (res.text !== '') fail('204 with a body');
    return undefined;
  }
  if (!type.startsWith('application/json')) fail(`success content-type ${type}`);
  try {
    JSON.parse(res.text);
  } catch {
    fail('a success body that is not JSON');
  }
  return undefined;
}
