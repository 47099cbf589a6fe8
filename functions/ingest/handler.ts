// ingest: POST /v1/parcels and POST /v1/parcel-batches. Validates, stores the received version and queues it;
// the assessment happens in `process`, so this answers fast.
import { type Principal, maySubmit } from '../../shared/auth/principal';
import { type ApiRequest, type ApiResult, apiHandler, json, readJsonBody } from '../../shared/http/api';
import { ApiError } from '../../shared/http/problems';
import { type SubmitResult, submitDeclarations } from '../../shared/parcels/submit';
import { audienceOf, parcelView } from '../../shared/parcels/view';
import { checkEngine, ingestDeps } from '../../shared/wiring';
import { checkDeclaration } from '../../shared/parcels/check';

/** CONTRACT section 2 and 3. */
export const MAX_DECLARATION_BYTES = 64 * 1024;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
export const MAX_BATCH_PARCELS = 500;

function mustSubmit(p: Principal): void {
  if (!maySubmit(p)) throw new ApiError('FORBIDDEN', `a ${p.role} key may not submit declarations`);
}

const asProblem = (r: Extract<SubmitResult, { outcome: 'refused' }>) =>
  new ApiError(r.code, 'detail' in r ? r.detail : `${r.errors.length} error(s) in the declaration`, 'errors' in r ? { errors: r.errors } : {});

async function submitOne(req: ApiRequest): Promise<ApiResult> {
  mustSubmit(req.principal);
  const body = readJsonBody(req.event, MAX_DECLARATION_BYTES);
  const [result] = await submitDeclarations([body], req.principal, ingestDeps());
  if (result!.outcome === 'refused') throw asProblem(result!);
  const { parcel } = result!;
  const self = `/v1/parcels/${parcel.itemId}`;
  if (result!.outcome === 'unchanged') return json(200, parcelView(parcel, audienceOf(req.principal)), { location: self });
  return json(202, { itemId: parcel.itemId, version: parcel.version, status: parcel.status, receivedAt: parcel.receivedAt, links: { self } }, { location: self });
}

async function submitBatch(req: ApiRequest): Promise<ApiResult> {
  mustSubmit(req.principal);
  const body = readJsonBody(req.event, MAX_BATCH_BYTES) as { parcels?: unknown };
  const parcels = body && typeof body === 'object' && !Array.isArray(body) ? body.parcels : undefined;
  const extra = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).filter((k) => k !== 'parcels') : [];
  if (!Array.isArray(parcels) || parcels.length === 0 || parcels.length > MAX_BATCH_PARCELS || extra.length > 0) {
    throw new ApiError('INVALID_REQUEST', `the body must be { "parcels": [ 1 to ${MAX_BATCH_PARCELS} declarations ] }`);
  }
  const tooLarge = parcels.map((p, index) => ({ index, bytes: Buffer.byteLength(JSON.stringify(p) ?? '', 'utf8') })).filter((x) => x.bytes > MAX_DECLARATION_BYTES);
  const tooLargeIdx = new Set(tooLarge.map((x) => x.index));
  const results = await submitDeclarations(
    (parcels as unknown[]).map((p, i) => (tooLargeIdx.has(i) ? null : p)),
    req.principal,
    ingestDeps(),
  );
  // CONTRACT section 3: 202, as for one parcel; each result says what became of its parcel.
  return json(202, {
    results: results.map((r) => {
      if (tooLargeIdx.has(r.index))
        return {
          index: r.index,
          status: 'REJECTED',
          code: 'PAYLOAD_TOO_LARGE',
          errors: [{ pointer: `/parcels/${r.index}`, code: 'TOO_LONG', detail: `a declaration is at most ${MAX_DECLARATION_BYTES} bytes of JSON` }],
          errorCount: 1,
        };
      if (r.outcome === 'refused') {
        const problem = asProblem(r);
        return { index: r.index, status: 'REJECTED', code: problem.code, detail: problem.detail, errors: problem.extra.errors ?? [], errorCount: problem.extra.errorCount ?? 0 };
      }
      return { index: r.index, itemId: r.parcel.itemId, status: r.parcel.status, version: r.parcel.version, unchanged: r.outcome === 'unchanged' || undefined };
    }),
  });
}

/** Validation and the data-quality rules, nothing stored: what an information request would say. */
async function check(req: ApiRequest): Promise<ApiResult> {
  mustSubmit(req.principal);
  return json(200, checkDeclaration(readJsonBody(req.event, MAX_DECLARATION_BYTES), checkEngine(), new Date().toISOString()));
}

export const handler = apiHandler({
  'POST /v1/parcels': { fn: submitOne },
  'POST /v1/declarations/check': { fn: check },
  'POST /v1/parcel-batches': { fn: submitBatch },
});
