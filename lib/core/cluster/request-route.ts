import { NoNodesAvailableError } from '../errors.js';
import {
  classifyAttemptOutcome,
  NodeState,
  type AttemptOutcome,
  type HealthObservation,
} from '../node-health.js';
import type { AttemptTelemetry } from '../telemetry/alternator-telemetry.js';
import type { AlternatorNode, AlternatorNodeSnapshot } from './alternator-node.js';

/** What a route needs from the cluster that made it. */
export interface RouteCluster {
  /**
   * Refreshes the node list (waiting at most `discoveryTimeoutMs`, or until `signal` aborts, which
   * rejects with an `AbortError`) and plans again.
   */
  replanAfterRefusals(signal?: AbortSignal): Promise<AlternatorNode[]>;
  /** Feeds one attempt's outcome into the node's health and counters. */
  recordAttempt(
    node: AlternatorNode,
    latencyMs: number,
    observation: HealthObservation | null,
    generation: number,
  ): void;
  /** Every node requests may go to: named in the message when none is left. */
  nodes(): readonly Pick<AlternatorNodeSnapshot, 'url' | 'state'>[];
}

/** An attempt that left for a node and has not been settled yet. */
interface PendingAttempt {
  node: AlternatorNode;
  generation: number;
  startedAt: number;
}

/**
 * Error codes that only opening a connection can end with: the node refused, or was unreachable,
 * or its name did not resolve.
 */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * How @smithy/node-http-handler reports its connection timeout: a `TimeoutError` without an error
 * code, whose message says the socket did not connect. Its request timeout is a `TimeoutError` too,
 * but carries the code `ETIMEDOUT` and may fire after the request was written.
 */
const HANDLER_CONNECT_TIMEOUT = 'did not establish a connection';

/**
 * Whether `error` proves the node never received the request: opening the connection failed
 * (refused, unreachable, name not resolved, reset or timed out while connecting), or the
 * handler's connect timeout fired. A reset, a broken pipe or a request timeout on an open
 * connection does not: the node may have applied the request.
 */
export function provesNotDelivered(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, syscall, name, message } = error as NodeJS.ErrnoException;
  // Node writes a request only once its socket is connected, so a failed connect sent nothing.
  if (syscall === 'connect' || syscall === 'getaddrinfo') return true;
  if (code === undefined) {
    return name === 'TimeoutError' && String(message).includes(HANDLER_CONNECT_TIMEOUT);
  }
  // What connecting to several addresses of one host name ends with: the first failure's code,
  // no syscall.
  return syscall === undefined && NOT_CONNECTED_CODES.has(code);
}

/**
 * The route of one logical request through the cluster: its plan, how far it has got, the nodes
 * that refused it, the one replan, and the health bookkeeping of each attempt. The routing
 * middleware asks {@link next} for the node of each attempt and reports how it went with
 * {@link settle}; SDK retries of the request share the route, so each retry takes the next node.
 *
 * Only a failure that proves the node never got the request (see {@link provesNotDelivered})
 * moves on to the next node within an attempt. Anything else ends the attempt, and the SDK's retry
 * strategy decides whether there is another: a request that may have reached nodes is sent at
 * most `maxAttempts` times in all.
 */
export class RequestRoute {
  private cursor = 0;
  private replanned = false;
  /** Nodes that proved they never got the request, each with why; created on the first. */
  private refusals: Map<AlternatorNode, string> | undefined;
  /** Attempts that may have reached their node and failed, for the no-node-left message. */
  private failures: string[] | undefined;
  private pending: PendingAttempt[] = [];
  /** Attempts started, each node tried within an SDK attempt included. */
  private attempts = 0;

  /** @param telemetry where attempts are reported; absent when telemetry is off */
  constructor(
    private readonly cluster: RouteCluster,
    private plan: AlternatorNode[],
    private readonly telemetry?: AttemptTelemetry,
  ) {}

  /**
   * The node for the next attempt, counted as in flight until {@link settle}: the plan's next
   * node that has not refused this request and is not DOWN. When none is left, the node list is
   * refreshed once (waiting at most `discoveryTimeoutMs`) and the new plan is tried.
   * @throws NoNodesAvailableError when no node is left even then; the SDK does not retry it
   * @throws an `AbortError` when `signal` aborts while the refresh is awaited
   */
  async next(signal?: AbortSignal): Promise<AlternatorNode> {
    for (;;) {
      const node = this.nextCandidate();
      if (node) return this.start(node);
      if (this.replanned) throw this.noNodeLeft();
      // Every node refused or is DOWN: the list may be stale (a rack died, nodes moved).
      this.replanned = true;
      this.plan = await this.cluster.replanAfterRefusals(signal);
      this.cursor = 0;
    }
  }

  /**
   * A node for a second attempt alongside one in flight (a hedged read): the plan's next node
   * that has not refused this request, is not DOWN and has no attempt of it in flight, counted as
   * in flight until {@link settle}. Undefined when there is none; never refreshes the node list.
   */
  nextAlongside(): AlternatorNode | undefined {
    const { plan } = this;
    for (let tried = 0; tried < plan.length; tried++) {
      const node = plan[(this.cursor + tried) % plan.length];
      if (this.refusals?.has(node) || node.state === NodeState.DOWN) continue;
      if (this.pending.some((attempt) => attempt.node === node)) continue;
      this.cursor += tried + 1;
      return this.start(node);
    }
    return undefined;
  }

  /**
   * Ends the attempt that went to `node`, feeding its outcome and latency into the node's health;
   * an attempt is settled once, later calls are ignored. Returns true when the failure proves the
   * node never got the request, so the request may move on to {@link next} within this attempt.
   */
  settle(node: AlternatorNode, outcome: AttemptOutcome): boolean {
    const { pending } = this;
    const index = pending.findIndex((attempt) => attempt.node === node);
    if (index < 0) return false;
    const attempt = pending[index];
    pending[index] = pending[pending.length - 1];
    pending.pop();
    const latencyMs = performance.now() - attempt.startedAt;
    this.cluster.recordAttempt(
      node,
      latencyMs,
      classifyAttemptOutcome(outcome),
      attempt.generation,
    );
    this.telemetry?.attemptEnded(node, latencyMs, outcome);
    if (!('error' in outcome)) return false;
    if (!provesNotDelivered(outcome.error)) {
      (this.failures ??= []).push(`${node.url} (${describeFailure(outcome.error)})`);
      return false;
    }
    (this.refusals ??= new Map()).set(node, describeFailure(outcome.error));
    return true;
  }

  private nextCandidate(): AlternatorNode | undefined {
    const { plan } = this;
    for (let tried = 0; tried < plan.length; tried++) {
      const node = plan[this.cursor % plan.length];
      this.cursor++;
      if (!this.refusals?.has(node) && node.state !== NodeState.DOWN) return node;
    }
    return undefined;
  }

  private start(node: AlternatorNode): AlternatorNode {
    const generation = node.attemptStarted();
    this.pending.push({ node, generation, startedAt: performance.now() });
    this.attempts++;
    this.telemetry?.attemptStarted(node, this.attempts);
    return node;
  }

  /** Says what happened, which nodes were tried, and what to check. */
  private noNodeLeft(): NoNodesAvailableError {
    const refused = new Set([...(this.refusals?.keys() ?? [])].map((node) => node.url));
    const down = this.cluster
      .nodes()
      .filter((node) => node.state === NodeState.DOWN && !refused.has(node.url));
    const earlier = this.failures
      ? ' Earlier attempts of this request failed after connecting, so they may have been ' +
        `applied: ${this.failures.join(', ')}.`
      : '';
    if (this.refusals) {
      const tried = [...this.refusals].map(([node, why]) => `${node.url} (${why})`).join(', ');
      const others = down.length > 0 ? `; the other known nodes are DOWN (${urls(down)})` : '';
      return new NoNodesAvailableError(
        'No Alternator node accepted the connection, even after refreshing the node list: ' +
          `${tried}${others}.${earlier} Check that the nodes are running and that this host ` +
          'can reach them at these addresses (port, scheme, firewall).',
      );
    }
    if (down.length > 0) {
      return new NoNodesAvailableError(
        `No Alternator node is available: every known node is DOWN (${urls(down)}) and is ` +
          `probed in the background until it answers.${earlier} Check that the nodes are ` +
          'running and that this host can reach them.',
      );
    }
    return new NoNodesAvailableError(
      `No Alternator node is available: none is known.${earlier} Check seedHosts and routingScope.`,
    );
  }
}

function urls(nodes: readonly { url: string }[]): string {
  return nodes.map((node) => node.url).join(', ');
}

/** A short name for why an attempt failed: Node's error code, or the error's name. */
function describeFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, name, message } = error as NodeJS.ErrnoException;
  if (code !== undefined) return code;
  if (name === 'TimeoutError' && String(message).includes(HANDLER_CONNECT_TIMEOUT)) {
    return 'connect timeout';
  }
  return name;
}
