import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
  RelativeMiddlewareOptions,
  SerializeHandler,
  SerializeHandlerArguments,
} from '@smithy/types';
import { replaceObjectsDeep } from './attribute-tree.js';
import { float32List, float32Numbers, float32Vector } from './float32-vector.js';
import { VectorEncoding } from './vector-encoding.js';
import { ALTERNATOR_MIDDLEWARE_TAG } from '../middleware/middleware-tag.js';

/** How the document client writes `Float32Array` values. */
export interface DocumentVectorMiddlewareConfig {
  /** `FLOAT32VECTOR` or a list of numbers. */
  encoding: VectorEncoding;
}

/** The name of the middleware that turns a `Float32Array` `SearchVector` into numbers. */
export const DOCUMENT_VECTOR_SEARCH_INPUT_MIDDLEWARE_NAME =
  'alternatorDocumentVectorSearchInputMiddleware';
/** The name of the middleware that writes `Float32Array` values as the encoding says. */
export const DOCUMENT_VECTOR_MARSHALL_MIDDLEWARE_NAME =
  'alternatorDocumentVectorMarshallMiddleware';
/** The name of the middleware that reads `FLOAT32VECTOR` values back as `Float32Array`. */
export const DOCUMENT_VECTOR_UNMARSHALL_MIDDLEWARE_NAME =
  'alternatorDocumentVectorUnmarshallMiddleware';

/** lib-dynamodb marshals `SearchVector` element by element, which a typed array does not survive. */
export function documentVectorSearchInputMiddleware() {
  return <Output extends MetadataBearer>(
      next: SerializeHandler<object, Output>,
      context: HandlerExecutionContext,
    ) =>
    (args: SerializeHandlerArguments<object>) => {
      const vector = (args.input as { SearchVector?: unknown }).SearchVector;
      if (context.commandName !== 'SearchVectorsCommand' || !ArrayBuffer.isView(vector)) {
        return next(args);
      }
      const numbers = float32Numbers(vector as unknown as ArrayLike<number>, 'SearchVector');
      return next({ ...args, input: { ...args.input, SearchVector: numbers } });
    };
}

export const documentVectorSearchInputMiddlewareOptions: RelativeMiddlewareOptions = {
  name: DOCUMENT_VECTOR_SEARCH_INPUT_MIDDLEWARE_NAME,
  relation: 'before',
  toMiddleware: 'DocumentMarshall',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'VECTOR'],
  override: true,
};

/**
 * lib-dynamodb marshals a `Float32Array` as binary (`{ B: Float32Array }`, which the serializer
 * then fails on): right after its marshalling, such binaries become `FLOAT32VECTOR` or a list of
 * numbers.
 */
export function documentVectorMarshallMiddleware({ encoding }: DocumentVectorMiddlewareConfig) {
  const encode = (vector: Float32Array, attributeName: string) =>
    encoding === VectorEncoding.FLOAT32VECTOR
      ? float32Vector(vector, attributeName)
      : float32List(vector, attributeName);
  return <Output extends MetadataBearer>(next: SerializeHandler<object, Output>) =>
    (args: SerializeHandlerArguments<object>) => {
      let input = args.input;
      replaceObjectsDeep(input, (node, key) => {
        const binary = (node as { B?: unknown }).B;
        return binary instanceof Float32Array ? encode(binary, key) : undefined;
      });
      const search = (input as { VectorSearch?: { QueryVector?: unknown } }).VectorSearch;
      if (search?.QueryVector instanceof Float32Array) {
        const QueryVector = encode(search.QueryVector, 'QueryVector');
        input = { ...input, VectorSearch: { ...search, QueryVector } };
      }
      return next({ ...args, input });
    };
}

export const documentVectorMarshallMiddlewareOptions: RelativeMiddlewareOptions = {
  name: DOCUMENT_VECTOR_MARSHALL_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'DocumentMarshall',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'VECTOR'],
  override: true,
};

/**
 * lib-dynamodb cannot unmarshal `FLOAT32VECTOR`: right before its unmarshalling, such values
 * become binaries holding a `Float32Array`, which it hands back unchanged. Real binaries stay
 * `Uint8Array`.
 */
export function documentVectorUnmarshallMiddleware() {
  return <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
    async (args: DeserializeHandlerArguments<object>) => {
      const result = await next(args);
      replaceObjectsDeep(result.output, (node) => {
        const values = (node as { FLOAT32VECTOR?: unknown }).FLOAT32VECTOR;
        return Array.isArray(values) ? { B: Float32Array.from(values as number[]) } : undefined;
      });
      return result;
    };
}

export const documentVectorUnmarshallMiddlewareOptions: RelativeMiddlewareOptions = {
  name: DOCUMENT_VECTOR_UNMARSHALL_MIDDLEWARE_NAME,
  relation: 'after',
  toMiddleware: 'DocumentUnmarshall',
  tags: [ALTERNATOR_MIDDLEWARE_TAG, 'VECTOR'],
  override: true,
};

/**
 * `Float32Array` in the document client. It is added to each document command's own stack,
 * where lib-dynamodb's `DocumentMarshall` and `DocumentUnmarshall` are.
 */
export function getDocumentVectorPlugin(
  config: DocumentVectorMiddlewareConfig,
): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(
        documentVectorSearchInputMiddleware(),
        documentVectorSearchInputMiddlewareOptions,
      );
      stack.addRelativeTo(
        documentVectorMarshallMiddleware(config),
        documentVectorMarshallMiddlewareOptions,
      );
      stack.addRelativeTo(
        documentVectorUnmarshallMiddleware(),
        documentVectorUnmarshallMiddlewareOptions,
      );
    },
  };
}
