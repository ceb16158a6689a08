import {
  KeyRouteAffinityMode,
  type ResolvedKeyRouteAffinityConfig,
} from '../config/key-route-affinity.js';
import { affinityHash } from './affinity-key.js';
import type { PartitionKeyResolver } from './partition-key-resolver.js';
import { needsReadBeforeWrite, type SingleItemWrite } from './rmw.js';
import { batchWriteVotes, extractAffinityKey, type AffinityVote } from './write-target.js';

const SINGLE_ITEM_WRITES = new Set<string>(['PutItem', 'UpdateItem', 'DeleteItem']);

/**
 * Decides which requests are pinned to a coordinator by their partition key. `RMW` pins the
 * writes the server runs as LWT when `alternator_write_isolation` is `only_rmw_uses_lwt` (the
 * server's own read-before-write rules, so a blind `SET a = :v` stays spread); `ANY_WRITE` pins
 * every Put/Update/Delete and lets a `BatchWriteItem`'s keys vote, for `always_use_lwt`. Reads
 * are never pinned.
 */
export class KeyAffinity {
  constructor(
    private readonly config: ResolvedKeyRouteAffinityConfig,
    private readonly partitionKeys: PartitionKeyResolver,
  ) {}

  /** The votes a request is routed by, or undefined when it is routed normally. */
  votesFor(operation: string, input: object): AffinityVote[] | undefined {
    const { mode } = this.config;
    if (mode === KeyRouteAffinityMode.NONE) return undefined;
    if (operation === 'BatchWriteItem') {
      if (mode !== KeyRouteAffinityMode.ANY_WRITE) return undefined;
      const votes = batchWriteVotes(input, (table) => this.partitionKeys.partitionKeyOf(table));
      return votes.length > 0 ? votes : undefined;
    }
    if (!SINGLE_ITEM_WRITES.has(operation)) return undefined;
    if (
      mode === KeyRouteAffinityMode.RMW &&
      !needsReadBeforeWrite(operation as SingleItemWrite, input)
    ) {
      return undefined;
    }
    const table = (input as { TableName?: unknown }).TableName;
    if (typeof table !== 'string') return undefined;
    const partitionKey = this.partitionKeys.partitionKeyOf(table);
    if (partitionKey === undefined) return undefined;
    const value = extractAffinityKey(operation, input, partitionKey);
    const hash = value === undefined ? undefined : affinityHash(value);
    return hash === undefined ? undefined : [{ hash, count: 1 }];
  }
}
