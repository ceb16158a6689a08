/**
 * Where one emulated node sits in the topology reported by `/localnodes`.
 * @publicApi
 */
export interface LocalNodeSpec {
  /** Datacenter name. Default: 'dc1' */
  datacenter?: string;
  /** Rack name inside the datacenter. Default: 'rack1' */
  rack?: string;
}

/**
 * Static credentials a {@link LocalAlternatorCluster} accepts when it enforces authorization.
 * @publicApi
 */
export interface LocalClusterCredentials {
  /** Access key id (on a real cluster: the CQL role name). */
  accessKeyId: string;
  /** Secret access key (on a real cluster: the role's salted hash). */
  secretAccessKey: string;
}

/**
 * Per-node capacity model, for benchmarks that need nodes to saturate.
 * @publicApi
 */
export interface LocalNodeCapacity {
  /** Requests served at once by one node; the others wait in arrival order. */
  maxConcurrent: number;
  /** Time each request is held, while it occupies a slot, before it reaches the store. */
  serviceTimeMs: number;
}

/**
 * Options of {@link LocalAlternatorCluster.start}.
 * @publicApi
 */
export interface LocalAlternatorClusterOptions {
  /** Number of nodes (all in dc1/rack1) or one spec per node. Default: 3 */
  nodes?: number | LocalNodeSpec[];
  /** Port shared by every node. Default: 0 (a port that is free on every node address). */
  port?: number;
  /**
   * When set, every API request must carry a valid SigV4 signature made with these credentials
   * (any region), as on a server with `alternator_enforce_authorization: true`.
   * Default: undefined (requests are not checked)
   */
  auth?: LocalClusterCredentials;
  /** First loopback address; node i gets this address + i. Default: '127.0.0.1' */
  firstAddress?: string;
  /**
   * At most `maxConcurrent` requests are served at once per node, each held `serviceTimeMs`
   * before it is forwarded; excess requests wait. Default: undefined (no limit, no delay)
   */
  capacity?: LocalNodeCapacity;
}

/**
 * A snapshot of one node, as returned by {@link LocalAlternatorCluster.nodes}.
 * @publicApi
 */
export interface LocalNodeInfo {
  /** Stable index of the node (never reused, also after `removeNode`). */
  index: number;
  /** Loopback address the node listens on. */
  address: string;
  datacenter: string;
  rack: string;
  state: 'running' | 'killed' | 'paused';
  /** API requests (POST /) this node received since start or the last `resetCounts()`. */
  requestCount: number;
}

/**
 * One entry of a node's request log.
 * @publicApi
 */
export interface LocalRequestLogEntry {
  /** Operation named by `X-Amz-Target` (text after the first '.'), '' when absent. */
  operation: string;
  /** When the request arrived, in epoch milliseconds. */
  at: number;
}
