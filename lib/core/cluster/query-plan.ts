import { NodeState } from '../node-health.js';

/**
 * Two nodes whose predicted latencies are within this factor of each other are told apart by
 * their requests in flight alone. Latency estimates are noisy, and when the client itself (its
 * CPU, its network) is the bottleneck they say nothing about the nodes: comparing them head to
 * head would then push traffic around at random. A node at more than this factor is slower than
 * any such noise.
 */
export const LATENCY_TOLERANCE = 2;

/** What the first node of a plan is chosen by. */
export interface NodeLoad<T> {
  /** Requests this client has in flight to the node. */
  inFlight(node: T): number;
  /** Predicted latency of one more request to the node, in milliseconds (see `LatencyEstimate`). */
  latencyMs(node: T): number;
}

/**
 * A random order of all candidates for one logical request: attempt 1 goes to the first node,
 * each retry to the next one.
 *
 * The first node is the better of two distinct candidates drawn at random (the power of two
 * choices), so a slow or saturated node sheds load by itself without every client rushing to the
 * same node: the worst node is never first, the best is first in at most 2/n of plans. Of the
 * two, a node whose predicted latency is more than {@link LATENCY_TOLERANCE} times the other's
 * loses; otherwise the one with fewer requests in flight wins, and a tie keeps the first drawn.
 * The rest is a uniform shuffle. O(n); `load` is asked about two nodes.
 *
 * Health is not looked at here; see {@link createHealthAwareQueryPlan} and {@link orderByHealth}.
 *
 * @param random uniform in [0, 1). Default: `Math.random`
 */
export function createQueryPlan<T>(
  candidates: readonly T[],
  load: NodeLoad<T>,
  random: () => number = Math.random,
): T[] {
  const plan = [...candidates];
  if (plan.length < 2) return plan;
  const first = randomIndex(plan.length, random);
  let second = randomIndex(plan.length - 1, random);
  if (second >= first) second += 1;
  const winner = prefersSecond(load, plan[first], plan[second]) ? second : first;
  swap(plan, 0, winner);
  shuffleFrom(plan, 1, random);
  return plan;
}

/**
 * Orders nodes the way the health spec routes them: active nodes first, then quarantined ones
 * (used only once no active node is left), each group keeping its relative order. Down nodes
 * are left out: they get no traffic, and a plan with no node left fails locally with
 * `NoNodesAvailableError`.
 *
 * A request should call this again before each retry, on the nodes it has not tried yet, since
 * states change while it runs.
 */
export function orderByHealth<T>(nodes: readonly T[], stateOf: (node: T) => NodeState): T[] {
  const { active, quarantined } = partitionByHealth(nodes, stateOf);
  return [...active, ...quarantined];
}

/**
 * {@link createQueryPlan} over the nodes {@link orderByHealth} lets through: the first node is
 * the better of two random active nodes (or of two quarantined ones when none is active), the
 * other active nodes follow in random order, then the quarantined ones. Down nodes are left out.
 */
export function createHealthAwareQueryPlan<T>(
  candidates: readonly T[],
  load: NodeLoad<T>,
  stateOf: (node: T) => NodeState,
  random: () => number = Math.random,
): T[] {
  const { active, quarantined } = partitionByHealth(candidates, stateOf);
  if (active.length === 0) return createQueryPlan(quarantined, load, random);
  shuffleFrom(quarantined, 0, random);
  return [...createQueryPlan(active, load, random), ...quarantined];
}

function prefersSecond<T>(load: NodeLoad<T>, first: T, second: T): boolean {
  const firstLatency = load.latencyMs(first);
  const secondLatency = load.latencyMs(second);
  if (firstLatency > LATENCY_TOLERANCE * secondLatency) return true;
  if (secondLatency > LATENCY_TOLERANCE * firstLatency) return false;
  return load.inFlight(second) < load.inFlight(first);
}

function partitionByHealth<T>(
  nodes: readonly T[],
  stateOf: (node: T) => NodeState,
): { active: T[]; quarantined: T[] } {
  const active: T[] = [];
  const quarantined: T[] = [];
  for (const node of nodes) {
    const state = stateOf(node);
    if (state === NodeState.ACTIVE) active.push(node);
    else if (state === NodeState.QUARANTINED) quarantined.push(node);
  }
  return { active, quarantined };
}

/** Fisher-Yates shuffle of `items[start..]` in place. */
function shuffleFrom<T>(items: T[], start: number, random: () => number): void {
  for (let i = items.length - 1; i > start; i -= 1) {
    swap(items, i, start + randomIndex(i - start + 1, random));
  }
}

function randomIndex(size: number, random: () => number): number {
  // Guard against a source that returns exactly 1.
  return Math.min(size - 1, Math.floor(random() * size));
}

function swap<T>(items: T[], i: number, j: number): void {
  const item = items[i];
  items[i] = items[j];
  items[j] = item;
}
