import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';

/**
 * The vector-search API a ScyllaDB release serves: 2026.2 has ScyllaDB's own Query +
 * VectorSearch; 2026.3 adds SimilarityFunction, FLOAT32VECTOR values and scores; 2026.4 drops
 * them for DynamoDB's VectorIndexes / SearchVectors, keeping FLOAT32VECTOR.
 */
export interface VectorApiFeatures {
  readonly release: LocalAlternatorServerVersion;
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

const FEATURES: Record<LocalAlternatorServerVersion, Omit<VectorApiFeatures, 'release'>> = {
  '2026.2': {
    searchVectors: false,
    queryVectorSearch: true,
    float32Vector: false,
    similarityScores: false,
  },
  '2026.3': {
    searchVectors: false,
    queryVectorSearch: true,
    float32Vector: true,
    similarityScores: true,
  },
  '2026.4': {
    searchVectors: true,
    queryVectorSearch: false,
    float32Vector: true,
    similarityScores: false,
  },
};

export function vectorApiOf(release: LocalAlternatorServerVersion): VectorApiFeatures {
  return { release, ...FEATURES[release] };
}
