import { describe, expect, it } from '@jest/globals';
import { NodeState } from '../node-health.js';
import {
  createHealthAwareQueryPlan,
  createQueryPlan,
  LATENCY_TOLERANCE,
  orderByHealth,
  type NodeLoad,
} from './query-plan.js';

/** A seeded uniform source (mulberry32), so the statistics below never flake. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLANS = 10_000;
const nodes = (count: number) =>
  Array.from({ length: count }, (_, i) => `http://127.0.0.${i + 1}:8000`);
/** Nodes with these requests in flight and (by default) the same predicted latency. */
const loadOf = (
  inFlight: (node: string) => number,
  latencyMs: (node: string) => number = () => 1,
): NodeLoad<string> => ({ inFlight, latencyMs });
const idle = loadOf(() => 0);

function firstPicks(
  candidates: string[],
  load: NodeLoad<string>,
  random = seededRandom(7),
): Map<string, number> {
  const counts = new Map(candidates.map((node) => [node, 0]));
  for (let i = 0; i < PLANS; i += 1) {
    const first = createQueryPlan(candidates, load, random)[0];
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return counts;
}

describe('createQueryPlan', () => {
  it('contains every candidate exactly once', () => {
    const random = seededRandom(1);
    for (const count of [0, 1, 2, 3, 7, 50]) {
      const candidates = nodes(count);
      const plan = createQueryPlan(
        candidates,
        loadOf((node) => node.length % 3),
        random,
      );
      expect([...plan].sort()).toEqual([...candidates].sort());
    }
  });

  it('does not modify the candidate list', () => {
    const candidates = nodes(5);
    const copy = [...candidates];
    createQueryPlan(candidates, idle, seededRandom(2));
    expect(candidates).toEqual(copy);
  });

  it('spreads plans uniformly over positions when every node is equally busy', () => {
    const candidates = nodes(5);
    const random = seededRandom(3);
    const counts = candidates.map(() => candidates.map(() => 0));
    for (let i = 0; i < PLANS; i += 1) {
      createQueryPlan(candidates, idle, random).forEach((node, position) => {
        counts[candidates.indexOf(node)][position] += 1;
      });
    }
    const expected = PLANS / candidates.length;
    for (const row of counts) {
      for (const count of row) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.1);
    }
  });

  it('gives the first attempt to the idle node of two', () => {
    const [busy, free] = nodes(2);
    const counts = firstPicks(
      [busy, free],
      loadOf((node) => (node === busy ? 3 : 0)),
    );
    expect(counts.get(free)).toBe(PLANS);
  });

  it('favours an idle node as the first attempt (two random choices: 2/n - 1/n^2 of plans)', () => {
    const candidates = nodes(10);
    const free = candidates[4];
    const counts = firstPicks(
      candidates,
      loadOf((node) => (node === free ? 0 : 5)),
    );
    const share = (counts.get(free) ?? 0) / PLANS;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });

  it('never starts with the busiest node when others are less busy', () => {
    const candidates = nodes(4);
    const slow = candidates[2];
    const counts = firstPicks(
      candidates,
      loadOf((node) => (node === slow ? 100 : 1)),
    );
    expect(counts.get(slow)).toBe(0);
  });

  it('never starts with a node predicted more than twice as slow as the other drawn', () => {
    const candidates = nodes(3);
    const slow = candidates[0];
    // The slow node has nothing in flight, the others a queue: latency still decides.
    const load = loadOf(
      (node) => (node === slow ? 0 : 16),
      (node) => (node === slow ? LATENCY_TOLERANCE * 40 + 1 : 40),
    );
    const counts = firstPicks(candidates, load);
    expect(counts.get(slow)).toBe(0);
    expect(counts.get(candidates[1])! + counts.get(candidates[2])!).toBe(PLANS);
  });

  it('lets requests in flight decide between nodes within the latency tolerance', () => {
    const [noisy, steady] = nodes(2);
    const load = loadOf(
      (node) => (node === noisy ? 1 : 4),
      (node) => (node === noisy ? LATENCY_TOLERANCE * 10 : 10),
    );
    expect(firstPicks([noisy, steady], load).get(noisy)).toBe(PLANS);
  });

  it('keeps the first drawn node on a tie', () => {
    const candidates = nodes(3);
    // Draws: first index 2 (0.9 * 3), second index 0 (0.1 * 2); then the shuffle.
    const draws = [0.9, 0.1, 0.5];
    const plan = createQueryPlan(candidates, idle, () => draws.shift() ?? 0);
    expect(plan[0]).toBe(candidates[2]);
  });

  it('yields the same plan for the same random sequence', () => {
    const candidates = nodes(8);
    const load = loadOf((node) => node.charCodeAt(node.length - 6) % 4);
    expect(createQueryPlan(candidates, load, seededRandom(9))).toEqual(
      createQueryPlan(candidates, load, seededRandom(9)),
    );
  });
});

describe('orderByHealth', () => {
  it('puts active nodes first, then quarantined ones, keeping their order, and drops down ones', () => {
    const states: Record<string, NodeState> = {
      a: NodeState.QUARANTINED,
      b: NodeState.ACTIVE,
      c: NodeState.DOWN,
      d: NodeState.ACTIVE,
      e: NodeState.QUARANTINED,
    };
    expect(orderByHealth(['a', 'b', 'c', 'd', 'e'], (node) => states[node])).toEqual([
      'b',
      'd',
      'a',
      'e',
    ]);
  });

  it('returns nothing when every node is down', () => {
    expect(orderByHealth(['a', 'b'], () => NodeState.DOWN)).toEqual([]);
  });
});

describe('createHealthAwareQueryPlan', () => {
  const candidates = nodes(9);
  const stateOf = (node: string): NodeState =>
    [NodeState.ACTIVE, NodeState.QUARANTINED, NodeState.DOWN][candidates.indexOf(node) % 3];

  it('routes to active nodes first, then quarantined ones, never to down ones', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 100; i += 1) {
      const plan = createHealthAwareQueryPlan(candidates, idle, stateOf, random);
      expect(plan.map(stateOf)).toEqual([
        ...Array<NodeState>(3).fill(NodeState.ACTIVE),
        ...Array<NodeState>(3).fill(NodeState.QUARANTINED),
      ]);
    }
  });

  it('picks the first node among active ones by load', () => {
    // Two random choices never start with the busiest node; idle quarantined nodes do not count.
    const active = candidates.filter((node) => stateOf(node) === NodeState.ACTIVE);
    const busy = new Set(active.slice(1, 2));
    const random = seededRandom(12);
    for (let i = 0; i < 100; i += 1) {
      const plan = createHealthAwareQueryPlan(
        candidates,
        loadOf((node) => (busy.has(node) ? 9 : 0)),
        stateOf,
        random,
      );
      expect(busy.has(plan[0])).toBe(false);
    }
  });

  it('falls back to quarantined nodes when none is active', () => {
    const plan = createHealthAwareQueryPlan(
      candidates,
      idle,
      (node) => (stateOf(node) === NodeState.ACTIVE ? NodeState.DOWN : stateOf(node)),
      seededRandom(13),
    );
    expect(plan).toHaveLength(3);
    expect(plan.every((node) => stateOf(node) === NodeState.QUARANTINED)).toBe(true);
  });
});
