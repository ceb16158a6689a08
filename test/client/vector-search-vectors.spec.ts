import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  PutItemCommand,
  SearchVectorsCommand,
  type VectorDistanceFunction,
} from '@aws-sdk/client-dynamodb';
import {
  SearchVectorsCommand as DocumentSearchVectorsCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  createAlternatorDocumentClient,
  type AlternatorClient,
} from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { KeyRouteAffinityMode } from '../../lib/core/config/key-route-affinity.js';
import {
  float32List,
  float32Vector,
  float32VectorOf,
} from '../../lib/core/vector/float32-vector.js';
import { VectorEncoding } from '../../lib/core/vector/vector-encoding.js';
import { waitForVectorIndexActive } from '../../lib/core/vector/wait-for-vector-index.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  hostsByRequest,
  recordAttempts,
  runConcurrently,
  TEST_CREDENTIALS,
} from '../support/alternator-test-kit.js';
import { connectToLocalCluster, stopClientAndCluster } from '../support/local-cluster-client.js';
import {
  bruteForceNearest,
  putThenGetThroughBothClients,
  storedVectors,
  vectorsFrom,
  writeVectorsEveryWay,
} from './vector-test-data.js';

const FUNCTIONS: VectorDistanceFunction[] = ['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'];
const DIMENSIONS = 8;
const STORED = storedVectors(40, DIMENSIONS, 2026_04);
const QUERIES = vectorsFrom(3, DIMENSIONS, 4_2026);
const TOP_K = 5;
const tableFor = (fn: VectorDistanceFunction) => `docs_${fn.toLowerCase()}`;

describe("DynamoDB's vector API through AlternatorClient (2026.4 profile, SigV4, gzip)", () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let documents: DynamoDBDocumentClient;
  const connect = (overrides: Partial<AlternatorConfig> = {}) =>
    connectToLocalCluster(cluster, {
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 64,
      responseCompression: [CompressionAlgorithm.GZIP],
      ...overrides,
    });

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({
      nodes: 3,
      auth: TEST_CREDENTIALS,
      serverVersion: '2026.4',
      vectorIndexActivationDelayMs: 100,
    });
    client = await connect();
    documents = createAlternatorDocumentClient(client, undefined, {
      vectorEncoding: VectorEncoding.FLOAT32VECTOR,
    });
    for (const fn of FUNCTIONS) {
      await client.send(
        new CreateTableCommand({
          TableName: tableFor(fn),
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          VectorIndexes: [
            {
              IndexName: 'vec',
              VectorAttribute: { AttributeName: 'embedding' },
              Dimensions: DIMENSIONS,
              DistanceFunction: fn,
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          ],
        }),
      );
      const active = await waitForVectorIndexActive(client, tableFor(fn), 'vec', {
        pollIntervalMs: 20,
      });
      expect(active.IndexStatus).toBe('ACTIVE');
      await writeVectorsEveryWay(client, documents, tableFor(fn), STORED);
    }
  });
  afterAll(() => stopClientAndCluster(client, cluster));

  it.each(FUNCTIONS)('finds the k nearest items and their %s scores', async (fn) => {
    for (const query of QUERIES) {
      const { SearchResults } = await client.send(
        new SearchVectorsCommand({
          TableName: tableFor(fn),
          IndexName: 'vec',
          SearchVector: float32List(query).L,
          TopK: TOP_K,
        }),
      );
      const expected = bruteForceNearest(STORED, query, fn, TOP_K);
      expect(SearchResults?.map((result) => result.Item?.id?.S)).toEqual(
        expected.map((item) => item.id),
      );
      SearchResults?.forEach((result, i) => expect(result.Score).toBeCloseTo(expected[i].score, 4));
    }
  });

  it('serves the same search through the document client, vectors read back as Float32Array', async () => {
    const query = QUERIES[0];
    const { SearchResults } = await documents.send(
      new DocumentSearchVectorsCommand({
        TableName: tableFor('EUCLIDEAN'),
        IndexName: 'vec',
        SearchVector: Array.from(query),
        TopK: TOP_K,
        ProjectionExpression: 'id, embedding',
      }),
    );
    const expected = bruteForceNearest(STORED, query, 'EUCLIDEAN', TOP_K);
    expect(SearchResults?.map((result) => result.Item?.id as string)).toEqual(
      expected.map((item) => item.id),
    );
    for (const result of SearchResults ?? []) {
      const index = STORED.findIndex((item) => item.id === result.Item?.id);
      const embedding = result.Item?.embedding as ArrayLike<number>;
      // Stored as FLOAT32VECTOR (see beforeAll) comes back as Float32Array; a list as number[].
      expect(embedding).toBeInstanceOf(index % 3 === 2 ? Array : Float32Array);
      expect(Float32Array.from(embedding)).toEqual(STORED[index].vector);
    }
  });

  it('round-trips FLOAT32VECTOR through both clients', async () => {
    const vector = new Float32Array([0.1, -2.5, 3.4028234663852886e38, 1e-7, 0, 1, 2, 3]);
    const { viaDocuments, viaClient } = await putThenGetThroughBothClients(
      client,
      documents,
      tableFor('COSINE'),
      vector,
    );
    expect(viaDocuments).toEqual(vector);
    expect(viaClient).toHaveProperty('FLOAT32VECTOR');
    expect(float32VectorOf(viaClient)).toEqual(vector);
  });

  it('spreads searches like reads even when writes are pinned by key affinity', async () => {
    const pinned = await connect({
      keyAffinity: { mode: KeyRouteAffinityMode.ANY_WRITE, tablePkMap: { docs_cosine: 'id' } },
    });
    try {
      const attempts = recordAttempts(pinned);
      for (let i = 0; i < 30; i++) {
        await pinned.send(
          new PutItemCommand({
            TableName: 'docs_cosine',
            Item: { id: { S: 'one-key' }, embedding: float32Vector(QUERIES[0]) },
          }),
        );
      }
      const writeHosts = new Set(attempts.map((attempt) => attempt.host));
      attempts.length = 0;
      for (let i = 0; i < 30; i++) {
        await pinned.send(
          new SearchVectorsCommand({
            TableName: 'docs_cosine',
            IndexName: 'vec',
            SearchVector: float32List(QUERIES[0]).L,
            TopK: 1,
          }),
        );
      }
      const searchHosts = new Set(attempts.map((attempt) => attempt.host));
      expect(writeHosts.size).toBe(1);
      expect(searchHosts.size).toBeGreaterThan(1);
    } finally {
      pinned.destroy();
    }
  });

  it('retries a search on another node when one hangs', async () => {
    const impatient = await connect({ connectTimeoutMs: 200, requestTimeoutMs: 300 });
    const attempts = recordAttempts(impatient);
    cluster.pause(1);
    try {
      const errors = await runConcurrently(30, 1, async () => {
        await impatient.send(
          new SearchVectorsCommand({
            TableName: 'docs_cosine',
            IndexName: 'vec',
            SearchVector: float32List(QUERIES[1]).L,
            TopK: 2,
          }),
        );
      });
      expect(errors).toEqual([]);
    } finally {
      cluster.resume(1);
      impatient.destroy();
    }
    const retried = [...hostsByRequest(attempts).values()].filter((hosts) => hosts.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const hosts of retried) expect(hosts[0]).toBe(cluster.seedHosts[1]);
  });
});
