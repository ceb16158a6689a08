import type { ResolvedNodeHealthConfig } from '../config/alternator-config.js';
import { AlternatorNode } from './alternator-node.js';

/**
 * History kept for nodes discovery no longer lists, counted in nodes: at least this many of the
 * most recently gone, and never fewer than the cluster currently lists (a scope fallback and
 * return swaps whole lists). Older history is dropped, so pod addresses that change on every
 * deploy cannot grow memory without bound.
 */
export const GONE_NODES_KEPT = 64;

/**
 * The nodes a cluster knows, by URL: those discovery lists now, plus the recently gone, so a
 * node that leaves and comes back keeps its health history (a DOWN node does not return fresh).
 */
export class NodeRegistry {
  private readonly nodes = new Map<string, AlternatorNode>();
  /** URLs of nodes no longer listed, the longest gone first. */
  private readonly gone = new Set<string>();

  constructor(private readonly healthConfig: ResolvedNodeHealthConfig) {}

  /** Nodes with a record: listed now or gone recently. */
  get size(): number {
    return this.nodes.size;
  }

  get(url: string): AlternatorNode | undefined {
    return this.nodes.get(url);
  }

  /** The node at `url`, listed again with its history if it has one, else a new node. */
  listed(url: string): AlternatorNode {
    this.gone.delete(url);
    let node = this.nodes.get(url);
    if (!node) {
      node = new AlternatorNode(url, this.healthConfig);
      this.nodes.set(url, node);
    }
    return node;
  }

  /** Records that `nodes` left the list; drops the oldest history beyond the bound. */
  unlisted(nodes: readonly AlternatorNode[], listedCount: number): void {
    for (const node of nodes) this.gone.add(node.url);
    const keep = Math.max(GONE_NODES_KEPT, listedCount);
    for (const url of this.gone) {
      if (this.gone.size <= keep) break;
      this.gone.delete(url);
      this.nodes.delete(url);
    }
  }
}
