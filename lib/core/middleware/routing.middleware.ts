import { HttpRequest } from '@smithy/protocol-http';
import {
  SMITHY_CONTEXT_KEY,
  type FinalizeHandler,
  type FinalizeHandlerArguments,
  type FinalizeHandlerOutput,
  type HandlerExecutionContext,
  type MetadataBearer,
  type Pluggable,
  type RelativeMiddlewareOptions,
} from '@smithy/types';
import type { ClusterRouting } from '../cluster/alternator-cluster.js';
import type { AlternatorNode } from '../cluster/alternator-node.js';
import type { RequestRoute } from '../cluster/request-route.js';
import type { KeyAffinity } from '../affinity/key-affinity.js';
import { isHedgeableOperation } from '../hedging/hedgeable-operations.js';
import { sendHedged, type CopySender, type HedgingPolicy } from '../hedging/hedged-send.js';
import { withTlsContext } from '../transport/tls-errors.js';
import { ALTERNATOR_MIDDLEWARE_TAG } from './middleware-tag.js';

/** What the routing middleware works with. */
export interface RoutingMiddlewareConfig {
  /** The cluster's routing side, which gives each request its route. */
  routing: ClusterRouting;
  /** Pins writes by partition key; absent when key affinity is off. */
  affinity?: KeyAffinity;
  /** Hedges idempotent reads; absent when hedging is off. */
  hedging?: HedgingPolicy;
}

/**
 * Where a request's route is kept: on the SDK's per-request context, which lives exactly as long
 * as the request and is shared by its attempts. A property is cheaper than a WeakMap entry,
 * which the garbage collector has to treat as an ephemeron.
 */
const ROUTE = Symbol('alternatorRoute');

type RoutingContext = HandlerExecutionContext & {
  [ROUTE]?: RequestRoute;
  [SMITHY_CONTEXT_KEY]?: { abortSignal?: AbortSignal };
};

/**
 * The routing middleware's name. Without it every request goes to the first seed node, and
 * nothing fails over to another node.
 * @publicApi
 */
export const ROUTING_MIDDLEWARE_NAME = 'alternatorRoutingMiddleware';

/**
 * Sends each attempt of a request to the next node of that request's route. Only a failure that
 * proves the node never got the request (refused, unreachable, connect timeout) moves on to the
 * next node within the attempt, without the SDK's backoff; a reset, a broken pipe or a request
 * timeout may follow a request the node applied, so it fails the attempt and the SDK's retry
 * strategy decides.
 */
export function routingMiddleware({ routing, affinity, hedging }: RoutingMiddlewareConfig) {
  return <Output extends MetadataBearer>(
      next: FinalizeHandler<object, Output>,
      context: HandlerExecutionContext,
    ) =>
    async (args: FinalizeHandlerArguments<object>): Promise<FinalizeHandlerOutput<Output>> => {
      const { request } = args;
      if (!HttpRequest.isInstance(request)) return next(args);
      const requestContext = context as RoutingContext;
      const route = (requestContext[ROUTE] ??= routing.routeRequest(
        affinity?.votesFor(operationOf(request), args.input),
      ));
      const signal = requestContext[SMITHY_CONTEXT_KEY]?.abortSignal;
      if (hedging && isHedgeableOperation(operationOf(request))) {
        const sender: CopySender<FinalizeHandlerOutput<Output>> = {
          send: (node, copy) => {
            pointAt(copy, node);
            return next({ ...args, request: copy });
          },
          statusOf: statusCodeOf,
        };
        return sendHedged(route, request, sender, hedging, signal);
      }
      for (;;) {
        const node = await route.next(signal);
        pointAt(request, node);
        // Every way out settles the attempt (a second settle is ignored), so the node's
        // in-flight count is always released.
        try {
          const output = await next(args);
          route.settle(node, { statusCode: statusCodeOf(output) });
          return output;
        } catch (error) {
          if (route.settle(node, { error })) continue;
          throw withTlsContext(error, node.url);
        }
      }
    };
}

/**
 * After the retry middleware, so every SDK retry moves on to another node, and before signing,
 * so the signed Host is the node the request goes to.
 */
export const routingMiddlewareOptions: RelativeMiddlewareOptions = {
  name: ROUTING_MIDDLEWARE_NAME,
  relation: 'before',
  toMiddleware: 'httpSigningMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'ROUTING'],
  override: true,
};

export function getRoutingPlugin(
  config: RoutingMiddlewareConfig,
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(routingMiddleware(config), routingMiddlewareOptions);
    },
  };
}

function statusCodeOf(output: unknown): number {
  return (
    (output as { response?: { statusCode?: number } } | undefined)?.response?.statusCode ?? 200
  );
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
