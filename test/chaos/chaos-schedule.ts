import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { sleep } from '../support/alternator-test-kit.js';
import type { SeededRandom } from '../support/seeded-random.js';

export type ChaosAction = 'kill' | 'pause' | 'resume' | 'restart';

/** One fault: `action` on node `node`, `atMs` after the workload starts. */
export interface ChaosStep {
  atMs: number;
  action: ChaosAction;
  node: number;
}

export interface ChaosScheduleOptions {
  nodes: number;
  /** Nodes that must stay serving (neither killed nor paused) at every moment. */
  minServing: number;
  /** Steps are planned strictly before this time. */
  durationMs: number;
  /** Gap between two steps, drawn uniformly from [minGapMs, maxGapMs]. */
  minGapMs: number;
  maxGapMs: number;
}

type NodeCondition = 'serving' | 'paused' | 'killed';

const CONDITION_AFTER: Record<ChaosAction, NodeCondition> = {
  kill: 'killed',
  pause: 'paused',
  resume: 'serving',
  restart: 'serving',
};

/**
 * The whole fault schedule, drawn from `random` alone (not from timing), so one seed always
 * gives the same steps. Each step first picks an action among those some node allows, then a
 * node: a serving node may be killed, paused or restarted only while more than `minServing`
 * nodes serve (a restart takes it down for a moment), a paused one resumed, killed or
 * restarted, and a killed one restarted.
 */
export function planChaosSchedule(
  random: SeededRandom,
  options: ChaosScheduleOptions,
): ChaosStep[] {
  if (options.nodes <= options.minServing) {
    throw new RangeError('A chaos schedule needs more nodes than must stay serving');
  }
  const conditions: NodeCondition[] = Array.from({ length: options.nodes }, () => 'serving');
  const steps: ChaosStep[] = [];
  const gap = () => random.between(options.minGapMs, options.maxGapMs);
  for (let atMs = gap(); atMs < options.durationMs; atMs += gap()) {
    const allowed = allowedActions(conditions, options.minServing);
    const action = random.pick([...allowed.keys()]);
    const node = random.pick(allowed.get(action)!);
    steps.push({ atMs, action, node });
    conditions[node] = CONDITION_AFTER[action];
  }
  return steps;
}

function allowedActions(
  conditions: readonly NodeCondition[],
  minServing: number,
): Map<ChaosAction, number[]> {
  const serving = conditions.filter((condition) => condition === 'serving').length;
  const allowed = new Map<ChaosAction, number[]>();
  const allow = (action: ChaosAction, node: number) =>
    allowed.set(action, [...(allowed.get(action) ?? []), node]);
  conditions.forEach((condition, node) => {
    if (condition === 'serving' && serving > minServing) {
      allow('kill', node);
      allow('pause', node);
      allow('restart', node);
    } else if (condition === 'paused') {
      allow('resume', node);
      allow('kill', node);
      allow('restart', node);
    } else if (condition === 'killed') {
      allow('restart', node);
    }
  });
  return allowed;
}

/**
 * Applies each step at its time, from `startedAt`; stops early once `stopAt` has passed. Returns
 * the steps actually applied. Whatever happens, every node serves again when it returns.
 */
export async function runChaosSchedule(
  cluster: LocalAlternatorCluster,
  steps: readonly ChaosStep[],
  startedAt: number,
  stopAt: number,
): Promise<ChaosStep[]> {
  const applied: ChaosStep[] = [];
  try {
    for (const step of steps) {
      const wait = startedAt + step.atMs - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() >= stopAt) break;
      await applyStep(cluster, step);
      applied.push(step);
    }
  } finally {
    await healCluster(cluster);
  }
  return applied;
}

/** Resumes every paused node and restarts every killed one. */
export async function healCluster(cluster: LocalAlternatorCluster): Promise<void> {
  for (const node of cluster.nodes()) {
    if (node.state === 'paused') cluster.resume(node.index);
    else if (node.state === 'killed') await cluster.restart(node.index);
  }
}

async function applyStep(cluster: LocalAlternatorCluster, step: ChaosStep): Promise<void> {
  switch (step.action) {
    case 'kill':
      return cluster.kill(step.node);
    case 'pause':
      return cluster.pause(step.node);
    case 'resume':
      return cluster.resume(step.node);
    case 'restart':
      return cluster.restart(step.node);
  }
}

/** E.g. `34 (kill 9, pause 8, resume 7, restart 10)`. */
export function describeSteps(steps: readonly ChaosStep[]): string {
  const count = (action: ChaosAction) => steps.filter((step) => step.action === action).length;
  const actions: ChaosAction[] = ['kill', 'pause', 'resume', 'restart'];
  return `${steps.length} (${actions.map((action) => `${action} ${count(action)}`).join(', ')})`;
}
