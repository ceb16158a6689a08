import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  SearchVectorsCommand,
  type AttributeValue,
  type VectorDistanceFunction,
} from '@aws-sdk/client-dynamodb';
import { SeededRandom } from '../support/seeded-random.js';
import { rejectionOf } from './local-cluster.helpers.js';
import {
  bruteForce,
  numberList,
  randomVector,
  startVectorCluster,
  type VectorTestCluster,
} from './vector.helpers.js';

const DIMENSIONS = 8;
const ITEMS = 40;

interface StoredItem {
  id: string;
  tenant: string;
  color: string;
  vector: number[];
}

const random = new SeededRandom(20260804);
const stored: StoredItem[] = Array.from({ length: ITEMS }, (_, i) => ({
  id: `item-${String(i).padStart(2, '0')}`,
  tenant: i % 2 === 0 ? 'even' : 'odd',
  color: ['red', 'green', 'blue'][i % 3],
  vector: randomVector(random, DIMENSIONS),
}));

/** What SearchVectors must answer, computed here from the note's definitions. */
function expectedNearest(
  fn: VectorDistanceFunction,
  query: number[],
  topK: number,
  keep: (item: StoredItem) => boolean = () => true,
): Array<{ id: string; score: number }> {
  const score = (vector: number[]) =>
    fn === 'COSINE'
      ? 1 - bruteForce.cosine(query, vector)
      : fn === 'EUCLIDEAN'
        ? bruteForce.euclidean(query, vector)
        : bruteForce.dot(query, vector);
  const sign = fn === 'DOT_PRODUCT' ? -1 : 1;
  return stored
    .filter(keep)
    .map((item) => ({ id: item.id, score: score(item.vector) }))
    .sort((a, b) => sign * (a.score - b.score))
    .slice(0, topK);
}

describe('LocalAlternatorCluster SearchVectors (2026.4, DynamoDB API)', () => {
  let test: VectorTestCluster;

  beforeAll(async () => {
    test = await startVectorCluster('2026.4');
    for (const fn of ['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'] as const) {
      await test.client.send(
        new CreateTableCommand({
          TableName: `docs_${fn}`,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'tenant', AttributeType: 'S' },
            { AttributeName: 'color', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          VectorIndexes: [
            {
              IndexName: 'plain',
              VectorAttribute: { AttributeName: 'v' },
              Dimensions: DIMENSIONS,
              DistanceFunction: fn,
              Projection: { ProjectionType: 'ALL' },
            },
            {
              IndexName: 'by_tenant',
              VectorAttribute: { AttributeName: 'v' },
              Dimensions: DIMENSIONS,
              DistanceFunction: fn,
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['color'] },
              SearchSchema: [
                { AttributeName: 'tenant', SearchSchemaElementType: 'HASH' },
                { AttributeName: 'color', SearchSchemaElementType: 'INLINE_FILTER' },
              ],
            },
          ],
        }),
      );
      for (const item of stored) {
        await test.client.send(
          new PutItemCommand({
            TableName: `docs_${fn}`,
            Item: {
              id: { S: item.id },
              tenant: { S: item.tenant },
              color: { S: item.color },
              v: numberList(item.vector),
            },
          }),
        );
      }
    }
  });
  afterAll(() => test.stop());

  it.each(['COSINE', 'EUCLIDEAN', 'DOT_PRODUCT'] as const)(
    'returns the exact top-k with DynamoDB scores and order for %s',
    async (fn) => {
      const query = randomVector(random, DIMENSIONS);
      const found = await test.client.send(
        new SearchVectorsCommand({
          TableName: `docs_${fn}`,
          IndexName: 'plain',
          SearchVector: query.map((value) => ({ N: String(value) })),
          TopK: 7,
        }),
      );
      const expected = expectedNearest(fn, query, 7);
      const results = found.SearchResults ?? [];
      expect(results.map((result) => result.Item?.id.S)).toEqual(expected.map((e) => e.id));
      results.forEach((result, i) => expect(result.Score).toBeCloseTo(expected[i].score, 5));
      // ALL projects everything but the vector itself.
      expect(Object.keys(results[0].Item ?? {}).sort()).toEqual(['color', 'id', 'tenant']);
    },
  );

  it('filters on the HASH value and INLINE_FILTER equalities before ranking', async () => {
    const query = randomVector(random, DIMENSIONS);
    const found = await test.client.send(
      new SearchVectorsCommand({
        TableName: 'docs_EUCLIDEAN',
        IndexName: 'by_tenant',
        SearchVector: query.map((value) => ({ N: String(value) })),
        TopK: 5,
        SearchConditionExpression: 'tenant = :t AND #c = :c',
        ExpressionAttributeNames: { '#c': 'color' },
        ExpressionAttributeValues: { ':t': { S: 'odd' }, ':c': { S: 'blue' } },
      }),
    );
    const expected = expectedNearest(
      'EUCLIDEAN',
      query,
      5,
      (item) => item.tenant === 'odd' && item.color === 'blue',
    );
    expect(expected).toHaveLength(5);
    expect(found.SearchResults?.map((result) => result.Item)).toEqual(
      expected.map((e) => ({ id: { S: e.id }, color: { S: 'blue' } })),
    );
  });

  it('returns what the index projects, narrowed by ProjectionExpression', async () => {
    const query = stored[3].vector;
    const search = (IndexName: string, ProjectionExpression?: string) =>
      test.client.send(
        new SearchVectorsCommand({
          TableName: 'docs_COSINE',
          IndexName,
          SearchVector: query.map((value) => ({ N: String(value) })),
          TopK: 1,
          ProjectionExpression,
          ...(IndexName === 'by_tenant'
            ? {
                SearchConditionExpression: 'tenant = :t',
                ExpressionAttributeValues: { ':t': { S: stored[3].tenant } },
              }
            : {}),
        }),
      );
    const included = await search('by_tenant');
    expect(included.SearchResults?.[0].Item).toEqual({
      id: { S: stored[3].id },
      color: { S: stored[3].color },
    });
    const named = await search('plain', 'id, v, tenant');
    const item = named.SearchResults?.[0].Item as Record<string, AttributeValue>;
    expect(item.id).toEqual({ S: stored[3].id });
    expect(item.tenant).toEqual({ S: stored[3].tenant });
    // The vector comes back only when named, as a float32-rounded copy.
    expect(item.v.L?.map((element) => Number(element.N))).toEqual(stored[3].vector);
    const unprojected = await search('by_tenant', 'id, tenant');
    expect(unprojected.SearchResults?.[0].Item).toEqual({ id: { S: stored[3].id } });
  });

  it('refuses bad requests with the types and message fragments DynamoDB uses', async () => {
    const vector = stored[0].vector.map((value) => ({ N: String(value) }));
    const base = { TableName: 'docs_COSINE', IndexName: 'plain', SearchVector: vector, TopK: 3 };
    const cases: Array<[body: Record<string, unknown>, type: string, fragment: RegExp]> = [
      [{ ...base, IndexName: undefined }, 'ValidationException', /IndexName/],
      [{ ...base, SearchVector: undefined }, 'ValidationException', /SearchVector/],
      [{ ...base, TopK: undefined }, 'ValidationException', /TopK/],
      [{ ...base, IndexName: 'nonexistent' }, 'ValidationException', /nonexistent/],
      [
        { ...base, SearchVector: [{ S: 'x' }, ...vector.slice(1)] },
        'ValidationException',
        /number/,
      ],
      [
        { ...base, SearchVector: [{ N: '1e39' }, ...vector.slice(1)] },
        'ValidationException',
        /number/,
      ],
      [{ ...base, SearchVector: vector.slice(1) }, 'ValidationException', /dimension/],
      [{ ...base, TopK: 0 }, 'ValidationException', /TopK/],
      [{ ...base, TopK: -3 }, 'ValidationException', /TopK/],
      [{ ...base, TopK: 1.5 }, 'ValidationException', /TopK/],
      [{ ...base, TopK: 1001 }, 'ValidationException', /TopK/],
      [{ ...base, TopK: 'hello' }, 'SerializationException', /TopK/],
      [
        { ...base, IndexName: 'by_tenant' },
        'ValidationException',
        /SearchConditionExpression must be provided/,
      ],
      [
        {
          ...base,
          IndexName: 'by_tenant',
          SearchConditionExpression: 'tenant <> :t',
          ExpressionAttributeValues: { ':t': { S: 'odd' } },
        },
        'ValidationException',
        /Invalid comparator used in SearchConditionExpression/,
      ],
      [
        {
          ...base,
          IndexName: 'by_tenant',
          SearchConditionExpression: 'tenant = :t',
          ExpressionAttributeValues: { ':t': { S: 'odd' }, ':val2': { S: 'x' } },
        },
        'ValidationException',
        /:val2/,
      ],
      [
        { ...base, ProjectionExpression: 'id', ExpressionAttributeNames: { '#name2': 'x' } },
        'ValidationException',
        /#name2/,
      ],
      [
        {
          ...base,
          IndexName: 'by_tenant',
          SearchConditionExpression: 'id = :t',
          ExpressionAttributeValues: { ':t': { S: 'odd' } },
        },
        'ValidationException',
        /SearchSchema/,
      ],
    ];
    for (const [body, type, fragment] of cases) {
      const reply = await test.call('SearchVectors', body);
      expect({ status: reply.status, type: reply.errorType }).toEqual({ status: 400, type });
      expect(reply.message).toMatch(fragment);
    }
  });

  it('refuses Query and Scan on a vector index', async () => {
    const query = await rejectionOf(
      test.client.send(
        new QueryCommand({
          TableName: 'docs_COSINE',
          IndexName: 'plain',
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': { S: 'item-00' } },
        }),
      ),
    );
    expect([query.name, query.message]).toEqual([
      'ValidationException',
      'Query operation not supported on this index type.',
    ]);
    const scan = await rejectionOf(
      test.client.send(new ScanCommand({ TableName: 'docs_COSINE', IndexName: 'plain' })),
    );
    expect(scan.name).toBe('ValidationException');
    expect(scan.message).toMatch(/index type/);
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    const error = await rejectionOf(
      test.client.send(
        new SearchVectorsCommand({
          TableName: 'missing',
          IndexName: 'plain',
          SearchVector: [{ N: '1' }],
          TopK: 1,
        }),
      ),
    );
    expect(error.name).toBe('ResourceNotFoundException');
  });
});
