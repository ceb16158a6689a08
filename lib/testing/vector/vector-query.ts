import type { StoreReply } from '../dynalite-backend.js';
import { encodeFloat32Vectors } from './float32-vector-codec.js';
import {
  compareByKey,
  keyNames,
  keyOf,
  keyText,
  tableKeysOf,
  type TableKeys,
} from './item-keys.js';
import {
  errorReply,
  isErrorReply,
  jsonReply,
  type AttributeMap,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';
import { nearestNeighbours, type Neighbour } from './knn.js';
import { projectItem } from './projection-expression.js';
import { describeTable, scanTable } from './table-scanner.js';
import type { VectorApiFeatures } from './vector-api-generation.js';
import type { VectorIndexRegistry } from './vector-index-registry.js';
import { planVectorQuery, type VectorQueryPlan } from './vector-query-request.js';
import { readVector } from './vector-values.js';

/**
 * ScyllaDB 2026.2/2026.3's Query + VectorSearch as exact k-NN: the `Limit` nearest items by
 * similarity, then FilterExpression on those candidates only (so fewer than k may come back),
 * with `Scores` (2026.3) parallel to `Items`.
 */
export class VectorQueryOperation {
  constructor(
    private readonly store: StoreForwarder,
    private readonly registry: VectorIndexRegistry,
    private readonly api: VectorApiFeatures,
  ) {}

  async query(request: JsonObject): Promise<StoreReply> {
    const described = await describeTable(this.store, String(request.TableName));
    if (!described.ok) {
      return described.reply;
    }
    const plan = planVectorQuery(request, this.registry, this.api);
    if (isErrorReply(plan)) {
      return errorReply(plan);
    }
    const scanned = await scanTable(this.store, plan.tableName);
    if (!scanned.ok) {
      return scanned.reply;
    }
    const keys = tableKeysOf(described.table);
    const { attributeName, dimensions, fn } = plan.index.definition;
    const candidates = scanned.items.flatMap((item) => {
      const vector = readVector(item[attributeName]);
      return vector?.length === dimensions ? [{ vector, item }] : [];
    });
    const nearest = nearestNeighbours(
      candidates,
      plan.query,
      plan.limit,
      fn,
      'similarity',
      compareByKey(keys),
    );
    const survivors = await this.applyFilter(plan, nearest, keys);
    if (!Array.isArray(survivors)) {
      return survivors;
    }
    return jsonReply(response(plan, nearest.length, survivors, keys));
  }

  /** Runs the FilterExpression through the store, so that it behaves exactly as in a Scan. */
  private async applyFilter(
    plan: VectorQueryPlan,
    nearest: Array<Neighbour<AttributeMap>>,
    keys: TableKeys,
  ): Promise<Array<Neighbour<AttributeMap>> | StoreReply> {
    if (plan.filter === undefined) {
      return nearest;
    }
    const filter = structuredClone(plan.filter);
    const encodeError = encodeFloat32Vectors(filter.ExpressionAttributeValues, 'Query', true);
    if (encodeError !== undefined) {
      return errorReply(encodeError);
    }
    const keyPlaceholders = Object.fromEntries(
      keyNames(keys).map((name, position) => [`#vectorQueryKey${position}`, name]),
    );
    const matching = await scanTable(this.store, plan.tableName, {
      ...filter,
      ProjectionExpression: Object.keys(keyPlaceholders).join(', '),
      ExpressionAttributeNames: {
        ...(filter.ExpressionAttributeNames as Record<string, string> | undefined),
        ...keyPlaceholders,
      },
    });
    if (!matching.ok) {
      return matching.reply;
    }
    const kept = new Set(matching.items.map((item) => keyText(item, keys)));
    return nearest.filter(({ item }) => kept.has(keyText(item, keys)));
  }
}

function response(
  plan: VectorQueryPlan,
  scannedCount: number,
  survivors: Array<Neighbour<AttributeMap>>,
  keys: TableKeys,
): JsonObject {
  if (plan.select === 'count') {
    return { Count: survivors.length, ScannedCount: scannedCount };
  }
  const items = survivors.map(({ item }) => {
    if (plan.select === 'projection') {
      return keyOf(item, keys);
    }
    return plan.selection === undefined ? item : projectItem(item, plan.selection);
  });
  return {
    Count: items.length,
    ScannedCount: scannedCount,
    Items: items,
    ...(plan.returnScores ? { Scores: survivors.map(({ score }) => score) } : {}),
  };
}
