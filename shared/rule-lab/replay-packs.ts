// Replay packs: the storage read a replay has to beat is one parcel item at a time (its request, its attribute
// parsing, its document's decompression). A closed day's parcels of one destination, as a replay reads them, are
// written by the day aggregator (./performance-aggregate.ts) into a few compressed objects of up to PACK_PARCELS
// parcels each (S3 in AWS, a directory locally), with a manifest naming them; a replay plans a closed day that is
// wholly in its period and whose pack is fresh as one page per object, and reads each with one GET. Fresh means what
// it means for the day aggregates: the day was walked, and every mark of a later write to one of its parcels
// (./performance-days.ts) is older than the pack. A day not packed, or marked since, is read parcel by parcel as
// before; a pack the aggregator replaced while a replay was reading it is read parcel by parcel over the same range.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ReplaySource } from './replay-parcel';
import { type DayState, LOOKBACK_DAYS, dayEnd, dayStart } from './performance-days';

/** Objects by key (S3 in AWS, a directory locally). */
export interface PackBlobs {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** Pack objects expire (S3 lifecycle) after the aggregator's lookback and a margin: older days are not packed again. */
export const REPLAY_PACK_DAYS = LOOKBACK_DAYS + 2;
/** Parcels per pack object: one replay page (a few MB of JSON at most, about 300 B a parcel compressed). */
export const PACK_PARCELS = 5000;
/** Objects per pack at most (one plan step queues them all): 5 million parcels of a destination in a day. */
export const MAX_PACK_PARTS = 1000;

/** One object of a pack: its parcels' positions (list keys) run from `first` to `last`, in order. */
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

export const encodePart = (sources: readonly ReplaySource[]): Uint8Array => deflateRawSync(JSON.stringify(sources), { level: 6 });
export const decodePart = (bytes: Uint8Array): ReplaySource[] => JSON.parse(inflateRawSync(bytes).toString('utf8')) as ReplaySource[];

export async function readManifest(blobs: PackBlobs, destinationCountry: string, day: string): Promise<PackManifest | undefined> {
  const bytes = await blobs.get(manifestKey(destinationCountry, day));
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as PackManifest) : undefined;
}

/** A pack object's parcels; undefined when it is gone (replaced by a newer pack of its day). */
export async function readPart(blobs: PackBlobs, key: string): Promise<ReplaySource[] | undefined> {
  const bytes = await blobs.get(key);
  return bytes ? decodePart(bytes) : undefined;
}

/** Whether a day's pack stands for the destination's parcels of that day: walked, and newer than every mark. */
export function isFreshPack(state: DayState | undefined, manifest: PackManifest | undefined): manifest is PackManifest {
  if (!state?.walkedAt || !manifest) return false;
  const until = state.marks[manifest.destinationCountry];
  return until === undefined || manifest.coveredAt > until;
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
export async function packDay(source: PackSource, blobs: PackBlobs, destinationCountry: string, day: string, coveredAt: string, parcelsPerPart = PACK_PARCELS): Promise<PackManifest | undefined> {
  const previous = await readManifest(blobs, destinationCountry, day);
  const parts: PackPart[] = [];
  let after: string | undefined;
  do {
    const page = await source.periodPage(destinationCountry, dayStart(day), dayEnd(day), after, parcelsPerPart);
    if (page.items.length > 0) {
      if (parts.length === MAX_PACK_PARTS) {
        await blobs.delete(parts.map((p) => p.key));
        return undefined;
      }
      const sources = (await source.parcels(page.items.map((k) => k.itemId))).sort(byPosition);
      const key = partKey(destinationCountry, day, coveredAt, parts.length);
      await blobs.put(key, encodePart(sources));
      parts.push({ key, count: sources.length, first: page.items[0]!.position, last: page.items.at(-1)!.position });
    }
    after = page.next;
  } while (after);
  const manifest: PackManifest = { destinationCountry, day, coveredAt, parts };
  await blobs.put(manifestKey(destinationCountry, day), Buffer.from(JSON.stringify(manifest)));
  const kept = new Set(parts.map((p) => p.key));
  const replaced = (previous?.parts ?? []).map((p) => p.key).filter((k) => !kept.has(k));
  if (replaced.length > 0) await blobs.delete(replaced);
  return manifest;
}
