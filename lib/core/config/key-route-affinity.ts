/**
 * Which requests are pinned to one coordinator per partition key.
 *
 * @publicApi
 */
export enum KeyRouteAffinityMode {
  /** No pinning: every request gets a fresh random plan. */
  NONE = 'NONE',
  /** Only read-modify-write requests (conditions, non-blind updates, returned old values). */
  RMW = 'RMW',
  /** Every write (PutItem, UpdateItem, DeleteItem). */
  ANY_WRITE = 'ANY_WRITE',
}

/**
 * Key-route affinity settings.
 *
 * @publicApi
 */
export interface KeyRouteAffinityConfig {
  /** Which requests are pinned. */
  mode: KeyRouteAffinityMode;
  /**
   * Partition-key attribute name per table, so pinning works from the first request without a
   * background `DescribeTable`. Default: `{}`
   */
  tablePkMap?: Record<string, string>;
  /**
   * `default` is the cross-language algorithm (same coordinator as the Java, Go, Rust, C# and
   * C++ clients); `rendezvous` keeps most keys in place when a node joins or leaves.
   * Default: `'default'`
   */
  hashing?: 'default' | 'rendezvous';
}

/** {@link KeyRouteAffinityConfig} with every default applied. */
export type ResolvedKeyRouteAffinityConfig = Required<KeyRouteAffinityConfig>;
