import { isJsonObject, type JsonObject } from './json-values.js';
import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';
import type { RegisteredVectorIndex, VectorIndexState } from './vector-index-registry.js';

/**
 * An index as DescribeTable shows it. 2026.4 uses DynamoDB's `VectorIndexDescription`
 * (IndexSizeBytes and ItemCount stay 0: the service refreshes them every six hours); 2026.2 and
 * 2026.3 keep `Dimensions` inside `VectorAttribute`, and 2026.3 adds `SimilarityFunction`.
 */
export function describeVectorIndex(
  index: RegisteredVectorIndex,
  state: VectorIndexState,
  release: LocalAlternatorServerVersion,
  tableArn: unknown,
): JsonObject {
  const { definition } = index;
  if (release !== '2026.4') {
    return {
      IndexName: definition.indexName,
      VectorAttribute: {
        AttributeName: definition.attributeName,
        Dimensions: definition.dimensions,
      },
      Projection: { ProjectionType: 'KEYS_ONLY' },
      ...(release === '2026.3' ? { SimilarityFunction: definition.fn } : {}),
      ...state,
    };
  }
  return {
    IndexName: definition.indexName,
    VectorAttribute: { AttributeName: definition.attributeName },
    Dimensions: definition.dimensions,
    DistanceFunction: definition.fn,
    Projection: {
      ProjectionType: definition.projectionType,
      ...(definition.projectionType === 'INCLUDE'
        ? { NonKeyAttributes: definition.nonKeyAttributes }
        : {}),
    },
    ...(definition.searchSchema.length > 0
      ? {
          SearchSchema: definition.searchSchema.map((element) => ({
            AttributeName: element.attributeName,
            SearchSchemaElementType: element.elementType,
          })),
        }
      : {}),
    ...state,
    IndexSizeBytes: 0,
    ItemCount: 0,
    ...(typeof tableArn === 'string'
      ? { IndexArn: `${tableArn}/index/${definition.indexName}` }
      : {}),
  };
}

/**
 * Puts the vector indexes, and the AttributeDefinitions only SearchSchemas use, back into a
 * TableDescription from the store. `VectorIndexes` stays absent when there are none.
 */
export function addVectorIndexesTo(
  table: JsonObject,
  descriptions: JsonObject[],
  searchAttributeTypes: ReadonlyMap<string, string>,
): void {
  if (descriptions.length > 0) {
    table.VectorIndexes = descriptions;
  }
  if (searchAttributeTypes.size === 0) {
    return;
  }
  const definitions = Array.isArray(table.AttributeDefinitions)
    ? (table.AttributeDefinitions as unknown[])
    : [];
  const declared = new Set(
    definitions.filter(isJsonObject).map((definition) => definition.AttributeName),
  );
  for (const [name, type] of searchAttributeTypes) {
    if (!declared.has(name)) {
      definitions.push({ AttributeName: name, AttributeType: type });
    }
  }
  table.AttributeDefinitions = definitions;
}
