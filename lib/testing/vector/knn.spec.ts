import { describe, expect, it } from '@jest/globals';
import {
  distanceScore,
  FLOAT32_MAX,
  nearestNeighbours,
  similarityScore,
  type VectorFunction,
} from './knn.js';

const v = (...values: number[]) => Float32Array.from(values);

describe('knn scores', () => {
  it('scores as SearchVectors does: 1 − cosine, L2 distance, raw dot product', () => {
    expect(distanceScore('COSINE', v(1, 0), v(0, 1))).toBe(1);
    expect(distanceScore('COSINE', v(1, 0), v(-2, 0))).toBe(2);
    expect(distanceScore('COSINE', v(3, 4), v(6, 8))).toBe(0);
    expect(distanceScore('EUCLIDEAN', v(0, 0), v(3, 4))).toBe(5);
    expect(distanceScore('DOT_PRODUCT', v(1, 2, 3), v(4, -5, 6))).toBe(12);
    expect(distanceScore('COSINE', v(0, 0), v(1, 1))).toBeNaN();
  });

  it('scores as ScyllaDB 2026.3 does: similarities where higher is closer', () => {
    expect(similarityScore('COSINE', v(1, 0), v(0, 1))).toBe(0.5);
    expect(similarityScore('COSINE', v(1, 0), v(-1, 0))).toBe(0);
    expect(similarityScore('EUCLIDEAN', v(0, 0), v(3, 4))).toBe(Math.fround(1 / 6));
    expect(similarityScore('DOT_PRODUCT', v(1, 2, 3), v(4, -5, 6))).toBe(6.5);
    expect(similarityScore('DOT_PRODUCT', v(3e38, 3e38), v(3e38, 3e38))).toBe(FLOAT32_MAX);
    expect(similarityScore('DOT_PRODUCT', v(3e38, 3e38), v(-3e38, -3e38))).toBe(-FLOAT32_MAX);
  });
});

describe('nearestNeighbours', () => {
  const candidates = [
    { vector: v(1, 0), item: 'east' },
    { vector: v(0, 1), item: 'north' },
    { vector: v(-1, 0), item: 'west' },
    { vector: v(0, 0), item: 'origin' },
    { vector: v(0.5, 0), item: 'half-east' },
  ];
  const ids = (fn: VectorFunction, kind: 'distance' | 'similarity', k = 10) =>
    nearestNeighbours(candidates, v(2, 0), k, fn, kind, (a, b) => a.localeCompare(b)).map(
      (neighbour) => neighbour.item,
    );

  it('orders best first: ascending distance, descending dot product and similarity', () => {
    expect(ids('EUCLIDEAN', 'distance')).toEqual(['east', 'half-east', 'origin', 'north', 'west']);
    expect(ids('DOT_PRODUCT', 'distance')).toEqual([
      'east',
      'half-east',
      'north',
      'origin',
      'west',
    ]);
    expect(ids('EUCLIDEAN', 'similarity')).toEqual([
      'east',
      'half-east',
      'origin',
      'north',
      'west',
    ]);
  });

  it('drops vectors whose cosine is undefined, breaks ties with the given order, and keeps k', () => {
    // east and half-east point the same way: equal cosine, so the tie-break decides.
    expect(ids('COSINE', 'distance')).toEqual(['east', 'half-east', 'north', 'west']);
    expect(ids('COSINE', 'distance', 2)).toEqual(['east', 'half-east']);
    const reversed = nearestNeighbours(candidates, v(2, 0), 2, 'COSINE', 'distance', (a, b) =>
      b.localeCompare(a),
    );
    expect(reversed.map((neighbour) => neighbour.item)).toEqual(['half-east', 'east']);
  });
});
