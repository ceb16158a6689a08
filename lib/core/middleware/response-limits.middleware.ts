import type { Readable } from 'node:stream';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';
import { ResponseTooLargeError } from '../errors.js';
import { isReadOperation } from '../read-operations.js';
import { checkJsonObjectBody, readBoundedBody } from '../transport/response-body.js';
import { isHeaderOverflow, MAX_RESPONSE_HEADER_BYTES } from '../transport/response-limits.js';

export const RESPONSE_LIMITS_MIDDLEWARE_NAME = 'alternatorResponseLimitsMiddleware';

/** What one attempt's answer may cost. */
export interface ResponseLimits {
  /** Most body bytes accepted, as sent (and, by response decompression, once decoded). */
  maxResponseBytes: number;
  /** Deadline of the attempt; the SDK's own stops once the headers are in. */
  requestTimeoutMs: number;
}

/**
 * Reads each answer's body right where the SDK's handler hands it over, within `maxResponseBytes`
 * and the rest of the attempt's `requestTimeoutMs`, and passes the bytes on; everything after it
 * (decompression, the SDK's parser) then works on a bounded buffer. The SDK would buffer the
 * whole body anyway, so this costs no memory. Headers over the bound, which Node's parser refuses,
 * become the same {@link ResponseTooLargeError}, naming the node. A successful answer whose body
 * is not a JSON object (a proxy's error page) fails as a `MalformedResponseError`.
 *
 * It sits innermost, next to the handler, and its errors pass the SDK's deserializer untouched, so
 * the retry strategy and the node's health see them as they are.
 */
export function responseLimitsPlugin(limits: ResponseLimits): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
          async (args: DeserializeHandlerArguments<object>) => {
            if (!HttpRequest.isInstance(args.request)) return next(args);
            const request = args.request;
            const started = performance.now();
            const result = await next(args).catch((error: unknown) => {
              throw isHeaderOverflow(error) ? headersTooLarge(request, error) : error;
            });
            const response = result.response;
            if (!HttpResponse.isInstance(response) || !isStream(response.body)) return result;
            const answer = {
              node: nodeOf(request),
              statusCode: response.statusCode,
              retryable: isReadOperation(request.headers['x-amz-target']),
            };
            const body = await readBoundedBody(response.body, response.headers, {
              ...answer,
              maxBytes: limits.maxResponseBytes,
              option: 'maxResponseBytes',
              remainingMs: limits.requestTimeoutMs - (performance.now() - started),
              timeoutMs: limits.requestTimeoutMs,
            });
            // A compressed body is checked once response decompression has decoded it.
            if (!hasHeader(response, 'content-encoding')) checkJsonObjectBody(body, answer);
            response.body = body;
            return result;
          },
        {
          name: RESPONSE_LIMITS_MIDDLEWARE_NAME,
          relation: 'after',
          toMiddleware: 'deserializerMiddleware',
          tags: ['ALTERNATOR', 'LIMITS'],
          override: true,
        },
      );
    },
  };
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
