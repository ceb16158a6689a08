import type { AlternatorErrorReply } from '../alternator-errors.js';
import { constraint, enumProblem, requiredString } from './constraint-messages.js';
import { isJsonObject, serialization, validation } from './json-values.js';
import type {
  SearchSchemaAttribute,
  SearchSchemaElementType,
  TableSchemaFacts,
} from './vector-index-definition.js';

/** Alternator 2026.4 states no SearchSchema limit of its own; DynamoDB's is used. */
export const MAX_INLINE_FILTERS = 18;

const ELEMENT_TYPES: readonly SearchSchemaElementType[] = ['HASH', 'INLINE_FILTER'];
const SEARCHABLE_TYPES = new Set(['S', 'N', 'B']);

/**
 * A 2026.4 SearchSchema: optional but never empty, at most one HASH and 18 INLINE_FILTER elements,
 * each an attribute declared in AttributeDefinitions as S, N or B, other than the vector.
 */
export function parseSearchSchema(
  value: unknown,
  path: string,
  facts: TableSchemaFacts,
  index: { indexName: string; attributeName: string },
): SearchSchemaAttribute[] | AlternatorErrorReply {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    return serialization(`${path} must be a list`);
  }
  if (value.length === 0) {
    return constraint('[]', path, 'Member must have length greater than or equal to 1');
  }
  const schema: SearchSchemaAttribute[] = [];
  for (const [position, element] of (value as unknown[]).entries()) {
    const at = `${path}[${position}]`;
    if (!isJsonObject(element)) {
      return serialization(`${at} must be an object`);
    }
    const attributeName = element.AttributeName;
    if (typeof attributeName !== 'string' || attributeName === '') {
      return requiredString(attributeName, `${at}.AttributeName`);
    }
    const elementType = element.SearchSchemaElementType;
    const typeProblem = enumProblem(elementType, `${at}.SearchSchemaElementType`, ELEMENT_TYPES);
    if (typeProblem !== undefined) {
      return typeProblem;
    }
    const problem = searchAttributeProblem(attributeName, schema, facts, index);
    if (problem !== undefined) {
      return validation(problem);
    }
    schema.push({
      attributeName,
      elementType: elementType as SearchSchemaElementType,
      attributeType: facts.attributeTypes.get(attributeName) ?? '',
    });
  }
  const hashes = schema.filter((element) => element.elementType === 'HASH').length;
  if (hashes > 1) {
    return validation(
      `SearchSchema of vector index ${index.indexName} has ${hashes} HASH elements; at most 1 is allowed`,
    );
  }
  if (schema.length - hashes > MAX_INLINE_FILTERS) {
    return validation(
      `SearchSchema of vector index ${index.indexName} has ${schema.length - hashes} ` +
        `INLINE_FILTER elements; at most ${MAX_INLINE_FILTERS} are allowed`,
    );
  }
  return schema;
}

function searchAttributeProblem(
  attributeName: string,
  earlier: SearchSchemaAttribute[],
  facts: TableSchemaFacts,
  index: { indexName: string; attributeName: string },
): string | undefined {
  if (earlier.some((element) => element.attributeName === attributeName)) {
    return `Duplicate attribute ${attributeName} in SearchSchema of vector index ${index.indexName}`;
  }
  if (attributeName === index.attributeName) {
    return `VectorAttribute ${attributeName} of vector index ${index.indexName} cannot also be a SearchSchema attribute`;
  }
  const type = facts.attributeTypes.get(attributeName);
  if (type === undefined) {
    return (
      `SearchSchema attribute ${attributeName} of vector index ${index.indexName} must be ` +
      'declared in AttributeDefinitions'
    );
  }
  if (!SEARCHABLE_TYPES.has(type)) {
    return (
      `SearchSchema attribute ${attributeName} of vector index ${index.indexName} has type ` +
      `${type} in AttributeDefinitions; it must be S, N or B`
    );
  }
  return undefined;
}
