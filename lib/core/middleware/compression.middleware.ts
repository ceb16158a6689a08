import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { HttpRequest } from '@smithy/protocol-http';
import type {
  BuildHandler,
  BuildHandlerArguments,
  BuildHandlerOutput,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
} from '@smithy/types';
import { CompressionAlgorithm } from '../config/compression-algorithm.js';
import { ALTERNATOR_MIDDLEWARE_TAG } from './middleware-tag.js';

const gzipAsync = promisify(gzip);
const deflateAsync = promisify(deflate);

/** How request bodies are compressed. */
export interface CompressionMiddlewareConfig {
  /** `GZIP` or `DEFLATE` (zlib-wrapped, as Alternator expects). */
  algorithm: CompressionAlgorithm;
  /** Bodies smaller than this are sent as they are. */
  minSizeBytes: number;
}

/**
 * The name of the middleware that compresses request bodies. Without it every body is sent
 * uncompressed (and signed as such).
 * @publicApi
 */
export const COMPRESSION_MIDDLEWARE_NAME = 'alternatorCompressionMiddleware';

/**
 * Compresses request bodies of at least `minSizeBytes`. The work happens on libuv's thread pool
 * so a large body never blocks the event loop, and a body that would not shrink is sent as it is.
 */
export function compressionMiddleware({ algorithm, minSizeBytes }: CompressionMiddlewareConfig) {
  const compress = algorithm === CompressionAlgorithm.DEFLATE ? deflateAsync : gzipAsync;
  const encoding = algorithm === CompressionAlgorithm.DEFLATE ? 'deflate' : 'gzip';
  return <Output extends MetadataBearer>(next: BuildHandler<object, Output>) =>
    async (args: BuildHandlerArguments<object>): Promise<BuildHandlerOutput<Output>> => {
      const request = args.request;
      if (!HttpRequest.isInstance(request)) return next(args);
      const body = bodyBytes(request.body);
      if (!body || body.byteLength < minSizeBytes || request.headers['content-encoding']) {
        return next(args);
      }
      const compressed = await compress(body);
      if (compressed.byteLength >= body.byteLength) return next(args);
      request.body = compressed;
      request.headers['content-encoding'] = encoding;
      request.headers['content-length'] = String(compressed.byteLength);
      return next(args);
    };
}

/**
 * In the build step, before the retry loop: the body is compressed once per logical request,
 * every retry resends the same bytes, and SigV4 later signs the compressed body, which is what
 * the server verifies.
 */
export const compressionMiddlewareOptions: RelativeMiddlewareOptions = {
  name: COMPRESSION_MIDDLEWARE_NAME,
  relation: 'before',
  toMiddleware: 'contentLengthMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'COMPRESSION'],
  override: true,
};

export function getCompressionPlugin(
  config: CompressionMiddlewareConfig,
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(compressionMiddleware(config), compressionMiddlewareOptions);
    },
  };
}

/**
 * The serialized body as bytes. SDK 3.11xx hands a Uint8Array subclass whose string methods warn,
 * so bytes are used as they are; older SDKs hand a string.
 */
function bodyBytes(body: unknown): Uint8Array | undefined {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return undefined;
}
