// The OpenAPI 3.1 description, generated from the same zod schemas that validate requests.
import { z } from 'zod';
import { DeclarationSchema } from '../ead/schema';
import { Problem } from './problem';

/** Every schema registered with `.meta({ id })` becomes a component, referenced by id. */
function componentSchemas(): Record<string, unknown> {
  // Importing the schemas registers them; referencing them keeps the imports from being dropped.
  void [DeclarationSchema, Problem];
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  for (const s of Object.values(schemas)) {
    delete (s as Record<string, unknown>).$schema;
    delete (s as Record<string, unknown>).$id;
  }
  return schemas;
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

export const EXAMPLE_DECLARATION = {
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
      '/v1/parcels': {
        post: {
          summary: 'Submit the declaration of one postal item',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Declaration' }, example: EXAMPLE_DECLARATION } } },
          responses: {
            '202': { description: 'Accepted and queued for assessment' },
            '200': { description: 'The same declaration again: nothing changed' },
            '400': problemResponse('The declaration breaks a rule: every error, each with a JSON pointer and a code'),
            '401': problemResponse('No or bad API key'),
            '403': problemResponse('The key may not submit'),
            '409': problemResponse('The itemId belongs to another submitter, or its final decision is taken'),
            '413': problemResponse('Over 64 KiB'),
            '415': problemResponse('Not JSON'),
            '422': problemResponse('Destination not served by this region'),
            '429': problemResponse('Throttled; see Retry-After'),
          },
        },
      },
    },
  };
  return cached;
}
