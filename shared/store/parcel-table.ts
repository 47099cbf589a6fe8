// The parcels table's keys and indexes, shared by the topology (which creates them) and the store (which queries them).
import { createHash } from 'node:crypto';
import type { TableDef } from '../topology-types';

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
export const PARCEL_INDEXES = {
  bySubmitter: { name: 'bySubmitter', partitionKey: { name: 'submittedBy', type: S }, sortKey: { name: 'listKey', type: S } },
  byOrigin: { name: 'byOrigin', partitionKey: { name: 'originCountry', type: S }, sortKey: { name: 'listKey', type: S } },
  byDestination: { name: 'byDestination', partitionKey: { name: 'destinationCountry', type: S }, sortKey: { name: 'listKey', type: S } },
  byAll: { name: 'byAll', partitionKey: { name: 'allShard', type: S }, sortKey: { name: 'listKey', type: S } },
  byRecipient: { name: 'byRecipient', partitionKey: { name: 'recipientFp', type: S }, sortKey: { name: 'receivedAt', type: S }, projection: ['valueEur'] },
  // Sparse: an item is in it from the receipt of a version until that version's assessment is recorded.
  byPending: { name: 'byPending', partitionKey: { name: 'pendingShard', type: S }, sortKey: { name: 'pendingSince', type: S }, projection: ['version'] },
} as const;

export const parcelsTable = (name: string): TableDef => ({
  name,
  partitionKey: { name: 'itemId', type: S },
  indexes: Object.values(PARCEL_INDEXES).map((i) => ({ ...i, projection: 'projection' in i ? [...i.projection] : undefined })),
});
