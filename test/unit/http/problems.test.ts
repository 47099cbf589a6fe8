// Problem details list at most MAX_LISTED_ERRORS validation errors and count them all (errorCount).
import { Problem } from '#shared/api/problem';
import type { ValidationError } from '#shared/ead/errors';
import { ApiError, MAX_LISTED_ERRORS, PROBLEMS, problemResponse } from '#shared/http/problems';

const errors = (n: number): ValidationError[] => Array.from({ length: n }, (_, i) => ({ pointer: `/contents/${i}/value`, code: 'VALUE_TOO_SMALL', detail: 'must be at least 0' }));

describe('ApiError', () => {
  it(`keeps the first ${MAX_LISTED_ERRORS} errors and counts them all`, () => {
    const e = new ApiError('INVALID_DECLARATION', 'x', { errors: errors(620) });
    expect(e.extra.errors).toEqual(errors(620).slice(0, MAX_LISTED_ERRORS));
    expect(e.extra.errorCount).toBe(620);
  });

  it('counts short lists too, and sets no count without errors', () => {
    expect(new ApiError('INVALID_REQUEST', 'x', { errors: errors(3) }).extra).toEqual({ errors: errors(3), errorCount: 3 });
    expect(new ApiError('NOT_FOUND', 'x').extra).toEqual({});
    expect(new ApiError('THROTTLED', 'x', { retryAfter: 2 }).extra).toEqual({ retryAfter: 2 });
  });
});

describe('problemResponse', () => {
  it('answers problem details with the cut list and errorCount, valid against the documented Problem schema', () => {
    const res = problemResponse(new ApiError('INVALID_DECLARATION', '620 error(s)', { errors: errors(620) }), '/v1/parcels');
    const body = JSON.parse(res.body as string);
    expect(res.statusCode).toBe(PROBLEMS.INVALID_DECLARATION.status);
    expect(res.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(body).toMatchObject({ code: 'INVALID_DECLARATION', errorCount: 620 });
    expect(body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(Problem.safeParse(body).success).toBe(true);
    expect(Problem.safeParse({ ...body, errors: errors(MAX_LISTED_ERRORS + 1) }).success).toBe(false);
  });

  it('leaves errorCount out of problems without errors', () => {
    const body = JSON.parse(problemResponse(new ApiError('NOT_FOUND', 'no such thing')).body as string);
    expect(body).not.toHaveProperty('errorCount');
    expect(Problem.safeParse(body).success).toBe(true);
  });
});
