// The OpenAPI paths of what-if replays (shared/api/openapi.ts merges them in).
import { ReplayRequest } from './replay-request';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ok = (description: string) => ({ description, content: { 'application/json': {} } });
const common = { '401': problem('No or bad API key'), '403': problem('The key may not do that'), '429': problem('Throttled; see Retry-After') };

/** Referenced so that importing this module registers the request schema as a component. */
export const REPLAY_SCHEMAS = [ReplayRequest];

const DESCRIPTION = [
  "Runs a candidate ruleset over the stored parcels of one destination first received in [from, to] (at most 92 days), with the same engine and the same facts as live: each parcel's assessed declaration, its amendments, the time it was assessed, and the recipient's earlier parcels. A replay changes no parcel and publishes no event.",
  'Customs: its own country only (the default; another is 403); admin: any, named in destinationCountry. Platforms and posts: 403.',
  '`ruleset` is a full ruleset document (the rules config schema; every error with a pointer under /ruleset, 400) or a stored version (unknown: 404 with the pointer /ruleset).',
].join('\n\n');

const RESULT = [
  "Only customs of the replay's destination country and admin see it; anyone else gets 404.",
  "A replay a step or page of which failed its last try (the replay queue's maxReceiveCount, then its DLQ), or none of whose steps or pages completed for 36 minutes, is `FAILED`, with `failure` { reason, at }.",
  'While it runs: `status` PLANNING or RUNNING and `progress` { parcelsDone, parcelsTotal, pagesDone, pagesTotal, planned } (parcelsTotal is final once planned). When DONE: `result` (confusion: current engine response × candidate response; changed; holds and holdRate (current, candidate, change); outcomes: of parcels with an inspection outcome, FOUND ones the candidate still holds and NOTHING_FOUND ones it would not hold (avoided); topRules by added and removed holds; shadow: current × shadow responses when a shadow ruleset ran live) and `changes` { items, cursor? }: the parcels whose response changes, in order of receipt, 50 a page.',
].join('\n\n');

export function replayPaths(): Record<string, unknown> {
  return {
    '/v1/rule-lab/replays': {
      get: {
        summary: 'Past replays of one destination, newest first, to reopen one by id',
        description:
          'Customs: its own country (the default; another is 403); admin: the country named in destinationCountry (required). Platforms and posts: 403. Replays expire 30 days after they were started.',
        parameters: [
          { name: 'destinationCountry', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page' },
        ],
        responses: {
          '200': ok('{ items: [ { id, destinationCountry, from, to, ruleset: { rulesetVersion }, createdAt } ], cursor? }'),
          '400': problem('Bad query or cursor (admin without destinationCountry: pointer /destinationCountry)'),
          ...common,
        },
      },
      post: {
        summary: 'What-if replay: a candidate ruleset over a period of stored traffic (customs of its country, admin)',
        description: DESCRIPTION,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ReplayRequest' }, example: { ruleset: '2026-12-02.1', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' } } },
        },
        responses: {
          '202': ok('{ id }: poll GET /v1/rule-lab/replays/{id}'),
          '400': problem('Bad request or ruleset document: every error with a pointer'),
          '404': problem('No stored ruleset of that version (pointer /ruleset)'),
          '413': problem('Over 1 MiB'),
          ...common,
        },
      },
    },
    '/v1/rule-lab/replays/{id}': {
      get: {
        summary: 'A replay: progress, then the result and the changed parcels',
        description: RESULT,
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the previous page of changes' },
        ],
        responses: {
          '200': ok('{ id, status, destinationCountry, from, to, ruleset, createdAt, failure?, progress, result?, changes? }'),
          '400': problem('Bad cursor'),
          '404': problem('No such replay that this key may see'),
          ...common,
        },
      },
    },
  };
}
