import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  DescribeTableCommand,
  SearchVectorsCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type VectorIndex,
} from '@aws-sdk/client-dynamodb';
import { rejectionOf } from './local-cluster.helpers.js';
import {
  startVectorCluster,
  waitForActiveIndexes,
  type VectorTestCluster,
} from './vector.helpers.js';

const INDEX: VectorIndex = {
  IndexName: 'vec',
  VectorAttribute: { AttributeName: 'v' },
  Dimensions: 3,
  DistanceFunction: 'COSINE',
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

let tableCount = 0;
function tableInput(vectorIndexes: unknown[], extra: Partial<CreateTableCommandInput> = {}) {
  tableCount += 1;
  return {
    TableName: `table_${tableCount}`,
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    VectorIndexes: vectorIndexes,
    ...extra,
  } as CreateTableCommandInput;
}

const SEARCH = { SearchVector: [{ N: '1' }, { N: '0' }, { N: '0' }], TopK: 1 };

describe('LocalAlternatorCluster vector index definitions (2026.4)', () => {
  let test: VectorTestCluster;

  beforeAll(async () => {
    test = await startVectorCluster('2026.4', 0);
  });
  afterAll(() => test.stop());

  it('creates an index with the table, shows it as DynamoDB does and drops it with the table', async () => {
    const input = tableInput([
      {
        ...INDEX,
        SearchSchema: [{ AttributeName: 'x', SearchSchemaElementType: 'HASH' }],
      },
    ]);
    input.AttributeDefinitions?.push({ AttributeName: 'x', AttributeType: 'S' });
    const created = await test.client.send(new CreateTableCommand(input));
    expect(created.TableDescription?.VectorIndexes).toEqual([
      expect.objectContaining({ IndexName: 'vec', IndexStatus: 'CREATING' }),
    ]);
    expect(created.TableDescription?.VectorIndexes?.[0]).not.toHaveProperty('Backfilling');
    const described = await test.client.send(
      new DescribeTableCommand({ TableName: input.TableName }),
    );
    expect(described.Table?.VectorIndexes).toEqual([
      {
        IndexName: 'vec',
        VectorAttribute: { AttributeName: 'v' },
        Dimensions: 3,
        DistanceFunction: 'COSINE',
        Projection: { ProjectionType: 'KEYS_ONLY' },
        SearchSchema: [{ AttributeName: 'x', SearchSchemaElementType: 'HASH' }],
        IndexStatus: 'ACTIVE',
        IndexSizeBytes: 0,
        ItemCount: 0,
        IndexArn: `${described.Table?.TableArn}/index/vec`,
      },
    ]);
    // The attribute only the SearchSchema uses is declared again, as on the server.
    expect(described.Table?.AttributeDefinitions).toContainEqual({
      AttributeName: 'x',
      AttributeType: 'S',
    });
    const plain = await test.client.send(
      new CreateTableCommand(tableInput([], { VectorIndexes: undefined })),
    );
    expect(plain.TableDescription).not.toHaveProperty('VectorIndexes');
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'a key attribute as vector',
      { ...INDEX, VectorAttribute: { AttributeName: 'p' } },
      'ValidationException',
      /VectorAttribute/,
    ],
    ['zero dimensions', { ...INDEX, Dimensions: 0 }, 'ValidationException', /Dimensions/],
    ['too many dimensions', { ...INDEX, Dimensions: 16001 }, 'ValidationException', /Dimensions/],
    ['dimensions as text', { ...INDEX, Dimensions: '3' }, 'SerializationException', /Dimensions/],
    [
      'no distance function',
      { ...INDEX, DistanceFunction: undefined },
      'ValidationException',
      /DistanceFunction/,
    ],
    [
      'a lower-case distance function',
      { ...INDEX, DistanceFunction: 'cosine' },
      'ValidationException',
      /DistanceFunction/,
    ],
    ['no projection', { ...INDEX, Projection: undefined }, 'ValidationException', /Projection/],
    [
      'a bad projection type',
      { ...INDEX, Projection: { ProjectionType: 'SOME' } },
      'ValidationException',
      /ProjectionType/,
    ],
    [
      'INCLUDE without attributes',
      { ...INDEX, Projection: { ProjectionType: 'INCLUDE' } },
      'ValidationException',
      /NonKeyAttributes/,
    ],
    [
      'attributes without INCLUDE',
      { ...INDEX, Projection: { ProjectionType: 'ALL', NonKeyAttributes: ['a'] } },
      'ValidationException',
      /NonKeyAttributes/,
    ],
    [
      'twenty non-key attributes',
      {
        ...INDEX,
        Projection: {
          ProjectionType: 'INCLUDE',
          NonKeyAttributes: Array.from({ length: 20 }, (_, i) => `a${i}`),
        },
      },
      'ValidationException',
      /projected attributes/,
    ],
    [
      'an empty SearchSchema',
      { ...INDEX, SearchSchema: [] },
      'ValidationException',
      /SearchSchema/,
    ],
    [
      'a bad SearchSchemaElementType',
      { ...INDEX, SearchSchema: [{ AttributeName: 'p', SearchSchemaElementType: 'RANGE' }] },
      'ValidationException',
      /SearchSchemaElementType/,
    ],
    [
      'an undeclared SearchSchema attribute',
      { ...INDEX, SearchSchema: [{ AttributeName: 'nope', SearchSchemaElementType: 'HASH' }] },
      'ValidationException',
      /AttributeDefinitions/,
    ],
    [
      'two HASH elements',
      {
        ...INDEX,
        SearchSchema: [
          { AttributeName: 'p', SearchSchemaElementType: 'HASH' },
          { AttributeName: 'p2', SearchSchemaElementType: 'HASH' },
        ],
      },
      'ValidationException',
      /HASH/,
    ],
    // p2 is declared for every case here, and only the two-HASH case uses it.
    [
      'an AttributeDefinitions entry nothing uses',
      INDEX,
      'ValidationException',
      /AttributeDefinitions/,
    ],
    ['a short name', { ...INDEX, IndexName: 'vi' }, 'ValidationException', /IndexName/],
    [
      'a name with a space',
      { ...INDEX, IndexName: 'bad name' },
      'ValidationException',
      /IndexName/,
    ],
  ])('refuses %s', async (_case, index, type, fragment) => {
    const input = tableInput([index]);
    input.AttributeDefinitions?.push({ AttributeName: 'p2', AttributeType: 'S' });
    const reply = await test.call('CreateTable', input);
    expect([reply.status, reply.errorType]).toEqual([400, type]);
    expect(reply.message).toMatch(fragment);
    // Nothing was created.
    const described = await test.call('DescribeTable', { TableName: input.TableName });
    expect(described.errorType).toBe('ResourceNotFoundException');
  });

  it('refuses duplicate names across vector indexes, GSIs and LSIs', async () => {
    const twice = await rejectionOf(
      test.client.send(new CreateTableCommand(tableInput([INDEX, INDEX]))),
    );
    expect([twice.name, twice.message]).toEqual([
      'ValidationException',
      expect.stringMatching(/Duplicate/),
    ]);
    const withGsi = tableInput([INDEX], {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'vec',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    withGsi.AttributeDefinitions?.push({ AttributeName: 'g', AttributeType: 'S' });
    const gsi = await rejectionOf(test.client.send(new CreateTableCommand(withGsi)));
    expect(gsi.message).toMatch(/Duplicate/);
    const withLsi = tableInput([INDEX], {
      KeySchema: [
        { AttributeName: 'p', KeyType: 'HASH' },
        { AttributeName: 's', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'vec',
          KeySchema: [
            { AttributeName: 'p', KeyType: 'HASH' },
            { AttributeName: 'l', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    withLsi.AttributeDefinitions?.push(
      { AttributeName: 's', AttributeType: 'S' },
      { AttributeName: 'l', AttributeType: 'S' },
    );
    const lsi = await rejectionOf(test.client.send(new CreateTableCommand(withLsi)));
    expect(lsi.message).toMatch(/Duplicate/);
  });

  it('lets indexes share an attribute only with equal Dimensions, and at most five per table', async () => {
    const shared = await test.client.send(
      new CreateTableCommand(
        tableInput([INDEX, { ...INDEX, IndexName: 'vec2', DistanceFunction: 'EUCLIDEAN' }]),
      ),
    );
    expect(shared.TableDescription?.VectorIndexes).toHaveLength(2);
    const unequal = await rejectionOf(
      test.client.send(
        new CreateTableCommand(tableInput([INDEX, { ...INDEX, IndexName: 'vec2', Dimensions: 4 }])),
      ),
    );
    expect(unequal.name).toBe('ValidationException');
    const six = Array.from({ length: 6 }, (_, i) => ({
      ...INDEX,
      IndexName: `vec${i}`,
      VectorAttribute: { AttributeName: `v${i}` },
    }));
    const tooMany = await rejectionOf(test.client.send(new CreateTableCommand(tableInput(six))));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toMatch(/5 vector indexes/);
  });

  it('adds and deletes an index with UpdateTable, one action at a time', async () => {
    const input = tableInput([], { VectorIndexes: undefined });
    await test.client.send(new CreateTableCommand(input));
    const TableName = input.TableName;
    const added = await test.client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'N' }],
        VectorIndexUpdates: [
          {
            Create: {
              ...INDEX,
              SearchSchema: [{ AttributeName: 'x', SearchSchemaElementType: 'INLINE_FILTER' }],
            },
          },
        ],
      }),
    );
    expect(added.TableDescription?.VectorIndexes).toEqual([
      expect.objectContaining({ IndexName: 'vec', IndexStatus: 'CREATING', Backfilling: true }),
    ]);
    await waitForActiveIndexes(test, TableName as string);

    const refusals: Array<[body: Record<string, unknown>, type: string, fragment: RegExp]> = [
      [{ VectorIndexUpdates: [] }, 'ValidationException', /VectorIndexUpdates/],
      [
        {
          VectorIndexUpdates: [{ Delete: { IndexName: 'vec' } }, { Delete: { IndexName: 'vec' } }],
        },
        'LimitExceededException',
        /one index/,
      ],
      [
        {
          VectorIndexUpdates: [{ Delete: { IndexName: 'vec' } }],
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'g' } }],
        },
        'LimitExceededException',
        /GlobalSecondaryIndexUpdates/,
      ],
      [{ VectorIndexUpdates: [{ Update: { IndexName: 'vec' } }] }, 'ValidationException', /Update/],
      [
        { VectorIndexUpdates: [{ Delete: { IndexName: 'nope' } }] },
        'ResourceNotFoundException',
        /nope/,
      ],
      [{ VectorIndexUpdates: [{ Create: INDEX }] }, 'ValidationException', /already exists/],
    ];
    for (const [body, type, fragment] of refusals) {
      const reply = await test.call('UpdateTable', { TableName, ...body });
      expect([reply.errorType, reply.message]).toEqual([type, expect.stringMatching(fragment)]);
    }
    const missingTable = await test.call('UpdateTable', {
      TableName: 'no_such_table',
      VectorIndexUpdates: [{ Delete: { IndexName: 'vec' } }],
    });
    expect(missingTable.errorType).toBe('ResourceNotFoundException');

    const deleted = await test.client.send(
      new UpdateTableCommand({ TableName, VectorIndexUpdates: [{ Delete: { IndexName: 'vec' } }] }),
    );
    expect(deleted.TableDescription).not.toHaveProperty('VectorIndexes');
    const described = await test.client.send(new DescribeTableCommand({ TableName }));
    expect(described.Table).not.toHaveProperty('VectorIndexes');
    expect(described.Table?.AttributeDefinitions).toEqual([
      { AttributeName: 'p', AttributeType: 'S' },
    ]);
  });
});

describe('LocalAlternatorCluster vector index status', () => {
  let test: VectorTestCluster | undefined;
  afterEach(async () => {
    await test?.stop();
    test = undefined;
  });

  it('is ACTIVE at once with a delay of 0, though the create response says CREATING', async () => {
    test = await startVectorCluster('2026.4', 0);
    const created = await test.client.send(new CreateTableCommand(tableInput([INDEX])));
    expect(created.TableDescription?.VectorIndexes?.[0].IndexStatus).toBe('CREATING');
    const TableName = created.TableDescription?.TableName;
    const described = await test.client.send(new DescribeTableCommand({ TableName }));
    expect(described.Table?.VectorIndexes?.[0].IndexStatus).toBe('ACTIVE');
    const found = await test.client.send(
      new SearchVectorsCommand({ TableName, IndexName: 'vec', ...SEARCH }),
    );
    expect(found.SearchResults).toEqual([]);
  });

  it('stays CREATING for the configured delay, refusing searches, then turns ACTIVE', async () => {
    test = await startVectorCluster('2026.4', 60_000);
    const created = await test.client.send(new CreateTableCommand(tableInput([INDEX])));
    const TableName = created.TableDescription?.TableName;
    const described = await test.client.send(new DescribeTableCommand({ TableName }));
    expect(described.Table?.VectorIndexes?.[0]).toMatchObject({ IndexStatus: 'CREATING' });
    expect(described.Table?.VectorIndexes?.[0]).not.toHaveProperty('Backfilling');
    const early = await rejectionOf(
      test.client.send(new SearchVectorsCommand({ TableName, IndexName: 'vec', ...SEARCH })),
    );
    expect([early.name, early.message]).toEqual([
      'ValidationException',
      'Cannot search backfilling vector index: vec',
    ]);
    // UpdateTable's index backfills; and one build per table at a time.
    const second = await rejectionOf(
      test.client.send(
        new UpdateTableCommand({
          TableName,
          VectorIndexUpdates: [{ Create: { ...INDEX, IndexName: 'vec2' } }],
        }),
      ),
    );
    expect(second.name).toBe('LimitExceededException');
  });

  it('turns ACTIVE after a short delay and serves searches from then on', async () => {
    test = await startVectorCluster('2026.4', 150);
    const input = tableInput([], { VectorIndexes: undefined });
    await test.client.send(new CreateTableCommand(input));
    const TableName = input.TableName;
    const added = await test.client.send(
      new UpdateTableCommand({ TableName, VectorIndexUpdates: [{ Create: INDEX }] }),
    );
    expect(added.TableDescription?.VectorIndexes?.[0]).toMatchObject({
      IndexStatus: 'CREATING',
      Backfilling: true,
    });
    await waitForActiveIndexes(test, TableName as string);
    const described = await test.client.send(new DescribeTableCommand({ TableName }));
    expect(described.Table?.VectorIndexes?.[0].IndexStatus).toBe('ACTIVE');
    expect(described.Table?.VectorIndexes?.[0]).not.toHaveProperty('Backfilling');
    const found = await test.client.send(
      new SearchVectorsCommand({ TableName, IndexName: 'vec', ...SEARCH }),
    );
    expect(found.SearchResults).toEqual([]);
  });
});
