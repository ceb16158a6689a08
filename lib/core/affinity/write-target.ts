import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { affinityHash } from './affinity-key.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the shape is checked here; {@link affinityHash} rejects members it cannot hash. */
function isAttributeValue(value: unknown): value is AttributeValue {
  return isRecord(value);
}

function attributeOf(item: unknown, name: string): AttributeValue | undefined {
  if (!isRecord(item)) return undefined;
  const value = item[name];
  return isAttributeValue(value) ? value : undefined;
}

/**
 * The partition-key value a single-item write targets: `Item[pk]` of a PutItem, `Key[pk]` of an
 * UpdateItem or DeleteItem. `undefined` for other operations and when the key is missing or
 * malformed, in which case the request is routed normally. The sort key never matters.
 */
export function extractAffinityKey(
  operation: string,
  request: object,
  partitionKeyName: string,
): AttributeValue | undefined {
  // `object`, so SDK inputs (interfaces without an index signature) are accepted as they are.
  const input = request as Record<string, unknown>;
  switch (operation) {
    case 'PutItem':
      return attributeOf(input.Item, partitionKeyName);
    case 'UpdateItem':
    case 'DeleteItem':
      return attributeOf(input.Key, partitionKeyName);
    default:
      return undefined;
  }
}

/** The affinity hashes a BatchWriteItem's requests vote for, and how many votes each got. */
export interface AffinityVote {
  /** Affinity hash of the partition key of the voting requests. */
  readonly hash: bigint;
  /** Number of put and delete requests whose key has this hash. */
  readonly count: number;
}

/** The key a BatchWriteItem entry targets: exactly one of PutRequest.Item or DeleteRequest.Key. */
function batchEntryKey(entry: unknown, partitionKeyName: string): AttributeValue | undefined {
  if (!isRecord(entry)) return undefined;
  const put = entry.PutRequest;
  const del = entry.DeleteRequest;
  if (isRecord(put) === isRecord(del)) return undefined;
  return isRecord(put)
    ? attributeOf(put.Item, partitionKeyName)
    : attributeOf((del as Record<string, unknown>).Key, partitionKeyName);
}

/**
 * Votes of a BatchWriteItem for key affinity (`ANY_WRITE` mode): every put or delete request
 * whose table's partition key is known and whose key value can be hashed casts one vote for
 * that hash. Tables for which `pkNameOf` returns `undefined` and malformed entries do not vote.
 *
 * Sorted by descending count, then ascending hash, so the result does not depend on the order
 * of tables or requests. An empty result means no affinity: route the batch normally.
 *
 * The caller maps each hash to its preferred node on the affinity ring and adds up the votes per
 * node (several hashes can share one); {@link rankVotedNodes} orders the nodes that result.
 */
export function batchWriteVotes(
  request: object,
  pkNameOf: (table: string) => string | undefined,
): AffinityVote[] {
  const requestItems = (request as Record<string, unknown>).RequestItems;
  if (!isRecord(requestItems)) return [];
  const counts = new Map<bigint, number>();
  for (const [table, entries] of Object.entries(requestItems)) {
    if (!Array.isArray(entries)) continue;
    const partitionKeyName = pkNameOf(table);
    if (partitionKeyName === undefined) continue;
    for (const entry of entries) {
      const key = batchEntryKey(entry, partitionKeyName);
      const hash = key === undefined ? undefined : affinityHash(key);
      if (hash !== undefined) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([hash, count]) => ({ hash, count }))
    .sort((a, b) => b.count - a.count || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
}

/**
 * Orders the nodes a batch voted for: most votes first, ties by endpoint string compared by
 * UTF-16 code units (bytewise for the ASCII of canonical URLs), as the cross-language spec
 * requires; never `localeCompare`. Votes for hashes whose `preferredNodeOf` is `undefined` are
 * dropped. The caller appends the remaining nodes in canonical order.
 */
export function rankVotedNodes<T>(
  votes: readonly AffinityVote[],
  preferredNodeOf: (hash: bigint) => T | undefined,
  endpointOf: (node: T) => string,
): T[] {
  const tally = new Map<T, number>();
  for (const { hash, count } of votes) {
    const node = preferredNodeOf(hash);
    if (node !== undefined) tally.set(node, (tally.get(node) ?? 0) + count);
  }
  return [...tally]
    .map(([node, count]) => ({ node, count, endpoint: endpointOf(node) }))
    .sort(
      (a, b) =>
        b.count - a.count || (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0),
    )
    .map((entry) => entry.node);
}
