import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { HttpRequest } from '@smithy/protocol-http';
import type {
  BuildHandler,
  BuildHandlerArguments,
  BuildHandlerOutput,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';
import { CompressionAlgorithm } from '../config/compression-algorithm.js';

const gzipAsync = promisify(gzip);
const deflateAsync = promisify(deflate);

export const COMPRESSION_MIDDLEWARE_NAME = 'alternatorCompressionMiddleware';

/**
 * Compresses request bodies of at least `minSizeBytes` with gzip or deflate (zlib-wrapped, as
 * Alternator expects). It runs in the build step, before the retry loop: the body is compressed
 * once per logical request, every retry resends the same bytes, and SigV4 later signs the
 * compressed body, which is what the server verifies. The work happens on libuv's thread pool so
 * a large body never blocks the event loop, and a body that would not shrink is sent as it is.
 */
export function compressionPlugin(
  algorithm: CompressionAlgorithm,
  minSizeBytes: number,
): Pluggable<object, MetadataBearer> {
  const compress = algorithm === CompressionAlgorithm.DEFLATE ? deflateAsync : gzipAsync;
  const encoding = algorithm === CompressionAlgorithm.DEFLATE ? 'deflate' : 'gzip';
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: BuildHandler<object, Output>) =>
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
          },
        {
          name: COMPRESSION_MIDDLEWARE_NAME,
          relation: 'before',
          toMiddleware: 'contentLengthMiddleware',
          tags: ['ALTERNATOR', 'COMPRESSION'],
          override: true,
        },
      );
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
