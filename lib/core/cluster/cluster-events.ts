import type { NodeState } from '../node-health.js';

/** Events an {@link AlternatorCluster} emits, with their payloads. */
export interface AlternatorClusterEvents {
  /** Discovery changed the set of nodes requests go to. */
  topologyChange: [change: { added: string[]; removed: string[]; nodes: string[] }];
  /** A node moved between ACTIVE, QUARANTINED and DOWN. */
  nodeStateChange: [change: { url: string; from: NodeState; to: NodeState }];
  /** Discovery fell back to a wider scope, or came back to a narrower one. */
  scopeChange: [change: { from: string; to: string }];
  /** A refresh found no usable answer; the last good node list is kept. */
  discoveryError: [error: Error];
}
