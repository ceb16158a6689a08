import type { AlternatorErrorReply } from '../alternator-errors.js';
import { isJsonObject, validation } from './json-values.js';
import type { VectorFunction } from './knn.js';
import type { TableSchemaFacts, VectorIndexDefinition } from './vector-index-definition.js';

/**
 * ScyllaDB's own index shapes (2026.2, 2026.3), checked with the server's messages
 * (alternator/executor.cc): `{IndexName, VectorAttribute: {AttributeName, Dimensions},
 * Projection?: KEYS_ONLY, SimilarityFunction? (2026.3)}`.
 */
const MAX_DIMENSIONS = 16000;
const MAX_NAME_LENGTH = 192;
const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
const SIMILARITY_FUNCTIONS = ['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT'];

/** One entry of CreateTable's `VectorIndexes`. */
export function parseLegacyCreateTableIndex(
  raw: unknown,
  facts: TableSchemaFacts,
  similarityFunctions: boolean,
): VectorIndexDefinition | AlternatorErrorReply {
  const source = 'VectorIndexes';
  const indexName = isJsonObject(raw) ? raw.IndexName : undefined;
  if (!isJsonObject(raw) || typeof indexName !== 'string') {
    return validation('VectorIndexes IndexName must be a string.');
  }
  const nameProblem = tableNameProblem(indexName, 'VectorIndexes IndexName');
  if (nameProblem !== undefined) {
    return nameProblem;
  }
  const taken =
    facts.secondaryIndexNames.has(indexName) ||
    facts.vectorIndexes.some((index) => index.indexName === indexName);
  if (taken) {
    return validation(`Duplicate IndexName '${indexName}', `);
  }
  const vectorAttribute = raw.VectorAttribute;
  if (!isJsonObject(vectorAttribute)) {
    return validation('VectorIndexes VectorAttribute must be an object.');
  }
  const attributeName = vectorAttribute.AttributeName;
  if (typeof attributeName !== 'string') {
    return validation('VectorIndexes AttributeName must be a string.');
  }
  if (facts.vectorIndexes.some((index) => index.attributeName === attributeName)) {
    return validation(`Duplicate vector index on the same AttributeName '${attributeName}'`);
  }
  const declaredType = facts.attributeTypes.get(attributeName);
  if (declaredType !== undefined) {
    return validation(
      `VectorIndexes AttributeName '${attributeName}' is a key column of type ${declaredType} ` +
        'so cannot be used as a vector index target.',
    );
  }
  return parseLegacyTail(raw, vectorAttribute, source, similarityFunctions, {
    indexName,
    attributeName,
  });
}

/** The `Create` action of UpdateTable's `VectorIndexUpdates`, on an existing table. */
export function parseLegacyCreateAction(
  raw: Record<string, unknown>,
  indexName: string,
  facts: TableSchemaFacts,
  similarityFunctions: boolean,
): VectorIndexDefinition | AlternatorErrorReply {
  const source = 'VectorIndexUpdates';
  const nameProblem = tableNameProblem(indexName, 'VectorIndexUpdates IndexName');
  if (nameProblem !== undefined) {
    return nameProblem;
  }
  if (facts.vectorIndexes.some((index) => index.indexName === indexName)) {
    return validation(`Vector index ${indexName} already exists in table ${facts.tableName}`);
  }
  if (facts.secondaryIndexNames.has(indexName)) {
    return validation(
      `GSI or LSI ${indexName} already exists in table ${facts.tableName}, cannot reuse the name ` +
        'for a vector index',
    );
  }
  const vectorAttribute = raw.VectorAttribute;
  if (!isJsonObject(vectorAttribute)) {
    return validation('VectorIndexUpdates Create VectorAttribute must be an object.');
  }
  const attributeName = vectorAttribute.AttributeName;
  if (typeof attributeName !== 'string') {
    return validation('VectorIndexUpdates Create AttributeName must be a string.');
  }
  const target = `VectorIndexUpdates AttributeName '${attributeName}'`;
  if (facts.tableKeyTypes.has(attributeName)) {
    return validation(`${target} is a key column and cannot be used as a vector index target.`);
  }
  if (facts.secondaryKeyAttributes.has(attributeName)) {
    return validation(
      `${target} is a key column of a GSI or LSI and cannot be used as a vector index target.`,
    );
  }
  if (facts.vectorIndexes.some((index) => index.attributeName === attributeName)) {
    return validation(`${target} is already the target of an existing vector index.`);
  }
  return parseLegacyTail(raw, vectorAttribute, source, similarityFunctions, {
    indexName,
    attributeName,
  });
}

function parseLegacyTail(
  raw: Record<string, unknown>,
  vectorAttribute: Record<string, unknown>,
  source: string,
  similarityFunctions: boolean,
  names: { indexName: string; attributeName: string },
): VectorIndexDefinition | AlternatorErrorReply {
  const dimensions = vectorAttribute.Dimensions;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > MAX_DIMENSIONS
  ) {
    return validation(`${source} Dimensions must be an integer between 1 and ${MAX_DIMENSIONS}.`);
  }
  const projection = raw.Projection;
  if (projection !== undefined) {
    if (!isJsonObject(projection)) {
      return validation(`${source} Projection must be an object.`);
    }
    if (projection.ProjectionType !== 'KEYS_ONLY') {
      return validation(
        `${source} Projection: only ProjectionType=KEYS_ONLY is currently supported.`,
      );
    }
  }
  // 2026.2 does not read SimilarityFunction: its vector store always uses COSINE.
  const fn = similarityFunctions ? (raw.SimilarityFunction ?? 'COSINE') : 'COSINE';
  if (typeof fn !== 'string' || !SIMILARITY_FUNCTIONS.includes(fn)) {
    return validation(
      `${source} SimilarityFunction '${typeof fn === 'string' ? fn : JSON.stringify(fn)}' is ` +
        `not valid. Valid values are: ${SIMILARITY_FUNCTIONS.join(', ')}.`,
    );
  }
  return {
    ...names,
    dimensions,
    fn: fn as VectorFunction,
    projectionType: 'KEYS_ONLY',
    nonKeyAttributes: [],
    searchSchema: [],
  };
}

function tableNameProblem(name: string, source: string): AlternatorErrorReply | undefined {
  if (name.length < 3 || name.length > MAX_NAME_LENGTH) {
    return validation(
      `${source} must be at least 3 characters long and at most ${MAX_NAME_LENGTH} characters long`,
    );
  }
  if (!NAME_PATTERN.test(name)) {
    return validation(`${source} must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`);
  }
  return undefined;
}
