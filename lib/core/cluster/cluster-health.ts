/** What the health indicator reports about one cluster. */
export interface AlternatorClusterHealth {
  /** ACTIVE nodes; 0 while no node answers discovery. */
  liveNodes: number;
  quarantinedNodes: number;
  downNodes: number;
  /** Every node the client routes to, whatever its state. */
  knownNodes: number;
  /** The scope the current node list came from, e.g. `rack dc1/rack1` or `datacenter dc1`. */
  scope: string;
  /** Milliseconds since the last successful discovery, or null if none has succeeded yet. */
  lastRefreshAgeMs: number | null;
  /** Why the latest discovery failed, when it did. */
  lastRefreshError?: string;
}
