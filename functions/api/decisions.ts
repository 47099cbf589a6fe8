// api: officers' decisions on referred parcels and the outcomes of their inspections (shared/parcels/decisions.ts,
// outcomes.ts). The use cases decide who may; this file only reads the request and writes the answer.
import { type ApiRequest, type ApiResult, json, parcelItemId, readJsonBody, validRequest } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { DecisionRequest, recordDecision } from '#shared/parcels/decisions';
import { OutcomeRequest, recordOutcome } from '#shared/parcels/outcomes';
import { decisionDeps } from '#shared/wiring/assess';

async function decide({ principal, path, event }: ApiRequest): Promise<ApiResult> {
  const itemId = parcelItemId(path);
  const request = validRequest(DecisionRequest, readJsonBody(event, 16 * 1024));
  const result = await recordDecision(principal, itemId, request, decisionDeps());
  if (result.outcome === 'refused') throw new ApiError(result.code, result.detail);
  return json(result.outcome === 'recorded' ? 201 : 200, result.customsResponse);
}

async function outcome({ principal, path, event }: ApiRequest): Promise<ApiResult> {
  const itemId = parcelItemId(path);
  const request = validRequest(OutcomeRequest, readJsonBody(event, 16 * 1024));
  const result = await recordOutcome(principal, itemId, request, decisionDeps());
  if (result.outcome === 'refused') throw new ApiError(result.code, result.detail);
  return json(201, result.recorded);
}

export const decisionRoutes = {
  'POST /v1/parcels/{itemId}/decisions': { fn: decide },
  'POST /v1/parcels/{itemId}/outcomes': { fn: outcome },
};
