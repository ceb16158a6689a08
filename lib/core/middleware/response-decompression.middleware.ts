import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';
import { CompressionAlgorithm } from '../compression-algorithm.js';
import { AlternatorError } from '../errors.js';
import { readResponseBody } from '../transport/response-body.js';

const DECODERS = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
} as const;
type Coding = keyof typeof DECODERS;

/** Thrown when a response declares an encoding we asked for but its body does not decode. */
export class ResponseDecompressionError extends AlternatorError {}

/**
 * Asks for compressed responses and decodes them before the SDK parses them. It sits just inside
 * the deserializer, so the SDK only ever sees JSON; `Accept-Encoding` is added after signing (it
 * is not part of the signature) and lists exactly the codings this client decodes.
 */
export function responseDecompressionPlugin(
  algorithms: readonly CompressionAlgorithm[],
): Pluggable<object, MetadataBearer> {
  const accepted = new Set<Coding>(
    algorithms.map((algorithm) =>
      algorithm === CompressionAlgorithm.DEFLATE ? 'deflate' : 'gzip',
    ),
  );
  const acceptEncoding = [...accepted].join(', ');
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
          async (args: DeserializeHandlerArguments<object>) => {
            if (HttpRequest.isInstance(args.request)) {
              args.request.headers['accept-encoding'] = acceptEncoding;
            }
            const result = await next(args);
            if (HttpResponse.isInstance(result.response)) await decode(result.response, accepted);
            return result;
          },
        {
          name: 'alternatorResponseDecompressionMiddleware',
          relation: 'after',
          toMiddleware: 'deserializerMiddleware',
          tags: ['ALTERNATOR', 'COMPRESSION'],
          override: true,
        },
      );
    },
  };
}

async function decode(response: HttpResponse, accepted: ReadonlySet<Coding>): Promise<void> {
  const name = Object.keys(response.headers).find(
    (key) => key.toLowerCase() === 'content-encoding',
  );
  if (name === undefined) return;
  const coding = response.headers[name].split(';')[0].trim().toLowerCase();
  if (!(coding in DECODERS) || !accepted.has(coding as Coding)) return;
  const encoded = await readResponseBody(response.body as Readable | Uint8Array | undefined);
  let decoded: Buffer;
  try {
    decoded = await DECODERS[coding as Coding](encoded);
  } catch (error) {
    throw new ResponseDecompressionError(
      `A ${coding} response (HTTP ${response.statusCode}) could not be decoded: ${(error as Error).message}`,
      { cause: error },
    );
  }
  for (const key of Object.keys(response.headers)) {
    const lower = key.toLowerCase();
    if (lower === 'content-encoding' || lower === 'content-length') delete response.headers[key];
  }
  response.body = Readable.from([decoded]);
}
