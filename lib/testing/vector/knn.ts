/** The distance / similarity functions of vector indexes (SimilarityFunction, DistanceFunction). */
export type VectorFunction = 'COSINE' | 'EUCLIDEAN' | 'DOT_PRODUCT';

export const VECTOR_FUNCTIONS: readonly VectorFunction[] = ['COSINE', 'DOT_PRODUCT', 'EUCLIDEAN'];

/** The largest finite float32: where the server clamps a non-finite similarity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** How a result list is scored and ordered. */
export type ScoreKind = 'distance' | 'similarity';

interface VectorMeasures {
  dot: number;
  normA: number;
  normB: number;
  squaredDistance: number;
}

function measure(a: Float32Array, b: Float32Array): VectorMeasures {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  let squaredDistance = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
    squaredDistance += (a[i] - b[i]) ** 2;
  }
  return { dot, normA: Math.sqrt(normA), normB: Math.sqrt(normB), squaredDistance };
}

/** Cosine of the angle; NaN when either vector is all zeros (the angle is undefined). */
function cosine(measures: VectorMeasures): number {
  const norms = measures.normA * measures.normB;
  return norms === 0 ? Number.NaN : measures.dot / norms;
}

/**
 * DynamoDB's SearchVectors score (2026.4), in float32: 1 − cosine (0..2) for COSINE, the L2
 * distance for EUCLIDEAN (both lower is closer), the raw dot product for DOT_PRODUCT (higher is
 * closer). NaN for COSINE with a zero vector.
 */
export function distanceScore(fn: VectorFunction, a: Float32Array, b: Float32Array): number {
  const measures = measure(a, b);
  switch (fn) {
    case 'COSINE':
      // Rounding can push the cosine of identical vectors a hair above 1.
      return Math.fround(Math.min(2, Math.max(0, 1 - cosine(measures))));
    case 'EUCLIDEAN':
      return Math.fround(Math.sqrt(measures.squaredDistance));
    case 'DOT_PRODUCT':
      return Math.fround(measures.dot);
  }
}

/**
 * ScyllaDB 2026.3's Query `Scores`, higher is closer: (1 + cos) / 2 for COSINE, 1 / (1 + d)
 * for EUCLIDEAN (the documented formula, not CQL's squared one), (1 + dot) / 2 for DOT_PRODUCT.
 * A non-finite result becomes ±FLT_MAX as on the server; NaN for COSINE with a zero vector.
 */
export function similarityScore(fn: VectorFunction, a: Float32Array, b: Float32Array): number {
  const measures = measure(a, b);
  let similarity: number;
  switch (fn) {
    case 'COSINE':
      similarity = (1 + cosine(measures)) / 2;
      break;
    case 'EUCLIDEAN':
      similarity = 1 / (1 + Math.fround(Math.sqrt(measures.squaredDistance)));
      break;
    case 'DOT_PRODUCT':
      similarity = (1 + measures.dot) / 2;
      break;
  }
  const rounded = Math.fround(similarity);
  if (rounded === Infinity || rounded === -Infinity) {
    return Math.sign(rounded) * FLOAT32_MAX;
  }
  return rounded;
}

/** Whether a higher score is the better match. */
export function higherIsCloser(fn: VectorFunction, kind: ScoreKind): boolean {
  return kind === 'similarity' || fn === 'DOT_PRODUCT';
}

export interface Candidate<T> {
  vector: Float32Array;
  item: T;
}

export interface Neighbour<T> {
  item: T;
  score: number;
}

/**
 * Exact k-NN: scores every candidate, drops undefined scores (a zero vector under COSINE), and
 * returns the best `k` best-first; equal scores keep `tieBreak` order (the key bytes).
 */
export function nearestNeighbours<T>(
  candidates: Iterable<Candidate<T>>,
  query: Float32Array,
  k: number,
  fn: VectorFunction,
  kind: ScoreKind,
  tieBreak: (a: T, b: T) => number,
): Array<Neighbour<T>> {
  const score = kind === 'distance' ? distanceScore : similarityScore;
  const direction = higherIsCloser(fn, kind) ? -1 : 1;
  const scored: Array<Neighbour<T>> = [];
  for (const candidate of candidates) {
    const value = score(fn, query, candidate.vector);
    if (!Number.isNaN(value)) {
      scored.push({ item: candidate.item, score: value });
    }
  }
  scored.sort((a, b) =>
    a.score === b.score ? tieBreak(a.item, b.item) : direction * (a.score - b.score),
  );
  return scored.slice(0, k);
}
