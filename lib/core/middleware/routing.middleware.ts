import { HttpRequest } from '@smithy/protocol-http';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  FinalizeHandlerOutput,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
} from '@smithy/types';
import { classifyAttemptOutcome, NodeState } from '../node-health.js';
import type { AlternatorCluster } from '../cluster/alternator-cluster.js';
import type { AlternatorNode } from '../cluster/alternator-node.js';
import type { KeyAffinity } from '../affinity/key-affinity.js';
import { NoNodesAvailableError } from '../errors.js';
import { withTlsContext } from '../transport/tls-errors.js';
import { deleteHeaders } from './header-optimization.middleware.js';

/** What the routing middleware does besides routing. */
export interface RoutingOptions {
  /** Pins writes by partition key; absent when key affinity is off. */
  affinity?: KeyAffinity;
  /** Headers to drop before signing (header optimization); absent when it is off. */
  dropBeforeSigning?: ReadonlySet<string>;
}

/** Where one logical request stands in its query plan; retries continue from here. */
interface PlanProgress {
  plan: AlternatorNode[];
  next: number;
}

/**
 * Where a request's progress is kept: on the SDK's per-request context, which lives exactly as
 * long as the request and is shared by its attempts. A property is cheaper than a WeakMap entry,
 * which the garbage collector has to treat as an ephemeron.
 */
const PLAN_PROGRESS = Symbol('alternatorPlanProgress');

type RoutingContext = HandlerExecutionContext & { [PLAN_PROGRESS]?: PlanProgress };

/**
 * Connection failures that send the attempt to the next node at once. A refusal proves the node
 * never saw the request; a reset or broken pipe usually means the same (a stale keep-alive
 * socket), but can follow a node dying after it applied the request, so, as with the SDK's own
 * retries, a conditional write may then find its condition already consumed.
 */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export const ROUTING_MIDDLEWARE_NAME = 'alternatorRoutingMiddleware';

/**
 * Sends each attempt of a request to the next node of that request's plan. It sits after the
 * retry middleware, so every SDK retry moves on to another node, and before signing, so the
 * signed Host is the node the request goes to. A refused or reset connection moves on to the next
 * node at once instead of waiting for the SDK's backoff. With header optimization on, it also
 * drops the SDK's noise headers, which must happen at this very point: after the retry
 * middleware sets them, before signing.
 */
export function routingPlugin(
  cluster: AlternatorCluster,
  { affinity, dropBeforeSigning }: RoutingOptions = {},
): Pluggable<object, MetadataBearer> {
  const options: RelativeMiddlewareOptions = {
    name: ROUTING_MIDDLEWARE_NAME,
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
    tags: ['ALTERNATOR', 'ROUTING'],
    override: true,
  };
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        <Output extends MetadataBearer>(
          next: FinalizeHandler<object, Output>,
          context: HandlerExecutionContext,
        ) =>
          async (
            args: FinalizeHandlerArguments<object>,
          ): Promise<FinalizeHandlerOutput<Output>> => {
            if (!HttpRequest.isInstance(args.request)) return next(args);
            if (dropBeforeSigning) deleteHeaders(args.request, dropBeforeSigning);
            const routing = context as RoutingContext;
            let progress = routing[PLAN_PROGRESS];
            if (!progress) {
              const votes = affinity?.votesFor(operationOf(args.request), args.input);
              progress = { plan: cluster.planRequest(votes), next: 0 };
              routing[PLAN_PROGRESS] = progress;
            }
            return sendThroughPlan(cluster, progress, args.request, next, args);
          },
        options,
      );
    },
  };
}

async function sendThroughPlan<Output extends MetadataBearer>(
  cluster: AlternatorCluster,
  progress: PlanProgress,
  request: HttpRequest,
  next: FinalizeHandler<object, Output>,
  args: FinalizeHandlerArguments<object>,
): Promise<FinalizeHandlerOutput<Output>> {
  // Created on the first refusal only: almost every request is answered by its first node.
  let refusedBy: Set<AlternatorNode> | undefined;
  let lastRefusal: unknown;
  let replanned = false;
  for (;;) {
    const node = nextNode(progress, refusedBy);
    if (!node) {
      // Every node refused or is DOWN: the list may be stale (a rack died, nodes moved), so
      // refresh once and try the nodes that discovery lists then, before giving up.
      if (!replanned) {
        replanned = true;
        progress.plan = await cluster.replanAfterRefusals();
        progress.next = 0;
        if (progress.plan.some((candidate) => !refusedBy?.has(candidate))) continue;
      }
      throw noNodeLeft(refusedBy, lastRefusal);
    }
    pointAt(request, node);
    const generation = node.attemptStarted();
    const started = performance.now();
    try {
      const output = await next(args);
      const statusCode =
        (output as { response?: { statusCode?: number } }).response?.statusCode ?? 200;
      const observation = classifyAttemptOutcome({ statusCode });
      cluster.recordAttempt(node, performance.now() - started, observation, generation);
      return output;
    } catch (error) {
      const observation = classifyAttemptOutcome({ error });
      cluster.recordAttempt(node, performance.now() - started, observation, generation);
      if (!isConnectionError(error)) throw withTlsContext(error, node.url);
      refusedBy ??= new Set();
      refusedBy.add(node);
      lastRefusal = error;
    }
  }
}

/**
 * The plan's next node that has not refused this attempt and has not gone DOWN since the plan was
 * made; undefined once none is left.
 */
function nextNode(
  progress: PlanProgress,
  refusedBy: ReadonlySet<AlternatorNode> | undefined,
): AlternatorNode | undefined {
  const { plan } = progress;
  for (let tried = 0; tried < plan.length; tried++) {
    const node = plan[progress.next % plan.length];
    progress.next++;
    if (!refusedBy?.has(node) && node.state !== NodeState.DOWN) return node;
  }
  return undefined;
}

function noNodeLeft(
  refusedBy: ReadonlySet<AlternatorNode> | undefined,
  lastRefusal: unknown,
): NoNodesAvailableError {
  if (!refusedBy) {
    return new NoNodesAvailableError(
      'No Alternator node is available: every known node is DOWN (probing for recovery) or none is known; check seedHosts and routingScope',
    );
  }
  const tried = [...refusedBy].map((node) => node.url).join(', ');
  return new NoNodesAvailableError(`No Alternator node accepted the connection (tried ${tried})`, {
    cause: lastRefusal,
  });
}

/** The DynamoDB operation, from `X-Amz-Target` (`DynamoDB_20120810.PutItem`). */
function operationOf(request: HttpRequest): string {
  const target = request.headers['x-amz-target'] ?? '';
  return target.slice(target.indexOf('.') + 1);
}

function pointAt(request: HttpRequest, node: AlternatorNode): void {
  request.protocol = node.protocol;
  request.hostname = node.hostname;
  request.port = node.port;
  request.headers.host = node.hostHeader;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && CONNECTION_ERROR_CODES.has(code);
}
