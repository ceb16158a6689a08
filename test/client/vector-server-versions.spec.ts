import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  PutItemCommand,
  SearchVectorsCommand,
  type VectorIndex,
} from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createAlternatorDocumentClient,
  type AlternatorClient,
} from '../../lib/core/alternator-client.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { float32List, float32Vector } from '../../lib/core/vector/float32-vector.js';
import type { ScyllaVectorIndex } from '../../lib/core/vector/scylla-vector-api.js';
import {
  VectorCreateTableCommand,
  VectorQueryCommand,
} from '../../lib/core/vector/vector-commands.js';
import { VectorEncoding } from '../../lib/core/vector/vector-encoding.js';
import { VectorSearchUnsupportedError } from '../../lib/core/vector/vector-errors.js';
import { probeVectorSearchSupport } from '../../lib/core/vector/vector-search-probe.js';
import { waitForVectorIndexActive } from '../../lib/core/vector/wait-for-vector-index.js';
import {
  LocalAlternatorCluster,
  type LocalAlternatorServerVersion,
} from '../../lib/testing/index.js';
import { TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster, stopClientAndCluster } from '../support/local-cluster-client.js';

const KEYS = {
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
};
const SCYLLA_INDEX: ScyllaVectorIndex = {
  IndexName: 'vec',
  VectorAttribute: { AttributeName: 'v', Dimensions: 3 },
  SimilarityFunction: 'EUCLIDEAN',
};
const DYNAMODB_INDEX: VectorIndex = {
  IndexName: 'vec',
  VectorAttribute: { AttributeName: 'v' },
  Dimensions: 3,
  DistanceFunction: 'EUCLIDEAN',
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

/** A table with ScyllaDB 2026.2/2026.3's index shape, and one with DynamoDB's. */
const createScyllaShapedTable = () =>
  new VectorCreateTableCommand({ TableName: 'scylla', ...KEYS, VectorIndexes: [SCYLLA_INDEX] });
const createDynamoDbShapedTable = () =>
  new CreateTableCommand({ TableName: 'dynamo', ...KEYS, VectorIndexes: [DYNAMODB_INDEX] });

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error as Error,
  );
}

describe('each server generation: what works, and clear errors for what does not (SigV4, gzip)', () => {
  let cluster: LocalAlternatorCluster | undefined;
  let client: AlternatorClient | undefined;

  async function start(serverVersion: LocalAlternatorServerVersion): Promise<AlternatorClient> {
    cluster = await LocalAlternatorCluster.start({
      nodes: 2,
      auth: TEST_CREDENTIALS,
      serverVersion,
      vectorIndexActivationDelayMs: 0,
    });
    client = await connectToLocalCluster(cluster, {
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 64,
    });
    await client.send(new CreateTableCommand({ TableName: 'plain', ...KEYS }));
    return client;
  }
  afterEach(async () => {
    await stopClientAndCluster(client, cluster);
    client = undefined;
    cluster = undefined;
  });

  it.each([
    ['2026.2', { searchVectors: false, vectorIndexes: true, float32Vector: false }],
    ['2026.3', { searchVectors: false, vectorIndexes: true, float32Vector: true }],
    ['2026.4', { searchVectors: true, vectorIndexes: true, float32Vector: true }],
  ] as const)('probing tells %s apart', async (version, expected) => {
    const alternator = await start(version);
    const support = await probeVectorSearchSupport(alternator, { probeTable: 'plain' });
    expect(support).toMatchObject(expected);
    expect(support.summary).toContain(version);
  });

  it('2026.2 refuses FLOAT32VECTOR from either client with an error naming 2026.3', async () => {
    const alternator = await start('2026.2');
    const lowLevel = await rejectionOf(
      alternator.send(
        new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, v: float32Vector([1]) } }),
      ),
    );
    expect(lowLevel).toBeInstanceOf(VectorSearchUnsupportedError);
    expect(lowLevel.message).toMatch(/FLOAT32VECTOR needs ScyllaDB 2026\.3 or later/);
    expect((lowLevel.cause as Error).message).toMatch(/unknown type FLOAT32VECTOR/);
    const documents = createAlternatorDocumentClient(alternator, undefined, {
      vectorEncoding: VectorEncoding.FLOAT32VECTOR,
    });
    const viaDocuments = await rejectionOf(
      documents.send(
        new PutCommand({ TableName: 'plain', Item: { id: 'a', v: new Float32Array([1]) } }),
      ),
    );
    expect(viaDocuments).toBeInstanceOf(VectorSearchUnsupportedError);
    // The default encoding works on every server.
    await createAlternatorDocumentClient(alternator).send(
      new PutCommand({ TableName: 'plain', Item: { id: 'a', v: new Float32Array([1]) } }),
    );
  });

  it('2026.2 runs a vector Query but fails clearly on what it ignores: functions and scores', async () => {
    const alternator = await start('2026.2');
    const create = await rejectionOf(alternator.send(createScyllaShapedTable()));
    expect(create).toBeInstanceOf(VectorSearchUnsupportedError);
    expect(create.message).toMatch(/ignored its SimilarityFunction EUCLIDEAN/);
    await alternator.send(
      new PutItemCommand({
        TableName: 'scylla',
        Item: { id: { S: 'a' }, v: float32List([1, 0, 0]) },
      }),
    );
    const query = { TableName: 'scylla', IndexName: 'vec', Limit: 1 };
    const found = await alternator.send(
      new VectorQueryCommand({ ...query, VectorSearch: { QueryVector: [1, 0, 0] } }),
    );
    expect(found.Items).toEqual([{ id: { S: 'a' } }]);
    const scored = await rejectionOf(
      alternator.send(
        new VectorQueryCommand({
          ...query,
          VectorSearch: { QueryVector: [1, 0, 0], ReturnScores: 'SIMILARITY' },
        }),
      ),
    );
    expect(scored).toBeInstanceOf(VectorSearchUnsupportedError);
    expect(scored.message).toMatch(/predates ScyllaDB 2026\.3/);
  });

  it.each(['2026.2', '2026.3'] as const)(
    '%s refuses SearchVectors and DynamoDB’s index shape, naming what it needs',
    async (version) => {
      const alternator = await start(version);
      const search = await rejectionOf(
        alternator.send(
          new SearchVectorsCommand({
            TableName: 'plain',
            IndexName: 'vec',
            SearchVector: [{ N: '1' }],
            TopK: 1,
          }),
        ),
      );
      expect(search).toBeInstanceOf(VectorSearchUnsupportedError);
      expect(search.message).toMatch(/needs ScyllaDB 2026\.4 or later/);
      const create = await rejectionOf(alternator.send(createDynamoDbShapedTable()));
      expect(create).toBeInstanceOf(VectorSearchUnsupportedError);
      expect(create.message).toMatch(
        /expects ScyllaDB 2026\.2\/2026\.3's.*VectorCreateTableCommand/,
      );
    },
  );

  it('2026.3 serves the typed ScyllaDB commands', async () => {
    const alternator = await start('2026.3');
    await alternator.send(createScyllaShapedTable());
    await waitForVectorIndexActive(alternator, 'scylla', 'vec', { pollIntervalMs: 10 });
    await alternator.send(
      new PutItemCommand({
        TableName: 'scylla',
        Item: { id: { S: 'a' }, v: float32Vector([0, 3, 4]) },
      }),
    );
    const { Items, Scores } = await alternator.send(
      new VectorQueryCommand({
        TableName: 'scylla',
        IndexName: 'vec',
        Limit: 1,
        VectorSearch: { QueryVector: float32Vector([0, 0, 0]), ReturnScores: 'SIMILARITY' },
      }),
    );
    expect(Items).toEqual([{ id: { S: 'a' } }]);
    expect(Scores?.[0]).toBeCloseTo(1 / (1 + 5), 6);
  });

  it('2026.4 serves SearchVectors and refuses the ScyllaDB shapes, naming what it needs', async () => {
    const alternator = await start('2026.4');
    const create = await rejectionOf(alternator.send(createScyllaShapedTable()));
    expect(create).toBeInstanceOf(VectorSearchUnsupportedError);
    expect(create.message).toMatch(/expects DynamoDB's/);
    await alternator.send(createDynamoDbShapedTable());
    await waitForVectorIndexActive(alternator, 'dynamo', 'vec', { pollIntervalMs: 10 });
    await alternator.send(
      new PutItemCommand({
        TableName: 'dynamo',
        Item: { id: { S: 'a' }, v: float32Vector([0, 3, 4]) },
      }),
    );
    const { SearchResults } = await alternator.send(
      new SearchVectorsCommand({
        TableName: 'dynamo',
        IndexName: 'vec',
        SearchVector: float32List([0, 0, 0]).L,
        TopK: 1,
      }),
    );
    expect(SearchResults).toEqual([{ Item: { id: { S: 'a' } }, Score: 5 }]);
    const query = await rejectionOf(
      alternator.send(
        new VectorQueryCommand({
          TableName: 'dynamo',
          IndexName: 'vec',
          Limit: 1,
          VectorSearch: { QueryVector: [0, 0, 0] },
        }),
      ),
    );
    expect(query).toBeInstanceOf(VectorSearchUnsupportedError);
    expect(query.message).toMatch(/searched with SearchVectorsCommand/);
  });
});
