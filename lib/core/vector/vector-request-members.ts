import { float32List } from './float32-vector.js';

/**
 * The members of a request that the SDK's model lacks and would drop while serializing, encoded
 * as ScyllaDB expects them; undefined when the request has none (the common case, decided
 * without looking past the top-level members).
 *
 * - `Query.VectorSearch` (2026.2+), with `QueryVector` as given or, for plain numbers, a list of
 *   `N` in the shortest float32 text;
 * - `CreateTable.VectorIndexes` and `UpdateTable.VectorIndexUpdates` in ScyllaDB's shape
 *   (`VectorAttribute.Dimensions`, `SimilarityFunction`). DynamoDB's shape survives the SDK and
 *   is left alone.
 */
export function serverOnlyRequestMembers(
  commandName: string | undefined,
  input: object,
): Record<string, unknown> | undefined {
  switch (commandName) {
    case 'QueryCommand': {
      const search = (input as { VectorSearch?: unknown }).VectorSearch;
      return search === undefined ? undefined : { VectorSearch: encodeVectorSearch(search) };
    }
    case 'CreateTableCommand': {
      const indexes = (input as { VectorIndexes?: unknown }).VectorIndexes;
      return Array.isArray(indexes) && indexes.some((index) => vectorIndexShape(index) === 'scylla')
        ? { VectorIndexes: indexes }
        : undefined;
    }
    case 'UpdateTableCommand': {
      const updates = (input as { VectorIndexUpdates?: unknown }).VectorIndexUpdates;
      return Array.isArray(updates) &&
        updates.some(
          (update) =>
            vectorIndexShape((update as { Create?: unknown } | null)?.Create) === 'scylla',
        )
        ? { VectorIndexUpdates: updates }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether the query vector is plain numbers rather than an attribute value. */
export function isVectorOfNumbers(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function encodeVectorSearch(search: unknown): unknown {
  if (typeof search !== 'object' || search === null) return search;
  const queryVector = (search as { QueryVector?: unknown }).QueryVector;
  if (!isVectorOfNumbers(queryVector)) return search;
  return { ...search, QueryVector: float32List(queryVector, 'QueryVector') };
}

/**
 * The vector index definitions a `CreateTable` (`VectorIndexes`) or `UpdateTable`
 * (`VectorIndexUpdates[].Create`) input carries.
 */
export function requestedVectorIndexes(input: object): Array<Record<string, unknown>> {
  const { VectorIndexes, VectorIndexUpdates } = input as {
    VectorIndexes?: unknown;
    VectorIndexUpdates?: unknown;
  };
  const created: unknown[] = Array.isArray(VectorIndexUpdates)
    ? VectorIndexUpdates.map((update: unknown) => (update as { Create?: unknown } | null)?.Create)
    : [];
  const all: unknown[] = [
    ...(Array.isArray(VectorIndexes) ? (VectorIndexes as unknown[]) : []),
    ...created,
  ];
  return all.filter(
    (index): index is Record<string, unknown> => typeof index === 'object' && index !== null,
  );
}

/**
 * Which API generation an index definition is written for: ScyllaDB's (`Dimensions` inside
 * `VectorAttribute`, or `SimilarityFunction`) or DynamoDB's (`Dimensions` and `DistanceFunction`
 * at index level).
 */
export function vectorIndexShape(index: unknown): 'scylla' | 'dynamodb' | undefined {
  if (typeof index !== 'object' || index === null) return undefined;
  const { VectorAttribute, SimilarityFunction, Dimensions, DistanceFunction } = index as {
    VectorAttribute?: { Dimensions?: unknown };
    SimilarityFunction?: unknown;
    Dimensions?: unknown;
    DistanceFunction?: unknown;
  };
  if (VectorAttribute?.Dimensions !== undefined || SimilarityFunction !== undefined) {
    return 'scylla';
  }
  return Dimensions !== undefined || DistanceFunction !== undefined ? 'dynamodb' : undefined;
}
