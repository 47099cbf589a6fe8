// The parcels table's keys and indexes, shared by the topology (which creates them) and the store (which alone
// builds and queries them). Every index is KEYS_ONLY or nearly: an entry costs 1 WRU when it is written, so the
// attributes that place an item in an index are written only where a listing needs them (sparse).
import { createHash } from 'node:crypto';
import type { TableDef } from '../topology-types';
import type { Principal } from '../auth/principal';
import { submitterOf } from '../auth/principal';

/** Admin listing spreads over a few partitions so one partition never takes every write. */
export const ALL_SHARDS = 4;
const shardNumber = (itemId: string, shards: number): number => createHash('sha1').update(itemId).digest()[0]! % shards;
export const shardOf = (itemId: string): string => `all#${shardNumber(itemId, ALL_SHARDS)}`;
/** Versions awaiting their assessment, for the reconciler: a sparse index, spread the same way. */
export const PENDING_SHARDS = 4;
export const PENDING_SHARD_KEYS: readonly string[] = Array.from({ length: PENDING_SHARDS }, (_, n) => `pending#${n}`);
export const pendingShardOf = (itemId: string): string => PENDING_SHARD_KEYS[shardNumber(itemId, PENDING_SHARDS)]!;
/** Newest first by first receipt; the itemId breaks ties. */
export const listKey = (receivedAt: string, itemId: string): string => `${receivedAt}#${itemId}`;

const S = 'S' as const;
/**
 * The item's table-only attributes, by short names: a write costs 1 WRU per started KB of the item, names included,
 * and the assessed item of the example stays under 1 KB only with them (docs/storage-and-cost.md).
 */
export const ATTR = {
  /** receivedAt#itemId: the sort key of every listing index. */
  listKey: 'lk',
  allShard: 'sh',
  originCountry: 'oc',
  destinationCountry: 'dc',
  listSubmitter: 'ls',
  recipientFp: 'rf',
  valueEur: 've',
  /**
   * Beside `rf` and `ve`: when the parcel entered the recipient index (its first assessment), so that a replay reads
   * the index facts of the parcels around a page without opening their documents (epoch ms: 10 B of the item).
   */
  firstAssessedAt: 'fa',
  assessedVersion: 'av',
  pendingShard: 'ps',
  pendingSince: 'pt',
  /** The history's length (the body is opaque to a condition). */
  historyLength: 'hn',
  /** Declaration, history, assessment and customs response as one compressed JSON document (./parcel-doc-codec.ts: deflate with a preset dictionary; brotli in older items). */
  body: 'doc',
} as const;

export const PARCEL_INDEXES = {
  // Sparse: `listSubmitter` is left out where the submitter's listing gets the parcel from another index anyway
  // (a post declaring a parcel from or to its own country: the post lists origin, destination and submitter).
  bySubmitter: { name: 'bySubmitter', partitionKey: { name: ATTR.listSubmitter, type: S }, sortKey: { name: ATTR.listKey, type: S } },
  byOrigin: { name: 'byOrigin', partitionKey: { name: ATTR.originCountry, type: S }, sortKey: { name: ATTR.listKey, type: S } },
  byDestination: { name: 'byDestination', partitionKey: { name: ATTR.destinationCountry, type: S }, sortKey: { name: ATTR.listKey, type: S } },
  byAll: { name: 'byAll', partitionKey: { name: ATTR.allShard, type: S }, sortKey: { name: ATTR.listKey, type: S } },
  byRecipient: { name: 'byRecipient', partitionKey: { name: ATTR.recipientFp, type: S }, sortKey: { name: 'receivedAt', type: S }, projection: [ATTR.valueEur] },
  // Sparse: an item is in it from the receipt of a version until that version's assessment is recorded.
  byPending: { name: 'byPending', partitionKey: { name: ATTR.pendingShard, type: S }, sortKey: { name: ATTR.pendingSince, type: S }, projection: ['version'] },
} as const;

/** The listing attributes of a parcel version: which index partitions hold it (sparse where another one does). */
export function listingAttributes(p: { itemId: string; receivedAt: string; submittedBy: string; originCountry: string; destinationCountry: string }): Record<string, string> {
  const ownCountry = /^post:([A-Z]{2})$/.exec(p.submittedBy)?.[1];
  const listedByCountry = ownCountry !== undefined && (ownCountry === p.originCountry || ownCountry === p.destinationCountry);
  return {
    [ATTR.listKey]: listKey(p.receivedAt, p.itemId),
    [ATTR.allShard]: shardOf(p.itemId),
    [ATTR.originCountry]: p.originCountry,
    [ATTR.destinationCountry]: p.destinationCountry,
    ...(listedByCountry ? {} : { [ATTR.listSubmitter]: p.submittedBy }),
  };
}

/** One index partition a listing reads. */
export interface ListingSource {
  index: string;
  partitionKey: string;
  value: string;
}
const source = (i: { name: string; partitionKey: { name: string } }, value: string): ListingSource => ({ index: i.name, partitionKey: i.partitionKey.name, value });

/** The admin listing's partitions (every parcel, spread over ALL_SHARDS), by name: `all#0` … */
export const ALL_SHARD_KEYS: readonly string[] = Array.from({ length: ALL_SHARDS }, (_, n) => `all#${n}`);
/** One of the admin listing's partitions as a listing source. */
export const allShardSource = (shard: string): ListingSource => source(PARCEL_INDEXES.byAll, shard);
/** The partitions a walk over a period reads: a destination's, or every parcel's. */
export const periodSources = (destinationCountry?: string): ListingSource[] => (destinationCountry ? [source(PARCEL_INDEXES.byDestination, destinationCountry)] : ALL_SHARD_KEYS.map(allShardSource));

/** The index partitions that hold every parcel a caller may see (and that matches the destination filter). */
export function listingSources(p: Principal, destinationFilter?: string): ListingSource[] {
  const dest = destinationFilter;
  switch (p.role) {
    case 'platform':
      return [source(PARCEL_INDEXES.bySubmitter, submitterOf(p))];
    case 'customs':
      return dest && dest !== p.country ? [] : [source(PARCEL_INDEXES.byDestination, p.country!)];
    case 'post':
      if (dest === p.country) return [source(PARCEL_INDEXES.byDestination, p.country!)];
      return [source(PARCEL_INDEXES.byOrigin, p.country!), source(PARCEL_INDEXES.byDestination, p.country!), source(PARCEL_INDEXES.bySubmitter, submitterOf(p))];
    case 'admin':
      return periodSources(dest);
  }
}

export const parcelsTable = (name: string): TableDef => ({
  name,
  partitionKey: { name: 'itemId', type: S },
  indexes: Object.values(PARCEL_INDEXES).map((i) => ({ ...i, projection: 'projection' in i ? [...i.projection] : undefined })),
});
