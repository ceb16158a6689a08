import { NodeHealth, NodeState, type HealthObservation } from '../node-health.js';
import type { ResolvedNodeHealthConfig } from '../config/alternator-config.js';
import type { NodeLoad } from './query-plan.js';
import { LatencyEstimate } from './latency-estimate.js';

/** Milliseconds on a monotonic clock: latency estimates must not jump with the wall clock. */
const monotonicNow = (): number => performance.now();

/** A node as the client sees it: where it is, how healthy, and what traffic it has had. */
export interface AlternatorNodeSnapshot {
  /** Base URL requests go to, e.g. `http://10.0.0.1:8000`. */
  url: string;
  /** The address `/localnodes` listed (or the seed host before the first discovery). */
  address: string;
  state: NodeState;
  /** Requests this client sent to the node (each attempt counts). */
  requests: number;
  /** Attempts that failed at the connection level or timed out. */
  failures: number;
  /** Attempts in flight right now. */
  inFlight: number;
  /** Mean latency of completed attempts, in milliseconds (0 before the first). */
  meanLatencyMs: number;
  /**
   * Latency of recent attempts as routing sees it, in milliseconds: exponentially weighted, the
   * last quarter second counting most, answered attempts only (a failure counts only when it took
   * longer). It fades toward 0 while the node gets no traffic from this client. A node whose
   * estimate is far above its peers' gets few first attempts until it recovers. 0 before the
   * first answer.
   */
  latencyEstimateMs: number;
}

/** What the first node of a plan is chosen by: this client's requests in flight and latency. */
export const ALTERNATOR_NODE_LOAD: NodeLoad<AlternatorNode> = Object.freeze({
  inFlight: (node: AlternatorNode) => node.inFlight,
  latencyMs: (node: AlternatorNode) => node.routingCost(),
});

/** The same with `latencyAwareRouting: false`: requests in flight alone. */
export const IN_FLIGHT_ONLY_LOAD: NodeLoad<AlternatorNode> = Object.freeze({
  inFlight: (node: AlternatorNode) => node.inFlight,
  latencyMs: () => 1,
});

export class AlternatorNode {
  requests = 0;
  failures = 0;
  inFlight = 0;
  private latencyTotalMs = 0;
  private completed = 0;
  private readonly latency: LatencyEstimate;
  readonly health: NodeHealth;
  /** The pieces of `url` a request is rewritten with, parsed once rather than per attempt. */
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number;
  /** The Host header value: what SigV4 signs, so it must name the node the request goes to. */
  readonly hostHeader: string;

  /** @param clock monotonic milliseconds for the latency estimate. Default: `performance.now` */
  constructor(
    readonly url: string,
    healthConfig: ResolvedNodeHealthConfig,
    private readonly clock: () => number = monotonicNow,
  ) {
    const parsed = new URL(url);
    this.protocol = parsed.protocol;
    this.hostname = parsed.hostname;
    this.port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    this.hostHeader = parsed.host;
    this.health = new NodeHealth(healthConfig);
    this.latency = new LatencyEstimate(clock());
  }

  /** The address `/localnodes` listed (or the seed host before the first discovery). */
  get address(): string {
    return this.hostname.replace(/^\[|\]$/g, '');
  }

  get state(): NodeState {
    return this.health.state;
  }

  /** Called when an attempt leaves for this node; returns the health generation it started in. */
  attemptStarted(): number {
    this.requests++;
    if (this.inFlight++ === 0) this.latency.becameBusy(this.clock());
    return this.health.generation;
  }

  /** Records an attempt's end; returns true when the node's state changed. */
  attemptEnded(
    latencyMs: number,
    observation: HealthObservation | null,
    generation: number,
  ): boolean {
    this.latency.observe(latencyMs, this.inFlight, this.clock(), observation === 'TRAFFIC_SUCCESS');
    // Never below zero, whatever a caller gets wrong: the count steers node choice.
    if (this.inFlight > 0) this.inFlight--;
    this.completed++;
    this.latencyTotalMs += latencyMs;
    if (observation === 'TRAFFIC_FAILURE') this.failures++;
    return observation ? this.health.observe(observation, generation) : false;
  }

  /**
   * The predicted latency of one more attempt sent here now, in milliseconds: what the first node
   * of a plan is chosen by (see {@link LatencyEstimate}).
   */
  routingCost(): number {
    return this.latency.cost(this.inFlight, this.clock());
  }

  snapshot(): AlternatorNodeSnapshot {
    return {
      url: this.url,
      address: this.address,
      state: this.state,
      requests: this.requests,
      failures: this.failures,
      inFlight: this.inFlight,
      meanLatencyMs: this.completed === 0 ? 0 : this.latencyTotalMs / this.completed,
      latencyEstimateMs: this.latency.latencyMs(this.inFlight, this.clock()),
    };
  }
}
