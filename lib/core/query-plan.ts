import { NodeState } from './node-health.js';

/**
 * A random order of all candidates for one logical request: attempt 1 goes to the first node,
 * each retry to the next one.
 *
 * The first node is the less busy of two distinct candidates drawn at random (the power of two
 * choices; a tie keeps the first drawn), so a slow or saturated node sheds load by itself
 * without every client rushing to the same idle node. The rest is a uniform shuffle. O(n).
 *
 * Health is not looked at here; see {@link createHealthAwareQueryPlan} and {@link orderByHealth}.
 *
 * @param inFlight requests this client has in flight to a node
 * @param random uniform in [0, 1). Default: `Math.random`
 */
export function createQueryPlan<T>(
  candidates: readonly T[],
  inFlight: (node: T) => number,
  random: () => number = Math.random,
): T[] {
  const plan = [...candidates];
  if (plan.length < 2) return plan;
  const first = randomIndex(plan.length, random);
  let second = randomIndex(plan.length - 1, random);
  if (second >= first) second += 1;
  const winner = inFlight(plan[second]) < inFlight(plan[first]) ? second : first;
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
 * the less busy of two random active nodes (or of two quarantined ones when none is active), the
 * other active nodes follow in random order, then the quarantined ones. Down nodes are left out.
 */
export function createHealthAwareQueryPlan<T>(
  candidates: readonly T[],
  inFlight: (node: T) => number,
  stateOf: (node: T) => NodeState,
  random: () => number = Math.random,
): T[] {
  const { active, quarantined } = partitionByHealth(candidates, stateOf);
  if (active.length === 0) return createQueryPlan(quarantined, inFlight, random);
  shuffleFrom(quarantined, 0, random);
  return [...createQueryPlan(active, inFlight, random), ...quarantined];
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
