import type { ResolvedNodeHealthConfig } from './config/node-health-config.js';

export type { NodeHealthConfig, ResolvedNodeHealthConfig } from './config/node-health-config.js';

/**
 * Routing classification of a node (`feature-specs/node-health.md`).
 *
 * @publicApi
 */
export enum NodeState {
  /** Eligible for ordinary traffic. */
  ACTIVE = 'ACTIVE',
  /** New or recovering: used only once no active node is left, until verified. */
  QUARANTINED = 'QUARANTINED',
  /** Gets no traffic, only recovery probes. */
  DOWN = 'DOWN',
}

/** A classified outcome that may change a node's health. */
export type HealthObservation =
  'TRAFFIC_SUCCESS' | 'TRAFFIC_FAILURE' | 'PROBE_SUCCESS' | 'PROBE_FAILURE';

/** What one attempt or probe ended with: a final HTTP status, or an error. */
export type AttemptOutcome = { statusCode: number } | { error: unknown };

/** A point-in-time copy of a node's health. */
export interface NodeHealthStatus {
  state: NodeState;
  failures: number;
  successes: number;
  generation: number;
  /** Epoch ms of the last accepted observation (or of creation). */
  updatedAt: number;
}

/** Server-side failures that say nothing reliable about the node itself. */
const HEALTH_NEUTRAL_STATUSES = new Set([500, 502, 503, 504]);

/**
 * Maps an attempt's outcome to a health observation, or `null` when it must not count.
 *
 * Traffic: any final status except 500/502/503/504 is a success (4xx included: the node
 * answered), those four are neutral, and an error before a final response (refused, reset,
 * timeout) is a failure. An error that carries an HTTP status, as SDK service exceptions do, is
 * classified by that status. An abort by the caller is neutral: it says nothing about the node.
 * Probes: only 200 is a success.
 */
export function classifyAttemptOutcome(
  outcome: AttemptOutcome,
  channel: 'traffic' | 'probe' = 'traffic',
): HealthObservation | null {
  const status = 'statusCode' in outcome ? outcome.statusCode : statusOfError(outcome.error);
  if (status === undefined) {
    if (!('statusCode' in outcome) && isCallerAbort(outcome.error)) return null;
    return channel === 'probe' ? 'PROBE_FAILURE' : 'TRAFFIC_FAILURE';
  }
  if (status < 200) return null;
  if (channel === 'probe') return status === 200 ? 'PROBE_SUCCESS' : 'PROBE_FAILURE';
  return HEALTH_NEUTRAL_STATUSES.has(status) ? null : 'TRAFFIC_SUCCESS';
}

/**
 * The health state machine of one node. Traffic outcomes carry the generation captured when the
 * attempt was routed; entering DOWN bumps the generation, so late results of attempts sent
 * before a node went down cannot move it.
 */
export class NodeHealth {
  private currentState: NodeState;
  private failureCount = 0;
  private successCount = 0;
  private currentGeneration = 0;
  private lastUpdate: number;

  /**
   * @param settings resolved health settings
   * @param initial starting state. Default: `QUARANTINED` (new nodes must prove themselves);
   *   always `ACTIVE` when health is disabled
   * @param clock epoch-ms clock for `updatedAt`. Default: `Date.now`
   */
  constructor(
    private readonly settings: ResolvedNodeHealthConfig,
    initial: NodeState = NodeState.QUARANTINED,
    private readonly clock: () => number = Date.now,
  ) {
    this.currentState = settings.enabled ? initial : NodeState.ACTIVE;
    if (this.currentState === NodeState.ACTIVE) {
      this.successCount = settings.quarantinePromotionThreshold;
    }
    this.lastUpdate = clock();
  }

  get state(): NodeState {
    return this.currentState;
  }

  /** Failure streak; see the spec's table for its meaning in each state. */
  get failures(): number {
    return this.failureCount;
  }

  /** Success streak; see the spec's table for its meaning in each state. */
  get successes(): number {
    return this.successCount;
  }

  /** Incremented on every entry to DOWN. Capture it when routing an attempt. */
  get generation(): number {
    return this.currentGeneration;
  }

  get updatedAt(): number {
    return this.lastUpdate;
  }

  snapshot(): NodeHealthStatus {
    return {
      state: this.currentState,
      failures: this.failureCount,
      successes: this.successCount,
      generation: this.currentGeneration,
      updatedAt: this.lastUpdate,
    };
  }

  /**
   * Applies one observation. Returns `true` when the state changed. Ignored (returning `false`
   * and touching nothing): any observation when health is disabled, traffic outcomes while
   * DOWN, and traffic outcomes whose `attemptGeneration` is not the current generation.
   */
  observe(observation: HealthObservation, attemptGeneration?: number): boolean {
    if (!this.settings.enabled) return false;
    const isTraffic = observation === 'TRAFFIC_SUCCESS' || observation === 'TRAFFIC_FAILURE';
    if (isTraffic) {
      const stale = attemptGeneration !== undefined && attemptGeneration !== this.currentGeneration;
      if (stale || this.currentState === NodeState.DOWN) return false;
    }
    this.lastUpdate = this.clock();
    const before = this.currentState;
    switch (this.currentState) {
      case NodeState.ACTIVE:
        this.observeWhileActive(observation);
        break;
      case NodeState.QUARANTINED:
        this.observeWhileQuarantined(observation);
        break;
      case NodeState.DOWN:
        this.observeWhileDown(observation);
        break;
    }
    return this.currentState !== before;
  }

  private observeWhileActive(observation: HealthObservation): void {
    if (observation === 'TRAFFIC_SUCCESS') {
      this.becomeActive();
    } else if (observation === 'TRAFFIC_FAILURE') {
      this.failureCount += 1;
      this.successCount = 0;
      if (this.failureCount >= this.settings.activeFailureThreshold) this.becomeDown();
    }
    // Probes never demote an active node.
  }

  private observeWhileQuarantined(observation: HealthObservation): void {
    switch (observation) {
      case 'TRAFFIC_SUCCESS':
        this.failureCount = 0;
        this.successCount += 1;
        if (this.successCount >= this.settings.quarantinePromotionThreshold) this.becomeActive();
        break;
      case 'TRAFFIC_FAILURE':
        this.successCount = 0;
        this.failureCount += 1;
        if (this.failureCount >= this.settings.quarantineFailureThreshold) this.becomeDown();
        break;
      case 'PROBE_SUCCESS':
        this.becomeActive();
        break;
      case 'PROBE_FAILURE':
        break;
    }
  }

  private observeWhileDown(observation: HealthObservation): void {
    if (observation === 'PROBE_FAILURE') {
      this.successCount = 0;
    } else if (observation === 'PROBE_SUCCESS') {
      this.successCount += 1;
      if (this.successCount >= this.settings.downRecoveryThreshold) {
        this.currentState = NodeState.QUARANTINED;
        this.failureCount = 0;
        this.successCount = 0;
      }
    }
  }

  private becomeActive(): void {
    this.currentState = NodeState.ACTIVE;
    this.failureCount = 0;
    this.successCount = this.settings.quarantinePromotionThreshold;
  }

  private becomeDown(): void {
    this.currentState = NodeState.DOWN;
    this.successCount = 0;
    this.currentGeneration += 1;
  }
}

/** The HTTP status an error carries, as SDK service exceptions do in `$metadata`. */
export function statusOfError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether the caller aborted: that says nothing about the node. */
export function isCallerAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
