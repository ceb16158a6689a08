import { VectorSearchUnsupportedError } from './vector-errors.js';
import { requestedVectorIndexes, vectorIndexShape } from './vector-request-members.js';
import { someValueDeep } from './attribute-tree.js';

/** What was sent, looked at only once the server has refused it. */
export interface RefusedRequest {
  /** The SDK command name, e.g. `PutItemCommand`. */
  commandName: string;
  input: object;
}

/**
 * Turns a server's refusal of a vector-search API it does not have into a
 * {@link VectorSearchUnsupportedError} that says which server generation the request needs (the
 * original error is its `cause`); any other error is returned unchanged.
 */
export function explainVectorRefusal(error: unknown, request: RefusedRequest): unknown {
  if (!(error instanceof Error)) return error;
  const explanation = explanationFor(error, request);
  return explanation === undefined
    ? error
    : new VectorSearchUnsupportedError(`${explanation} (the server said: ${error.message})`, {
        cause: error,
      });
}

function explanationFor(error: Error, request: RefusedRequest): string | undefined {
  const { commandName } = request;
  if (commandName === 'SearchVectorsCommand' && error.name === 'UnknownOperationException') {
    return (
      "The server does not know SearchVectors: DynamoDB's vector-search API needs ScyllaDB " +
      '2026.4 or later. On ScyllaDB 2026.2/2026.3 search with VectorQueryCommand (Query with ' +
      'VectorSearch) instead'
    );
  }
  if (error.name !== 'ValidationException') return undefined;
  if (commandName === 'QueryCommand' && /not supported on this index type/i.test(error.message)) {
    return (
      "The server refused a Query on a vector index: it serves DynamoDB's vector API (ScyllaDB " +
      '2026.4 or later, or DynamoDB), where vector indexes are searched with SearchVectorsCommand'
    );
  }
  if (
    /unknown type FLOAT32VECTOR|Supplied AttributeValue is empty/i.test(error.message) &&
    carriesFloat32Vector(request.input)
  ) {
    return (
      'The server refused a FLOAT32VECTOR value: FLOAT32VECTOR needs ScyllaDB 2026.3 or later. ' +
      'On older servers and on DynamoDB write vectors as lists of numbers: float32List(), or ' +
      "the document client's vectorEncoding NUMBER_LIST"
    );
  }
  if (/Dimensions|DistanceFunction/.test(error.message)) {
    const shapes = new Set(requestedVectorIndexes(request.input).map(vectorIndexShape));
    if (shapes.has('scylla')) {
      return (
        "The server refused ScyllaDB 2026.2/2026.3's vector index shape: it expects DynamoDB's " +
        '(ScyllaDB 2026.4 or later, or DynamoDB), with Dimensions and DistanceFunction at index ' +
        'level, sent with the standard CreateTableCommand/UpdateTableCommand'
      );
    }
    if (shapes.has('dynamodb')) {
      return (
        "The server refused DynamoDB's vector index shape: it expects ScyllaDB 2026.2/2026.3's, " +
        'with Dimensions inside VectorAttribute, sent with VectorCreateTableCommand or ' +
        'VectorUpdateTableCommand'
      );
    }
  }
  return undefined;
}

/** Whether the input holds a `FLOAT32VECTOR` value, or a `Float32Array` a document client sends as one. */
function carriesFloat32Vector(input: object): boolean {
  return someValueDeep(
    input,
    (value) =>
      value instanceof Float32Array ||
      Array.isArray((value as { FLOAT32VECTOR?: unknown }).FLOAT32VECTOR),
  );
}
