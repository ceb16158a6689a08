import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, inflate, type ZlibOptions } from 'node:zlib';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
} from '@smithy/types';
import { CompressionAlgorithm } from '../config/compression-algorithm.js';
import { ResponseDecompressionError, ResponseTooLargeError } from '../errors.js';
import { isReadOperation } from '../read-operations.js';
import { checkJsonObjectBody, readResponseBody } from '../transport/response-body.js';
import { nodeOf } from '../transport/bounded-http-handler.js';
import { ALTERNATOR_MIDDLEWARE_TAG } from './middleware-tag.js';

// The class lives with every other error class in errors.ts; this path stays for imports.
export { ResponseDecompressionError } from '../errors.js';

const DECODERS: Record<Coding, (input: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
};
type Coding = 'gzip' | 'deflate';

/** Node's zlib code for output over `maxOutputLength`. */
const OUTPUT_TOO_LARGE_CODE = 'ERR_BUFFER_TOO_LARGE';

/** Which compressed responses to ask for, and how large they may be once decoded. */
export interface ResponseDecompressionMiddlewareConfig {
  /** The codings to ask for and decode (`GZIP`, `DEFLATE`); `NONE` is not one of them. */
  algorithms: readonly CompressionAlgorithm[];
  /** The most bytes a decoded body may have. */
  maxResponseBytes: number;
}

/**
 * The name of the middleware that asks for compressed responses and decodes them. Without it no
 * `Accept-Encoding` is sent, so the server answers uncompressed.
 * @publicApi
 */
export const RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME = 'alternatorResponseDecompressionMiddleware';

/**
 * Asks for compressed responses and decodes them before the SDK parses them, into at most
 * `maxResponseBytes`: zlib stops inflating there, so a small body that inflates to gigabytes (a
 * "gzip bomb") costs no more than an honest answer at the bound. The client's HTTP handler has
 * already bounded the encoded body. `Accept-Encoding` lists exactly the codings this client
 * decodes.
 */
export function responseDecompressionMiddleware({
  algorithms,
  maxResponseBytes,
}: ResponseDecompressionMiddlewareConfig) {
  const accepted = new Set<Coding>(
    algorithms.map((algorithm) =>
      algorithm === CompressionAlgorithm.DEFLATE ? 'deflate' : 'gzip',
    ),
  );
  const acceptEncoding = [...accepted].join(', ');
  return <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
    async (args: DeserializeHandlerArguments<object>) => {
      if (!HttpRequest.isInstance(args.request)) return next(args);
      args.request.headers['accept-encoding'] = acceptEncoding;
      const result = await next(args);
      if (HttpResponse.isInstance(result.response)) {
        await decode(result.response, args.request, accepted, maxResponseBytes);
      }
      return result;
    };
}

/**
 * Inside the deserializer, so the SDK parses the decoded body; after signing, as
 * `Accept-Encoding` is not part of the signature.
 */
export const responseDecompressionMiddlewareOptions: RelativeMiddlewareOptions = {
  name: RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'deserializerMiddleware',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'COMPRESSION'],
  override: true,
};

export function getResponseDecompressionPlugin(
  config: ResponseDecompressionMiddlewareConfig,
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        responseDecompressionMiddleware(config),
        responseDecompressionMiddlewareOptions,
      );
    },
  };
}

async function decode(
  response: HttpResponse,
  request: HttpRequest,
  accepted: ReadonlySet<Coding>,
  maxResponseBytes: number,
): Promise<void> {
  const name = Object.keys(response.headers).find(
    (key) => key.toLowerCase() === 'content-encoding',
  );
  if (name === undefined) return;
  const coding = response.headers[name].split(';')[0].trim().toLowerCase() as Coding;
  if (!accepted.has(coding)) return;
  const encoded = await readResponseBody(response.body as Readable | Uint8Array | undefined);
  const node = nodeOf(request);
  const retryable = isReadOperation(request.headers['x-amz-target']);
  let decoded: Buffer;
  try {
    decoded = await DECODERS[coding](encoded, { maxOutputLength: maxResponseBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === OUTPUT_TOO_LARGE_CODE) {
      throw new ResponseTooLargeError(node, 'decoded body', maxResponseBytes, {
        detail: `${encoded.length} ${coding} bytes inflate past it`,
        option: 'maxResponseBytes',
        statusCode: response.statusCode,
        retryable,
      });
    }
    throw new ResponseDecompressionError(
      `A ${coding} response (HTTP ${response.statusCode}) from ${node} could not be decoded: ${(error as Error).message}`,
      { cause: error },
    );
  }
  checkJsonObjectBody(decoded, { node, statusCode: response.statusCode, retryable });
  for (const key of Object.keys(response.headers)) {
    const lower = key.toLowerCase();
    if (lower === 'content-encoding' || lower === 'content-length') delete response.headers[key];
  }
  response.body = decoded;
}
