import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  SearchVectorsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { rejectionOf } from './local-cluster.helpers.js';
import { numberList, startVectorCluster, type VectorTestCluster } from './vector.helpers.js';

/** The low-level client sends FLOAT32VECTOR verbatim; its type only lacks the member. */
function float32Vector(values: number[]): AttributeValue {
  return { FLOAT32VECTOR: values } as unknown as AttributeValue;
}

const SENT = [0.1, -3.5, 1e-7, 3.4028234663852886e38, 1];
/** What the server answers: the float32 values, widened to doubles. */
const STORED = SENT.map((value) => Math.fround(value));

describe('LocalAlternatorCluster FLOAT32VECTOR storage (2026.4)', () => {
  let test: VectorTestCluster;
  const TableName = 'vectors';
  const key = (id: string) => ({ pk: { S: 'p' }, sk: { S: id } });
  const item = (id: string) => ({
    ...key(id),
    v: float32Vector(SENT),
    empty: float32Vector([]),
    nested: { M: { inner: float32Vector([2.5]), list: { L: [float32Vector([0.25, 0.5])] } } },
    bytes: { B: new Uint8Array([0, 5, 1, 2]) },
  });
  const expectRoundTrip = (got: Record<string, AttributeValue> | undefined) => {
    expect(got).toMatchObject({
      v: { FLOAT32VECTOR: STORED },
      empty: { FLOAT32VECTOR: [] },
      nested: {
        M: { inner: { FLOAT32VECTOR: [2.5] }, list: { L: [{ FLOAT32VECTOR: [0.25, 0.5] }] } },
      },
    });
    expect(got?.bytes).toEqual({ B: new Uint8Array([0, 5, 1, 2]) });
  };

  beforeAll(async () => {
    test = await startVectorCluster('2026.4');
    await test.client.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await test.client.send(new PutItemCommand({ TableName, Item: item('a') }));
    await test.client.send(new PutItemCommand({ TableName, Item: item('b') }));
  });
  afterAll(() => test.stop());

  it('reads it back on GetItem, BatchGetItem, Query and Scan, nested too', async () => {
    expectRoundTrip(
      (await test.client.send(new GetItemCommand({ TableName, Key: key('a') }))).Item,
    );
    const batch = await test.client.send(
      new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: [key('a'), key('b')] } } }),
    );
    expect(batch.Responses?.[TableName]).toHaveLength(2);
    batch.Responses?.[TableName].forEach(expectRoundTrip);
    const queried = await test.client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
      }),
    );
    expect(queried.Items).toHaveLength(2);
    queried.Items?.forEach(expectRoundTrip);
    const scanned = await test.client.send(new ScanCommand({ TableName }));
    expect(scanned.Items).toHaveLength(2);
    scanned.Items?.forEach(expectRoundTrip);
    const projected = await test.client.send(
      new GetItemCommand({ TableName, Key: key('a'), ProjectionExpression: 'v' }),
    );
    expect(projected.Item).toEqual({ v: { FLOAT32VECTOR: STORED } });
  });

  it('reads it back in ReturnValues of PutItem, UpdateItem and DeleteItem', async () => {
    const replaced = await test.client.send(
      new PutItemCommand({ TableName, Item: item('c'), ReturnValues: 'ALL_OLD' }),
    );
    expect(replaced.Attributes).toBeUndefined();
    const again = await test.client.send(
      new PutItemCommand({ TableName, Item: item('c'), ReturnValues: 'ALL_OLD' }),
    );
    expectRoundTrip(again.Attributes);
    const updated = await test.client.send(
      new UpdateItemCommand({
        TableName,
        Key: key('c'),
        UpdateExpression: 'SET w = :w',
        ExpressionAttributeValues: { ':w': float32Vector([7, 8]) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expectRoundTrip(updated.Attributes);
    expect(updated.Attributes?.w).toEqual({ FLOAT32VECTOR: [7, 8] });
    const deleted = await test.client.send(
      new DeleteItemCommand({ TableName, Key: key('c'), ReturnValues: 'ALL_OLD' }),
    );
    expectRoundTrip(deleted.Attributes);
  });

  it('refuses elements a float32 cannot hold, even without an index', async () => {
    const cases: Array<[values: unknown[], fragment: RegExp]> = [
      [[1, 1e39], /cannot be represented as a 32-bit float/],
      [[1, null], /vector elements must be numbers/],
      [[1, '2'], /vector elements must be numbers/],
    ];
    for (const [values, fragment] of cases) {
      const reply = await test.call('PutItem', {
        TableName,
        Item: { ...key('bad'), nested: { L: [{ FLOAT32VECTOR: values }] } },
      });
      expect([reply.errorType, reply.message]).toEqual([
        'ValidationException',
        expect.stringMatching(fragment),
      ]);
    }
    const stored = await test.client.send(new GetItemCommand({ TableName, Key: key('bad') }));
    expect(stored.Item).toBeUndefined();
  });
});

describe('LocalAlternatorCluster writes to an indexed table (2026.4)', () => {
  let test: VectorTestCluster;
  const TableName = 'indexed';
  const good = (id: string): Record<string, AttributeValue> => ({
    id: { S: id },
    tenant: { S: 'acme' },
    n: { N: '1' },
    v: numberList([1, 0, 0]),
  });

  beforeAll(async () => {
    test = await startVectorCluster('2026.4');
    await test.client.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'tenant', AttributeType: 'S' },
          { AttributeName: 'n', AttributeType: 'N' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        VectorIndexes: [
          {
            IndexName: 'vec',
            VectorAttribute: { AttributeName: 'v' },
            Dimensions: 3,
            DistanceFunction: 'EUCLIDEAN',
            Projection: { ProjectionType: 'KEYS_ONLY' },
            SearchSchema: [
              { AttributeName: 'tenant', SearchSchemaElementType: 'HASH' },
              { AttributeName: 'n', SearchSchemaElementType: 'INLINE_FILTER' },
            ],
          },
        ],
      }),
    );
  });
  afterAll(() => test.stop());

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a list of the wrong length',
      { v: numberList([1, 2]) },
      /Invalid size for parameter v, Expected: 3, Actual: 2/,
    ],
    [
      'a FLOAT32VECTOR of the wrong length',
      { v: { FLOAT32VECTOR: [1, 2, 3, 4] } },
      /Expected: 3, Actual: 4/,
    ],
    ['a number out of float32 range', { v: numberList([1, 0, 1e39]) }, /number/],
    ['a list holding a string', { v: { L: [{ N: '1' }, { S: 'x' }, { N: '0' }] } }, /number/],
    ['a string', { v: { S: 'abc' } }, /Invalid type for parameter v/],
    ['a number set', { v: { NS: ['1', '2', '3'] } }, /duplicates/],
    ['a HASH value of the wrong type', { tenant: { N: '3' } }, /mismatch/],
    ['an empty HASH value', { tenant: { S: '' } }, /empty string/],
    ['an INLINE_FILTER value of the wrong type', { n: { S: 'one' } }, /mismatch/],
  ])('refuses %s', async (_case, attributes, fragment) => {
    const reply = await test.call('PutItem', { TableName, Item: { ...good('x'), ...attributes } });
    expect([reply.status, reply.errorType]).toEqual([400, 'ValidationException']);
    expect(reply.message).toMatch(fragment);
    const stored = await test.client.send(
      new GetItemCommand({ TableName, Key: { id: { S: 'x' } } }),
    );
    expect(stored.Item).toBeUndefined();
  });

  it('accepts items without the vector or the search attributes', async () => {
    await test.client.send(new PutItemCommand({ TableName, Item: { id: { S: 'bare' } } }));
    await test.client.send(
      new PutItemCommand({
        TableName,
        Item: { id: { S: 'f32' }, tenant: { S: 'acme' }, v: float32Vector([0, 1, 0]) },
      }),
    );
    const found = await test.client.send(
      new SearchVectorsCommand({
        TableName,
        IndexName: 'vec',
        SearchVector: [{ N: '0' }, { N: '1' }, { N: '0' }],
        TopK: 5,
        SearchConditionExpression: 'tenant = :t',
        ExpressionAttributeValues: { ':t': { S: 'acme' } },
        ProjectionExpression: 'id, v',
      }),
    );
    expect(found.SearchResults).toEqual([
      { Item: { id: { S: 'f32' }, v: { FLOAT32VECTOR: [0, 1, 0] } }, Score: 0 },
    ]);
  });

  it('fails a whole BatchWriteItem when one item breaks the index', async () => {
    const error = await rejectionOf(
      test.client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [TableName]: [
              { PutRequest: { Item: good('batch-1') } },
              { PutRequest: { Item: { ...good('batch-2'), v: numberList([1]) } } },
            ],
          },
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    const stored = await test.client.send(
      new GetItemCommand({ TableName, Key: { id: { S: 'batch-1' } } }),
    );
    expect(stored.Item).toBeUndefined();
  });

  it('checks the values UpdateItem assigns to indexed attributes', async () => {
    await test.client.send(new PutItemCommand({ TableName, Item: good('upd') }));
    const update = (UpdateExpression: string, values?: Record<string, AttributeValue>) =>
      test.client.send(
        new UpdateItemCommand({
          TableName,
          Key: { id: { S: 'upd' } },
          UpdateExpression,
          ExpressionAttributeNames: { '#v': 'v' },
          ExpressionAttributeValues: values,
        }),
      );
    const wrongLength = await rejectionOf(update('SET #v = :v', { ':v': numberList([1, 2]) }));
    expect(wrongLength.message).toMatch(/Expected: 3, Actual: 2/);
    const wrongType = await rejectionOf(
      update('SET tenant = :t REMOVE n', { ':t': { B: new Uint8Array([1]) } }),
    );
    expect(wrongType.message).toMatch(/mismatch/);
    const element = await rejectionOf(update('SET #v[0] = :x', { ':x': { N: '2' } }));
    expect(element.message).toMatch(/assign the whole vector/);
    await update('SET #v = if_not_exists(#v, :v)', { ':v': numberList([0, 0, 1]) });
    await update('SET #v = :v', { ':v': float32Vector([0, 0, 1]) });
    const stored = await test.client.send(
      new GetItemCommand({ TableName, Key: { id: { S: 'upd' } } }),
    );
    expect(stored.Item?.v).toEqual({ FLOAT32VECTOR: [0, 0, 1] });
    await update('REMOVE #v');
    const removed = await test.client.send(
      new GetItemCommand({ TableName, Key: { id: { S: 'upd' } } }),
    );
    expect(removed.Item).not.toHaveProperty('v');
  });
});
