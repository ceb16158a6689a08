import { affinityPlan, rendezvousPlan } from '../affinity/affinity-plan.js';
import { rankVotedNodes, type AffinityVote } from '../affinity/write-target.js';
import { canonicalEndpoint } from '../endpoint.js';
import type { AlternatorNode } from './alternator-node.js';

/**
 * The discovered nodes in canonical endpoint order (compared bytewise, as every other official
 * client does), which key affinity hashes over. Health plays no part here: a node going DOWN
 * must not remap the keys of every other node; eligibility is applied to the plan afterwards.
 */
export class AffinityRing {
  private readonly ordered: AlternatorNode[];
  private readonly endpoints: Map<AlternatorNode, string>;

  constructor(
    nodes: readonly AlternatorNode[],
    private readonly hashing: 'default' | 'rendezvous',
  ) {
    this.endpoints = new Map(nodes.map((node) => [node, canonicalEndpoint(node.url)]));
    this.ordered = [...nodes].sort((a, b) => compare(this.endpointOf(a), this.endpointOf(b)));
  }

  /**
   * The deterministic plan for a request's votes: for one key, its seeded plan; for a batch, the
   * voted nodes by votes (ties by endpoint), then the other nodes in canonical order.
   */
  planFor(votes: readonly AffinityVote[]): AlternatorNode[] {
    if (votes.length === 1) return this.planForHash(votes[0].hash);
    const voted = rankVotedNodes(
      votes,
      (hash) => this.planForHash(hash)[0],
      (node) => this.endpointOf(node),
    );
    const chosen = new Set(voted);
    return [...voted, ...this.ordered.filter((node) => !chosen.has(node))];
  }

  private planForHash(hash: bigint): AlternatorNode[] {
    return this.hashing === 'rendezvous'
      ? rendezvousPlan(this.ordered, hash, (node) => this.endpointOf(node))
      : affinityPlan(this.ordered, hash);
  }

  private endpointOf(node: AlternatorNode): string {
    return this.endpoints.get(node) ?? node.url;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
