import type { AlternatorErrorReply } from '../alternator-errors.js';
import type { StoreReply } from '../dynalite-backend.js';
import { parseLegacyCreateTableIndex } from './legacy-vector-index-validation.js';
import {
  callStore,
  errorReply,
  isErrorReply,
  isJsonObject,
  jsonReply,
  parseJsonObject,
  serialization,
  validation,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';
import type { VectorApiFeatures } from './vector-api-generation.js';
import {
  keyAttributesOf,
  tableSchemaFacts,
  type TableSchemaFacts,
  type VectorIndexDefinition,
} from './vector-index-definition.js';
import { addVectorIndexesTo, describeVectorIndex } from './vector-index-description.js';
import type { VectorIndexRegistry } from './vector-index-registry.js';
import { checkIndexAgainstTable, parseVectorIndex } from './vector-index-validation.js';

/**
 * CreateTable, DescribeTable and DeleteTable around dynalite, which drops `VectorIndexes`: the
 * definitions are validated, kept in the registry, and put back into every TableDescription.
 */
export class VectorTableDdl {
  constructor(
    private readonly store: StoreForwarder,
    private readonly registry: VectorIndexRegistry,
    private readonly api: VectorApiFeatures,
  ) {}

  async createTable(body: Buffer, request: JsonObject): Promise<StoreReply> {
    const tableName = String(request.TableName);
    if (request.VectorIndexes === undefined) {
      const reply = await this.store.forward('CreateTable', body);
      if (reply.status === 200) {
        this.registry.dropTable(tableName);
      }
      return reply;
    }
    const facts = tableSchemaFacts(request);
    const definitions = this.parseIndexes(request.VectorIndexes, facts);
    if (isErrorReply(definitions)) {
      return errorReply(definitions);
    }
    const searchOnly = searchOnlyAttributeTypes(definitions, facts);
    const forwarded: JsonObject = {
      ...request,
      AttributeDefinitions: withoutAttributes(request.AttributeDefinitions, searchOnly),
    };
    delete forwarded.VectorIndexes;
    const created = await callStore(this.store, 'CreateTable', forwarded);
    if (!created.ok) {
      return created.reply;
    }
    const indexes = this.registry.createTable(tableName, definitions, searchOnly);
    const table = created.json.TableDescription;
    if (isJsonObject(table)) {
      const descriptions = indexes.map((index) =>
        describeVectorIndex(
          index,
          this.registry.creatingStateOf(index),
          this.api.release,
          table.TableArn,
        ),
      );
      addVectorIndexesTo(table, descriptions, searchOnly);
    }
    return jsonReply(created.json);
  }

  async describeTable(body: Buffer, tableName: string): Promise<StoreReply> {
    const reply = await this.store.forward('DescribeTable', body);
    const described = reply.status === 200 ? parseJsonObject(reply.body) : undefined;
    if (described === undefined || !isJsonObject(described.Table)) {
      return reply;
    }
    this.addIndexes(tableName, described.Table);
    return jsonReply(described);
  }

  async deleteTable(body: Buffer, tableName: string): Promise<StoreReply> {
    const reply = await this.store.forward('DeleteTable', body);
    if (reply.status === 200) {
      this.registry.dropTable(tableName);
    }
    return reply;
  }

  /** Adds the table's vector indexes, in their current state, to a TableDescription. */
  addIndexes(tableName: string, table: JsonObject, justCreated?: string): void {
    const descriptions = this.registry.indexesOf(tableName).map((index) => {
      const state =
        index.definition.indexName === justCreated
          ? this.registry.creatingStateOf(index)
          : this.registry.stateOf(index);
      return describeVectorIndex(index, state, this.api.release, table.TableArn);
    });
    addVectorIndexesTo(table, descriptions, this.registry.searchAttributeTypes(tableName));
  }

  private parseIndexes(
    raw: unknown,
    facts: TableSchemaFacts,
  ): VectorIndexDefinition[] | AlternatorErrorReply {
    if (!Array.isArray(raw)) {
      return this.api.release === '2026.4'
        ? serialization('VectorIndexes must be a list')
        : validation('VectorIndexes must be an array.');
    }
    for (const [position, entry] of (raw as unknown[]).entries()) {
      const definition = this.parseIndex(entry, position, facts);
      if (isErrorReply(definition)) {
        return definition;
      }
      facts.vectorIndexes.push(definition);
    }
    return facts.vectorIndexes;
  }

  private parseIndex(
    entry: unknown,
    position: number,
    facts: TableSchemaFacts,
  ): VectorIndexDefinition | AlternatorErrorReply {
    if (this.api.release !== '2026.4') {
      return parseLegacyCreateTableIndex(entry, facts, this.api.similarityScores);
    }
    const definition = parseVectorIndex(entry, `VectorIndexes[${position}]`, facts);
    if (isErrorReply(definition)) {
      return definition;
    }
    return checkIndexAgainstTable(definition, facts, 'CreateTable') ?? definition;
  }
}

/** Attribute types declared only for SearchSchemas (not keys of the table or its indexes). */
export function searchOnlyAttributeTypes(
  definitions: VectorIndexDefinition[],
  facts: TableSchemaFacts,
): Map<string, string> {
  const keys = keyAttributesOf(facts);
  const types = new Map<string, string>();
  for (const element of definitions.flatMap((definition) => definition.searchSchema)) {
    if (!keys.has(element.attributeName)) {
      types.set(element.attributeName, element.attributeType);
    }
  }
  return types;
}

function withoutAttributes(definitions: unknown, names: ReadonlyMap<string, string>): unknown {
  if (!Array.isArray(definitions) || names.size === 0) {
    return definitions;
  }
  return (definitions as unknown[]).filter(
    (definition) => !isJsonObject(definition) || !names.has(definition.AttributeName as string),
  );
}
