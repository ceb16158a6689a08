import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createAlternatorDocumentClient,
  type AlternatorClient,
} from '../../lib/core/alternator-client.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { float32Vector, float32VectorOf } from '../../lib/core/vector/float32-vector.js';
import {
  VectorCreateTableCommand,
  VectorDescribeTableCommand,
  VectorQueryCommand,
  VectorUpdateTableCommand,
} from '../../lib/core/vector/vector-commands.js';
import { VectorDocumentQueryCommand } from '../../lib/core/vector/vector-document-commands.js';
import { VectorEncoding } from '../../lib/core/vector/vector-encoding.js';
import { waitForVectorIndexActive } from '../../lib/core/vector/wait-for-vector-index.js';
import type { VectorSimilarityFunction } from '../../lib/core/vector/scylla-vector-api.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster, stopClientAndCluster } from '../support/local-cluster-client.js';
import {
  bruteForceMostSimilar,
  putThenGetThroughBothClients,
  storedVectors,
  vectorsFrom,
  writeVectorsEveryWay,
} from './vector-test-data.js';

const FUNCTIONS: VectorSimilarityFunction[] = ['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'];
const DIMENSIONS = 6;
const STORED = storedVectors(30, DIMENSIONS, 2026_03);
const QUERIES = vectorsFrom(3, DIMENSIONS, 3_2026);
const K = 4;
const KEYS = {
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
};
const tableFor = (fn: VectorSimilarityFunction) => `scylla_${fn.toLowerCase()}`;

describe('ScyllaDB 2026.3 Query + VectorSearch through AlternatorClient (SigV4, gzip)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({
      nodes: 3,
      auth: TEST_CREDENTIALS,
      serverVersion: '2026.3',
      vectorIndexActivationDelayMs: 150,
    });
    client = await connectToLocalCluster(cluster, {
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 64,
      responseCompression: [CompressionAlgorithm.GZIP],
    });
    documents = createAlternatorDocumentClient(client, undefined, {
      vectorEncoding: VectorEncoding.FLOAT32VECTOR,
    });
    for (const fn of FUNCTIONS) {
      const created = await client.send(
        new VectorCreateTableCommand({
          TableName: tableFor(fn),
          ...KEYS,
          VectorIndexes: [
            {
              IndexName: 'vec',
              VectorAttribute: { AttributeName: 'embedding', Dimensions: DIMENSIONS },
              SimilarityFunction: fn,
            },
          ],
        }),
      );
      expect(created.TableDescription?.VectorIndexes?.[0]).toMatchObject({
        VectorAttribute: { AttributeName: 'embedding', Dimensions: DIMENSIONS },
        SimilarityFunction: fn,
      });
      await waitForVectorIndexActive(client, tableFor(fn), 'vec', { pollIntervalMs: 20 });
      await writeVectorsEveryWay(client, documents, tableFor(fn), STORED);
    }
  });
  afterAll(() => stopClientAndCluster(client, cluster));

  it.each(FUNCTIONS)('finds the k most similar items and their %s scores', async (fn) => {
    for (const query of QUERIES) {
      const { Items, Scores } = await client.send(
        new VectorQueryCommand({
          TableName: tableFor(fn),
          IndexName: 'vec',
          Limit: K,
          VectorSearch: { QueryVector: query, ReturnScores: 'SIMILARITY' },
        }),
      );
      const expected = bruteForceMostSimilar(STORED, query, fn, K);
      expect(Items?.map((item) => item.id.S)).toEqual(expected.map((item) => item.id));
      expect(Scores).toHaveLength(K);
      Scores?.forEach((score, i) => expect(score).toBeCloseTo(expected[i].score, 4));
    }
  });

  it('runs the same query in the document client, with FLOAT32VECTOR as the query vector', async () => {
    const query = QUERIES[2];
    const { Items, Scores } = await documents.send(
      new VectorDocumentQueryCommand({
        TableName: tableFor('DOT_PRODUCT'),
        IndexName: 'vec',
        Limit: K,
        Select: 'ALL_ATTRIBUTES',
        VectorSearch: { QueryVector: query, ReturnScores: 'SIMILARITY' },
      }),
    );
    const expected = bruteForceMostSimilar(STORED, query, 'DOT_PRODUCT', K);
    expect(Items?.map((item) => item.id as string)).toEqual(expected.map((item) => item.id));
    Scores?.forEach((score, i) => expect(score).toBeCloseTo(expected[i].score, 4));
    for (const item of Items ?? []) {
      const index = STORED.findIndex((stored) => stored.id === item.id);
      const embedding = item.embedding as ArrayLike<number>;
      expect(embedding).toBeInstanceOf(index % 3 === 2 ? Array : Float32Array);
      expect(Float32Array.from(embedding)).toEqual(STORED[index].vector);
    }
  });

  it('describes the indexes with their dimensions, function and status', async () => {
    const { Table } = await client.send(
      new VectorDescribeTableCommand({ TableName: tableFor('EUCLIDEAN') }),
    );
    expect(Table?.VectorIndexes).toEqual([
      {
        IndexName: 'vec',
        VectorAttribute: { AttributeName: 'embedding', Dimensions: DIMENSIONS },
        SimilarityFunction: 'EUCLIDEAN',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        IndexStatus: 'ACTIVE',
      },
    ]);
  });

  it('adds an index to a table with items, waits for it, searches it and deletes it', async () => {
    const table = tableFor('COSINE');
    const created = await client.send(
      new VectorUpdateTableCommand({
        TableName: table,
        VectorIndexUpdates: [
          {
            Create: {
              IndexName: 'by_euclid',
              VectorAttribute: { AttributeName: 'other', Dimensions: 2 },
              SimilarityFunction: 'EUCLIDEAN',
            },
          },
        ],
      }),
    );
    const building = created.TableDescription?.VectorIndexes?.find(
      (index) => index.IndexName === 'by_euclid',
    );
    expect(building).toMatchObject({ IndexStatus: 'CREATING', Backfilling: true });
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: { id: { S: 'o1' }, other: float32Vector([3, 4]) },
      }),
    );
    const active = await waitForVectorIndexActive(client, table, 'by_euclid', {
      pollIntervalMs: 20,
    });
    expect(active).toMatchObject({ IndexStatus: 'ACTIVE' });
    expect(active.Backfilling).not.toBe(true);
    const { Items, Scores } = await client.send(
      new VectorQueryCommand({
        TableName: table,
        IndexName: 'by_euclid',
        Limit: 1,
        VectorSearch: { QueryVector: [0, 0], ReturnScores: 'SIMILARITY' },
      }),
    );
    expect(Items).toEqual([{ id: { S: 'o1' } }]);
    expect(Scores?.[0]).toBeCloseTo(1 / (1 + 5), 6);
    await client.send(
      new VectorUpdateTableCommand({
        TableName: table,
        VectorIndexUpdates: [{ Delete: { IndexName: 'by_euclid' } }],
      }),
    );
    await expect(waitForVectorIndexActive(client, table, 'by_euclid')).rejects.toThrow(
      /has no vector index 'by_euclid'|is being deleted/,
    );
  });

  it('round-trips FLOAT32VECTOR through both clients', async () => {
    const vector = new Float32Array([0.1, -2.5, 3.4028234663852886e38, 1e-7, 0, 1]);
    const { viaDocuments, viaClient } = await putThenGetThroughBothClients(
      client,
      documents,
      tableFor('COSINE'),
      vector,
    );
    expect(viaDocuments).toEqual(vector);
    expect(float32VectorOf(viaClient)).toEqual(vector);
  });
});
