// The shape every refusal of the API has: RFC 9457 problem details with a stable code, and never a stack trace.
import type { ApiResponse } from './api-client';

export function expectProblem(r: ApiResponse, status: number, code: string): void {
  expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code });
  expect(r.text).not.toMatch(/\bstack\b|\n\s+at |\.ts:\d+/);
}
