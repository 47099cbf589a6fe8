// The OpenAPI 3.1 description, generated from the same zod schemas that validate requests.
import * as z from 'zod';
import { ApiKeyRequest } from '../auth/principal';
import { EXAMPLE_DECLARATION } from '../ead/example';
import { DeclarationSchema } from '../ead/schema';
import { DecisionRequest } from '../parcels/decisions';
import { OutcomeRequest } from '../parcels/outcomes';
import { ClearanceRequest } from '../parcels/clearances';
import { Problem } from './problem';
import { WEBHOOK_SCHEMAS, webhookPaths } from '../webhooks/openapi';
import { RULE_LAB_SCHEMAS, ruleLabComponents, ruleLabPaths } from '../rule-lab/openapi';
import { REPLAY_SCHEMAS, replayPaths } from '../rule-lab/replay-openapi';

/** Every schema registered with `.meta({ id })` becomes a component, referenced by id. */
function componentSchemas(): Record<string, unknown> {
  // Importing the schemas registers them; referencing them keeps the imports from being dropped.
  void [DeclarationSchema, Problem, ApiKeyRequest, DecisionRequest, OutcomeRequest, WEBHOOK_SCHEMAS, RULE_LAB_SCHEMAS, REPLAY_SCHEMAS, ClearanceRequest];
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  for (const s of Object.values(schemas)) {
    delete (s as Record<string, unknown>).$schema;
    delete (s as Record<string, unknown>).$id;
  }
  return { ...schemas, ...ruleLabComponents() };
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const jsonBody = (schema: string, example?: unknown) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` }, ...(example ? { example } : {}) } } });
const ok = (description: string) => ({ description, content: { 'application/json': {} } });
/** The answers every authenticated route can give. */
const common = { '401': problemResponse('No or bad API key'), '403': problemResponse('The key may not do that'), '429': problemResponse('Throttled; see Retry-After') };
const itemIdParam = { name: 'itemId', in: 'path', required: true, schema: { type: 'string' }, description: 'S10 item identifier' };

/** What an amendment can lead to: the same rules as shared/parcels/parcel.ts, in words (README has the table). */
const SUBMIT_DESCRIPTION = [
  'Who may declare an itemId: its first submitter; and the post of the country that issued the S10 identifier (its last two letters), always: its declaration takes the itemId over (version + 1, `submittedBy` becomes `post:<country>`), so nobody can squat an itemId to keep its post out. Anyone else gets 409 ITEM_ID_TAKEN, which names nobody.',
  'The same declaration again from its submitter: 200, nothing changes (queued again if not assessed yet). A changed one is an amendment: version + 1, assessed again.',
  'An amendment may not change originCountry or destinationCountry: 409 ROUTE_CHANGED. After DETAINED or REFUSED: 409 FINAL_DECISION_TAKEN.',
  "A standing response binds the engine when a customs officer issued it, or when it is a hold (HELD_FOR_INSPECTION, DO_NOT_LOAD): the amendment waits under that status, is assessed and recorded (customs sees the engine's own answer as `assessment.engineResponse`), and the engine's answer is issued only if it is stronger (RELEASED < INFORMATION_REQUESTED < HELD_FOR_INSPECTION < DO_NOT_LOAD). Only customs of the destination, or admin, lifts a hold. The engine's own RELEASED or INFORMATION_REQUESTED binds nothing: the amendment waits as RECEIVED and the engine's answer is issued (this is how an information request is answered).",
  'More amendments of one parcel than the region allows within its window (default: more than 3 in 24 h) is itself a risk finding (AMENDMENTS_FREQUENT).',
].join('\n\n');

const VIEW_DESCRIPTION =
  "Customs and admin see every hit with its points and evidence, the score, the level and the engine's own answer (`assessment.engineResponse`). Platforms and posts see the customs response and what to fix: `assessment` holds only `rulesetVersion`, `assessedAt` and the data-quality and dangerous-goods hits (`ruleId`, `pointer`, `message`); the engine's reasons that name a risk rule are left out of their `customsResponse.reasons` and history. An officer's reason is shown to everyone. Each history entry records the status it left the parcel in; an amendment's receipt lists the JSON pointers it `changes`.";

const CLEARANCE_DESCRIPTION =
  "An officer's finding that a sanctions hit was not the listed party: the pair (party, list entry) is cleared in the parcel's destination country for the region's `sanctions.clearanceDays` (default 180). Later parcels of the same party (normalised name and business name, address country) show the hit with `evidence.cleared` { by, at, until, reason }, 0 points, not critical. A clearance ends when it expires, is revoked, or a list update changes or removes its entry. Customs of the destination country, or admin. `status`: IN_FORCE, EXPIRED, REVOKED or ENDED.";
const clearanceId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'clr_...' };

function clearancePaths(): Record<string, unknown> {
  return {
    '/v1/sanctions/clearances': {
      post: {
        summary: 'Clear a sanctions hit: the party is not the listed party (customs of the destination country, or admin)',
        description: CLEARANCE_DESCRIPTION,
        requestBody: jsonBody('SanctionsClearanceRequest', { itemId: 'LX345678909DE', pointer: '/recipient/name', reason: 'Passport seen: born 1987, not the listed person' }),
        responses: {
          '201': ok(
            '{ clearances: [ { id, country, party, partyName, entNum, entryDigest, listVersion, itemId, by, at, until, reason, status } ] }: one per entry (an entry already cleared for the party keeps its clearance)',
          ),
          '400': problemResponse('No sanctions hit at that pointer, an entry the hit did not match, or one no longer listed'),
          '404': problemResponse('No such parcel that this key may see'),
          ...common,
        },
      },
      get: {
        summary: "Sanctions clearances, newest first (customs: its country's; admin: any, or one country's)",
        description: CLEARANCE_DESCRIPTION,
        parameters: [
          { name: 'country', in: 'query', schema: { type: 'string' }, description: "Admin: one country's (customs: only its own)" },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page' },
        ],
        responses: { '200': ok('{ items, cursor? }'), '400': problemResponse('Bad filter or cursor'), ...common },
      },
    },
    '/v1/sanctions/clearances/{id}': {
      get: {
        summary: 'One sanctions clearance',
        parameters: [clearanceId],
        responses: { '200': ok('The clearance with its status'), '404': problemResponse('No such clearance that this key may see'), ...common },
      },
      delete: {
        summary: 'Revoke a sanctions clearance: later parcels of the party score the hit again',
        parameters: [clearanceId],
        responses: { '200': ok('The clearance, REVOKED'), '404': problemResponse('No such clearance that this key may see'), ...common },
      },
    },
  };
}

/** POST /v1/parcel-batches: `{ parcels: [Declaration] }`, at most 500. */
const BATCH_BODY = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { parcels: { type: 'array', maxItems: 500, items: { $ref: '#/components/schemas/Declaration' } } },
        required: ['parcels'],
        additionalProperties: false,
      },
    },
  },
};

/** Unauthenticated: readiness and this document. */
function metaPaths(): Record<string, unknown> {
  return {
    '/health': { get: { summary: 'Ready when it answers 200', security: [], responses: { '200': ok('Ready') } } },
    '/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': ok('OpenAPI 3.1') } } },
  };
}

/** Submitting and listing declarations. */
function parcelSubmitPaths(): Record<string, unknown> {
  return {
    '/v1/parcels': {
      post: {
        summary: 'Submit the declaration of one postal item',
        description: SUBMIT_DESCRIPTION,
        requestBody: jsonBody('Declaration', EXAMPLE_DECLARATION),
        responses: {
          '202': ok('Accepted and queued for assessment; `status` is RECEIVED, or for an amendment under a binding response that response'),
          '200': ok('The same declaration again: nothing changed; the parcel as it stands'),
          '400': problemResponse('The declaration breaks a rule: every error, each with a JSON pointer and a code'),
          '409': problemResponse("ITEM_ID_TAKEN (not this key's itemId to declare), FINAL_DECISION_TAKEN, or ROUTE_CHANGED"),
          '503': problemResponse('QUEUE_UNAVAILABLE or SUBMISSION_FAILED: it may or may not be stored; send the same declaration again'),
          '413': problemResponse('Over 64 KiB'),
          '415': problemResponse('Not JSON'),
          '422': problemResponse('Destination not served by this region'),
          ...common,
        },
      },
      get: {
        summary: 'The parcels this key may see, newest first',
        description: VIEW_DESCRIPTION,
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' } },
          { name: 'destinationCountry', in: 'query', schema: { type: 'string' } },
          { name: 'originCountry', in: 'query', schema: { type: 'string' } },
          { name: 'ruleId', in: 'query', schema: { type: 'string' }, description: 'Parcels with a hit of this rule (customs and admin only: 403 for others)' },
          { name: 'receivedFrom', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'First receipt at or after' },
          { name: 'receivedTo', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'First receipt at or before' },
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
        requestBody: BATCH_BODY,
        description:
          'Each declaration follows the rules of POST /v1/parcels; a declaration that cannot be stored or queued is REJECTED with SUBMISSION_FAILED or QUEUE_UNAVAILABLE (send it again) while the others are stored and queued.',
        responses: {
          '202': ok('{ results: [ { index, itemId, status, version } | { index, status: REJECTED, code, detail?, errors (at most 50), errorCount } ] }'),
          '400': problemResponse('Not a batch'),
          '413': problemResponse('Over 5 MiB'),
          ...common,
        },
      },
    },
  };
}

/** One parcel: read it, an officer's decision, an inspection's outcome. */
function parcelItemPaths(): Record<string, unknown> {
  return {
    '/v1/parcels/{itemId}': {
      get: {
        summary: 'A parcel with its assessment, customs response and history',
        description: VIEW_DESCRIPTION,
        parameters: [itemIdParam],
        responses: { '200': ok("The parcel, as this key's role may see it"), '404': problemResponse('No such parcel that this key may see'), ...common },
      },
    },
    '/v1/parcels/{itemId}/decisions': {
      post: {
        summary: "A customs officer's decision (customs of the destination country, or admin)",
        parameters: [itemIdParam],
        requestBody: jsonBody('DecisionRequest', { code: 'DETAINED', reason: 'Counterfeit goods found on inspection' }),
        responses: {
          '201': ok('The new customs response'),
          '200': ok('The same decision again'),
          '404': problemResponse('No such parcel that this key may see'),
          '409': problemResponse('A final decision was taken'),
          ...common,
        },
      },
    },
    '/v1/parcels/{itemId}/outcomes': {
      post: {
        summary: 'The outcome of an inspection after a hold (customs of the destination country, or admin)',
        description:
          "Recorded in the parcel's history as `parcel.inspected`, which only customs and admin see, and delivered to their subscriptions only. Allowed once the parcel was held (HELD_FOR_INSPECTION or DO_NOT_LOAD), also after a final decision.",
        parameters: [itemIdParam],
        requestBody: jsonBody('OutcomeRequest', { result: 'FOUND', findings: ['COUNTERFEIT'], notes: 'Branded handbags, no invoice' }),
        responses: {
          '201': ok('{ result, findings, notes?, recordedAt, recordedBy }'),
          '400': problemResponse('Bad outcome'),
          '404': problemResponse('No such parcel that this key may see'),
          '409': problemResponse('NOT_HELD: the parcel was never held'),
          ...common,
        },
      },
    },
  };
}

/** Checking a declaration without filing it. */
function declarationCheckPaths(): Record<string, unknown> {
  return {
    '/v1/declarations/check': {
      post: {
        summary: 'Check a declaration before filing: validation, the data-quality and the dangerous-goods rules; nothing is stored or queued',
        requestBody: jsonBody('Declaration', EXAMPLE_DECLARATION),
        responses: {
          '200': ok('{ valid, errors: [ { pointer, code, detail } ], findings: [ { ruleId, pointer, message } ] }: what an information request would say'),
          '400': problemResponse('Not JSON, or nested too deep'),
          '413': problemResponse('Over 64 KiB'),
          ...common,
        },
      },
    },
  };
}

/** The caller's principal and API-key management (admin). */
function keyPaths(): Record<string, unknown> {
  return {
    '/v1/whoami': { get: { summary: "This key's principal: { keyId, role, tenantId?, country? }", responses: { '200': ok('The principal'), ...common } } },
    '/v1/admin/api-keys': {
      post: {
        summary: 'Create an API key (admin); the key is shown once',
        requestBody: jsonBody('ApiKeyRequest', { role: 'platform', tenantId: 'shop-1' }),
        responses: { '201': ok('{ id, key, role, ... }'), '400': problemResponse('Bad request'), ...common },
      },
    },
    '/v1/admin/api-keys/{id}': {
      delete: {
        summary: 'Revoke an API key (admin)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'Revoked' }, '404': problemResponse('No such key'), ...common },
      },
    },
  };
}

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
      ...metaPaths(),
      ...parcelSubmitPaths(),
      ...parcelItemPaths(),
      ...declarationCheckPaths(),
      ...keyPaths(),
      ...webhookPaths(),
      ...ruleLabPaths(),
      ...replayPaths(),
      ...clearancePaths(),
    },
  };
  return cached;
}
