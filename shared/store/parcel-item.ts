// A parcel's item in the parcels table, and the one function that reads an item back (the store, the period and
// replay readers and the reconciler's walk all decode through `decodeParcelItem`). Declaration, history, assessment
// and customs response are one compressed JSON document (`doc`, ./parcel-doc-codec.ts): an update costs 1 WRU per started KB of the
// larger of the old and new item, and the assessed example stays under 1 KB only so (docs/storage-and-cost.md).
// Conditions cannot look into the document: the history's length (`hn`), the status and the assessed version are
// attributes of their own; so is a parcel's recipient-index entry (`rf`, `ve`, and `fa` when it entered the index),
// which a replay reads of many parcels around a page without opening their documents (FACT_ATTRIBUTES). Items of the earlier layouts (a `decl` binary with history, assessment and response as
// attributes; or the declaration as a map) are still read, and rewritten in the new layout by the next write.
import type { Declaration } from '../ead/schema';
import type { CustomsResponse, HistoryEntry, Parcel, ParcelStatus, RecipientIndexEntry, StoredAssessment } from '../parcels/parcel';
import { ATTR, listingAttributes } from './parcel-table';
import { decodeDocument, encodeDocument } from './parcel-doc-codec';

/** What the compressed document holds. */
export type ParcelBody = Pick<Parcel, 'declaration' | 'history' | 'assessment' | 'customsResponse'>;

/** The attributes a decode reads (for projections): the parcel's own, its body in any layout, its recipient entry. */
export const DECODED_ATTRIBUTES: readonly string[] = [
  'itemId',
  'version',
  'status',
  'submittedBy',
  'receivedAt',
  'updatedAt',
  'declarationHash',
  ATTR.body,
  ATTR.recipientFp,
  ATTR.valueEur,
  // earlier layouts
  'decl',
  'declaration',
  'history',
  'assessment',
  'customsResponse',
];

/** What a replay reads of the parcels around a page: their recipient-index entries, no document (`indexFact`). */
export const FACT_ATTRIBUTES: readonly string[] = ['itemId', 'receivedAt', ATTR.recipientFp, ATTR.valueEur, ATTR.firstAssessedAt];

/** A time as the item keeps it beside the document: epoch ms (10 B) where that gives the same ISO string back. */
const storedTime = (iso: string): number | string => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
};
const timeOf = (v: unknown): string | undefined => (typeof v === 'number' ? new Date(v).toISOString() : typeof v === 'string' ? v : undefined);

/** The attributes of a parcel's recipient-index entry, as an assessment sets them: the entry, when it entered it. */
export function recipientAttributes(recipient: RecipientIndexEntry, enteredAt: string): Record<string, unknown> {
  return { [ATTR.recipientFp]: recipient.fingerprint, [ATTR.valueEur]: recipient.valueEur, [ATTR.firstAssessedAt]: storedTime(enteredAt) };
}

/** A parcel's recipient-index entry read from an item (or a projection of FACT_ATTRIBUTES). */
export interface IndexFact {
  itemId: string;
  receivedAt: string;
  recipientFp: string;
  valueEur: number;
  /** When it entered the index; undefined for an item assessed before `fa` was written (its history has it). */
  firstAssessedAt?: string;
}

/** The recipient-index entry of an item; undefined when it has none. */
export function indexFact(item: Record<string, unknown>): IndexFact | undefined {
  const fp = item[ATTR.recipientFp];
  if (typeof fp !== 'string') return undefined;
  const at = timeOf(item[ATTR.firstAssessedAt]);
  return { itemId: String(item.itemId), receivedAt: String(item.receivedAt), recipientFp: fp, valueEur: Number(item[ATTR.valueEur] ?? 0), ...(at ? { firstAssessedAt: at } : {}) };
}

/** Documents are compressed with a preset dictionary (./parcel-doc-codec.ts); those written before with brotli are still read. */
const compress = encodeDocument;
const decompress = decodeDocument;

/** The compressed document of a parcel (what an update sets as `doc`). */
export function encodeBody(p: ParcelBody): Uint8Array {
  return compress({ declaration: p.declaration, history: p.history, assessment: p.assessment, customsResponse: p.customsResponse });
}

/** A parcel's whole item, as a Put writes it: the parcel's scalars, its body compressed, its listing attributes. */
export function parcelItem(parcel: Parcel): Record<string, unknown> {
  const { declaration, history, assessment, customsResponse, ...scalars } = parcel;
  return {
    ...scalars,
    [ATTR.body]: encodeBody({ declaration, history, assessment, customsResponse }),
    [ATTR.historyLength]: history.length,
    ...listingAttributes({ ...parcel, originCountry: declaration.originCountry, destinationCountry: declaration.destinationCountry }),
  };
}

/** What a write adds to a parcel: history entries, and the assessment, response and status it replaces. */
export interface ParcelChange {
  history: HistoryEntry[];
  updatedAt: string;
  assessment?: StoredAssessment;
  customsResponse?: CustomsResponse;
}

const LEGACY = ['decl', 'declaration', 'history', 'assessment', 'customsResponse'];

/**
 * The parts of an UpdateItem that extend a parcel as read (`base`) by a change: the new document, the history's
 * length, `updatedAt`, on condition that the history is still as long as it was read (it only ever grows: an
 * amendment extends it too, so its length names the stored document). An item of an earlier layout is rewritten in
 * this one. The caller adds its own SET (`#status`, …), REMOVE and condition parts and values.
 */
export function extension(base: Parcel, change: ParcelChange) {
  const body = encodeBody({
    declaration: base.declaration,
    history: [...base.history, ...change.history],
    assessment: change.assessment ?? base.assessment,
    customsResponse: change.customsResponse ?? base.customsResponse,
  });
  return {
    set: '#doc = :doc, #hn = :hn2, updatedAt = :at',
    remove: LEGACY.map((_, i) => `#legacy${i}`).join(', '),
    condition: '(#hn = :hn OR (attribute_not_exists(#hn) AND size(#legacy2) = :hn))',
    names: { '#doc': ATTR.body, '#hn': ATTR.historyLength, ...Object.fromEntries(LEGACY.map((a, i) => [`#legacy${i}`, a])) },
    values: { ':doc': body, ':hn': base.history.length, ':hn2': base.history.length + change.history.length, ':at': change.updatedAt },
  };
}

/** The body of an item in any layout. */
function bodyOf(item: Record<string, unknown>): ParcelBody {
  const doc = item[ATTR.body];
  if (doc instanceof Uint8Array) return decompress(doc) as ParcelBody;
  const declaration = item.decl instanceof Uint8Array ? (decompress(item.decl) as Declaration) : (item.declaration as Declaration);
  return {
    declaration,
    history: (item.history as HistoryEntry[] | undefined) ?? [],
    ...(item.assessment ? { assessment: item.assessment as StoredAssessment } : {}),
    ...(item.customsResponse ? { customsResponse: item.customsResponse as CustomsResponse } : {}),
  };
}

/**
 * A stored item as the parcel it holds (table-only attributes dropped: the API shows the parcel, not its storage)
 * and its entry in the recipient index, if it has one. The item may be a projection of DECODED_ATTRIBUTES.
 */
export function decodeParcelItem(item: Record<string, unknown>): { parcel: Parcel; recipient?: RecipientIndexEntry } {
  const { declaration, history, assessment, customsResponse } = bodyOf(item);
  const parcel: Parcel = {
    itemId: item.itemId as string,
    version: item.version as number,
    status: item.status as ParcelStatus,
    submittedBy: item.submittedBy as string,
    receivedAt: item.receivedAt as string,
    updatedAt: item.updatedAt as string,
    declaration,
    declarationHash: item.declarationHash as string,
    ...(assessment ? { assessment } : {}),
    ...(customsResponse ? { customsResponse } : {}),
    history: history.every((h) => h.status) ? history : withStatuses(history),
  };
  const fp = item[ATTR.recipientFp];
  return typeof fp === 'string' ? { parcel, recipient: { fingerprint: fp, valueEur: Number(item[ATTR.valueEur] ?? 0) } } : { parcel };
}

/**
 * History entries stored before each entry recorded the parcel's status after it: the status is replayed (a receipt
 * awaits assessment, a response sets its code, an assessment changes nothing). Nothing is rewritten in the table.
 */
function withStatuses(history: HistoryEntry[]): HistoryEntry[] {
  let status: ParcelStatus = 'RECEIVED';
  return history.map((h) => {
    if (h.status) status = h.status;
    else if (h.type === 'parcel.received') status = 'RECEIVED';
    else if (h.type === 'customs.response.issued' && h.code) status = h.code;
    return h.status ? h : { ...h, status };
  });
}
