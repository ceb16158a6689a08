import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  PutItemCommand,
  SearchVectorsCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type VectorIndex,
} from '@aws-sdk/client-dynamodb';
import {
  LocalAlternatorCluster,
  type LocalAlternatorServerVersion,
} from '../../lib/testing/index.js';
import { rejectionOf } from './local-cluster.helpers.js';
import {
  bruteForce,
  numberList,
  startVectorCluster,
  type VectorTestCluster,
} from './vector.helpers.js';

const KEYS: Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions' | 'BillingMode'> = {
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
};

/** ScyllaDB 2026.2/2026.3's index shape, which the SDK cannot send (it drops Dimensions). */
const SCYLLA_INDEX = {
  IndexName: 'vec',
  VectorAttribute: { AttributeName: 'v', Dimensions: 3 },
  SimilarityFunction: 'EUCLIDEAN',
};

/** DynamoDB's index shape, as the SDK sends it. */
const DYNAMODB_INDEX: VectorIndex = {
  IndexName: 'vec',
  VectorAttribute: { AttributeName: 'v' },
  Dimensions: 3,
  DistanceFunction: 'COSINE',
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

describe('LocalAlternatorCluster server versions', () => {
  let test: VectorTestCluster | undefined;
  const start = async (version: LocalAlternatorServerVersion, delay = 0) => {
    test = await startVectorCluster(version, delay);
    return test;
  };
  afterEach(async () => {
    await test?.stop();
    test = undefined;
  });

  it.each(['2026.2', '2026.3'] as const)(
    '%s knows no SearchVectors and no DynamoDB index shape',
    async (version) => {
      const { client } = await start(version);
      const search = await rejectionOf(
        client.send(
          new SearchVectorsCommand({
            TableName: 't_x',
            IndexName: 'vec',
            SearchVector: [],
            TopK: 1,
          }),
        ),
      );
      expect([search.name, search.message]).toEqual([
        'UnknownOperationException',
        'Unsupported operation SearchVectors',
      ]);
      const create = await rejectionOf(
        client.send(
          new CreateTableCommand({ TableName: 't_x', ...KEYS, VectorIndexes: [DYNAMODB_INDEX] }),
        ),
      );
      expect([create.name, create.message]).toEqual([
        'ValidationException',
        'VectorIndexes Dimensions must be an integer between 1 and 16000.',
      ]);
    },
  );

  it('2026.4 refuses ScyllaDB index shapes and Query + VectorSearch', async () => {
    const { call, client } = await start('2026.4');
    const create = await call('CreateTable', {
      TableName: 't_x',
      ...KEYS,
      VectorIndexes: [SCYLLA_INDEX],
    });
    expect(create.errorType).toBe('ValidationException');
    expect(create.message).toMatch(/Dimensions/);
    await client.send(
      new CreateTableCommand({ TableName: 't_x', ...KEYS, VectorIndexes: [DYNAMODB_INDEX] }),
    );
    const query = await call('Query', {
      TableName: 't_x',
      IndexName: 'vec',
      Limit: 1,
      VectorSearch: { QueryVector: numberList([1, 0, 0]) },
    });
    expect([query.errorType, query.message]).toEqual([
      'ValidationException',
      'Query operation not supported on this index type.',
    ]);
  });

  it('2026.2 ignores SimilarityFunction and ReturnScores, and ranks by cosine', async () => {
    const { call, client } = await start('2026.2');
    await call('CreateTable', { TableName: 't_x', ...KEYS, VectorIndexes: [SCYLLA_INDEX] });
    const described = await call('DescribeTable', { TableName: 't_x' });
    expect((described.json.Table as { VectorIndexes: unknown }).VectorIndexes).toEqual([
      {
        IndexName: 'vec',
        VectorAttribute: { AttributeName: 'v', Dimensions: 3 },
        Projection: { ProjectionType: 'KEYS_ONLY' },
        IndexStatus: 'ACTIVE',
      },
    ]);
    // Cosine and Euclidean rank these two differently from the query [1, 0, 0].
    const near = [10, 1, 0];
    const far = [0.9, 0, 0];
    expect(bruteForce.cosine([1, 0, 0], far)).toBeGreaterThan(bruteForce.cosine([1, 0, 0], near));
    expect(bruteForce.euclidean([1, 0, 0], far)).toBeLessThan(
      bruteForce.euclidean([1, 0, 0], near),
    );
    for (const [id, vector] of [
      ['near', near],
      ['far', far],
    ] as const) {
      await client.send(
        new PutItemCommand({
          TableName: 't_x',
          Item: { id: { S: id }, v: numberList([...vector]) },
        }),
      );
    }
    const found = await call('Query', {
      TableName: 't_x',
      IndexName: 'vec',
      Limit: 2,
      VectorSearch: { QueryVector: numberList([1, 0, 0]), ReturnScores: 'SIMILARITY' },
    });
    expect(found.json).toEqual({
      Count: 2,
      ScannedCount: 2,
      Items: [{ id: { S: 'far' } }, { id: { S: 'near' } }],
    });
  });

  it('2026.2 knows no FLOAT32VECTOR and says so as the server does', async () => {
    const { call, client } = await start('2026.2');
    await client.send(new CreateTableCommand({ TableName: 't_x', ...KEYS }));
    const put = await rejectionOf(
      client.send(
        new PutItemCommand({
          TableName: 't_x',
          Item: { id: { S: 'a' }, v: { FLOAT32VECTOR: [1, 2] } as unknown as AttributeValue },
        }),
      ),
    );
    expect([put.name, put.message]).toEqual([
      'ValidationException',
      'PutItem: unknown type FLOAT32VECTOR for value {"FLOAT32VECTOR":[1,2]}',
    ]);
    await call('UpdateTable', {
      TableName: 't_x',
      VectorIndexUpdates: [{ Create: SCYLLA_INDEX }],
    });
    const query = await call('Query', {
      TableName: 't_x',
      IndexName: 'vec',
      Limit: 1,
      VectorSearch: { QueryVector: { FLOAT32VECTOR: [1, 0, 0] } },
    });
    expect(query.message).toBe('VectorSearch QueryVector must be a list of numbers');
    const write = await call('PutItem', {
      TableName: 't_x',
      Item: { id: { S: 'a' }, v: numberList([1, 2]) },
    });
    expect(write.message).toBe(
      "Vector index attribute 'v' must be a list of exactly 3 numbers, got 2 elements",
    );
  });

  it('2026.3 refuses a Query + VectorSearch while the index is being built', async () => {
    const { call } = await start('2026.3', 60_000);
    await call('CreateTable', { TableName: 't_x', ...KEYS, VectorIndexes: [SCYLLA_INDEX] });
    const query = await call('Query', {
      TableName: 't_x',
      IndexName: 'vec',
      Limit: 1,
      VectorSearch: { QueryVector: numberList([1, 0, 0]) },
    });
    expect(query.errorType).toBe('ValidationException');
    expect(query.message).toMatch(/^Vector Store index vec is not ready/);
  });

  it('refuses an unknown server version or a negative activation delay at start', async () => {
    await expect(
      LocalAlternatorCluster.start({ serverVersion: '2025.4' as LocalAlternatorServerVersion }),
    ).rejects.toThrow(/'serverVersion' must be one of 2026.2, 2026.3, 2026.4/);
    await expect(
      LocalAlternatorCluster.start({ vectorIndexActivationDelayMs: -1 }),
    ).rejects.toThrow(/'vectorIndexActivationDelayMs' must be a number >= 0/);
  });
});
