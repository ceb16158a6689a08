import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { BoundedHttpHandler } from '../transport/bounded-http-handler.js';

/**
 * Where a request carries its own abort signal, next to the one of the `send` call: on its
 * headers object, the only part of a request that signing copies as it is (a symbol key survives
 * the copy, and Node never sends it as a header).
 */
export const REQUEST_ABORT_SIGNAL = Symbol('alternatorRequestAbortSignal');

type HeadersWithSignal = HttpRequest['headers'] & { [REQUEST_ABORT_SIGNAL]?: AbortSignal };

/** Gives `request` (and every copy signing makes of it) an abort signal of its own. */
export function setRequestAbortSignal(request: HttpRequest, signal: AbortSignal): void {
  (request.headers as HeadersWithSignal)[REQUEST_ABORT_SIGNAL] = signal;
}

/**
 * The SDK hands every request of one `send` call the same abort signal, so one of two copies of
 * a hedged read could not be aborted alone. This handler also honours a signal set on the request
 * itself with {@link setRequestAbortSignal}.
 */
export class AbortableHttpHandler extends BoundedHttpHandler {
  override handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {},
  ): Promise<{ response: HttpResponse }> {
    const own = (request.headers as HeadersWithSignal)[REQUEST_ABORT_SIGNAL];
    if (!own) return super.handle(request, options);
    const { abortSignal } = options;
    const signal = abortSignal ? AbortSignal.any([abortSignal as AbortSignal, own]) : own;
    return super.handle(request, { ...options, abortSignal: signal });
  }
}
