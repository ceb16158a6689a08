import type { AlternatorErrorReply } from '../alternator-errors.js';
import {
  expressionAttributesOf,
  tokensOf,
  unusedAttributesError,
} from './expression-attributes.js';
import { isFloat32VectorValue } from './float32-vector-codec.js';
import {
  isErrorReply,
  isJsonObject,
  typedValue,
  validation,
  type JsonObject,
} from './json-values.js';
import type { Selection } from './projection-expression.js';
import type { VectorApiFeatures } from './vector-api-generation.js';
import { parseSelect, selectionOf, type QuerySelect } from './vector-query-select.js';
import type { RegisteredVectorIndex, VectorIndexRegistry } from './vector-index-registry.js';
import { float32OfNumberText } from './vector-values.js';

/** A Query + VectorSearch request that passed every check. */
export interface VectorQueryPlan {
  tableName: string;
  index: RegisteredVectorIndex;
  query: Float32Array;
  limit: number;
  select: QuerySelect;
  /** ProjectionExpression / AttributesToGet of a `regular` select; undefined keeps all. */
  selection?: Selection;
  /** FilterExpression, applied after the k candidates are chosen. */
  filter?: JsonObject;
  returnScores: boolean;
}

/**
 * The checks of ScyllaDB's query_vector() (alternator/executor_read.cc), in its order and with
 * its messages; 2026.3 adds FLOAT32VECTOR query vectors and ReturnScores.
 */
export function planVectorQuery(
  request: JsonObject,
  registry: VectorIndexRegistry,
  api: VectorApiFeatures,
): VectorQueryPlan | AlternatorErrorReply {
  const tableName = String(request.TableName);
  if (typeof request.IndexName !== 'string') {
    return validation('VectorSearch requires IndexName referring to a vector index');
  }
  const index = registry.find(tableName, request.IndexName);
  if (index === undefined) {
    return validation(`VectorSearch IndexName '${request.IndexName}' is not a vector index.`);
  }
  const search = request.VectorSearch;
  if (!isJsonObject(search)) {
    return validation('VectorSearch requires a VectorSearch parameter');
  }
  const query = readQueryVector(search.QueryVector, index.definition.dimensions, api);
  if (!(query instanceof Float32Array)) {
    return query;
  }
  const limit = request.Limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    return validation('VectorSearch requires a positive integer Limit parameter');
  }
  if (limit === 0) {
    return validation('Limit must be greater than 0');
  }
  const rejected = rejectedMember(request);
  if (rejected !== undefined) {
    return rejected;
  }
  const select = parseSelect(request);
  if (isErrorReply(select)) {
    return select;
  }
  const rejectedFilterMember = rejectedFilter(request);
  if (rejectedFilterMember !== undefined) {
    return rejectedFilterMember;
  }
  const returnScores = parseReturnScores(search, select, api);
  if (isErrorReply(returnScores)) {
    return returnScores;
  }
  const { names } = expressionAttributesOf(request);
  const selection = select === 'regular' ? selectionOf(request, names) : undefined;
  if (isErrorReply(selection)) {
    return selection;
  }
  const filterTokens = tokensOf(request.FilterExpression);
  const projectionTokens = tokensOf(request.ProjectionExpression);
  const unused = unusedAttributesError(
    request,
    new Set([...filterTokens.names, ...projectionTokens.names]),
    new Set(filterTokens.values),
  );
  if (unused !== undefined) {
    return unused;
  }
  if (registry.stateOf(index).IndexStatus !== 'ACTIVE') {
    return validation(
      `Vector Store index ${request.IndexName} is not ready: it is still being built ` +
        '(IndexStatus CREATING)',
    );
  }
  return {
    tableName,
    index,
    query,
    limit,
    select,
    selection,
    filter: filterOf(request, filterTokens),
    returnScores,
  };
}

function readQueryVector(
  value: unknown,
  dimensions: number,
  api: VectorApiFeatures,
): Float32Array | AlternatorErrorReply {
  if (!isJsonObject(value)) {
    return validation('VectorSearch requires a QueryVector parameter');
  }
  const asFloat32Vector = api.float32Vector && isFloat32VectorValue(value);
  const typed = typedValue(value);
  const elements = asFloat32Vector
    ? value.FLOAT32VECTOR
    : typed?.[0] === 'L'
      ? typed[1]
      : undefined;
  if (!Array.isArray(elements)) {
    return validation('VectorSearch QueryVector must be a list of numbers');
  }
  if (elements.length !== dimensions) {
    return validation(
      `VectorSearch QueryVector length ${elements.length} does not match index Dimensions ${dimensions}`,
    );
  }
  const vector = new Float32Array(dimensions);
  for (const [position, element] of (elements as unknown[]).entries()) {
    let text: unknown = element;
    if (!asFloat32Vector) {
      const number = typedValue(element);
      if (number?.[0] !== 'N') {
        return validation('VectorSearch QueryVector must contain only numbers');
      }
      text = number[1];
    }
    const float =
      typeof text === 'number' ? Math.fround(text) : (float32OfNumberText(text) ?? Number.NaN);
    if (!Number.isFinite(float)) {
      return validation(`VectorSearch QueryVector element '${String(text)}' is not a valid number`);
    }
    vector[position] = float;
  }
  return vector;
}

function rejectedMember(request: JsonObject): AlternatorErrorReply | undefined {
  const consistent = request.ConsistentRead;
  if (consistent !== undefined && consistent !== null && typeof consistent !== 'boolean') {
    return validation('ConsistentRead flag must be a boolean');
  }
  if (consistent === true) {
    return validation('Consistent reads are not allowed on vector indexes');
  }
  if (request.ExclusiveStartKey !== undefined) {
    return validation('VectorSearch does not support pagination (ExclusiveStartKey)');
  }
  if (request.ScanIndexForward !== undefined) {
    return validation('VectorSearch does not support ScanIndexForward');
  }
  return undefined;
}

function rejectedFilter(request: JsonObject): AlternatorErrorReply | undefined {
  if (request.QueryFilter !== undefined) {
    return validation('VectorSearch does not support QueryFilter; use FilterExpression instead');
  }
  if (request.KeyConditions !== undefined) {
    return validation('VectorSearch does not support KeyConditions');
  }
  return undefined;
}

function parseReturnScores(
  search: JsonObject,
  select: QuerySelect,
  api: VectorApiFeatures,
): boolean | AlternatorErrorReply {
  // 2026.2 does not read ReturnScores at all.
  const value = api.similarityScores ? search.ReturnScores : undefined;
  if (value === undefined || value === 'NONE') {
    return false;
  }
  if (value !== 'SIMILARITY') {
    return validation(
      `VectorSearch ReturnScores ${JSON.stringify(value)} is not valid. Valid values are: NONE, SIMILARITY.`,
    );
  }
  return select === 'count'
    ? validation('VectorSearch ReturnScores=SIMILARITY cannot be used with Select=COUNT')
    : true;
}

/** The FilterExpression as a Scan request of its own, with only the placeholders it uses. */
function filterOf(
  request: JsonObject,
  tokens: { names: string[]; values: string[] },
): JsonObject | undefined {
  if (typeof request.FilterExpression !== 'string') {
    return undefined;
  }
  const { names, values } = expressionAttributesOf(request);
  const pick = (source: Record<string, unknown>, wanted: string[]) =>
    Object.fromEntries(Object.entries(source).filter(([token]) => wanted.includes(token)));
  return {
    FilterExpression: request.FilterExpression,
    ...(tokens.names.length > 0 ? { ExpressionAttributeNames: pick(names, tokens.names) } : {}),
    ...(tokens.values.length > 0 ? { ExpressionAttributeValues: pick(values, tokens.values) } : {}),
  };
}
