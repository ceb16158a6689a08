import { EventEmitter } from 'node:events';
import type { ResolvedAlternatorConfig } from '../config/alternator-config.js';
import { NodeState, type HealthObservation } from '../node-health.js';
import type { AffinityVote } from '../affinity/write-target.js';
import {
  createHealthAwareQueryPlan,
  createQueryPlan,
  orderByHealth,
  type NodeLoad,
} from './query-plan.js';
import type { RoutingScope } from '../config/routing-scope.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { AffinityRing } from './affinity-ring.js';
import {
  ALTERNATOR_NODE_LOAD,
  AlternatorNode,
  IN_FLIGHT_ONLY_LOAD,
  type AlternatorNodeSnapshot,
} from './alternator-node.js';
import type { AlternatorClusterEvents } from './cluster-events.js';
import type { AlternatorClusterHealth } from './cluster-health.js';
import { describe, NodeDiscovery, type DiscoveryResult } from './node-discovery.js';
import { NodeProber } from './node-prober.js';
import { NodeRegistry } from './node-registry.js';
import { RequestRoute, type RouteCluster } from './request-route.js';
import type { ClusterTelemetry } from '../telemetry/alternator-telemetry.js';

/** Per-node traffic counters, as `cluster.stats()` returns them. */
export type AlternatorNodeStats = Omit<AlternatorNodeSnapshot, 'address' | 'state'>;

/** When every node is down, requests may trigger a probe round, but at most this often. */
const ON_DEMAND_PROBE_SPACING_MS = 1000;

// Hoisted: planning runs on every request and should not allocate closures.
const NO_LOAD: NodeLoad<AlternatorNode> = { inFlight: () => 0, latencyMs: () => 0 };
const stateOf = (node: AlternatorNode): NodeState => node.state;

/** The routing side of a cluster: what its client's routing middleware and request routes use. */
export interface ClusterRouting extends RouteCluster {
  /**
   * The route of one logical request, over the nodes it may try in order: ACTIVE nodes, then
   * QUARANTINED ones; DOWN nodes get no traffic (when no other node is left the plan is empty and
   * a probe round starts). Without `votes` the first node is the better of two random picks (by
   * predicted latency when one is far slower, otherwise by requests in flight) and the rest is
   * shuffled; with key-affinity votes the order is the deterministic one of the affinity ring,
   * whatever the latencies. The request's retries share the route.
   */
  routeRequest(votes?: readonly AffinityVote[]): RequestRoute;
}

/** A cluster as its client holds it: the public view and the routing side. */
export interface OpenedCluster {
  cluster: AlternatorCluster;
  routing: ClusterRouting;
}

let openCluster: (
  config: ResolvedAlternatorConfig,
  pool: ConnectionPool,
  telemetry: ClusterTelemetry | undefined,
) => OpenedCluster;

/**
 * Creates the cluster of one client; only the client does this, so the constructor and the
 * routing side stay out of the public class.
 * @param telemetry where metrics go; absent when telemetry is off
 */
export function openAlternatorCluster(
  config: ResolvedAlternatorConfig,
  pool: ConnectionPool,
  telemetry?: ClusterTelemetry,
): OpenedCluster {
  return openCluster(config, pool, telemetry);
}

/**
 * The live view of one Alternator cluster: which nodes exist, how healthy each is, and which
 * scope they came from. It keeps the list fresh (every `activeRefreshIntervalMs` while requests
 * flow, every `idleRefreshIntervalMs` otherwise) and probes nodes that are not ACTIVE. Each
 * `AlternatorClient` has one, as `client.cluster`.
 * @publicApi
 */
export class AlternatorCluster extends EventEmitter<AlternatorClusterEvents> {
  static {
    openCluster = (config, pool, telemetry) => {
      const cluster = new AlternatorCluster(config, pool, telemetry);
      return { cluster, routing: cluster.#routing() };
    };
  }

  readonly #config: ResolvedAlternatorConfig;
  readonly #telemetry: ClusterTelemetry | undefined;
  readonly #discovery: NodeDiscovery;
  readonly #prober: NodeProber;
  /** Listed and recently gone nodes: health history survives a node leaving and coming back. */
  readonly #knownNodes: NodeRegistry;
  #nodeList: AlternatorNode[] = [];
  /** Built on first use after each topology change: most clients never pin a key. */
  #ring: AffinityRing | undefined;
  #effectiveScope: RoutingScope;
  /** Nodes of the widest scope, learned now and then: discovery targets if the scope dies. */
  #widerNodeUrls: string[] = [];
  #widerLearnedAt = 0;
  #lastRefreshAt: number | null = null;
  #lastRefreshError: string | undefined;
  #refreshing: Promise<void> | undefined;
  #lastProbeRoundAt = 0;
  #running = false;
  #idle = true;
  #requestsSinceRefresh = 0;
  #refreshTimer: NodeJS.Timeout | undefined;
  #probeTimer: NodeJS.Timeout | undefined;
  #stopping = new AbortController();
  /** Listeners that threw once: logged then, not on every later event. */
  readonly #failedListeners = new WeakSet<object>();

  private constructor(
    config: ResolvedAlternatorConfig,
    pool: ConnectionPool,
    telemetry: ClusterTelemetry | undefined,
  ) {
    super();
    this.#config = config;
    this.#telemetry = telemetry;
    this.#knownNodes = new NodeRegistry(config.nodeHealth);
    this.#discovery = new NodeDiscovery(config, pool, (message) => config.logger.warn(message));
    this.#prober = new NodeProber(config, pool, (node, observation) =>
      this.#observe(node, observation),
    );
    this.#effectiveScope = config.routingScope;
    this.#replaceNodes(this.#discovery.seedUrls(), false);
    telemetry?.observeNodes(() => this.#nodeList);
  }

  /**
   * The bounded first discovery: every seed is asked at once and the first usable answer wins,
   * then the nodes it lists are validated by direct probes, so traffic spreads from the first
   * request. An unreachable cluster is not fatal: requests go to the seeds until a refresh works.
   */
  async initialize(): Promise<void> {
    try {
      const seeds = this.#discovery.seedUrls();
      this.#apply(await this.#discovery.discoverInParallel(seeds, this.#stopping.signal));
      await this.#probeUnhealthy();
    } catch (error) {
      this.#lastRefreshError = describe(error);
      this.#telemetry?.discoveryEnded(error);
      this.#config.logger.warn(
        `First discovery failed, routing to the seeds until a node answers: ${this.#lastRefreshError}`,
      );
    }
  }

  /** Starts the refresher and the background health probes. Idempotent. */
  start(): void {
    if (this.#running) return;
    if (this.#stopping.signal.aborted) this.#stopping = new AbortController();
    this.#running = true;
    this.#scheduleRefresh();
    this.#probeTimer = setInterval(
      () => void this.#probeUnhealthy(),
      this.#config.nodeHealth.backgroundProbePeriodMs,
    );
    this.#probeTimer.unref();
  }

  /** Stops timers and aborts discovery and probes in flight. Idempotent, safe before start. */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#refreshTimer);
    clearInterval(this.#probeTimer);
    this.#refreshTimer = undefined;
    this.#probeTimer = undefined;
    this.#stopping.abort();
  }

  /** Refreshes the node list now; concurrent callers share one discovery. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#discoverFromKnownNodes().finally(
      () => (this.#refreshing = undefined),
    );
    return this.#refreshing;
  }

  /** Each node requests go to, with its health state, latency estimate and this client's traffic counters. */
  nodes(): AlternatorNodeSnapshot[] {
    return this.#nodeList.map((node) => node.snapshot());
  }

  /** Per-node traffic counters: requests, failures, in flight, mean and estimated latency. */
  stats(): AlternatorNodeStats[] {
    return this.#nodeList.map((node) => {
      const { url, requests, failures, inFlight, meanLatencyMs, latencyEstimateMs } =
        node.snapshot();
      return { url, requests, failures, inFlight, meanLatencyMs, latencyEstimateMs };
    });
  }

  /** Node counts by state, the effective scope and discovery freshness, for health checks. */
  health(): AlternatorClusterHealth {
    const count = (state: NodeState) =>
      this.#nodeList.filter((node) => node.state === state).length;
    const reachable = this.#lastRefreshAt !== null && this.#lastRefreshError === undefined;
    return {
      liveNodes: reachable ? count(NodeState.ACTIVE) : 0,
      quarantinedNodes: count(NodeState.QUARANTINED),
      downNodes: count(NodeState.DOWN),
      knownNodes: this.#nodeList.length,
      scope: String(this.#effectiveScope),
      lastRefreshAgeMs: this.#lastRefreshAt === null ? null : Date.now() - this.#lastRefreshAt,
      ...(this.#lastRefreshError === undefined ? {} : { lastRefreshError: this.#lastRefreshError }),
    };
  }

  /** The routing side, created once with the cluster and handed to its client alone. */
  #routing(): ClusterRouting {
    const routing: ClusterRouting = {
      routeRequest: (votes) => new RequestRoute(routing, this.#planRequest(votes), this.#telemetry),
      replanAfterRefusals: (signal) => this.#replanAfterRefusals(signal),
      recordAttempt: (node, latencyMs, observation, generation) =>
        this.#recordAttempt(node, latencyMs, observation, generation),
      nodes: () => this.nodes(),
    };
    return routing;
  }

  /** The nodes one logical request may try, in order: see {@link ClusterRouting.routeRequest}. */
  #planRequest(votes?: readonly AffinityVote[]): AlternatorNode[] {
    this.#noteRequest();
    if (!votes) return this.#plan();
    this.#ring ??= new AffinityRing(this.#nodeList, this.#config.keyAffinity.hashing);
    return orderByHealth(this.#ring.planFor(votes), stateOf);
  }

  /**
   * For a request whose every node refused it: refresh now (waiting at most
   * `discoveryTimeoutMs`), then plan again over whatever the cluster looks like after that.
   * @throws an `AbortError` as soon as `signal` aborts; the refresh goes on for other requests
   */
  async #replanAfterRefusals(signal?: AbortSignal): Promise<AlternatorNode[]> {
    if (signal?.aborted) throw abortErrorFor(signal);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const deadline = new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, this.#config.discoveryTimeoutMs);
      timer.unref();
      if (!signal) return;
      onAbort = () => reject(abortErrorFor(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.refresh(), deadline]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
    return this.#plan();
  }

  /** Feeds an attempt's outcome into the node's health, reporting any state change. */
  #recordAttempt(
    node: AlternatorNode,
    latencyMs: number,
    observation: HealthObservation | null,
    generation: number,
  ): void {
    const before = node.state;
    if (node.attemptEnded(latencyMs, observation, generation))
      this.#reportStateChange(node, before);
  }
  #plan(): AlternatorNode[] {
    const load = this.#config.latencyAwareRouting ? ALTERNATOR_NODE_LOAD : IN_FLIGHT_ONLY_LOAD;
    const plan = createHealthAwareQueryPlan(this.#nodeList, load, stateOf);
    if (plan.length === 0 && Date.now() - this.#lastProbeRoundAt >= ON_DEMAND_PROBE_SPACING_MS) {
      void this.#probeUnhealthy();
    }
    return plan;
  }

  #noteRequest(): void {
    this.#requestsSinceRefresh++;
    if (this.#running && this.#idle) {
      // The first request after an idle spell refreshes at once: the list may be a minute old.
      this.#idle = false;
      clearTimeout(this.#refreshTimer);
      this.#refreshTimer = undefined;
      void this.refresh().finally(() => this.#scheduleRefresh());
    }
  }

  #scheduleRefresh(): void {
    if (!this.#running || this.#refreshTimer) return;
    this.#idle = this.#requestsSinceRefresh === 0;
    this.#requestsSinceRefresh = 0;
    const delay = this.#idle
      ? this.#config.idleRefreshIntervalMs
      : this.#config.activeRefreshIntervalMs;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      void this.refresh().finally(() => this.#scheduleRefresh());
    }, delay);
    this.#refreshTimer.unref();
  }

  /** Active nodes first, then quarantined, then down, then the seeds: discovery outlives seeds. */
  async #discoverFromKnownNodes(): Promise<void> {
    const inState = (state: NodeState) =>
      createQueryPlan(
        this.#nodeList.filter((node) => node.state === state),
        NO_LOAD,
      ).map((node) => node.url);
    const candidates = new Set([
      ...inState(NodeState.ACTIVE),
      ...inState(NodeState.QUARANTINED),
      ...inState(NodeState.DOWN),
      ...this.#widerNodeUrls,
      ...this.#discovery.seedUrls(),
    ]);
    const learnWider = Date.now() - this.#widerLearnedAt >= this.#config.idleRefreshIntervalMs;
    try {
      const signal = this.#stopping.signal;
      this.#apply(await this.#discovery.discoverSequentially([...candidates], signal, learnWider));
    } catch (error) {
      if (this.#stopping.signal.aborted) return;
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.#lastRefreshError === undefined) {
        this.#config.logger.warn(
          `Node discovery failed, keeping the last node list: ${failure.message}`,
        );
      }
      this.#lastRefreshError = failure.message;
      this.#telemetry?.discoveryEnded(failure);
      this.#notify('discoveryError', failure);
    }
  }

  #apply(result: DiscoveryResult): void {
    this.#lastRefreshAt = Date.now();
    this.#telemetry?.discoveryEnded();
    if (result.widerNodeUrls) {
      this.#widerNodeUrls = result.widerNodeUrls;
      this.#widerLearnedAt = this.#lastRefreshAt;
    }
    if (this.#lastRefreshError !== undefined && this.#nodeList.length > 0) {
      this.#config.logger.log(`Node discovery works again (answered by ${result.answeredBy})`);
    }
    this.#lastRefreshError = undefined;
    const previousScope = String(this.#effectiveScope);
    this.#effectiveScope = result.scope;
    if (String(result.scope) !== previousScope) {
      const message = `Routing scope changed from ${previousScope} to ${String(result.scope)}`;
      if (result.scope === this.#config.routingScope) this.#config.logger.log(message);
      else this.#config.logger.warn(`${message}: the preferred scope has no live node`);
      this.#notify('scopeChange', { from: previousScope, to: String(result.scope) });
    }
    // A node that answered discovery directly has proved itself; nodes it merely lists have not.
    const contacted = this.#knownNodes.get(result.answeredBy);
    if (contacted?.state === NodeState.QUARANTINED) this.#observe(contacted, 'PROBE_SUCCESS');
    const added = this.#replaceNodes(result.nodeUrls, true);
    if (this.#running && added.some((node) => node.state === NodeState.QUARANTINED)) {
      void this.#probeUnhealthy();
    }
  }

  /** Makes `urls` the routed set, reusing health history; returns the nodes that joined it. */
  #replaceNodes(urls: readonly string[], announce: boolean): AlternatorNode[] {
    const previous = new Set(this.#nodeList);
    this.#nodeList = urls.map((url) => this.#knownNodes.listed(url));
    const added = this.#nodeList.filter((node) => !previous.has(node));
    const current = new Set(this.#nodeList);
    const removed = [...previous].filter((node) => !current.has(node));
    this.#knownNodes.unlisted(removed, this.#nodeList.length);
    if (added.length > 0 || removed.length > 0) this.#ring = undefined;
    if (announce && (added.length > 0 || removed.length > 0)) {
      const list = (nodes: AlternatorNode[]) => nodes.map((node) => node.url).join(', ');
      this.#config.logger.log(
        `Alternator nodes: ${[...urls].join(', ')}` +
          (added.length ? ` (added ${list(added)})` : '') +
          (removed.length ? ` (removed ${list(removed)})` : ''),
      );
      this.#notify('topologyChange', {
        added: added.map((node) => node.url),
        removed: removed.map((node) => node.url),
        nodes: [...urls],
      });
    }
    return added;
  }

  /** Down nodes first (recovery), then quarantined ones (validation). */
  #probeUnhealthy(): Promise<void> {
    this.#lastProbeRoundAt = Date.now();
    const inState = (state: NodeState) => this.#nodeList.filter((node) => node.state === state);
    const targets = [...inState(NodeState.DOWN), ...inState(NodeState.QUARANTINED)];
    return this.#prober.probe(targets, this.#stopping.signal);
  }

  #observe(node: AlternatorNode, observation: HealthObservation): void {
    const before = node.state;
    if (node.health.observe(observation)) this.#reportStateChange(node, before);
  }

  #reportStateChange(node: AlternatorNode, from: NodeState): void {
    const to = node.state;
    const message = `Node ${node.url} is now ${to} (was ${from})`;
    if (to === NodeState.ACTIVE) this.#config.logger.log(message);
    else this.#config.logger.warn(message);
    this.#notify('nodeStateChange', { url: node.url, from, to });
  }

  /**
   * Emits `event` to each listener on its own: a listener that throws is logged (once) and
   * skipped, so user code can neither break a request nor stop the bookkeeping around it.
   */
  #notify<K extends keyof AlternatorClusterEvents>(
    event: K,
    ...args: AlternatorClusterEvents[K]
  ): void {
    for (const listener of this.rawListeners(event)) {
      try {
        (listener as (...payload: AlternatorClusterEvents[K]) => void).apply(this, args);
      } catch (error) {
        if (this.#failedListeners.has(listener)) continue;
        this.#failedListeners.add(listener);
        this.#config.logger.error(
          `A '${event}' listener threw (${describe(error)}); the client ignores it and goes on ` +
            '(logged once per listener)',
        );
      }
    }
  }
}

/** The error an aborted wait rejects with, shaped like the SDK's own (`name` 'AbortError'). */
function abortErrorFor(signal: AbortSignal): Error {
  const error = new Error('Request aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
