import { describe, expect, it } from '@jest/globals';
import {
  classifyAttemptOutcome,
  NodeHealth,
  NodeState,
  type HealthObservation,
} from './node-health.js';
import { DEFAULT_NODE_HEALTH_CONFIG, resolveNodeHealthConfig } from './config/node-health-config.js';

type TransitionVector = [
  name: string,
  initial: 'ACTIVE' | 'QUARANTINED',
  activeFailureThreshold: number,
  downRecoveryThreshold: number,
  quarantinePromotionThreshold: number,
  quarantineFailureThreshold: number,
  observations: string,
  expectedState: NodeState,
  expectedFailures: number,
  expectedSuccesses: number,
  expectedGeneration: number,
];

const { ACTIVE, QUARANTINED, DOWN } = NodeState;

// Every row of feature-specs/vectors/node-health-transitions.tsv
// (scylladb/alternator-client-python), in its column order.
// prettier-ignore
const TRANSITION_VECTORS: TransitionVector[] = [
  ['active-failure-below', 'ACTIVE', 3, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_FAILURE', ACTIVE, 2, 0, 0],
  ['active-failure-at', 'ACTIVE', 3, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_FAILURE,TRAFFIC_FAILURE', DOWN, 3, 0, 1],
  ['active-success-reset', 'ACTIVE', 3, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_SUCCESS', ACTIVE, 0, 3, 0],
  ['active-probes-neutral', 'ACTIVE', 3, 2, 3, 3, 'PROBE_FAILURE,PROBE_SUCCESS', ACTIVE, 0, 3, 0],
  ['quarantine-success-below', 'QUARANTINED', 3, 2, 3, 3, 'TRAFFIC_SUCCESS,TRAFFIC_SUCCESS', QUARANTINED, 0, 2, 0],
  ['quarantine-success-at', 'QUARANTINED', 3, 2, 3, 3, 'TRAFFIC_SUCCESS,TRAFFIC_SUCCESS,TRAFFIC_SUCCESS', ACTIVE, 0, 3, 0],
  ['quarantine-failure-below', 'QUARANTINED', 3, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_FAILURE', QUARANTINED, 2, 0, 0],
  ['quarantine-failure-at', 'QUARANTINED', 3, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_FAILURE,TRAFFIC_FAILURE', DOWN, 3, 0, 1],
  ['quarantine-failure-resets-promotion', 'QUARANTINED', 3, 2, 3, 3, 'TRAFFIC_SUCCESS,TRAFFIC_FAILURE', QUARANTINED, 1, 0, 0],
  ['quarantine-probe-success', 'QUARANTINED', 3, 2, 3, 3, 'PROBE_SUCCESS', ACTIVE, 0, 3, 0],
  ['quarantine-probe-failure', 'QUARANTINED', 3, 2, 3, 3, 'PROBE_FAILURE', QUARANTINED, 0, 0, 0],
  ['down-recovery-below', 'ACTIVE', 1, 2, 3, 3, 'TRAFFIC_FAILURE,PROBE_SUCCESS', DOWN, 1, 1, 1],
  ['down-recovery-at', 'ACTIVE', 1, 2, 3, 3, 'TRAFFIC_FAILURE,PROBE_SUCCESS,PROBE_SUCCESS', QUARANTINED, 0, 0, 1],
  ['down-probe-failure-reset', 'ACTIVE', 1, 2, 3, 3, 'TRAFFIC_FAILURE,PROBE_SUCCESS,PROBE_FAILURE', DOWN, 1, 0, 1],
  ['down-traffic-success-ignored', 'ACTIVE', 1, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_SUCCESS', DOWN, 1, 0, 1],
  ['down-traffic-failure-ignored', 'ACTIVE', 1, 2, 3, 3, 'TRAFFIC_FAILURE,TRAFFIC_FAILURE', DOWN, 1, 0, 1],
];

function settings(active = 3, recovery = 2, promotion = 3, quarantineFailures = 3) {
  return resolveNodeHealthConfig({
    activeFailureThreshold: active,
    downRecoveryThreshold: recovery,
    quarantinePromotionThreshold: promotion,
    quarantineFailureThreshold: quarantineFailures,
  });
}

describe('NodeHealth transitions (cross-language vectors)', () => {
  it.each(TRANSITION_VECTORS)(
    '%s',
    (
      _name,
      initial,
      active,
      recovery,
      promotion,
      quarantineFailures,
      observations,
      state,
      failures,
      successes,
      generation,
    ) => {
      const health = new NodeHealth(
        settings(active, recovery, promotion, quarantineFailures),
        NodeState[initial],
      );
      for (const observation of observations.split(',')) {
        health.observe(observation as HealthObservation);
      }
      expect([health.state, health.failures, health.successes, health.generation]).toEqual([
        state,
        failures,
        successes,
        generation,
      ]);
    },
  );
});

describe('NodeHealth', () => {
  it('starts quarantined with zero counters: a new node must prove itself', () => {
    const health = new NodeHealth(DEFAULT_NODE_HEALTH_CONFIG);
    expect(health.snapshot()).toMatchObject({
      state: QUARANTINED,
      failures: 0,
      successes: 0,
      generation: 0,
    });
  });

  it('starts active with the promotion threshold as its success value', () => {
    const health = new NodeHealth(DEFAULT_NODE_HEALTH_CONFIG, ACTIVE);
    expect([health.failures, health.successes]).toEqual([0, 10]);
  });

  it('reports whether the state changed', () => {
    const health = new NodeHealth(settings(2), ACTIVE);
    expect(health.observe('TRAFFIC_FAILURE')).toBe(false);
    expect(health.observe('TRAFFIC_FAILURE')).toBe(true);
    expect(health.state).toBe(DOWN);
  });

  it('ignores traffic outcomes of attempts routed before the node went down', () => {
    const health = new NodeHealth(settings(1, 1), ACTIVE);
    const routedAt = health.generation;
    health.observe('TRAFFIC_FAILURE', routedAt);
    health.observe('PROBE_SUCCESS');
    expect(health.state).toBe(QUARANTINED);

    // A late success of the old attempt must not count towards promotion.
    expect(health.observe('TRAFFIC_SUCCESS', routedAt)).toBe(false);
    expect(health.successes).toBe(0);

    // An outcome of an attempt routed now does count.
    health.observe('TRAFFIC_SUCCESS', health.generation);
    expect(health.successes).toBe(1);
  });

  it('never lets an older generation resurrect a node that went down again', () => {
    const health = new NodeHealth(settings(1, 1, 1, 1), ACTIVE);
    const first = health.generation;
    health.observe('TRAFFIC_FAILURE', first);
    health.observe('PROBE_SUCCESS');
    health.observe('TRAFFIC_FAILURE', health.generation);
    expect([health.state, health.generation]).toEqual([DOWN, 2]);
    health.observe('PROBE_SUCCESS');
    expect(health.observe('TRAFFIC_SUCCESS', first)).toBe(false);
    expect(health.state).toBe(QUARANTINED);
  });

  it('updates the time on accepted observations only', () => {
    let now = 1000;
    const health = new NodeHealth(settings(1), ACTIVE, () => now);
    now = 2000;
    health.observe('TRAFFIC_FAILURE');
    expect(health.updatedAt).toBe(2000);
    now = 3000;
    health.observe('TRAFFIC_SUCCESS'); // ignored while down
    expect(health.updatedAt).toBe(2000);
    health.observe('PROBE_FAILURE');
    expect(health.updatedAt).toBe(3000);
  });

  it('treats every node as active and ignores outcomes when health is disabled', () => {
    const health = new NodeHealth(
      resolveNodeHealthConfig({ enabled: false, activeFailureThreshold: 1 }),
      QUARANTINED,
    );
    expect(health.state).toBe(ACTIVE);
    expect(health.observe('TRAFFIC_FAILURE')).toBe(false);
    expect(health.state).toBe(ACTIVE);
  });
});

describe('resolveNodeHealthConfig', () => {
  // HEALTH-REQ-001 rows of feature-specs/vectors/defaults.tsv.
  it.each([
    ['activeFailureThreshold', 10],
    ['downRecoveryThreshold', 3],
    ['quarantinePromotionThreshold', 10],
    ['quarantineFailureThreshold', 3],
    ['backgroundProbePeriodMs', 30000],
    ['probeConcurrency', 4],
    ['probeTimeoutMs', 5000],
    ['enabled', true],
  ] as const)('defaults %s to %s', (setting, value) => {
    expect(resolveNodeHealthConfig()[setting]).toBe(value);
  });

  it('raises thresholds below one to one', () => {
    const resolved = resolveNodeHealthConfig({
      activeFailureThreshold: 0,
      downRecoveryThreshold: -4,
    });
    expect([resolved.activeFailureThreshold, resolved.downRecoveryThreshold]).toEqual([1, 1]);
  });
});

describe('classifyAttemptOutcome', () => {
  it.each([
    [200, 'TRAFFIC_SUCCESS'],
    [400, 'TRAFFIC_SUCCESS'],
    [403, 'TRAFFIC_SUCCESS'],
    [429, 'TRAFFIC_SUCCESS'],
    [501, 'TRAFFIC_SUCCESS'],
    [500, null],
    [502, null],
    [503, null],
    [504, null],
    [100, null],
  ])('traffic status %d -> %s', (statusCode, expected) => {
    expect(classifyAttemptOutcome({ statusCode })).toBe(expected);
  });

  it('counts connection errors and timeouts as traffic failures', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), {
      code: 'ECONNREFUSED',
    });
    const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    expect(classifyAttemptOutcome({ error: refused })).toBe('TRAFFIC_FAILURE');
    expect(classifyAttemptOutcome({ error: timeout })).toBe('TRAFFIC_FAILURE');
    expect(classifyAttemptOutcome({ error: 'socket hang up' })).toBe('TRAFFIC_FAILURE');
  });

  it('classifies SDK service errors by the status they carry', () => {
    const conditional = Object.assign(new Error('The conditional request failed'), {
      $metadata: { httpStatusCode: 400 },
    });
    const unavailable = Object.assign(new Error('Service unavailable'), {
      $metadata: { httpStatusCode: 503 },
    });
    expect(classifyAttemptOutcome({ error: conditional })).toBe('TRAFFIC_SUCCESS');
    expect(classifyAttemptOutcome({ error: unavailable })).toBeNull();
  });

  it('does not blame the node for an abort by the caller', () => {
    const aborted = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(classifyAttemptOutcome({ error: aborted })).toBeNull();
  });

  it('counts only HTTP 200 as a successful probe', () => {
    expect(classifyAttemptOutcome({ statusCode: 200 }, 'probe')).toBe('PROBE_SUCCESS');
    expect(classifyAttemptOutcome({ statusCode: 404 }, 'probe')).toBe('PROBE_FAILURE');
    expect(classifyAttemptOutcome({ statusCode: 503 }, 'probe')).toBe('PROBE_FAILURE');
    expect(classifyAttemptOutcome({ error: new Error('ECONNRESET') }, 'probe')).toBe(
      'PROBE_FAILURE',
    );
  });
});
