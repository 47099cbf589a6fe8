// The webhook routes of the OpenAPI document (shared/api/openapi.ts), over the zod schemas that validate them.
import { Webhook, WebhookCreated, WebhookDeliveryAttempt, WebhookReplayRequest, WebhookRequest } from './model';

/** Referenced so that importing this module registers the components. */
export const WEBHOOK_SCHEMAS = [WebhookRequest, WebhookReplayRequest, Webhook, WebhookCreated, WebhookDeliveryAttempt];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const body = (id: string, example: unknown) => ({ required: true, content: { 'application/json': { schema: ref(id), example } } });
const answer = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const page = (id: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(id) }, cursor: { type: 'string', description: 'Absent on the last page' } }, required: ['items'] });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const paging = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page' },
];
const common = { '401': problem('No or bad API key'), '429': problem('Throttled; see Retry-After') };
const notFound = { '404': problem('No such webhook that this key may see') };

export function webhookPaths(): Record<string, unknown> {
  return {
    '/v1/webhooks': {
      post: {
        summary: 'Subscribe to the events of the parcels this key may see; the signing secret is shown once',
        requestBody: body('WebhookRequest', { url: 'https://hooks.example.com/ead', events: ['customs.response.issued'], description: 'ERP' }),
        responses: {
          '201': answer('The webhook with its secret (whsec_...)', ref('WebhookCreated')),
          '400': problem('Bad request, or a URL that is not usable (WEBHOOK_URL_INVALID)'),
          '422': problem('WEBHOOK_URL_NOT_HTTPS, WEBHOOK_URL_FORBIDDEN_ADDRESS (loopback, private, link-local, unique-local, metadata...), WEBHOOK_URL_UNRESOLVABLE, WEBHOOK_LIMIT_REACHED'),
          ...common,
        },
      },
      get: { summary: "This owner's webhooks, newest first", parameters: paging, responses: { '200': answer('{ items, cursor? }', page('Webhook')), '400': problem('Bad cursor'), ...common } },
    },
    '/v1/webhooks/{id}': {
      get: { summary: 'One webhook', parameters: [idParam], responses: { '200': answer('The webhook', ref('Webhook')), ...notFound, ...common } },
      delete: { summary: 'Delete a webhook; its pending deliveries stop', parameters: [idParam], responses: { '204': { description: 'Deleted' }, ...notFound, ...common } },
    },
    '/v1/webhooks/{id}/rotate-secret': {
      post: {
        summary: 'A new signing secret, shown once; the previous one keeps signing beside it for 24 h',
        parameters: [idParam],
        responses: { '200': answer('The webhook with its new secret', ref('WebhookCreated')), '409': problem('Rotated concurrently'), ...notFound, ...common },
      },
    },
    '/v1/webhooks/{id}/deliveries': {
      get: {
        summary: 'Every delivery attempt, newest first',
        parameters: [idParam, ...paging],
        responses: { '200': answer('{ items, cursor? }', page('WebhookDeliveryAttempt')), '400': problem('Bad cursor'), ...notFound, ...common },
      },
    },
    '/v1/webhooks/{id}/replay': {
      post: {
        summary: 'Send again every event since a time (delivered, failed or exhausted), up to 1000 per request',
        parameters: [idParam],
        requestBody: body('WebhookReplayRequest', { since: '2026-11-20T00:00:00Z' }),
        responses: { '202': answer('{ replayed, since, continueSince? }', { type: 'object' }), '400': problem('Bad request'), '409': problem('The webhook is disabled'), ...notFound, ...common },
      },
    },
  };
}
