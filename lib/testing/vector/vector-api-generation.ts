import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';

/**
 * Which vector-search API a ScyllaDB release serves (notes/vector-search.md §1): G1 = Query +
 * VectorSearch (2026.2), G2 = G1 + SimilarityFunction, FLOAT32VECTOR and scores (2026.3),
 * G3 = DynamoDB's VectorIndexes / SearchVectors plus FLOAT32VECTOR (2026.4).
 */
export type VectorApiGeneration = 'G1' | 'G2' | 'G3';

export interface VectorApiFeatures {
  readonly generation: VectorApiGeneration;
  /** `SearchVectors` and DynamoDB's index shapes; otherwise the operation is unknown. */
  readonly searchVectors: boolean;
  /** `Query` + `VectorSearch` and ScyllaDB's index shapes (`VectorAttribute.Dimensions`). */
  readonly queryVectorSearch: boolean;
  /** `FLOAT32VECTOR` attribute values; older servers answer "unknown type". */
  readonly float32Vector: boolean;
  /** `SimilarityFunction` in index definitions and `VectorSearch.ReturnScores` in Query. */
  readonly similarityScores: boolean;
}

/** The newest release: what a user of the stock SDK's vector API expects. */
export const DEFAULT_SERVER_VERSION: LocalAlternatorServerVersion = '2026.4';

export const SERVER_VERSIONS: readonly LocalAlternatorServerVersion[] = [
  '2026.2',
  '2026.3',
  '2026.4',
];

export function vectorApiOf(version: LocalAlternatorServerVersion): VectorApiFeatures {
  switch (version) {
    case '2026.2':
      return {
        generation: 'G1',
        searchVectors: false,
        queryVectorSearch: true,
        float32Vector: false,
        similarityScores: false,
      };
    case '2026.3':
      return {
        generation: 'G2',
        searchVectors: false,
        queryVectorSearch: true,
        float32Vector: true,
        similarityScores: true,
      };
    case '2026.4':
      return {
        generation: 'G3',
        searchVectors: true,
        queryVectorSearch: false,
        float32Vector: true,
        similarityScores: false,
      };
  }
}
