// ingest: POST /v1/parcels and POST /v1/parcel-batches. Validates, stores the received version and queues it;
// the assessment happens in `assess`, so this answers fast.
import { type Principal, maySubmit } from '#shared/auth/principal';
import { type ApiRequest, type ApiResult, apiHandler, json, readJsonBody } from '#shared/http/api';
import { ApiError } from '#shared/http/problems';
import { BATCH_ENVELOPE_DETAIL, MAX_BATCH_BYTES, MAX_DECLARATION_BYTES, readBatch } from '#shared/parcels/batch';
import { type SubmitResult, submitDeclarations } from '#shared/parcels/submit';
import { audienceOf, parcelView } from '#shared/parcels/view';
import { checkEngine } from '#shared/wiring/risk';
import { ingestDeps } from '#shared/wiring/parcels';
import { checkDeclaration } from '#shared/parcels/check';

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
  const entries = readBatch(readJsonBody(req.event, MAX_BATCH_BYTES));
  if (!entries) throw new ApiError('INVALID_REQUEST', BATCH_ENVELOPE_DETAIL);
  const tooLarge = new Map(entries.flatMap((e) => ('tooLarge' in e ? [[e.index, e.tooLarge] as const] : [])));
  const results = await submitDeclarations(
    entries.map((e) => ('declaration' in e ? e.declaration : null)),
    req.principal,
    ingestDeps(),
  );
  // CONTRACT section 3: 202, as for one parcel; each result says what became of its parcel.
  return json(202, {
    results: results.map((r) => {
      const large = tooLarge.get(r.index);
      if (large) return { index: r.index, status: 'REJECTED', code: 'PAYLOAD_TOO_LARGE', errors: [large], errorCount: 1 };
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
