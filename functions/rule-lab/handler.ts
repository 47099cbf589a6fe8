// rule-lab: rulesets (store, list, read, activate) and rule performance (issue 11). Only wiring: the domain is in
// shared/rule-lab.
import * as z from 'zod';
import { type ApiRequest, type ApiResult, apiHandler, json, pathParam, readJsonBody, validRequest } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { decodeCursor, encodeCursor } from '#shared/http/cursor';
import { CountryCode } from '#shared/ead/schema';
import { parsePerformanceQuery, performanceScope } from '#shared/rule-lab/performance-query';
import { rulePerformance } from '#shared/rule-lab/performance';
import { rulePerformanceByDays } from '#shared/rule-lab/performance-days';
import {
  ActivateRequest,
  DeactivateRequest,
  RulesetListQuery,
  endShadowRun,
  type RulesetRefusal,
  activateRuleset,
  createRuleset,
  listRulesets,
  mayReadScope,
  readableSummary,
  statusOf,
  withDefault,
} from '#shared/rule-lab/rulesets';
import { startReplay } from '#shared/rule-lab/replay';
import { ReplayRequest } from '#shared/rule-lab/replay-request';
import { ReplayListQuery, listReplays, readReplay } from '#shared/rule-lab/replay-view';
import { seesRiskReasoning } from '#shared/auth/principal';
import { hasPerformanceDays, parcelPeriodReader, performanceDaysDeps, replayApiDeps, rulesetPorts } from '#shared/wiring/rule-lab';

/** A ruleset is about 50 KB of JSON; room to grow, not to flood (the stored document has its own bound). */
const MAX_BODY_BYTES = 256 * 1024;

function refused(r: RulesetRefusal): never {
  throw new ApiError(r.refused, r.detail, r.errors ? { errors: r.errors } : {});
}

function mustSeeRulesets(req: ApiRequest): void {
  if (!mayReadScope(req.principal, '*')) throw new ApiError('FORBIDDEN', 'only customs and admin see rulesets');
}

async function create(req: ApiRequest): Promise<ApiResult> {
  mustSeeRulesets(req);
  const { destinationCountry } = validRequest(z.object({ destinationCountry: CountryCode.optional() }), req.query);
  const result = await createRuleset(req.principal, readJsonBody(req.event, MAX_BODY_BYTES), destinationCountry, rulesetPorts());
  if ('refused' in result) refused(result);
  return json(result.created ? 201 : 200, result.summary, { location: `/v1/rulesets/${encodeURIComponent(result.summary.version)}` });
}

/** A cursor as given; one that is no cursor of ours is refused here, one of another listing by the use case. */
function positionOf(cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (!position) throw new ApiError('INVALID_CURSOR', 'use the cursor of a previous page as it was given');
  return position;
}

async function list(req: ApiRequest): Promise<ApiResult> {
  mustSeeRulesets(req);
  const q = validRequest(RulesetListQuery, req.query);
  const ports = rulesetPorts();
  const after = positionOf(q.cursor);
  if (after && !ports.store.isListPosition(after)) throw new ApiError('INVALID_CURSOR', 'use the cursor of a previous page as it was given');
  const page = await listRulesets(req.principal, ports, { limit: q.limit, ...(after ? { after } : {}) });
  const { next, ...rest } = page;
  return json(200, { ...rest, ...(next ? { cursor: encodeCursor(next) } : {}) });
}

const versionOf = (req: ApiRequest): string => {
  const v = pathParam(req.path, 'version');
  if (v === undefined) throw new ApiError('NOT_FOUND', 'no such ruleset');
  return v;
};

async function read(req: ApiRequest): Promise<ApiResult> {
  mustSeeRulesets(req);
  const ports = rulesetPorts();
  const version = versionOf(req);
  const summary = await readableSummary(req.principal, version, ports);
  if (!summary) throw new ApiError('NOT_FOUND', `no ruleset ${version.slice(0, 64)} that this key may see`);
  const [document, activations, states] = await Promise.all([ports.store.get(version), ports.store.activations(version), ports.store.states()]);
  return json(200, { ...summary, status: statusOf(version, withDefault(states, ports.defaults)), activations, document });
}

async function activate(req: ApiRequest): Promise<ApiResult> {
  mustSeeRulesets(req);
  const body = req.event.body ? readJsonBody(req.event, 1024) : {};
  const { mode } = validRequest(ActivateRequest, body);
  const result = await activateRuleset(req.principal, versionOf(req), mode, rulesetPorts());
  if ('refused' in result) refused(result);
  return json(200, result);
}

async function deactivate(req: ApiRequest): Promise<ApiResult> {
  mustSeeRulesets(req);
  validRequest(DeactivateRequest, req.event.body ? readJsonBody(req.event, 1024) : {});
  const result = await endShadowRun(req.principal, versionOf(req), rulesetPorts());
  if ('refused' in result) refused(result);
  return json(200, result);
}

async function performance(req: ApiRequest): Promise<ApiResult> {
  const parsed = parsePerformanceQuery(req.query);
  if (!parsed.ok) throw new ApiError('INVALID_REQUEST', `${parsed.errors.length} error(s) in the query`, { errors: parsed.errors });
  const scope = performanceScope(req.principal, parsed.period.destinationCountry);
  if ('refused' in scope) throw new ApiError('FORBIDDEN', scope.refused);
  const period = { ...parsed.period, ...scope };
  // The stored day aggregates where they are fresh, the parcels for the rest: the same figures either way.
  if (!hasPerformanceDays()) return json(200, await rulePerformance(parcelPeriodReader(), period));
  return json(200, (await rulePerformanceByDays({ ...performanceDaysDeps(), parcels: parcelPeriodReader() }, period)).report);
}

/** A ruleset document is about 50 KB; this leaves room for a larger one, not for a flood. */
const MAX_REPLAY_BODY = 1024 * 1024;

async function createReplay({ principal, event }: ApiRequest): Promise<ApiResult> {
  if (!seesRiskReasoning(principal)) throw new ApiError('FORBIDDEN', 'only customs and admin replay rulesets');
  const request = validRequest(ReplayRequest, readJsonBody(event, MAX_REPLAY_BODY));
  const result = await startReplay(principal, request, replayApiDeps());
  if ('code' in result) throw new ApiError(result.code, result.detail, result.errors ? { errors: result.errors } : {});
  return json(202, result, { location: `/v1/rule-lab/replays/${result.id}` });
}

async function getReplay({ principal, path, query }: ApiRequest): Promise<ApiResult> {
  const unknown = Object.keys(query).filter((k) => k !== 'cursor');
  if (unknown.length > 0)
    throw new ApiError('INVALID_REQUEST', 'the only query parameter is cursor', {
      errors: unknown.map((k) => ({ pointer: `/${k}`, code: 'UNKNOWN_FIELD', detail: `unknown query parameter ${JSON.stringify(k.slice(0, 64))}` })),
    });
  const result = await readReplay(principal, pathParam(path, 'id') ?? '', positionOf(query.cursor), replayApiDeps());
  if (result.outcome === 'refused') throw new ApiError(result.code, result.detail);
  const { changes, ...view } = result.view;
  return json(200, { ...view, ...(changes ? { changes: { items: changes.items, ...(changes.next ? { cursor: encodeCursor(changes.next) } : {}) } } : {}) });
}

async function listReplaysRoute({ principal, query }: ApiRequest): Promise<ApiResult> {
  if (!seesRiskReasoning(principal)) throw new ApiError('FORBIDDEN', 'only customs and admin replay rulesets');
  const q = validRequest(ReplayListQuery, query);
  const after = positionOf(q.cursor);
  const page = await listReplays(principal, { limit: q.limit, ...(q.destinationCountry ? { destinationCountry: q.destinationCountry } : {}), ...(after ? { after } : {}) }, replayApiDeps());
  if ('code' in page) throw new ApiError(page.code, page.detail, 'errors' in page && page.errors ? { errors: page.errors } : {});
  return json(200, { items: page.items, ...(page.next ? { cursor: encodeCursor(page.next) } : {}) });
}

export const handler = apiHandler({
  'POST /v1/rulesets': { fn: create },
  'GET /v1/rulesets': { fn: list },
  'GET /v1/rulesets/{version}': { fn: read },
  'POST /v1/rulesets/{version}/activate': { fn: activate },
  'POST /v1/rulesets/{version}/deactivate': { fn: deactivate },
  'GET /v1/rule-performance': { fn: performance },
  'POST /v1/rule-lab/replays': { fn: createReplay },
  'GET /v1/rule-lab/replays': { fn: listReplaysRoute },
  'GET /v1/rule-lab/replays/{id}': { fn: getReplay },
});
