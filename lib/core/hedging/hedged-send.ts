import { HttpRequest } from '@smithy/protocol-http';
import type { AlternatorNode } from '../cluster/alternator-node.js';
import type { RequestRoute } from '../cluster/request-route.js';
import { classifyAttemptOutcome } from '../node-health.js';
import { withTlsContext } from '../transport/tls-errors.js';
import { setRequestAbortSignal } from './abortable-http-handler.js';
import { HedgeBudget } from './hedge-budget.js';
import type { ResolvedHedgingConfig } from '../config/hedging-config.js';

/** One client's hedging settings and the budget its hedges share. */
export class HedgingPolicy {
  readonly afterMs: number;
  readonly budget: HedgeBudget;

  constructor(config: ResolvedHedgingConfig) {
    this.afterMs = config.afterMs;
    this.budget = new HedgeBudget(config.maxExtraPercent / 100);
  }
}

/** How the routing middleware sends one copy of the request to a node. */
export interface CopySender<Output> {
  /** Points `request` at `node` and sends it down the rest of the middleware stack. */
  send(node: AlternatorNode, request: HttpRequest): Promise<Output>;
  /** The HTTP status of an output, for the node's health. */
  statusOf(output: Output): number;
}

/** A copy of the request in flight to one node. */
interface Copy<Output> {
  node: AlternatorNode;
  abort: AbortController;
  /** Settles the copy's attempt on the route when it ends; never rejects. */
  done: Promise<CopyResult<Output>>;
}

type CopyResult<Output> =
  { copy: Copy<Output>; output: Output } | { copy: Copy<Output>; error: unknown; movedOn: boolean };

const HEDGE_TIMER = Symbol('hedgeTimer');

/**
 * Sends one attempt of a hedgeable read: to the route's next node, and if that node has not
 * answered after `policy.afterMs` (and the budget allows), to a second node as well. The first
 * answer wins (a success, or an error the node answered with, such as a validation error) and the
 * other copy is aborted; when one copy fails without an answer (a reset, a timeout, a 5xx), the
 * other is awaited. A node that proves it never got the request is replaced by the route's next
 * node, as without hedging. Every copy is settled on the route, so counts and health stay right.
 */
export async function sendHedged<Output>(
  route: RequestRoute,
  request: HttpRequest,
  sender: CopySender<Output>,
  policy: HedgingPolicy,
  signal: AbortSignal | undefined,
): Promise<Output> {
  policy.budget.earn();
  const inFlight = new Set<Copy<Output>>();
  const launch = (node: AlternatorNode, copyRequest: HttpRequest): void => {
    const abort = new AbortController();
    setRequestAbortSignal(copyRequest, abort.signal);
    const copy = { node, abort } as Copy<Output>;
    copy.done = sender.send(node, copyRequest).then(
      (output): CopyResult<Output> => {
        route.settle(node, { statusCode: sender.statusOf(output) });
        return { copy, output };
      },
      (error: unknown): CopyResult<Output> => ({
        copy,
        error,
        movedOn: route.settle(node, { error }),
      }),
    );
    inFlight.add(copy);
  };

  let timer: NodeJS.Timeout | undefined;
  let hedged = false;
  let lastFailure: { error: unknown; node: AlternatorNode } | undefined;
  try {
    launch(await route.next(signal), request);
    for (;;) {
      const waiting: Array<Promise<CopyResult<Output> | typeof HEDGE_TIMER>> = [];
      for (const copy of inFlight) waiting.push(copy.done);
      if (!hedged && policy.budget.available) {
        waiting.push(
          new Promise((resolve) => {
            timer = setTimeout(() => resolve(HEDGE_TIMER), policy.afterMs);
          }),
        );
      }
      const first = await Promise.race(waiting);
      clearTimeout(timer);
      if (first === HEDGE_TIMER) {
        hedged = true;
        if (!policy.budget.trySpend()) continue;
        const other = route.nextAlongside();
        // A copy with its own headers, so pointing it at another node leaves the first alone.
        if (other) launch(other, HttpRequest.clone(request));
        continue;
      }
      inFlight.delete(first.copy);
      if ('output' in first) return first.output;
      if (isAnswer(first.error)) throw withTlsContext(first.error, first.copy.node.url);
      if (!first.movedOn) lastFailure = { error: first.error, node: first.copy.node };
      if (inFlight.size > 0) continue;
      if (lastFailure) throw withTlsContext(lastFailure.error, lastFailure.node.url);
      // Every copy so far was refused: move on as an unhedged request would.
      launch(await route.next(signal), request);
    }
  } finally {
    clearTimeout(timer);
    for (const copy of inFlight) copy.abort.abort();
  }
}

/** An error the node answered with (a 4xx such as a validation error): the other copy would too. */
function isAnswer(error: unknown): boolean {
  return classifyAttemptOutcome({ error }) === 'TRAFFIC_SUCCESS';
}
