import { isJsonObject, type JsonObject } from './json-values.js';
import type { VectorFunction } from './knn.js';

export type SearchSchemaElementType = 'HASH' | 'INLINE_FILTER';
export type VectorProjectionType = 'KEYS_ONLY' | 'ALL' | 'INCLUDE';

export interface SearchSchemaAttribute {
  attributeName: string;
  elementType: SearchSchemaElementType;
  /** Its type in AttributeDefinitions: S, N or B. */
  attributeType: string;
}

/** One vector index, whichever release's API defined it. */
export interface VectorIndexDefinition {
  indexName: string;
  attributeName: string;
  dimensions: number;
  /** DistanceFunction (2026.4) or SimilarityFunction (2026.3; always COSINE in 2026.2). */
  fn: VectorFunction;
  projectionType: VectorProjectionType;
  nonKeyAttributes: string[];
  searchSchema: SearchSchemaAttribute[];
}

/** What index definitions are checked against: a CreateTable request or a described table. */
export interface TableSchemaFacts {
  tableName: string;
  /** Table key attributes and their declared types. */
  tableKeyTypes: Map<string, string>;
  /** Key attributes of the table's GSIs and LSIs. */
  secondaryKeyAttributes: Set<string>;
  /** Names of the table's GSIs and LSIs. */
  secondaryIndexNames: Set<string>;
  /** Every declared attribute type (AttributeDefinitions), by attribute name. */
  attributeTypes: Map<string, string>;
  /** Vector indexes already on the table, or defined earlier in the same CreateTable. */
  vectorIndexes: VectorIndexDefinition[];
}

/**
 * Gathers the facts from anything shaped like a CreateTable request or a DescribeTable `Table`
 * (same member names); malformed members count as absent, the store reports them.
 */
export function tableSchemaFacts(
  table: JsonObject,
  vectorIndexes: VectorIndexDefinition[] = [],
  extraAttributeTypes: ReadonlyMap<string, string> = new Map(),
): TableSchemaFacts {
  const attributeTypes = new Map(extraAttributeTypes);
  for (const definition of arrayOf(table.AttributeDefinitions)) {
    if (typeof definition.AttributeName === 'string') {
      attributeTypes.set(definition.AttributeName, String(definition.AttributeType));
    }
  }
  const tableKeyTypes = new Map<string, string>();
  for (const name of keyNamesOf(table.KeySchema)) {
    tableKeyTypes.set(name, attributeTypes.get(name) ?? '');
  }
  const secondaryKeyAttributes = new Set<string>();
  const secondaryIndexNames = new Set<string>();
  for (const index of [
    ...arrayOf(table.GlobalSecondaryIndexes),
    ...arrayOf(table.LocalSecondaryIndexes),
  ]) {
    if (typeof index.IndexName === 'string') {
      secondaryIndexNames.add(index.IndexName);
    }
    keyNamesOf(index.KeySchema).forEach((name) => secondaryKeyAttributes.add(name));
  }
  return {
    tableName: typeof table.TableName === 'string' ? table.TableName : '',
    tableKeyTypes,
    secondaryKeyAttributes,
    secondaryIndexNames,
    attributeTypes,
    vectorIndexes: [...vectorIndexes],
  };
}

/** Attribute names used as keys by the table or any GSI/LSI. */
export function keyAttributesOf(facts: TableSchemaFacts): Set<string> {
  return new Set([...facts.tableKeyTypes.keys(), ...facts.secondaryKeyAttributes]);
}

function keyNamesOf(schema: unknown): string[] {
  return arrayOf(schema)
    .map((element) => element.AttributeName)
    .filter((name): name is string => typeof name === 'string');
}

function arrayOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isJsonObject) : [];
}
