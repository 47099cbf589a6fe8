// api: reading parcels, key management, health and the OpenAPI document; officers' decisions and outcomes
// (./decisions.ts) and sanctions clearances (./clearances.ts).
import * as z from 'zod';
import { type KeyRefusal, createApiKey, revokeApiKey } from '#shared/auth/api-keys';
import { ApiKeyRequest, mayManageKeys, maySee, seesRiskReasoning } from '#shared/auth/principal';
import { RULE_IDS } from '#shared/risk/types';
import { CountryCode } from '#shared/ead/schema';
import { openApiDocument } from '#shared/api/openapi';
import { type ApiRequest, type ApiResult, apiHandler, json, parcelItemId, pathParam, readJsonBody, validRequest } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { decodeCursor, listParcels } from '#shared/parcels/list';
import { scopeOf } from '#shared/parcels/parcel';
import { audienceOf, parcelView } from '#shared/parcels/view';
import { CUSTOMS_RESPONSE_CODES } from '#shared/risk/response';
import { apiKeyDeps } from '#shared/wiring/api-keys';
import { parcelStore } from '#shared/wiring/parcels';
import { clearanceRoutes } from './clearances';
import { decisionRoutes } from './decisions';

const ListQuery = z.strictObject({
  status: z.enum(['RECEIVED', ...CUSTOMS_RESPONSE_CODES]).optional(),
  destinationCountry: CountryCode.optional(),
  originCountry: CountryCode.optional(),
  ruleId: z.enum(RULE_IDS).optional(),
  receivedFrom: z.iso.datetime({ offset: true }).optional(),
  receivedTo: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
  includeDeclaration: z.enum(['true', 'false']).optional(),
});

async function getParcel({ principal, path }: ApiRequest): Promise<ApiResult> {
  const itemId = parcelItemId(path);
  const parcel = await parcelStore().get(itemId);
  const visible = parcel && maySee(principal, scopeOf(parcel));
  if (!visible) throw new ApiError('NOT_FOUND', `no parcel ${itemId} that this key may see`);
  return json(200, parcelView(parcel, audienceOf(principal)));
}

async function list({ principal, query }: ApiRequest): Promise<ApiResult> {
  const q = validRequest(ListQuery, query);
  const before = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  if (q.cursor !== undefined && before === undefined) throw new ApiError('INVALID_CURSOR', 'use the cursor of a previous page as it was given');
  if (q.ruleId && !seesRiskReasoning(principal)) throw new ApiError('FORBIDDEN', 'only customs and admin filter by rule: the rules that fired are theirs to see');
  const iso = (t: string | undefined) => t && new Date(t).toISOString();
  const filters = { status: q.status, destinationCountry: q.destinationCountry, originCountry: q.originCountry, ruleId: q.ruleId, receivedFrom: iso(q.receivedFrom), receivedTo: iso(q.receivedTo) };
  const page = await listParcels(parcelStore(), principal, filters, q.limit, before);
  return json(200, { items: page.items.map((p) => parcelView(p, audienceOf(principal), { declaration: q.includeDeclaration !== 'false' })), cursor: page.cursor });
}

const refused = (r: KeyRefusal) => new ApiError(r.refused, r.detail);

async function createKey({ principal, event }: ApiRequest): Promise<ApiResult> {
  if (!mayManageKeys(principal)) throw new ApiError('FORBIDDEN', 'only admin keys manage API keys');
  const request = validRequest(ApiKeyRequest, readJsonBody(event, 16 * 1024));
  const created = await createApiKey(principal, request, apiKeyDeps());
  if ('refused' in created) throw refused(created);
  return json(201, { id: created.id, key: created.key, ...request, createdAt: created.createdAt }, { location: `/v1/admin/api-keys/${created.id}` });
}

async function revokeKey({ principal, path }: ApiRequest): Promise<ApiResult> {
  const result = await revokeApiKey(principal, pathParam(path, 'id'), apiKeyDeps());
  if ('refused' in result) throw refused(result);
  return { statusCode: 204 };
}

/** Who this key is: what the console (or any client) needs to know to show the right pages. */
async function whoami({ principal }: ApiRequest): Promise<ApiResult> {
  const { keyId, role, tenantId, country } = principal;
  return json(200, { keyId, role, ...(tenantId ? { tenantId } : {}), ...(country ? { country } : {}) });
}

export const handler = apiHandler({
  'GET /v1/whoami': { fn: whoami },
  'GET /health': { public: true, fn: async () => json(200, { status: 'ok' }) },
  'GET /v1/openapi.json': { public: true, fn: async () => json(200, openApiDocument()) },
  'GET /v1/parcels/{itemId}': { fn: getParcel },
  'GET /v1/parcels': { fn: list },
  'POST /v1/admin/api-keys': { fn: createKey },
  'DELETE /v1/admin/api-keys/{id}': { fn: revokeKey },
  ...decisionRoutes,
  ...clearanceRoutes,
});
