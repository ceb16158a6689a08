import type { StoreReply } from '../dynalite-backend.js';
import { compareByKey, keyNames, tableKeysOf, type TableKeys } from './item-keys.js';
import {
  errorReply,
  isErrorReply,
  jsonReply,
  typedValue,
  type AttributeMap,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';
import { nearestNeighbours, type Candidate } from './knn.js';
import { projectItem } from './projection-expression.js';
import type { SearchEquality } from './search-condition.js';
import {
  checkSearchMembers,
  planSearch,
  type SearchVectorsPlan,
} from './search-vectors-request.js';
import { describeTable, scanTable } from './table-scanner.js';
import type { VectorIndexDefinition } from './vector-index-definition.js';
import type { VectorIndexRegistry } from './vector-index-registry.js';
import { float32NumberValue, readVector } from './vector-values.js';

/**
 * DynamoDB's SearchVectors (2026.4) as exact k-NN over the whole table: items with a valid vector
 * (malformed ones are skipped silently, as a backfill does) and the HASH value, matching every
 * equality, scored as DynamoDB scores, best first, ties broken on the key.
 */
export class SearchVectorsOperation {
  constructor(
    private readonly store: StoreForwarder,
    private readonly registry: VectorIndexRegistry,
  ) {}

  async search(request: JsonObject): Promise<StoreReply> {
    const memberError = checkSearchMembers(request);
    if (memberError !== undefined) {
      return errorReply(memberError);
    }
    const tableName = request.TableName as string;
    const described = await describeTable(this.store, tableName);
    if (!described.ok) {
      return described.reply;
    }
    const plan = planSearch(request, this.registry);
    if (isErrorReply(plan)) {
      return errorReply(plan);
    }
    const scanned = await scanTable(this.store, tableName);
    if (!scanned.ok) {
      return scanned.reply;
    }
    const keys = tableKeysOf(described.table);
    const nearest = nearestNeighbours(
      indexedCandidates(scanned.items, plan),
      plan.query,
      plan.topK,
      plan.index.fn,
      'distance',
      compareByKey(keys),
    );
    return jsonReply({
      SearchResults: nearest.map(({ item, score }) => ({
        Item: projectResult(item, plan, keys),
        Score: score,
      })),
    });
  }
}

function* indexedCandidates(
  items: AttributeMap[],
  plan: SearchVectorsPlan,
): Generator<Candidate<AttributeMap>> {
  for (const item of items) {
    const vector = readVector(item[plan.index.attributeName]);
    if (
      vector?.length === plan.index.dimensions &&
      hasHashValue(item, plan.index) &&
      plan.equalities.every((equality) => matches(item, equality))
    ) {
      yield { vector, item };
    }
  }
}

/** Items without a (well-typed, non-empty) HASH value are not in the index at all. */
function hasHashValue(item: AttributeMap, index: VectorIndexDefinition): boolean {
  const hash = index.searchSchema.find((element) => element.elementType === 'HASH');
  if (hash === undefined) {
    return true;
  }
  const [type, content] = typedValue(item[hash.attributeName]) ?? [];
  return type === hash.attributeType && content !== '';
}

function matches(item: AttributeMap, { attribute, value }: SearchEquality): boolean {
  const actual = typedValue(item[attribute]);
  const expected = typedValue(value);
  if (actual === undefined || expected === undefined || actual[0] !== expected[0]) {
    return false;
  }
  switch (actual[0]) {
    case 'N':
      return Number(actual[1]) === Number(expected[1]);
    case 'B':
      return Buffer.from(String(actual[1]), 'base64').equals(
        Buffer.from(String(expected[1]), 'base64'),
      );
    default:
      return actual[1] === expected[1];
  }
}

/**
 * What the index projects (KEYS_ONLY: table keys; INCLUDE: keys and NonKeyAttributes; ALL:
 * everything but the vector), narrowed by ProjectionExpression, which may also name the vector
 * to get a float32-rounded copy. Naming an unprojected attribute is no error: it is absent.
 */
function projectResult(item: AttributeMap, plan: SearchVectorsPlan, keys: TableKeys): AttributeMap {
  const index = plan.index;
  const tableKeys = keyNames(keys);
  const projected = (name: string): boolean =>
    index.projectionType === 'ALL'
      ? name !== index.attributeName
      : tableKeys.includes(name) || index.nonKeyAttributes.includes(name);
  const visible: AttributeMap = {};
  for (const [name, value] of Object.entries(item)) {
    if (projected(name)) {
      visible[name] = value;
    } else if (name === index.attributeName && plan.selection !== undefined) {
      visible[name] = roundedToFloat32(value);
    }
  }
  return plan.selection === undefined ? visible : projectItem(visible, plan.selection);
}

function roundedToFloat32(value: unknown): unknown {
  const [type, content] = typedValue(value) ?? [];
  if (type !== 'L' || !Array.isArray(content)) {
    return value;
  }
  return {
    L: (content as unknown[]).map((element) => {
      const number = typedValue(element);
      return number?.[0] === 'N' ? float32NumberValue(Number(number[1])) : element;
    }),
  };
}
