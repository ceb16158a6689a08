import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SeededRandom } from '../support/seeded-random.js';
import {
  bruteForce,
  numberList,
  randomVector,
  startVectorCluster,
  type RawCallReply,
  type VectorTestCluster,
} from './vector.helpers.js';

const DIMENSIONS = 6;
const FUNCTIONS = ['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'] as const;
type SimilarityFunction = (typeof FUNCTIONS)[number];

const random = new SeededRandom(2026_03);
const stored = Array.from({ length: 30 }, (_, i) => ({
  id: `doc-${String(i).padStart(2, '0')}`,
  color: i % 3 === 0 ? 'red' : 'blue',
  vector: randomVector(random, DIMENSIONS),
}));

/** ScyllaDB 2026.3's similarity (higher is closer), from the note's formulas. */
function similarity(fn: SimilarityFunction, a: number[], b: number[]): number {
  if (fn === 'COSINE') {
    return (1 + bruteForce.cosine(a, b)) / 2;
  }
  return fn === 'EUCLIDEAN' ? 1 / (1 + bruteForce.euclidean(a, b)) : (1 + bruteForce.dot(a, b)) / 2;
}

function expectedNearest(fn: SimilarityFunction, query: number[], k: number) {
  return stored
    .map((item) => ({ ...item, score: similarity(fn, query, item.vector) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

interface QueryReply {
  Items?: Array<Record<string, unknown>>;
  Scores?: number[];
  Count?: number;
  ScannedCount?: number;
}

describe('LocalAlternatorCluster Query + VectorSearch (2026.3)', () => {
  let test: VectorTestCluster;
  const query = (body: Record<string, unknown>): Promise<RawCallReply> =>
    test.call('Query', { TableName: 'docs_COSINE', IndexName: 'vec', ...body });
  const search = (vector: number[], extra: Record<string, unknown> = {}) => ({
    VectorSearch: { QueryVector: numberList(vector), ...extra },
  });

  beforeAll(async () => {
    test = await startVectorCluster('2026.3');
    for (const fn of FUNCTIONS) {
      const created = await test.call('CreateTable', {
        TableName: `docs_${fn}`,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        VectorIndexes: [
          {
            IndexName: 'vec',
            VectorAttribute: { AttributeName: 'embedding', Dimensions: DIMENSIONS },
            SimilarityFunction: fn,
          },
        ],
      });
      expect(created.status).toBe(200);
      for (const item of stored) {
        await test.client.send(
          new PutItemCommand({
            TableName: `docs_${fn}`,
            Item: {
              id: { S: item.id },
              color: { S: item.color },
              embedding: numberList(item.vector),
            },
          }),
        );
      }
    }
  });
  afterAll(() => test.stop());

  it('describes the index in ScyllaDB 2026.3 shape', async () => {
    const described = await test.call('DescribeTable', { TableName: 'docs_DOT_PRODUCT' });
    expect((described.json.Table as { VectorIndexes: unknown }).VectorIndexes).toEqual([
      {
        IndexName: 'vec',
        VectorAttribute: { AttributeName: 'embedding', Dimensions: DIMENSIONS },
        Projection: { ProjectionType: 'KEYS_ONLY' },
        SimilarityFunction: 'DOT_PRODUCT',
        IndexStatus: 'ACTIVE',
      },
    ]);
  });

  it.each(FUNCTIONS)(
    'returns the exact k nearest with 2026.3 similarity scores for %s',
    async (fn) => {
      const vector = randomVector(random, DIMENSIONS);
      const reply = await test.call('Query', {
        TableName: `docs_${fn}`,
        IndexName: 'vec',
        Limit: 5,
        Select: 'ALL_ATTRIBUTES',
        ...search(vector, { ReturnScores: 'SIMILARITY' }),
      });
      const expected = expectedNearest(fn, vector, 5);
      const json = reply.json as QueryReply;
      expect(json.Items?.map((item) => (item.id as { S: string }).S)).toEqual(
        expected.map((e) => e.id),
      );
      expect(json.Items?.[0]).toEqual({
        id: { S: expected[0].id },
        color: { S: expected[0].color },
        embedding: numberList(expected[0].vector),
      });
      expect(json.Scores).toHaveLength(5);
      json.Scores?.forEach((score, i) => expect(score).toBeCloseTo(expected[i].score, 5));
      expect([json.Count, json.ScannedCount]).toEqual([5, 5]);
    },
  );

  it('returns only the keys by default, and takes a FLOAT32VECTOR query vector', async () => {
    const vector = stored[4].vector;
    const reply = await query({
      Limit: 2,
      VectorSearch: { QueryVector: { FLOAT32VECTOR: vector } },
    });
    const json = reply.json as QueryReply;
    expect(json.Items).toEqual(
      expectedNearest('COSINE', vector, 2).map((e) => ({ id: { S: e.id } })),
    );
    expect(json).not.toHaveProperty('Scores');
  });

  it('filters the k candidates after the search, so fewer than k may come back', async () => {
    const vector = randomVector(random, DIMENSIONS);
    const reply = await query({
      Limit: 10,
      FilterExpression: '#c = :red',
      ExpressionAttributeNames: { '#c': 'color' },
      ExpressionAttributeValues: { ':red': { S: 'red' } },
      ProjectionExpression: 'id, #c',
      ...search(vector, { ReturnScores: 'SIMILARITY' }),
    });
    const expected = expectedNearest('COSINE', vector, 10).filter((e) => e.color === 'red');
    const json = reply.json as QueryReply;
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(10);
    expect(json.Items).toEqual(expected.map((e) => ({ id: { S: e.id }, color: { S: 'red' } })));
    json.Scores?.forEach((score, i) => expect(score).toBeCloseTo(expected[i].score, 5));
    expect([json.Count, json.ScannedCount]).toEqual([expected.length, 10]);
    const counted = await query({
      Limit: 10,
      Select: 'COUNT',
      FilterExpression: 'color = :red',
      ExpressionAttributeValues: { ':red': { S: 'red' } },
      ...search(vector),
    });
    expect(counted.json).toEqual({ Count: expected.length, ScannedCount: 10 });
  });

  it('refuses what query_vector() refuses, with its messages', async () => {
    const vector = stored[0].vector;
    const cases: Array<[body: Record<string, unknown>, message: string | RegExp]> = [
      [{ ...search(vector) }, 'VectorSearch requires a positive integer Limit parameter'],
      [{ Limit: 0, ...search(vector) }, 'Limit must be greater than 0'],
      [
        { Limit: 1, IndexName: 'nope', ...search(vector) },
        "VectorSearch IndexName 'nope' is not a vector index.",
      ],
      [
        { Limit: 1, IndexName: undefined, ...search(vector) },
        'VectorSearch requires IndexName referring to a vector index',
      ],
      [{ Limit: 1, VectorSearch: {} }, 'VectorSearch requires a QueryVector parameter'],
      [
        { Limit: 1, ...search(vector.slice(1)) },
        `VectorSearch QueryVector length 5 does not match index Dimensions ${DIMENSIONS}`,
      ],
      [
        {
          Limit: 1,
          VectorSearch: { QueryVector: { L: [{ S: 'x' }, ...numberList(vector).L.slice(1)] } },
        },
        'VectorSearch QueryVector must contain only numbers',
      ],
      [
        {
          Limit: 1,
          VectorSearch: { QueryVector: { L: [{ N: '1e39' }, ...numberList(vector).L.slice(1)] } },
        },
        "VectorSearch QueryVector element '1e39' is not a valid number",
      ],
      [
        { Limit: 1, ConsistentRead: true, ...search(vector) },
        'Consistent reads are not allowed on vector indexes',
      ],
      [{ Limit: 1, ExclusiveStartKey: { id: { S: 'a' } }, ...search(vector) }, /pagination/],
      [
        { Limit: 1, ScanIndexForward: false, ...search(vector) },
        'VectorSearch does not support ScanIndexForward',
      ],
      [
        { Limit: 1, QueryFilter: {}, ...search(vector) },
        'VectorSearch does not support QueryFilter; use FilterExpression instead',
      ],
      [
        { Limit: 1, Select: 'COUNT', ...search(vector, { ReturnScores: 'SIMILARITY' }) },
        /ReturnScores=SIMILARITY cannot be used with Select=COUNT/,
      ],
      [
        // 2026.3 ignores key conditions, so their values are unused.
        {
          Limit: 1,
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': { S: 'a' } },
          ...search(vector),
        },
        /ExpressionAttributeValues unused in expressions: keys: \{:id\}/,
      ],
      [
        { Limit: 1 },
        "IndexName 'vec' is a vector index for table 'docs_COSINE, so VectorSearch is mandatory in Query.",
      ],
    ];
    for (const [body, message] of cases) {
      const reply = await query(body);
      expect([reply.status, reply.errorType]).toEqual([400, 'ValidationException']);
      expect(reply.message).toEqual(
        typeof message === 'string' ? message : expect.stringMatching(message),
      );
    }
  });

  it('validates writes to the vector attribute with the 2026.3 messages', async () => {
    const reply = await test.call('PutItem', {
      TableName: 'docs_COSINE',
      Item: { id: { S: 'bad' }, embedding: { FLOAT32VECTOR: [1, 2] } },
    });
    expect(reply.message).toBe(
      `Vector index attribute 'embedding' must be a list or vector of exactly ${DIMENSIONS} numbers, got 2 elements`,
    );
    const typed = await test.call('PutItem', {
      TableName: 'docs_COSINE',
      Item: { id: { S: 'bad' }, embedding: { S: 'x' } },
    });
    expect(typed.message).toBe(
      `Vector index attribute 'embedding' must be a list or vector of ${DIMENSIONS} numbers, got type S`,
    );
  });

  it('adds and removes indexes with VectorIndexUpdates in ScyllaDB shape', async () => {
    const update = (action: Record<string, unknown>) =>
      test.call('UpdateTable', { TableName: 'docs_EUCLIDEAN', VectorIndexUpdates: [action] });
    const twice = await update({
      Create: {
        IndexName: 'other',
        VectorAttribute: { AttributeName: 'embedding', Dimensions: 6 },
      },
    });
    expect(twice.message).toBe(
      "VectorIndexUpdates AttributeName 'embedding' is already the target of an existing vector index.",
    );
    const key = await update({
      Create: { IndexName: 'other', VectorAttribute: { AttributeName: 'id', Dimensions: 6 } },
    });
    expect(key.message).toMatch(/is a key column and cannot be used as a vector index target/);
    const badFunction = await update({
      Create: {
        IndexName: 'other',
        VectorAttribute: { AttributeName: 'extra', Dimensions: 2 },
        SimilarityFunction: 'MANHATTAN',
      },
    });
    expect(badFunction.message).toBe(
      "VectorIndexUpdates SimilarityFunction 'MANHATTAN' is not valid. Valid values are: EUCLIDEAN, COSINE, DOT_PRODUCT.",
    );
    const created = await update({
      Create: { IndexName: 'other', VectorAttribute: { AttributeName: 'extra', Dimensions: 2 } },
    });
    const indexes = (created.json.TableDescription as { VectorIndexes: unknown[] }).VectorIndexes;
    expect(indexes[1]).toEqual({
      IndexName: 'other',
      VectorAttribute: { AttributeName: 'extra', Dimensions: 2 },
      Projection: { ProjectionType: 'KEYS_ONLY' },
      SimilarityFunction: 'COSINE',
      IndexStatus: 'CREATING',
      Backfilling: true,
    });
    const deleted = await update({ Delete: { IndexName: 'other' } });
    expect(deleted.status).toBe(200);
    const missing = await update({ Delete: { IndexName: 'other' } });
    expect([missing.errorType, missing.message]).toEqual([
      'ResourceNotFoundException',
      'No vector index other in table docs_EUCLIDEAN',
    ]);
  });
});
