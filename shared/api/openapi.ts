// The OpenAPI 3.1 description, generated from the same zod schemas that validate requests.
import { z } from 'zod';
import { ApiKeyRequest } from '../auth/principal';
import { type DeclarationInput, DeclarationSchema } from '../ead/schema';
import { DecisionRequest } from '../parcels/decisions';
import { Problem } from './problem';
import { WEBHOOK_SCHEMAS, webhookPaths } from '../webhooks/openapi';

/** Every schema registered with `.meta({ id })` becomes a component, referenced by id. */
function componentSchemas(): Record<string, unknown> {
  // Importing the schemas registers them; referencing them keeps the imports from being dropped.
  void [DeclarationSchema, Problem, ApiKeyRequest, DecisionRequest, WEBHOOK_SCHEMAS];
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  for (const s of Object.values(schemas)) {
    delete (s as Record<string, unknown>).$schema;
    delete (s as Record<string, unknown>).$id;
  }
  return schemas;
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const jsonBody = (schema: string, example?: unknown) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` }, ...(example ? { example } : {}) } } });
const ok = (description: string) => ({ description, content: { 'application/json': {} } });
/** The answers every authenticated route can give. */
const common = { '401': problemResponse('No or bad API key'), '403': problemResponse('The key may not do that'), '429': problemResponse('Throttled; see Retry-After') };
const itemIdParam = { name: 'itemId', in: 'path', required: true, schema: { type: 'string' }, description: 'S10 item identifier' };

/** The CONTRACT's example declaration: shown in the document and used as the tests' base declaration. */
export const EXAMPLE_DECLARATION: DeclarationInput = {
  itemId: 'CP719248650DE',
  declarationType: 'CN23',
  category: 'SALE_OF_GOODS',
  postingDate: '2026-11-20',
  originCountry: 'DE',
  destinationCountry: 'FR',
  sender: { name: 'Muster Versand GmbH', address: { lines: ['Hauptstrasse 5'], city: 'Berlin', postcode: '10115', countryCode: 'DE' }, email: 'ops@muster.example', phone: '+49301234567' },
  recipient: { name: 'Claire Martin', address: { lines: ['12 rue de la Paix'], city: 'Paris', postcode: '75002', countryCode: 'FR' }, phone: '+33612345678' },
  contents: [
    { description: "Men's cotton T-shirt, printed", quantity: 2, netWeightKg: 0.4, value: 30.0, hsCode: '610910', originCountry: 'PT' },
    { description: 'Leather wallet', quantity: 1, netWeightKg: 0.1, value: 20.0, hsCode: '420232', originCountry: 'IT' },
  ],
  grossWeightKg: 0.62,
  currency: 'EUR',
  totalValue: 50.0,
  postage: 9.5,
  ioss: 'IM2760000001',
};

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Customs–Post EAD pipeline',
      version: '1.0.0',
      description: 'Electronic Advance Data for cross-border postal items: submit declarations, read customs responses, receive them by signed webhooks.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      schemas: componentSchemas(),
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths: {
      '/health': { get: { summary: 'Ready when it answers 200', security: [], responses: { '200': ok('Ready') } } },
      '/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': ok('OpenAPI 3.1') } } },
      '/v1/parcels': {
        post: {
          summary: 'Submit the declaration of one postal item',
          requestBody: jsonBody('Declaration', EXAMPLE_DECLARATION),
          responses: {
            '202': ok('Accepted and queued for assessment'),
            '200': ok('The same declaration again: nothing changed; the parcel as it stands'),
            '400': problemResponse('The declaration breaks a rule: every error, each with a JSON pointer and a code'),
            '409': problemResponse('The itemId belongs to another submitter, or its final decision is taken'),
            '413': problemResponse('Over 64 KiB'),
            '415': problemResponse('Not JSON'),
            '422': problemResponse('Destination not served by this region'),
            ...common,
          },
        },
        get: {
          summary: 'The parcels this key may see, newest first',
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string' } },
            { name: 'destinationCountry', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page' },
            { name: 'includeDeclaration', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { '200': ok('{ items, cursor? }: cursor is absent on the last page'), '400': problemResponse('Bad filter or cursor'), ...common },
        },
      },
      '/v1/parcel-batches': {
        post: {
          summary: 'Submit up to 500 declarations; each stands or falls alone',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { parcels: { type: 'array', maxItems: 500, items: { $ref: '#/components/schemas/Declaration' } } }, required: ['parcels'], additionalProperties: false } } } },
          responses: { '202': ok('{ results: [ { index, itemId, status, version } | { index, status: REJECTED, code, errors } ] }'), '400': problemResponse('Not a batch'), '413': problemResponse('Over 5 MiB'), ...common },
        },
      },
      '/v1/parcels/{itemId}': {
        get: { summary: 'A parcel with its assessment, customs response and history', parameters: [itemIdParam], responses: { '200': ok('The parcel'), '404': problemResponse('No such parcel that this key may see'), ...common } },
      },
      '/v1/parcels/{itemId}/decisions': {
        post: {
          summary: "A customs officer's decision (customs of the destination country, or admin)",
          parameters: [itemIdParam],
          requestBody: jsonBody('DecisionRequest', { code: 'DETAINED', reason: 'Counterfeit goods found on inspection' }),
          responses: { '201': ok('The new customs response'), '200': ok('The same decision again'), '404': problemResponse('No such parcel that this key may see'), '409': problemResponse('A final decision was taken'), ...common },
        },
      },
      '/v1/admin/api-keys': {
        post: { summary: 'Create an API key (admin); the key is shown once', requestBody: jsonBody('ApiKeyRequest', { role: 'platform', tenantId: 'shop-1' }), responses: { '201': ok('{ id, key, role, ... }'), '400': problemResponse('Bad request'), ...common } },
      },
      '/v1/admin/api-keys/{id}': {
        delete: { summary: 'Revoke an API key (admin)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Revoked' }, '404': problemResponse('No such key'), ...common } },
      },
      ...webhookPaths(),
    },
  };
  return cached;
}
