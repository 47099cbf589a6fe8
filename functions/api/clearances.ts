// api: officers' sanctions clearances (shared/parcels/clearances.ts). Customs see and revoke their own country's;
// admin any. A clearance this key may not see answers 404, like one that does not exist.
import * as z from 'zod';
import { type ClearanceRecord, ClearanceRequest, clearHit, getClearance, listClearances, revokeClearance, statusOf } from '#shared/parcels/clearances';
import { CountryCode } from '#shared/ead/schema';
import { type ApiRequest, type ApiResult, json, pathParam, readJsonBody, validRequest } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { clearanceDeps, currentList } from '#shared/wiring/risk';

const ListQuery = z.strictObject({ country: CountryCode.optional(), limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().max(1024).optional() });

/** A clearance as the API shows it: with its status against the list in use now. */
function view(r: ClearanceRecord) {
  const { fingerprint: _f, ...shown } = r;
  return { ...shown, status: statusOf(r, new Date().toISOString(), currentList().get().entryDigest) };
}

async function create({ principal, event }: ApiRequest): Promise<ApiResult> {
  const request = validRequest(ClearanceRequest, readJsonBody(event, 16 * 1024));
  const result = await clearHit(principal, request, clearanceDeps());
  if ('refused' in result) {
    if (result.refused === 'INVALID_REQUEST') throw new ApiError('INVALID_REQUEST', result.detail, { errors: [{ pointer: result.pointer ?? '', code: 'INVALID_VALUE', detail: result.detail }] });
    throw new ApiError(result.refused, result.detail);
  }
  return json(201, { clearances: result.clearances.map(view) });
}

async function list({ principal, query }: ApiRequest): Promise<ApiResult> {
  const q = validRequest(ListQuery, query);
  await currentList().refresh();
  const page = await listClearances(principal, q.country, q.limit, q.cursor, clearanceDeps());
  if ('refused' in page) throw new ApiError(page.refused, page.detail);
  return json(200, { items: page.items.map(view), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

const idOf = (path: ApiRequest['path']) => {
  const id = pathParam(path, 'id');
  if (id === undefined || !/^clr_[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ApiError('NOT_FOUND', 'no sanctions clearance with that id that this key may see');
  return id;
};

async function getOne({ principal, path }: ApiRequest): Promise<ApiResult> {
  const r = await getClearance(principal, idOf(path), clearanceDeps());
  if (!r) throw new ApiError('NOT_FOUND', 'no sanctions clearance with that id that this key may see');
  await currentList().refresh();
  return json(200, view(r));
}

async function revoke({ principal, path }: ApiRequest): Promise<ApiResult> {
  const r = await revokeClearance(principal, idOf(path), clearanceDeps());
  if (!r) throw new ApiError('NOT_FOUND', 'no sanctions clearance with that id that this key may see');
  return json(200, view(r));
}

export const clearanceRoutes = {
  'POST /v1/sanctions/clearances': { fn: create },
  'GET /v1/sanctions/clearances': { fn: list },
  'GET /v1/sanctions/clearances/{id}': { fn: getOne },
  'DELETE /v1/sanctions/clearances/{id}': { fn: revoke },
};
