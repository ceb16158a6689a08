import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import type { Readable } from 'node:stream';
import { ResponseTooLargeError } from '../errors.js';
import { isReadOperation } from '../read-operations.js';
import { checkJsonObjectBody, readBoundedBody } from './response-body.js';
import { isHeaderOverflow, MAX_RESPONSE_HEADER_BYTES } from './response-limits.js';

/** What one attempt's answer may cost. */
export interface ResponseLimits {
  /** Most body bytes accepted, as sent (and, by response decompression, once decoded). */
  maxResponseBytes: number;
  /** Deadline of the attempt; the SDK's own stops once the headers are in. */
  requestTimeoutMs: number;
}

/**
 * The SDK's handler, reading each answer's body before handing it over, within `maxResponseBytes`
 * and the rest of the attempt's `requestTimeoutMs`; everything after it (decompression, the SDK's
 * parser) then works on a bounded buffer. The SDK would buffer the whole body anyway, so this
 * costs no memory, and doing it here rather than in a middleware saves the SDK a step on every
 * send. Headers over the bound, which Node's parser refuses, become the same
 * {@link ResponseTooLargeError}, naming the node. A successful answer whose body is not a JSON
 * object (a proxy's error page) fails as a `MalformedResponseError`.
 *
 * Its errors pass the SDK's deserializer untouched, so the retry strategy and the node's health
 * see them as they are. Only a read may be retried after a size error: the request was sent.
 */
export class BoundedHttpHandler extends NodeHttpHandler {
  private readonly limits: ResponseLimits;

  constructor(options: NodeHttpHandlerOptions, limits: ResponseLimits) {
    super(options);
    this.limits = {
      maxResponseBytes: limits.maxResponseBytes,
      requestTimeoutMs: limits.requestTimeoutMs,
    };
  }

  override async handle(
    request: HttpRequest,
    options?: HttpHandlerOptions,
  ): Promise<{ response: HttpResponse }> {
    const started = performance.now();
    let result: { response: HttpResponse };
    try {
      result = await super.handle(request, options);
    } catch (error) {
      throw isHeaderOverflow(error) ? headersTooLarge(request, error) : error;
    }
    const response = result.response;
    const body: unknown = response.body;
    if (!isStream(body)) return result;
    const { maxResponseBytes, requestTimeoutMs } = this.limits;
    const node = nodeOf(request);
    const statusCode = response.statusCode;
    const retryable = isReadOperation(request.headers['x-amz-target']);
    const bytes = await readBoundedBody(body, response.headers, {
      node,
      statusCode,
      retryable,
      maxBytes: maxResponseBytes,
      option: 'maxResponseBytes',
      remainingMs: requestTimeoutMs - (performance.now() - started),
      timeoutMs: requestTimeoutMs,
    });
    // A compressed body is checked once response decompression has decoded it.
    if (!hasHeader(response, 'content-encoding')) {
      checkJsonObjectBody(bytes, { node, statusCode, retryable });
    }
    response.body = bytes;
    return result;
  }
}

/** Base URL of the node a request went to, as the cluster names it. */
export function nodeOf(request: HttpRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  return `${request.protocol.replace(/:$/, '')}://${request.hostname}${port}`;
}

function headersTooLarge(request: HttpRequest, cause: unknown): ResponseTooLargeError {
  return new ResponseTooLargeError(nodeOf(request), 'headers', MAX_RESPONSE_HEADER_BYTES, {
    detail: 'the HTTP parser stopped reading them',
    retryable: isReadOperation(request.headers['x-amz-target']),
    cause,
  });
}

function hasHeader(response: HttpResponse, name: string): boolean {
  return Object.keys(response.headers).some((key) => key.toLowerCase() === name);
}

function isStream(body: unknown): body is Readable {
  return typeof (body as Readable | undefined)?.on === 'function';
}
