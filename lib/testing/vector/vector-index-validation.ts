import type { AlternatorErrorReply } from '../alternator-errors.js';
import { constraint, enumProblem, notNull, requiredString } from './constraint-messages.js';
import { isJsonObject, serialization, validation } from './json-values.js';
import { VECTOR_FUNCTIONS, type VectorFunction } from './knn.js';
import { parseSearchSchema } from './search-schema-validation.js';
import {
  keyAttributesOf,
  type TableSchemaFacts,
  type VectorIndexDefinition,
  type VectorProjectionType,
} from './vector-index-definition.js';

/** Alternator 2026.4's limits where they differ from DynamoDB's. */
export const VECTOR_INDEX_LIMITS = {
  minNameLength: 3,
  maxNameLength: 192,
  maxDimensions: 16000,
  indexesPerTable: 5,
  projectedAttributes: 20,
} as const;

const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
const PROJECTION_TYPES: readonly VectorProjectionType[] = ['ALL', 'INCLUDE', 'KEYS_ONLY'];

/**
 * Parses one DynamoDB-shaped `VectorIndex` / `CreateVectorIndexAction` (2026.4) found at `path`
 * (e.g. `VectorIndexes[0]`), checking each member as the service does.
 */
export function parseVectorIndex(
  raw: unknown,
  path: string,
  facts: TableSchemaFacts,
): VectorIndexDefinition | AlternatorErrorReply {
  if (!isJsonObject(raw)) {
    return serialization(`${path} must be an object`);
  }
  const indexName = raw.IndexName;
  if (typeof indexName !== 'string') {
    return requiredString(indexName, `${path}.IndexName`);
  }
  if (
    indexName.length < VECTOR_INDEX_LIMITS.minNameLength ||
    indexName.length > VECTOR_INDEX_LIMITS.maxNameLength
  ) {
    return constraint(
      indexName,
      `${path}.IndexName`,
      `Member must have length between ${VECTOR_INDEX_LIMITS.minNameLength} and ` +
        `${VECTOR_INDEX_LIMITS.maxNameLength}`,
    );
  }
  if (!NAME_PATTERN.test(indexName)) {
    return constraint(
      indexName,
      `${path}.IndexName`,
      'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
    );
  }
  const vectorAttribute = raw.VectorAttribute;
  if (!isJsonObject(vectorAttribute)) {
    return vectorAttribute === undefined
      ? notNull(`${path}.VectorAttribute`)
      : serialization(`${path}.VectorAttribute must be an object`);
  }
  const attributeName = vectorAttribute.AttributeName;
  if (typeof attributeName !== 'string' || attributeName === '') {
    return requiredString(attributeName, `${path}.VectorAttribute.AttributeName`);
  }
  if (keyAttributesOf(facts).has(attributeName)) {
    return validation(
      `VectorAttribute ${attributeName} of vector index ${indexName} is a key attribute of the ` +
        'table or of one of its indexes; a vector attribute cannot be a key',
    );
  }
  const dimensions = parseDimensions(raw.Dimensions, `${path}.Dimensions`);
  if (typeof dimensions !== 'number') {
    return dimensions;
  }
  const fn = raw.DistanceFunction;
  const fnProblem = enumProblem(fn, `${path}.DistanceFunction`, VECTOR_FUNCTIONS);
  if (fnProblem !== undefined) {
    return fnProblem;
  }
  const projection = parseProjection(raw.Projection, `${path}.Projection`, indexName);
  if (!('projectionType' in projection)) {
    return projection;
  }
  const searchSchema = parseSearchSchema(raw.SearchSchema, `${path}.SearchSchema`, facts, {
    indexName,
    attributeName,
  });
  if (!Array.isArray(searchSchema)) {
    return searchSchema;
  }
  return {
    indexName,
    attributeName,
    dimensions,
    fn: fn as VectorFunction,
    ...projection,
    searchSchema,
  };
}

/**
 * Checks a parsed index against the table: its name is new among GSIs, LSIs and vector indexes,
 * the table stays within the per-table limit, and indexes sharing an attribute agree on
 * Dimensions.
 */
export function checkIndexAgainstTable(
  index: VectorIndexDefinition,
  facts: TableSchemaFacts,
  operation: 'CreateTable' | 'UpdateTable',
): AlternatorErrorReply | undefined {
  const taken =
    facts.secondaryIndexNames.has(index.indexName) ||
    facts.vectorIndexes.some((other) => other.indexName === index.indexName);
  if (taken) {
    return validation(
      operation === 'CreateTable'
        ? `Duplicate index name: ${index.indexName}`
        : `An index named ${index.indexName} already exists on table ${facts.tableName}`,
    );
  }
  if (facts.vectorIndexes.length >= VECTOR_INDEX_LIMITS.indexesPerTable) {
    return validation(
      `Table ${facts.tableName} cannot have more than ${VECTOR_INDEX_LIMITS.indexesPerTable} ` +
        'vector indexes',
    );
  }
  const sharing = facts.vectorIndexes.find(
    (other) => other.attributeName === index.attributeName && other.dimensions !== index.dimensions,
  );
  if (sharing !== undefined) {
    return validation(
      `Vector indexes ${sharing.indexName} and ${index.indexName} both index attribute ` +
        `${index.attributeName} but with Dimensions ${sharing.dimensions} and ${index.dimensions}; ` +
        'indexes sharing an attribute must have equal Dimensions',
    );
  }
  return undefined;
}

function parseDimensions(value: unknown, path: string): number | AlternatorErrorReply {
  if (value === undefined) {
    return notNull(path);
  }
  if (typeof value !== 'number') {
    return serialization(`${path} must be a number, got ${JSON.stringify(value)}`);
  }
  // The service truncates a fractional Dimensions (6.7 becomes 6) instead of refusing it.
  const dimensions = Math.trunc(value);
  if (dimensions < 1 || dimensions > VECTOR_INDEX_LIMITS.maxDimensions) {
    return constraint(
      value,
      path,
      `Member must have value between 1 and ${VECTOR_INDEX_LIMITS.maxDimensions}`,
    );
  }
  return dimensions;
}

function parseProjection(
  value: unknown,
  path: string,
  indexName: string,
): Pick<VectorIndexDefinition, 'projectionType' | 'nonKeyAttributes'> | AlternatorErrorReply {
  if (!isJsonObject(value)) {
    return value === undefined ? notNull(path) : serialization(`${path} must be an object`);
  }
  const type = value.ProjectionType;
  const typeProblem = enumProblem(type, `${path}.ProjectionType`, PROJECTION_TYPES);
  if (typeProblem !== undefined) {
    return typeProblem;
  }
  const names = value.NonKeyAttributes;
  if (
    names !== undefined &&
    (!Array.isArray(names) || !(names as unknown[]).every((name) => typeof name === 'string'))
  ) {
    return serialization(`${path}.NonKeyAttributes must be a list of attribute names`);
  }
  const nonKeyAttributes = (names ?? []) as string[];
  if (type === 'INCLUDE' && nonKeyAttributes.length === 0) {
    return validation(`ProjectionType INCLUDE of vector index ${indexName} needs NonKeyAttributes`);
  }
  if (type !== 'INCLUDE' && names !== undefined) {
    return validation(
      `NonKeyAttributes of vector index ${indexName} are only allowed with ProjectionType INCLUDE`,
    );
  }
  if (nonKeyAttributes.length + 1 > VECTOR_INDEX_LIMITS.projectedAttributes) {
    return validation(
      `Vector index ${indexName} has ${nonKeyAttributes.length + 1} projected attributes ` +
        `(NonKeyAttributes plus the vector attribute); at most ` +
        `${VECTOR_INDEX_LIMITS.projectedAttributes} are allowed`,
    );
  }
  return { projectionType: type as VectorProjectionType, nonKeyAttributes };
}
