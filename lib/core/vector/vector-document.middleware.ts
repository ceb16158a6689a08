import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
  SerializeHandler,
  SerializeHandlerArguments,
} from '@smithy/types';
import { replaceObjectsDeep } from './attribute-tree.js';
import { float32List, float32Numbers, float32Vector } from './float32-vector.js';
import { VectorEncoding } from './vector-encoding.js';

/**
 * `Float32Array` in the document client. lib-dynamodb marshals a `Float32Array` as binary
 * (`{ B: Float32Array }`, which the serializer then fails on) and cannot unmarshal
 * `FLOAT32VECTOR` at all. Right after its marshalling, such binaries become `FLOAT32VECTOR` or a
 * list of numbers; right before its unmarshalling, `FLOAT32VECTOR` values become binaries holding
 * a `Float32Array`, which lib-dynamodb hands back unchanged. Real binaries stay `Uint8Array`.
 *
 * It is added to each document command's own stack, where lib-dynamodb's `DocumentMarshall` and
 * `DocumentUnmarshall` are.
 */
export function documentVectorPlugin(encoding: VectorEncoding): Pluggable<object, MetadataBearer> {
  const encode = (vector: Float32Array, attributeName: string) =>
    encoding === VectorEncoding.FLOAT32VECTOR
      ? float32Vector(vector, attributeName)
      : float32List(vector, attributeName);
  return {
    applyToStack(stack) {
      // SearchVector is marshalled element by element, which a typed array does not survive.
      stack.addRelativeTo(
        <Output extends MetadataBearer>(
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
          },
        {
          name: 'alternatorDocumentVectorSearchInput',
          relation: 'before',
          toMiddleware: 'DocumentMarshall',
          tags: ['ALTERNATOR', 'VECTOR'],
          override: true,
        },
      );
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: SerializeHandler<object, Output>) =>
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
          },
        {
          name: 'alternatorDocumentVectorMarshall',
          relation: 'after',
          toMiddleware: 'DocumentMarshall',
          tags: ['ALTERNATOR', 'VECTOR'],
          override: true,
        },
      );
      stack.addRelativeTo(
        <Output extends MetadataBearer>(next: DeserializeHandler<object, Output>) =>
          async (args: DeserializeHandlerArguments<object>) => {
            const result = await next(args);
            replaceObjectsDeep(result.output, (node) => {
              const values = (node as { FLOAT32VECTOR?: unknown }).FLOAT32VECTOR;
              return Array.isArray(values)
                ? { B: Float32Array.from(values as number[]) }
                : undefined;
            });
            return result;
          },
        {
          name: 'alternatorDocumentVectorUnmarshall',
          relation: 'after',
          toMiddleware: 'DocumentUnmarshall',
          tags: ['ALTERNATOR', 'VECTOR'],
          override: true,
        },
      );
    },
  };
}
