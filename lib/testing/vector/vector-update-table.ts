import type { AlternatorErrorReply } from '../alternator-errors.js';
import type { StoreReply } from '../dynalite-backend.js';
import { parseLegacyCreateAction } from './legacy-vector-index-validation.js';
import {
  callStore,
  errorReply,
  isErrorReply,
  isJsonObject,
  jsonReply,
  limitExceeded,
  resourceNotFound,
  serialization,
  validation,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';
import type { VectorApiFeatures } from './vector-api-generation.js';
import {
  tableSchemaFacts,
  type TableSchemaFacts,
  type VectorIndexDefinition,
} from './vector-index-definition.js';
import type { VectorIndexRegistry } from './vector-index-registry.js';
import { checkIndexAgainstTable, parseVectorIndex } from './vector-index-validation.js';
import { searchOnlyAttributeTypes, type VectorTableDdl } from './vector-table-ddl.js';

/** Members of UpdateTable that this layer consumes; anything else still goes to dynalite. */
const VECTOR_UPDATE_MEMBERS = new Set(['TableName', 'VectorIndexUpdates', 'AttributeDefinitions']);

type VectorIndexAction =
  { kind: 'Create'; indexName: string; action: JsonObject } | { kind: 'Delete'; indexName: string };

/**
 * UpdateTable with `VectorIndexUpdates`: exactly one Create or Delete, never forwarded to
 * dynalite (which refuses an UpdateTable carrying only that member).
 */
export class VectorUpdateTable {
  constructor(
    private readonly store: StoreForwarder,
    private readonly registry: VectorIndexRegistry,
    private readonly api: VectorApiFeatures,
    private readonly ddl: VectorTableDdl,
  ) {}

  async updateTable(request: JsonObject): Promise<StoreReply> {
    const action = this.parseAction(request);
    if (isErrorReply(action)) {
      return errorReply(action);
    }
    const tableName = String(request.TableName);
    const described = await callStore(this.store, 'DescribeTable', { TableName: tableName });
    if (!described.ok) {
      return described.reply;
    }
    const table = isJsonObject(described.json.Table) ? described.json.Table : {};
    let created: { definition: VectorIndexDefinition; searchOnly: Map<string, string> } | undefined;
    if (action.kind === 'Delete') {
      if (this.registry.find(tableName, action.indexName) === undefined) {
        return errorReply(
          resourceNotFound(`No vector index ${action.indexName} in table ${tableName}`),
        );
      }
    } else {
      const facts = this.factsFor(tableName, table, request.AttributeDefinitions);
      const definition = this.parseCreate(action, facts, tableName);
      if (isErrorReply(definition)) {
        return errorReply(definition);
      }
      created = { definition, searchOnly: searchOnlyAttributeTypes([definition], facts) };
    }
    let description = table;
    const others = Object.entries(request).filter(
      ([name, value]) =>
        !VECTOR_UPDATE_MEMBERS.has(name) && !(Array.isArray(value) && value.length === 0),
    );
    if (others.length > 0) {
      const updated = await callStore(this.store, 'UpdateTable', {
        TableName: tableName,
        ...Object.fromEntries(others),
      });
      if (!updated.ok) {
        return updated.reply;
      }
      description = isJsonObject(updated.json.TableDescription)
        ? updated.json.TableDescription
        : table;
    }
    if (created === undefined) {
      this.registry.remove(tableName, action.indexName);
    } else {
      this.registry.add(tableName, created.definition, created.searchOnly);
    }
    this.ddl.addIndexes(tableName, description, created?.definition.indexName);
    return jsonReply({ TableDescription: { ...description, TableStatus: 'UPDATING' } });
  }

  /** The envelope checks, in Alternator's order and with its messages. */
  private parseAction(request: JsonObject): VectorIndexAction | AlternatorErrorReply {
    const updates = request.VectorIndexUpdates;
    if (!Array.isArray(updates)) {
      return this.api.release === '2026.4'
        ? serialization('VectorIndexUpdates must be a list')
        : validation('VectorIndexUpdates must be an array');
    }
    if (updates.length > 1) {
      return limitExceeded('VectorIndexUpdates only allows one index creation or deletion');
    }
    const gsiUpdates = request.GlobalSecondaryIndexUpdates;
    if (updates.length > 0 && Array.isArray(gsiUpdates) && gsiUpdates.length > 0) {
      return limitExceeded(
        'UpdateTable cannot have both VectorIndexUpdates and GlobalSecondaryIndexUpdates in the ' +
          'same request',
      );
    }
    const entry: unknown = updates[0];
    if (updates.length === 0) {
      return validation('VectorIndexUpdates must contain one Create or Delete operation');
    }
    if (!isJsonObject(entry) || Object.keys(entry).length !== 1) {
      return validation(
        'VectorIndexUpdates array must contain one object with a Create or Delete operation',
      );
    }
    const [kind, action] = Object.entries(entry)[0];
    if (!isJsonObject(action)) {
      return validation('VectorIndexUpdates entries must be objects');
    }
    if (kind !== 'Create' && kind !== 'Delete') {
      return validation(`VectorIndexUpdates supports a Create or Delete operation, saw '${kind}'`);
    }
    if (typeof action.IndexName !== 'string') {
      return validation('VectorIndexUpdates operation must have IndexName');
    }
    return kind === 'Create'
      ? { kind, indexName: action.IndexName, action }
      : { kind, indexName: action.IndexName };
  }

  private parseCreate(
    create: { indexName: string; action: JsonObject },
    facts: TableSchemaFacts,
    tableName: string,
  ): VectorIndexDefinition | AlternatorErrorReply {
    if (this.api.release !== '2026.4') {
      return parseLegacyCreateAction(
        create.action,
        create.indexName,
        facts,
        this.api.similarityScores,
      );
    }
    // DynamoDB builds one index per table at a time, GSIs and vector indexes alike.
    const building = this.registry
      .indexesOf(tableName)
      .find((index) => this.registry.stateOf(index).IndexStatus === 'CREATING');
    if (building !== undefined) {
      return limitExceeded(
        `Vector index ${building.definition.indexName} of table ${tableName} is still being ` +
          'created; only one index can be created at a time per table',
      );
    }
    const definition = parseVectorIndex(create.action, 'VectorIndexUpdates[0].Create', facts);
    if (isErrorReply(definition)) {
      return definition;
    }
    return checkIndexAgainstTable(definition, facts, 'UpdateTable') ?? definition;
  }

  /** The table as described, plus the attribute types this request declares. */
  private factsFor(tableName: string, table: JsonObject, declared: unknown): TableSchemaFacts {
    const facts = tableSchemaFacts(
      table,
      this.registry.definitionsOf(tableName),
      this.registry.searchAttributeTypes(tableName),
    );
    facts.tableName = tableName;
    if (Array.isArray(declared)) {
      for (const definition of (declared as unknown[]).filter(isJsonObject)) {
        if (typeof definition.AttributeName === 'string') {
          facts.attributeTypes.set(definition.AttributeName, String(definition.AttributeType));
        }
      }
    }
    return facts;
  }
}
