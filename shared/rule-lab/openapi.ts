// The rule lab's routes in the OpenAPI document (shared/api/openapi.ts): rulesets and rule performance.
import * as z from 'zod';
import { RulesConfigSchema } from '../risk/config/schema';
import { ActivateRequest, DeactivateRequest } from './rulesets';
import { MAX_PERIOD_DAYS } from './performance-query';

/** Referenced so that importing this module registers the components. */
export const RULE_LAB_SCHEMAS = [ActivateRequest, DeactivateRequest];

/** The ruleset document: the engine's own rules-config schema, as JSON Schema. */
export function ruleLabComponents(): Record<string, unknown> {
  const { $schema: _s, ...ruleset } = z.toJSONSchema(RulesConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { Ruleset: ruleset };
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const ok = (description: string) => ({ description, content: { 'application/json': {} } });
const common = { '401': problem('No or bad API key'), '403': problem('Not customs or admin, or not this scope'), '429': problem('Throttled; see Retry-After') };
const versionParam = { name: 'version', in: 'path', required: true, schema: { type: 'string' }, description: 'rulesetVersion, YYYY-MM-DD.n' };

const SCOPES =
  "A ruleset's scope is the region (`*`, admin) or one destination country (a customs authority's own overrides: stored by that country's customs key, or by admin with `?destinationCountry=`). A parcel is judged by its destination's active ruleset, else the region's, else the shipped defaults; likewise for the shadow. Customs reads the region's rulesets and its own country's; others' answer 404.";

/** Drafting, listing and reading rulesets. */
function rulesetPaths(): Record<string, unknown> {
  return {
    '/v1/rulesets': {
      post: {
        summary: 'Store a ruleset: a whole rules config, validated by the schema the engine loads; versions never change',
        description: SCOPES,
        parameters: [
          { name: 'destinationCountry', in: 'query', schema: { type: 'string' }, description: "The country whose overrides this is (customs: its own, the default; admin: absent for the region's)" },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: ref('Ruleset') } } },
        responses: {
          '201': ok('{ version, scope, region, hash, createdAt, createdBy }'),
          '200': ok('The same document under the same version again: nothing changed'),
          '400': problem('INVALID_REQUEST: every error with its JSON pointer into the document (also a ruleset for another region)'),
          '409': problem('RULESET_VERSION_TAKEN: another document under that version'),
          '413': problem('Over 256 KiB'),
          ...common,
        },
      },
      get: {
        summary: "The rulesets this key may see (the shipped defaults first), each with where it is active or in shadow, and each scope's state",
        description: `${SCOPES} Paged, newest version first (the shipped defaults first on the first page); a page may hold fewer than limit where another country's rulesets were skipped: follow cursor until it is absent.`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page' },
        ],
        responses: {
          '200': ok('{ items: [ { version, scope, ..., status: { activeIn, shadowIn } } ], scopes: [ { scope, active?, shadow? } ], cursor? }'),
          '400': problem('Bad limit or cursor'),
          ...common,
        },
      },
    },
    '/v1/rulesets/{version}': {
      get: {
        summary: 'One ruleset: its document, status and every activation (who, when)',
        parameters: [versionParam],
        responses: { '200': ok('{ ...summary, status, activations, document }'), '404': problem('No such ruleset that this key may see'), ...common },
      },
    },
  };
}

/** Activating and deactivating a ruleset. */
function rulesetActivationPaths(): Record<string, unknown> {
  return {
    '/v1/rulesets/{version}/activate': {
      post: {
        summary: 'Activate a ruleset in its scope, or run it in shadow beside the active one',
        description:
          'Takes effect for every parcel assessed after it in every function instance within RULESET_CACHE_SECONDS (10 s by default). `mode: "shadow"`: live parcels are assessed by both, only the active ruleset\'s response is issued; the shadow\'s would-be result is stored as `assessment.shadow` (customs and admin only). Activating the shadow version as active ends its shadow run. The body may be empty (`mode` active).',
        parameters: [versionParam],
        requestBody: { required: false, content: { 'application/json': { schema: ref('ActivateRulesetRequest'), example: { mode: 'shadow' } } } },
        responses: {
          '200': ok('{ state: { scope, active?, shadow? }, activation: { version, scope, mode, at, by } }'),
          '400': problem('Bad mode'),
          '404': problem('No such ruleset that this key may see'),
          '409': problem('CONCURRENT_UPDATE'),
          ...common,
        },
      },
    },
    '/v1/rulesets/{version}/deactivate': {
      post: {
        summary: 'End the shadow run of a ruleset in its scope',
        description:
          "Live parcels assessed after it (within RULESET_CACHE_SECONDS in every function instance) are judged by the active ruleset alone. Who and when are logged among the version's activations (mode `shadow-ended`). Only a shadow run ends this way: an active ruleset is replaced by activating another. The body may be empty (`mode` shadow). Who may: as for activate.",
        parameters: [versionParam],
        requestBody: { required: false, content: { 'application/json': { schema: ref('DeactivateRulesetRequest'), example: { mode: 'shadow' } } } },
        responses: {
          '200': ok('{ state: { scope, active? }, activation: { version, scope, mode: "shadow-ended", at, by } }'),
          '400': problem('Bad mode'),
          '404': problem('No such ruleset that this key may see'),
          '409': problem('RULESET_NOT_IN_SHADOW: the version runs in no shadow in its scope; or CONCURRENT_UPDATE'),
          ...common,
        },
      },
    },
  };
}

/** The rules' performance. */
function rulePerformancePaths(): Record<string, unknown> {
  return {
    '/v1/rule-performance': {
      get: {
        summary:
          'Per rule and per response code over a period: parcels hit and held, outcomes, found rate with a Wilson 95 % interval, findings, median hold → decision; per filer: information requests and amendments within 24 h; the shadow ruleset side by side',
        description: `Computed from the stored parcels received in the period (their latest assessment and their history), not from counters. Customs: its own country (another is 403); admin: one country or all. At most ${MAX_PERIOD_DAYS} days.`,
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string' }, description: 'YYYY-MM-DD or a date-time with an offset' },
          { name: 'to', in: 'query', required: true, schema: { type: 'string' }, description: 'YYYY-MM-DD (the whole day) or a date-time; not before from' },
          { name: 'destinationCountry', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': ok('{ period, parcels, unassessed, active: { parcels, rulesetVersions, byRule, byResponse }, shadow: { ... }, filers }'),
          '400': problem('Bad period: every error with its pointer'),
          ...common,
        },
      },
    },
  };
}

export function ruleLabPaths(): Record<string, unknown> {
  return { ...rulesetPaths(), ...rulesetActivationPaths(), ...rulePerformancePaths() };
}
