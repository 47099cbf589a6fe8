// Submitting declarations (CONTRACT section 3): validate, apply the ownership and amendment rules,
// store the received version, queue it for assessment. Pure of AWS: the store and queue are ports.
import { type Principal, isIssuingPost, submitterOf } from '../auth/principal';
import { validateDeclaration } from '../ead/validate';
import type { ValidationError } from '../ead/errors';
import { type Clock, mapLimit } from '../util';
import type { AssessMessage } from './messages';
import { type Parcel, WriteConflict, decideSubmission, declarationHash, receivedParcel } from './parcel';

export interface SubmitPorts {
  store: {
    get(itemId: string): Promise<Parcel | undefined>;
    /** Throws WriteConflict when the stored parcel changed since it was read. */
    putReceived(parcel: Parcel, previous?: Parcel): Promise<void>;
  };
  /** Queues messages; returns the itemIds that could not be queued. */
  enqueue(messages: AssessMessage[]): Promise<string[]>;
  now: Clock;
  /** Destination countries this deployment serves; undefined serves all. */
  servedDestinations?: ReadonlySet<string>;
  /** Told of an unexpected failure of one declaration (to log it); the declaration is answered SUBMISSION_FAILED. */
  onError?(itemId: string, err: unknown): void;
}

export type SubmitRefusal = 'ITEM_ID_TAKEN' | 'FINAL_DECISION_TAKEN' | 'ROUTE_CHANGED' | 'DESTINATION_NOT_SERVED' | 'CONCURRENT_UPDATE' | 'QUEUE_UNAVAILABLE' | 'SUBMISSION_FAILED';

export type SubmitResult =
  | { index: number; outcome: 'accepted'; parcel: Parcel } // 202: new version queued
  | { index: number; outcome: 'unchanged'; parcel: Parcel } // 200: identical declaration
  | { index: number; outcome: 'refused'; code: 'INVALID_DECLARATION'; errors: ValidationError[] }
  | { index: number; outcome: 'refused'; code: SubmitRefusal; detail: string };

const refusalDetail = (code: 'ITEM_ID_TAKEN' | 'FINAL_DECISION_TAKEN' | 'ROUTE_CHANGED', itemId: string, existing: Parcel | undefined): string => {
  switch (code) {
    // Names nobody, and says no more than that the identifier is not this key's to declare.
    case 'ITEM_ID_TAKEN':
      return `${itemId} cannot be declared with this key`;
    case 'FINAL_DECISION_TAKEN':
      return `${itemId} is ${existing!.status}: no amendment is accepted after a final decision`;
    case 'ROUTE_CHANGED':
      return `an amendment of ${itemId} may not change originCountry or destinationCountry (declared ${existing!.declaration.originCountry} to ${existing!.declaration.destinationCountry})`;
  }
};

/** Queues the stored versions and answers them: accepted, or QUEUE_UNAVAILABLE for whatever could not be queued. */
async function queueStored(toQueue: { index: number; parcel: Parcel }[], answers: (SubmitResult | undefined)[], ports: SubmitPorts): Promise<void> {
  let failed: Set<string>;
  try {
    failed = new Set(toQueue.length > 0 ? await ports.enqueue(toQueue.map(({ parcel }) => ({ itemId: parcel.itemId, version: parcel.version, digest: parcel.declarationHash }))) : []);
  } catch (err) {
    ports.onError?.('(queue)', err);
    failed = new Set(toQueue.map(({ parcel }) => parcel.itemId));
  }
  for (const { index, parcel } of toQueue) {
    // Whatever could not be queued is answered so, an identical resubmission too: a 200 would tell the filer it is
    // done while the version waits for an assessment nothing will start.
    if (failed.has(parcel.itemId)) answers[index] = { index, outcome: 'refused', code: 'QUEUE_UNAVAILABLE', detail: `${parcel.itemId} is stored but could not be queued; send it again` };
    else answers[index] ??= { index, outcome: 'accepted', parcel }; // an identical resubmission keeps its 200 answer
  }
}

/** Submits declarations; each stands or falls alone. Declarations of one itemId are taken in order. */
export async function submitDeclarations(inputs: unknown[], principal: Principal, ports: SubmitPorts): Promise<SubmitResult[]> {
  const submittedBy = submitterOf(principal);
  const chains = new Map<string, Promise<unknown>>();
  const toQueue: { index: number; parcel: Parcel }[] = [];

  const stored = await mapLimit(inputs, 16, async (input, index): Promise<SubmitResult | undefined> => {
    const v = validateDeclaration(input);
    if (!v.ok) return { index, outcome: 'refused', code: 'INVALID_DECLARATION', errors: v.errors };
    const d = v.declaration;
    if (ports.servedDestinations && !ports.servedDestinations.has(d.destinationCountry)) {
      return { index, outcome: 'refused', code: 'DESTINATION_NOT_SERVED', detail: `destination ${d.destinationCountry} is served by another region's deployment` };
    }
    const submitter = { id: submittedBy, issuingPost: isIssuingPost(principal, d.itemId) };
    const run = async (): Promise<SubmitResult | undefined> => {
      const hash = declarationHash(d);
      // Most itemIds are new: the first attempt stores version 1 without reading (the write's condition says
      // whether it was new); only when it was not is the stored parcel read and the submission decided on it.
      for (let attempt = 0; attempt < 4; attempt++) {
        const existing = attempt === 0 ? undefined : await ports.store.get(d.itemId);
        const decision = decideSubmission(existing, submitter, d, hash);
        if (decision.kind === 'refused') return { index, outcome: 'refused', code: decision.code, detail: refusalDetail(decision.code, d.itemId, existing) };
        if (decision.kind === 'identical') {
          // Not yet assessed: queue it again, in case an earlier attempt stored it but could not queue it.
          if (decision.parcel.version > (decision.parcel.assessment?.version ?? 0)) toQueue.push({ index, parcel: decision.parcel });
          return { index, outcome: 'unchanged', parcel: decision.parcel };
        }
        const previous = decision.kind === 'amendment' ? decision.previous : undefined;
        const parcel = receivedParcel(d, submittedBy, hash, ports.now().toISOString(), previous);
        try {
          await ports.store.putReceived(parcel, previous);
        } catch (err) {
          if (err instanceof WriteConflict) continue;
          throw err;
        }
        toQueue.push({ index, parcel });
        return undefined; // answered once queued
      }
      return { index, outcome: 'refused', code: 'CONCURRENT_UPDATE', detail: `${d.itemId} changed while this declaration was stored; send it again` };
    };
    // Whatever fails for one declaration fails it alone: the others are still queued and answered. A write that
    // failed may still have been made, so the answer says to send it again (an identical declaration queues it).
    const guarded = (): Promise<SubmitResult | undefined> =>
      run().catch((err: unknown) => {
        ports.onError?.(d.itemId, err);
        return { index, outcome: 'refused', code: 'SUBMISSION_FAILED', detail: `${d.itemId} could not be stored; send it again` };
      });
    const prior = chains.get(d.itemId) ?? Promise.resolve();
    const mine = prior.then(guarded, guarded);
    chains.set(d.itemId, mine);
    return mine;
  });

  await queueStored(toQueue, stored, ports);
  // Every index was answered above or stored and queued just now.
  return stored as SubmitResult[];
}
