// Replay packs: the storage read a replay has to beat is one parcel item at a time (its request, its attribute
// parsing, its document's decompression). A closed day's parcels of one destination, as a replay reads them, are
// written by the day aggregator (./performance-aggregate.ts) into a few compressed objects of up to PACK_PARCELS
// parcels each (S3 in AWS, a directory locally), with a manifest naming them; a replay plans a closed day that is
// wholly in its period and whose pack is fresh as one page per object, and reads each with one GET. Fresh means what
// it means for the day aggregates: the day was walked, and every mark of a later write to one of its parcels
// (./performance-days.ts) is older than the pack. A day not packed, or marked since, is read parcel by parcel as
// before; a pack the aggregator replaced while a replay was reading it is read parcel by parcel over the same range.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type ReplaySource, historyFactOf } from './replay-parcel';
import { positionOf, positionTime } from './positions';
import type { HistoryFact } from './replay-history';
import { type DayState, LOOKBACK_DAYS, dayEnd, dayOf, dayStart, nextDay } from './performance-days';

/** Objects by key (S3 in AWS, a directory locally). */
export interface PackBlobs {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** Pack objects expire (S3 lifecycle) after the aggregator's lookback and a margin: older days are not packed again. */
export const REPLAY_PACK_DAYS = LOOKBACK_DAYS + 2;
/** The history entries a replay reads (./replay-parcel.ts: the version judged, amendments, outcomes, first assessment), and of each what it reads. */
const REPLAYED_ENTRIES = new Set<string>(['parcel.received', 'parcel.assessed', 'parcel.rejected', 'parcel.inspected']);

/**
 * A parcel as a pack holds it: what a replay reads of it and no more (fewer bytes to decode per parcel). The history
 * keeps the entries a replay looks at, each with its time, type, version and inspection result; the assessment's
 * hits their rule, points and criticality (their messages and evidence are not compared).
 */
export function packedSource(p: ReplaySource): ReplaySource {
  const history = p.history.filter((h) => REPLAYED_ENTRIES.has(h.type)).map(({ at, type, version, result }) => ({ at, type, version, ...(result ? { result } : {}) }));
  const a = p.assessment;
  const assessment = a && { ...a, hits: a.hits.map(({ ruleId, points, critical }) => ({ ruleId, points, critical })) };
  return { ...p, history, ...(assessment ? { assessment } : {}) } as unknown as ReplaySource;
}

/** Parcels per pack object: one replay page (about 6 MB of JSON at most; 42 B a parcel compressed on the bench's traffic, more on varied traffic). */
export const PACK_PARCELS = 5000;
/** Objects per pack at most (one plan step queues them all): 5 million parcels of a destination in a day. */
export const MAX_PACK_PARTS = 1000;

/**
 * One object of a pack: its parcels' positions (list keys) run from `first` to `last`, in order. Beside it, at
 * `factsKey(key)`, the recipient-index facts of its parcels that have one: what a page after it reads of it.
 */
export interface PackPart {
  key: string;
  count: number;
  first: string;
  last: string;
}

export interface PackManifest {
  destinationCountry: string;
  day: string;
  /** When the pack's read of the parcels began: it holds every write that landed before. */
  coveredAt: string;
  parts: PackPart[];
}

const COUNTRY = /^[A-Z]{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayPrefix = (destinationCountry: string, day: string): string => {
  if (!COUNTRY.test(destinationCountry) || !DAY.test(day)) throw new Error('not a pack of a country and a day');
  return `packs/${destinationCountry}/${day}/`;
};
/** Where a destination's packs are: a replay reads no object outside its destination's. */
export const destinationPrefix = (destinationCountry: string): string => `packs/${destinationCountry}/`;
const manifestKey = (destinationCountry: string, day: string) => `${dayPrefix(destinationCountry, day)}manifest.json`;
const partKey = (destinationCountry: string, day: string, coveredAt: string, n: number) =>
  `${dayPrefix(destinationCountry, day)}${coveredAt.replace(/[^0-9TZ]/g, '')}/${String(n).padStart(4, '0')}.json.deflate`;

export const factsKey = (partKey: string): string => partKey.replace(/\.json\.deflate$/, '.facts.json.deflate');
const encode = (value: unknown): Uint8Array => deflateRawSync(JSON.stringify(value), { level: 6 });
const decode = <T>(bytes: Uint8Array): T => JSON.parse(inflateRawSync(bytes).toString('utf8')) as T;
export const encodePart = (sources: readonly ReplaySource[]): Uint8Array => encode(sources.map(packedSource));
export const decodePart = (bytes: Uint8Array): ReplaySource[] => decode<ReplaySource[]>(bytes);

export async function readManifest(blobs: PackBlobs, destinationCountry: string, day: string): Promise<PackManifest | undefined> {
  const bytes = await blobs.get(manifestKey(destinationCountry, day));
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as PackManifest) : undefined;
}

/** A pack object's parcels; undefined when it is gone (replaced by a newer pack of its day). */
export async function readPart(blobs: PackBlobs, key: string): Promise<ReplaySource[] | undefined> {
  const bytes = await blobs.get(key);
  return bytes ? decodePart(bytes) : undefined;
}

/**
 * The pack that stands for a destination's parcels of a day, if one does: the day walked and its pack newer than
 * every mark of the destination; or, for a destination without a pack on a day whose walk packed every destination
 * with parcels, an empty one. Undefined: the day is read parcel by parcel.
 */
export function freshPack(state: DayState | undefined, manifest: PackManifest | undefined, destinationCountry: string, day: string): PackManifest | undefined {
  if (!state?.walkedAt) return undefined;
  const until = state.marks[destinationCountry];
  if (!manifest) return state.packed && until === undefined ? { destinationCountry, day, coveredAt: state.walkedAt, parts: [] } : undefined;
  return until === undefined || manifest.coveredAt > until ? manifest : undefined;
}

/** What packing reads: the destination's positions in a period, and the parcels as a replay reads them. */
export interface PackSource {
  periodPage(destinationCountry: string, from: string, to: string, after: string | undefined, limit: number): Promise<{ items: { itemId: string; position: string }[]; next?: string }>;
  parcels(itemIds: string[]): Promise<ReplaySource[]>;
}

const byPosition = (a: ReplaySource, b: ReplaySource) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/**
 * Packs a destination's parcels of a closed day as they are stored now (`coveredAt`: when this read begins), then
 * points the manifest at it and deletes the pack it replaces. Undefined (nothing written) for a day too large.
 */
export async function packDay(
  source: PackSource,
  blobs: PackBlobs,
  destinationCountry: string,
  day: string,
  coveredAt: string,
  parcelsPerPart = PACK_PARCELS,
  maxParts = MAX_PACK_PARTS,
): Promise<PackManifest | undefined> {
  const previous = await readManifest(blobs, destinationCountry, day);
  const parts: PackPart[] = [];
  let after: string | undefined;
  do {
    const page = await source.periodPage(destinationCountry, dayStart(day), dayEnd(day), after, parcelsPerPart);
    if (page.items.length > 0) {
      if (parts.length === maxParts) {
        await blobs.delete(parts.flatMap((p) => [p.key, factsKey(p.key)]));
        return undefined;
      }
      const sources = (await source.parcels(page.items.map((k) => k.itemId))).sort(byPosition);
      const key = partKey(destinationCountry, day, coveredAt, parts.length);
      await blobs.put(key, encodePart(sources));
      await blobs.put(factsKey(key), encode(sources.flatMap((p) => historyFactOf(p) ?? [])));
      parts.push({ key, count: sources.length, first: page.items[0]!.position, last: page.items.at(-1)!.position });
    }
    after = page.next;
  } while (after);
  const manifest: PackManifest = { destinationCountry, day, coveredAt, parts };
  await blobs.put(manifestKey(destinationCountry, day), Buffer.from(JSON.stringify(manifest)));
  const kept = new Set(parts.flatMap((p) => [p.key, factsKey(p.key)]));
  const replaced = (previous?.parts ?? []).flatMap((p) => [p.key, factsKey(p.key)]).filter((k) => !kept.has(k));
  if (replaced.length > 0) await blobs.delete(replaced);
  return manifest;
}

/**
 * The recipient-index facts of the destination's parcels received from `from` on and placed before `before` (a
 * position), from the packs of the days between: undefined unless every one of those days is packed fresh (then the
 * page reads them from the index instead). A pack object holds every parcel of its range, so its facts object holds
 * every fact of it.
 */
export async function packedFactsBefore(
  blobs: PackBlobs,
  days: { states(days: readonly string[]): Promise<Map<string, DayState>> },
  destinationCountry: string,
  from: string,
  before: string,
): Promise<HistoryFact[] | undefined> {
  const spanned: string[] = [];
  for (let day = dayOf(from); day <= dayOf(positionTime(before)); day = nextDay(day)) spanned.push(day);
  const states = await days.states(spanned);
  const manifests = await Promise.all(spanned.map(async (day) => freshPack(states.get(day), await readManifest(blobs, destinationCountry, day), destinationCountry, day)));
  if (manifests.some((m) => !m)) return undefined;
  const fromPosition = positionOf(from, '');
  const parts = manifests.flatMap((m) => m!.parts).filter((p) => p.first < before && p.last >= fromPosition);
  const objects = await Promise.all(parts.map((p) => blobs.get(factsKey(p.key))));
  if (objects.some((o) => o === undefined)) return undefined;
  return objects.flatMap((o) => decode<HistoryFact[]>(o!)).filter((f) => f.receivedAt >= from && positionOf(f.receivedAt, f.itemId) < before);
}
