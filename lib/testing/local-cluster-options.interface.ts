/**
 * Where one emulated node sits in the topology reported by `/localnodes`.
 * @publicApi
 */
export interface LocalNodeSpec {
  /** Datacenter name. Default: 'dc1' */
  datacenter?: string;
  /** Rack name inside the datacenter. Default: 'rack1' */
  rack?: string;
  /**
   * This node's capacity model, in place of the cluster-wide `capacity` option (for one slow
   * node among fast ones). Default: undefined (the cluster-wide `capacity`)
   */
  capacity?: LocalNodeCapacity;
}

/**
 * Static credentials a {@link LocalAlternatorCluster} accepts when it enforces authorization.
 * The credentials object given to the SDK may be passed as it is: its other fields
 * (sessionToken, expiration, credentialScope, accountId) are accepted and ignored.
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
 * How a node misbehaves on API requests (`POST /`), set with
 * {@link LocalAlternatorCluster.setFault}. `GET /` and `GET /localnodes` stay healthy, so
 * discovery keeps listing the node, as it keeps listing a real node that gossip still sees alive.
 *
 * Every mode first serves the request as usual: a write IS applied to the store, exactly once,
 * and only then does the answer go wrong. That is what a dying or misbehaving node (or a broken
 * proxy in front of it) does, and it is the case a client must never answer by sending the write
 * again. The request is counted and logged as any other. A fault holds for every later API
 * request of the node, across `kill`/`restart`, until it is cleared with `undefined`.
 *
 * - `applyThenReset`: the socket is destroyed before any response byte (a node dying
 *   mid-response: the client sees ECONNRESET or "socket hang up").
 * - `answerLate`: the real answer is sent `delayMs` milliseconds late.
 * - `garbageBody`: status 200, `application/x-amz-json-1.0`, a body that is not JSON.
 * - `truncatedBody`: status 200 and the real answer's `Content-Length`, then only part of the
 *   body before the socket is destroyed.
 * - `oversizedBody`: status 200, `Content-Length: bytes` and a JSON body of exactly `bytes` bytes
 *   shaped like a Query answer, streamed in chunks (never held in memory at once).
 * - `gzipBomb`: status 200, `Content-Encoding: gzip` (whatever the request accepts) and a small
 *   body that inflates to `inflatedBytes` zero bytes.
 * - `trickleHeaders`: the response head is written one byte every `byteIntervalMs`
 *   milliseconds, then the real answer, then the connection is closed.
 * @publicApi
 */
export type LocalNodeFault =
  | { mode: 'applyThenReset' }
  | {
      mode: 'answerLate';
      /** Milliseconds between the answer being ready and it being sent (>= 0). */
      delayMs: number;
    }
  | { mode: 'garbageBody' }
  | { mode: 'truncatedBody' }
  | {
      mode: 'oversizedBody';
      /** Size of the body in bytes: an integer, at least 64 (the JSON skeleton around the padding). */
      bytes: number;
    }
  | {
      mode: 'gzipBomb';
      /** Size of the body once inflated, in bytes: an integer >= 1. */
      inflatedBytes: number;
    }
  | {
      mode: 'trickleHeaders';
      /** Milliseconds between two bytes of the response head (>= 0). */
      byteIntervalMs: number;
    };

/** The name of one {@link LocalNodeFault} mode. @publicApi */
export type LocalNodeFaultMode = LocalNodeFault['mode'];

/**
 * Serves a {@link LocalAlternatorCluster} over HTTPS, as Alternator's `alternator_https_port`
 * with `alternator_encryption_options` does.
 * @publicApi
 */
export interface LocalClusterTlsOptions {
  /** PEM certificate every node presents (its chain may follow the leaf). */
  certPem: string;
  /** PEM private key of `certPem`. */
  keyPem: string;
  /**
   * PEM of the authority that client certificates must chain to, for
   * `requestClientCertificate`. Default: undefined
   */
  caPem?: string;
  /**
   * Ask every client for a certificate during the handshake. Connections without one (or with
   * one that does not chain to `caPem`) are still served; the request log says which
   * certificate, if any, was presented and verified. Needs `caPem`. Default: false
   */
  requestClientCertificate?: boolean;
}

/**
 * A ScyllaDB release whose vector-search API a {@link LocalAlternatorCluster} serves:
 * `'2026.2'` Query + VectorSearch; `'2026.3'` adds SimilarityFunction, FLOAT32VECTOR and
 * `Scores`; `'2026.4'` serves DynamoDB's VectorIndexes / SearchVectors (plus FLOAT32VECTOR) and
 * refuses the Query + VectorSearch API. Each refuses what the real release refuses, with its
 * error types.
 * @publicApi
 */
export type LocalAlternatorServerVersion = '2026.2' | '2026.3' | '2026.4';

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
   * before it is forwarded; excess requests wait. A node spec's own `capacity` wins over this,
   * and {@link LocalAlternatorCluster.setCapacity} changes it per node at run time.
   * Default: undefined (no limit, no delay)
   */
  capacity?: LocalNodeCapacity;
  /**
   * Serve HTTPS with this certificate instead of plain HTTP; everything else is unchanged.
   * Default: undefined (plain HTTP)
   */
  tls?: LocalClusterTlsOptions;
  /**
   * Which release's vector-search API the nodes serve (exact k-NN over the shared store).
   * Default: '2026.4' (DynamoDB's SearchVectors API, as stock SDKs send it)
   */
  serverVersion?: LocalAlternatorServerVersion;
  /**
   * Milliseconds a new vector index stays `CREATING` before it turns `ACTIVE` (0: active at
   * once; the create response still says CREATING). Searching it earlier fails as on the server.
   * Default: 1000 (Alternator's typical index catch-up time)
   */
  vectorIndexActivationDelayMs?: number;
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
  /** The capacity model in effect on this node; undefined when it has none. */
  capacity?: LocalNodeCapacity;
  /** The fault set with `setFault`; undefined when the node behaves. */
  fault?: LocalNodeFault;
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
  /** Whether the request carried an `Authorization` header (signed or not). */
  authorization: boolean;
  /**
   * HTTPS clusters that request client certificates only: the subject common name of the
   * certificate the connection presented, when it chains to `tls.caPem`; otherwise undefined.
   */
  clientCertificate?: string;
  /** HTTPS clusters only: whether the connection resumed an earlier TLS session. */
  tlsSessionReused?: boolean;
}
