// Every error answer of the API, mapped from a stable code to HTTP in this one place (RFC 9457 problem details).
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ValidationError } from '../ead/errors';

export const PROBLEMS = {
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  JSON_TOO_DEEP: { status: 400, title: 'The body nests arrays and objects too deeply' },
  INVALID_DECLARATION: { status: 400, title: 'The declaration breaks the rules' },
  INVALID_REQUEST: { status: 400, title: 'The request is not valid' },
  INVALID_CURSOR: { status: 400, title: 'The cursor is not valid' },
  UNAUTHORIZED: { status: 401, title: 'A valid API key is required' },
  FORBIDDEN: { status: 403, title: 'This key may not do that' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ITEM_ID_TAKEN: { status: 409, title: 'This itemId cannot be declared with this key' },
  ROUTE_CHANGED: { status: 409, title: 'An amendment may not change the origin or destination country' },
  FINAL_DECISION_TAKEN: { status: 409, title: 'A final customs decision was taken on this parcel' },
  CONCURRENT_UPDATE: { status: 409, title: 'The parcel changed while this request ran; send it again' },
  NOT_HELD: { status: 409, title: 'The parcel was never held for inspection' },
  RULESET_VERSION_TAKEN: { status: 409, title: 'That ruleset version names another ruleset: versions never change' },
  RULESET_NOT_IN_SHADOW: { status: 409, title: 'That ruleset runs in no shadow in its scope' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The body must be application/json' },
  DESTINATION_NOT_SERVED: { status: 422, title: 'This deployment does not serve that destination country' },
  THROTTLED: { status: 429, title: 'Too many requests for this key' },
  WEBHOOK_URL_INVALID: { status: 400, title: 'The webhook URL is not usable' },
  WEBHOOK_URL_NOT_HTTPS: { status: 422, title: 'Webhook URLs must use https' },
  WEBHOOK_URL_FORBIDDEN_ADDRESS: { status: 422, title: 'The webhook URL points at an address webhooks are not sent to (loopback, private, link-local, metadata...)' },
  WEBHOOK_URL_UNRESOLVABLE: { status: 422, title: 'The webhook URL host could not be resolved' },
  WEBHOOK_LIMIT_REACHED: { status: 422, title: 'Too many webhooks for this owner' },
  WEBHOOK_DISABLED: { status: 409, title: 'The webhook is disabled' },
  INTERNAL: { status: 500, title: 'Internal error' },
  QUEUE_UNAVAILABLE: { status: 503, title: 'The parcel could not be queued for assessment; send it again' },
  SUBMISSION_FAILED: { status: 503, title: 'The declaration could not be stored; send it again' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** Validation errors listed in one problem (or one rejected batch entry); `errorCount` says how many there were. */
export const MAX_LISTED_ERRORS = 50;

export interface ProblemExtra {
  /** The first MAX_LISTED_ERRORS validation errors (ApiError cuts a longer list). */
  errors?: ValidationError[];
  /** How many validation errors there were in all; set by ApiError whenever there are errors. */
  errorCount?: number;
  /** Seconds, for THROTTLED */
  retryAfter?: number;
}

/** A problem raised anywhere below a handler; the API middleware turns it into the answer. */
export class ApiError extends Error {
  readonly extra: ProblemExtra;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    extra: ProblemExtra = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    const { errors } = extra;
    // A hostile body can break thousands of rules: list the first few, count them all, answer kilobytes, not megabytes.
    this.extra = errors ? { ...extra, errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: extra.errorCount ?? errors.length } : extra;
  }
}

const kebab = (code: string) => code.toLowerCase().replace(/_/g, '-');

export function problemResponse(err: ApiError, instance?: string): APIGatewayProxyStructuredResultV2 {
  const { status, title } = PROBLEMS[err.code];
  const body = { type: `/problems/${kebab(err.code)}`, title, status, code: err.code, detail: err.detail, instance, errors: err.extra.errors, errorCount: err.extra.errorCount };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (err.extra.retryAfter !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(err.extra.retryAfter)));
  return { statusCode: status, headers, body: JSON.stringify(body) };
}
