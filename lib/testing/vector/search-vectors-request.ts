import type { AlternatorErrorReply } from '../alternator-errors.js';
import { expressionAttributesOf, unusedAttributesError } from './expression-attributes.js';
import {
  isErrorReply,
  optionalString,
  serialization,
  typedValue,
  validation,
  type JsonObject,
} from './json-values.js';
import { parseProjection, type Selection } from './projection-expression.js';
import { parseSearchCondition, type SearchEquality } from './search-condition.js';
import type { VectorIndexDefinition } from './vector-index-definition.js';
import type { RegisteredVectorIndex, VectorIndexRegistry } from './vector-index-registry.js';
import { readNumberValues } from './vector-values.js';

/** Alternator's TopK range (DynamoDB stops at 100). */
export const MAX_TOP_K = 1000;

const REQUIRED_MEMBERS = ['TableName', 'IndexName', 'SearchVector', 'TopK'] as const;

/** A SearchVectors request that passed every check. */
export interface SearchVectorsPlan {
  tableName: string;
  index: VectorIndexDefinition;
  query: Float32Array;
  topK: number;
  equalities: SearchEquality[];
  /** From ProjectionExpression; undefined returns everything the index projects. */
  selection?: Selection;
}

/** Checks the members that need no table: presence and TopK. */
export function checkSearchMembers(request: JsonObject): AlternatorErrorReply | undefined {
  const missing = REQUIRED_MEMBERS.filter((member) => request[member] === undefined);
  if (missing.length > 0) {
    const errors = missing.map(
      (member) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
    const count = `${missing.length} validation error${missing.length > 1 ? 's' : ''}`;
    return validation(`${count} detected: ${errors.join('; ')}`);
  }
  if (typeof request.TableName !== 'string' || typeof request.IndexName !== 'string') {
    return serialization('TableName and IndexName must be strings');
  }
  const topK = request.TopK;
  if (typeof topK !== 'number') {
    return serialization(`TopK must be a number, got ${JSON.stringify(topK)}`);
  }
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    return validation(
      `Provided TopK value '${topK}' is out of valid range. The value must be an integer ` +
        `between 1 and ${MAX_TOP_K} inclusive`,
    );
  }
  if (!Array.isArray(request.SearchVector)) {
    return serialization('SearchVector must be a list of number attribute values');
  }
  return undefined;
}

/** Checks the rest against the table's registered index, in the order the emulator chose. */
export function planSearch(
  request: JsonObject,
  registry: VectorIndexRegistry,
): SearchVectorsPlan | AlternatorErrorReply {
  const tableName = request.TableName as string;
  const indexName = request.IndexName as string;
  const registered = registry.find(tableName, indexName);
  if (registered === undefined) {
    return validation(`The table does not have the specified index: ${indexName}`);
  }
  const index = registered.definition;
  const query = readNumberValues(request.SearchVector as unknown[]);
  if (query === undefined) {
    return validation(
      'All values in the search vector must be a 32-bit floating-point number attribute',
    );
  }
  if (query.length !== index.dimensions) {
    return validation(
      `Input search vector dimension ${query.length} does not match vector index dimension ` +
        `${index.dimensions}`,
    );
  }
  if (registry.stateOf(registered).IndexStatus !== 'ACTIVE') {
    return validation(`Cannot search backfilling vector index: ${indexName}`);
  }
  return finishPlan(request, registered, query);
}

function finishPlan(
  request: JsonObject,
  registered: RegisteredVectorIndex,
  query: Float32Array,
): SearchVectorsPlan | AlternatorErrorReply {
  const index = registered.definition;
  const { names, values } = expressionAttributesOf(request);
  const usedNames = new Set<string>();
  const usedValues = new Set<string>();
  let equalities: SearchEquality[] = [];
  const condition = optionalString(request, 'SearchConditionExpression');
  const projectionExpression = optionalString(request, 'ProjectionExpression');
  if (isErrorReply(condition)) {
    return condition;
  }
  if (isErrorReply(projectionExpression)) {
    return projectionExpression;
  }
  if (condition !== undefined) {
    const parsed = parseSearchCondition(condition, names, values);
    if (isErrorReply(parsed)) {
      return parsed;
    }
    const problem = conditionProblem(parsed.equalities, index);
    if (problem !== undefined) {
      return problem;
    }
    equalities = parsed.equalities;
    parsed.usedNames.forEach((name) => usedNames.add(name));
    parsed.usedValues.forEach((value) => usedValues.add(value));
  }
  const hash = index.searchSchema.find((element) => element.elementType === 'HASH');
  if (hash !== undefined && condition === undefined) {
    return validation(
      'SearchConditionExpression must be provided when SearchSchema has a HASH key',
    );
  }
  if (hash !== undefined && !equalities.some((e) => e.attribute === hash.attributeName)) {
    return validation(
      `SearchConditionExpression must include an equality condition on the HASH attribute ` +
        hash.attributeName,
    );
  }
  let selection: Selection | undefined;
  if (projectionExpression !== undefined) {
    const projection = parseProjection(projectionExpression, names);
    if (isErrorReply(projection)) {
      return projection;
    }
    projection.usedNames.forEach((name) => usedNames.add(name));
    selection = projection.selection;
  }
  const unused = unusedAttributesError(request, usedNames, usedValues);
  if (unused !== undefined) {
    return unused;
  }
  const tableName = request.TableName as string;
  return { tableName, index, query, topK: request.TopK as number, equalities, selection };
}

function conditionProblem(
  equalities: SearchEquality[],
  index: VectorIndexDefinition,
): AlternatorErrorReply | undefined {
  for (const { attribute, value } of equalities) {
    const element = index.searchSchema.find((entry) => entry.attributeName === attribute);
    if (element === undefined) {
      return validation(
        `Invalid SearchConditionExpression: attribute ${attribute} is not in the SearchSchema ` +
          `of vector index ${index.indexName}`,
      );
    }
    const type = typedValue(value)?.[0];
    if (type !== element.attributeType) {
      return validation(
        `Invalid SearchConditionExpression: Type mismatch for attribute ${attribute}: ` +
          `expected ${element.attributeType}, got ${type ?? 'an invalid value'}`,
      );
    }
  }
  return undefined;
}
