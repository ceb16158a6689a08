import type { AttributeValue, IndexStatus, TableDescription } from '@aws-sdk/client-dynamodb';
import type { VectorValues } from './float32-vector.js';

/**
 * How a ScyllaDB vector index (2026.2/2026.3 API) compares vectors. `COSINE` is the default;
 * 2026.2 ignores the member and always ranks by cosine (the client then throws
 * `VectorSearchUnsupportedError` rather than let an index rank by another metric than asked).
 *
 * @publicApi
 */
export const VectorSimilarityFunction = {
  COSINE: 'COSINE',
  EUCLIDEAN: 'EUCLIDEAN',
  DOT_PRODUCT: 'DOT_PRODUCT',
} as const;
/** @publicApi */
export type VectorSimilarityFunction =
  (typeof VectorSimilarityFunction)[keyof typeof VectorSimilarityFunction];

/**
 * Whether a vector `Query` returns `Scores` (ScyllaDB 2026.3+).
 *
 * @publicApi
 */
export const VectorReturnScores = { NONE: 'NONE', SIMILARITY: 'SIMILARITY' } as const;
/** @publicApi */
export type VectorReturnScores = (typeof VectorReturnScores)[keyof typeof VectorReturnScores];

/**
 * A vector index as ScyllaDB 2026.2 and 2026.3 define it in `CreateTable.VectorIndexes` and
 * `UpdateTable.VectorIndexUpdates[].Create`. (DynamoDB's own shape, with `Dimensions` and
 * `DistanceFunction` at index level, goes through the standard commands unchanged.)
 *
 * @publicApi
 */
export interface ScyllaVectorIndex {
  /** Name of the index, unique among the table's indexes. */
  IndexName: string;
  /** The attribute holding the vectors, and their length (1 to 16000). */
  VectorAttribute: { AttributeName: string; Dimensions: number };
  /** How vectors are compared (2026.3+; 2026.2 ignores it). Default: `COSINE` */
  SimilarityFunction?: VectorSimilarityFunction;
  /** Only `KEYS_ONLY` is accepted. Default: `{ ProjectionType: 'KEYS_ONLY' }` */
  Projection?: { ProjectionType: 'KEYS_ONLY' };
}

/**
 * A ScyllaDB vector index as `DescribeTable` (and the `CreateTable`/`UpdateTable` responses)
 * return it through an `AlternatorClient`.
 *
 * @publicApi
 */
export interface ScyllaVectorIndexDescription {
  IndexName?: string;
  VectorAttribute?: { AttributeName?: string; Dimensions?: number };
  /** Present from 2026.3. */
  SimilarityFunction?: VectorSimilarityFunction;
  Projection?: { ProjectionType?: string };
  /** `CREATING` until the index is built, then `ACTIVE`. */
  IndexStatus?: IndexStatus;
  /** True while the index is still reading the items already in the table. */
  Backfilling?: boolean;
}

/** A `TableDescription` whose vector indexes keep ScyllaDB's members. @publicApi */
export type VectorTableDescription = Omit<TableDescription, 'VectorIndexes'> & {
  VectorIndexes?: ScyllaVectorIndexDescription[];
};

/**
 * One entry of `UpdateTable.VectorIndexUpdates`: create or delete one vector index.
 *
 * @publicApi
 */
export type ScyllaVectorIndexUpdate =
  { Create: ScyllaVectorIndex; Delete?: never } | { Delete: { IndexName: string }; Create?: never };

/**
 * The `VectorSearch` member of a ScyllaDB vector `Query` (2026.2+). `IndexName` names the vector
 * index and `Limit` is k, the number of nearest items wanted.
 *
 * @publicApi
 */
export interface VectorSearch {
  /**
   * The vector to search near: a list of numbers (array or typed array), sent as a list of `N`,
   * or an attribute value from `float32Vector()` (2026.3+) or `float32List()`.
   */
  QueryVector: VectorValues | AttributeValue;
  /** `SIMILARITY` adds `Scores`, parallel to `Items` (2026.3+). Default: `NONE` */
  ReturnScores?: VectorReturnScores;
}
