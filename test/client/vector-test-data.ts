/** Deterministic vectors and a brute-force k-NN for the vector-search integration tests. */
import {
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { float32List, float32Vector } from '../../lib/core/vector/float32-vector.js';
import { runConcurrently } from '../support/alternator-test-kit.js';
import { SeededRandom } from '../support/seeded-random.js';

export interface StoredVector {
  id: string;
  vector: Float32Array;
}

export type Metric = 'COSINE' | 'EUCLIDEAN' | 'DOT_PRODUCT';

/** `count` vectors of `dimensions` values in [-1, 1), the same for the same seed. */
export function vectorsFrom(count: number, dimensions: number, seed: number): Float32Array[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: dimensions }, () => random.next() * 2 - 1),
  );
}

export function storedVectors(count: number, dimensions: number, seed: number): StoredVector[] {
  return vectorsFrom(count, dimensions, seed).map((vector, i) => ({
    id: `doc-${String(i).padStart(3, '0')}`,
    vector,
  }));
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};

/**
 * DynamoDB's `SearchVectors` score: cosine distance (1 - cosine) and Euclidean distance, lower
 * is closer; the raw dot product, higher is closer.
 */
export function distanceScore(metric: Metric, a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (metric === 'DOT_PRODUCT') return dot(a, b);
  if (metric === 'COSINE') return 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/** ScyllaDB 2026.3's `Scores`: similarity, higher is closer. */
export function similarityScore(
  metric: Metric,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): number {
  if (metric === 'DOT_PRODUCT') return (1 + dot(a, b)) / 2;
  if (metric === 'COSINE') return (1 + dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b))) / 2;
  return 1 / (1 + distanceScore('EUCLIDEAN', a, b));
}

/** The k stored items nearest `query`, best first, with their `SearchVectors` scores. */
export function bruteForceNearest(
  stored: readonly StoredVector[],
  query: ArrayLike<number>,
  metric: Metric,
  k: number,
): Array<{ id: string; score: number }> {
  const higherIsCloser = metric === 'DOT_PRODUCT';
  return stored
    .map(({ id, vector }) => ({ id, score: distanceScore(metric, query, vector) }))
    .sort((a, b) => (higherIsCloser ? b.score - a.score : a.score - b.score))
    .slice(0, k);
}

/** The k stored items nearest `query`, best first, with ScyllaDB 2026.3's similarity scores. */
export function bruteForceMostSimilar(
  stored: readonly StoredVector[],
  query: ArrayLike<number>,
  metric: Metric,
  k: number,
): Array<{ id: string; score: number }> {
  return stored
    .map(({ id, vector }) => ({ id, score: similarityScore(metric, query, vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/**
 * Writes the vectors every way a user can: the document client with a `Float32Array`, and the
 * low-level client with `FLOAT32VECTOR` and with a list of numbers, one third each.
 */
export async function writeVectorsEveryWay(
  client: DynamoDBClient,
  documents: DynamoDBDocumentClient,
  tableName: string,
  stored: readonly StoredVector[],
): Promise<void> {
  const errors = await runConcurrently(stored.length, 8, async (i) => {
    const { id, vector } = stored[i];
    if (i % 3 === 0) {
      await documents.send(
        new PutCommand({ TableName: tableName, Item: { id, embedding: vector } }),
      );
    } else {
      const embedding = i % 3 === 1 ? float32Vector(vector) : float32List(vector);
      await client.send(
        new PutItemCommand({ TableName: tableName, Item: { id: { S: id }, embedding } }),
      );
    }
  });
  if (errors.length > 0) throw errors[0];
}

/**
 * Puts `vector` as the `embedding` of item `round-trip` through the document client, then reads
 * it back through both clients: what each hands the user.
 */
export async function putThenGetThroughBothClients(
  client: DynamoDBClient,
  documents: DynamoDBDocumentClient,
  tableName: string,
  vector: Float32Array,
): Promise<{ viaDocuments: unknown; viaClient: AttributeValue | undefined }> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: { id: 'round-trip', embedding: vector } }),
  );
  const fromDocuments = await documents.send(
    new GetCommand({ TableName: tableName, Key: { id: 'round-trip' } }),
  );
  const fromClient = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { id: { S: 'round-trip' } } }),
  );
  return {
    viaDocuments: fromDocuments.Item?.embedding,
    viaClient: fromClient.Item?.embedding,
  };
}
