import { describe, expect, it } from '@jest/globals';
import { affinityHash } from './affinity-key.js';
import { affinityPlan, rendezvousPlan } from './affinity-plan.js';

/** Canonical order: code-unit (bytewise for ASCII) comparison of the endpoint URLs. */
const canonicalSort = (endpoints: readonly string[]): string[] =>
  [...endpoints].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const vectorNodes = (count: number): string[] =>
  canonicalSort(Array.from({ length: count }, (_, i) => `http://node${i + 1}.example.com:8043`));

const labelOf = (endpoint: string): number => Number(/node(\d+)\./.exec(endpoint)?.[1]);

const ipNodes = (count: number): string[] =>
  canonicalSort(Array.from({ length: count }, (_, i) => `http://10.0.0.${i + 1}:8000`));

const identity = (endpoint: string): string => endpoint;

/** Hashes of 10,000 distinct string partition keys. */
const KEY_HASHES: readonly bigint[] = Array.from({ length: 10_000 }, (_, i) => {
  const hash = affinityHash({ S: `user_${i}` });
  if (hash === undefined) throw new Error('a string key always hashes');
  return hash;
});

function keptFirstNode(
  plan: (nodes: readonly string[], hash: bigint) => string[],
  before: readonly string[],
  after: readonly string[],
): number {
  const kept = KEY_HASHES.filter((hash) => plan(before, hash)[0] === plan(after, hash)[0]);
  return kept.length / KEY_HASHES.length;
}

const rendezvous = (nodes: readonly string[], hash: bigint): string[] =>
  rendezvousPlan(nodes, hash, identity);

describe('affinityPlan', () => {
  /** Every row of the cross-language vector file query-plan.tsv. */
  it.each<[bigint, number, string]>([
    [42n, 10, '5,8,4,10,6,1,9,2,7,3'],
    [123n, 10, '5,1,3,2,9,4,7,10,6,8'],
    [999n, 10, '4,9,3,1,10,2,5,8,7,6'],
    [0n, 10, '4,1,10,9,5,7,3,2,8,6'],
    [-1n, 10, '10,4,1,2,5,9,3,6,8,7'],
    [12345n, 10, '3,4,1,6,5,7,2,8,10,9'],
    [9223372036854775807n, 10, '10,6,7,1,9,3,5,2,8,4'],
  ])('matches the shared plan for seed %p over %p nodes', (seed, count, expected) => {
    const plan = affinityPlan(vectorNodes(count), seed);
    expect(plan.map(labelOf).join(',')).toBe(expected);
  });

  it('returns a permutation of the nodes and leaves the input untouched', () => {
    const nodes = ipNodes(12);
    const frozen = Object.freeze([...nodes]);
    const plan = affinityPlan(frozen, 77n);
    expect(canonicalSort(plan)).toEqual(nodes);
    expect(frozen).toEqual(nodes);
  });

  it('gives the same plan for the same hash, even between other plans', () => {
    const nodes = ipNodes(7);
    const first = affinityPlan(nodes, -4025731529809423594n);
    affinityPlan(nodes, 1n);
    expect(affinityPlan(nodes, -4025731529809423594n)).toEqual(first);
  });

  it('takes the order it is given: the caller sorts canonically', () => {
    const sorted = ipNodes(5);
    const reversed = [...sorted].reverse();
    const fromSorted = affinityPlan(sorted, 42n);
    const fromReversed = affinityPlan(reversed, 42n);
    expect(fromReversed.map((node) => reversed.indexOf(node))).toEqual(
      fromSorted.map((node) => sorted.indexOf(node)),
    );
  });

  it('handles empty and single-node rings', () => {
    expect(affinityPlan([], 42n)).toEqual([]);
    expect(affinityPlan(['http://10.0.0.1:8000'], 42n)).toEqual(['http://10.0.0.1:8000']);
  });

  it('behaves like modulo hashing: going from 10 to 11 nodes keeps under 20% of keys', () => {
    expect(keptFirstNode(affinityPlan, ipNodes(10), ipNodes(11))).toBeLessThan(0.2);
  });
});

describe('rendezvousPlan', () => {
  it('keeps at least 85% of 10,000 keys on their first node when a 10-node ring grows to 11', () => {
    expect(keptFirstNode(rendezvous, ipNodes(10), ipNodes(11))).toBeGreaterThanOrEqual(0.85);
  });

  it('moves only the keys of a node that leaves', () => {
    const before = ipNodes(10);
    const leaving = before[3];
    const after = before.filter((node) => node !== leaving);
    for (const hash of KEY_HASHES.slice(0, 2000)) {
      const first = rendezvous(before, hash)[0];
      if (first !== leaving) expect(rendezvous(after, hash)[0]).toBe(first);
    }
  });

  it('spreads keys evenly: every one of 10 nodes leads between 8% and 12% of plans', () => {
    const nodes = ipNodes(10);
    const led = new Map<string, number>();
    for (const hash of KEY_HASHES) {
      const first = rendezvous(nodes, hash)[0];
      led.set(first, (led.get(first) ?? 0) + 1);
    }
    expect(led.size).toBe(10);
    for (const count of led.values()) {
      expect(count / KEY_HASHES.length).toBeGreaterThan(0.08);
      expect(count / KEY_HASHES.length).toBeLessThan(0.12);
    }
  });

  it.each<[string, (i: bigint) => bigint]>([
    ['the high 32 bits', (i) => i << 32n],
    ['the low 32 bits', (i) => i],
  ])('spreads hashes that differ only in %s', (_label, hashOf) => {
    const nodes = ipNodes(10);
    const led = new Map<string, number>();
    for (let i = 0n; i < 2000n; i++) {
      const first = rendezvous(nodes, hashOf(i))[0];
      led.set(first, (led.get(first) ?? 0) + 1);
    }
    expect(led.size).toBe(10);
    for (const count of led.values()) expect(count).toBeGreaterThan(100);
  });

  it('does not depend on the order of the input nodes', () => {
    const nodes = ipNodes(8);
    const shuffled = [
      nodes[5],
      nodes[0],
      nodes[7],
      nodes[2],
      nodes[6],
      nodes[1],
      nodes[4],
      nodes[3],
    ];
    for (const hash of KEY_HASHES.slice(0, 200)) {
      expect(rendezvous(shuffled, hash)).toEqual(rendezvous(nodes, hash));
    }
  });

  it('returns a permutation, deterministic per key, that differs between keys', () => {
    const nodes = ipNodes(6);
    const plan = rendezvous(nodes, KEY_HASHES[0]);
    expect(canonicalSort(plan)).toEqual(nodes);
    expect(rendezvous(nodes, KEY_HASHES[0])).toEqual(plan);
    const firstNodes = new Set(KEY_HASHES.slice(0, 100).map((hash) => rendezvous(nodes, hash)[0]));
    expect(firstNodes.size).toBe(6);
  });

  it('ranks any node type through its id', () => {
    const nodes = ipNodes(4).map((url) => ({ url }));
    const plan = rendezvousPlan(nodes, 42n, (node) => node.url);
    expect(plan.map((node) => node.url)).toEqual(rendezvous(ipNodes(4), 42n));
  });

  it('handles empty and single-node rings', () => {
    expect(rendezvous([], 42n)).toEqual([]);
    expect(rendezvous(['http://10.0.0.1:8000'], 42n)).toEqual(['http://10.0.0.1:8000']);
  });
});
