import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  SearchVectorsCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  ScriptedDynamoDbServer,
  type ScriptedAnswer,
  type ScriptedRequest,
} from '../../../test/client/vector-scripted-server.js';
import { createAlternatorClient, type AlternatorClient } from '../alternator-client.js';
import { CompressionAlgorithm } from '../config/compression-algorithm.js';
import { float32Vector } from './float32-vector.js';
import {
  VectorCreateTableCommand,
  VectorDescribeTableCommand,
  VectorQueryCommand,
  VectorUpdateTableCommand,
} from './vector-commands.js';
import { VectorSearchUnsupportedError } from './vector-errors.js';
import {
  VECTOR_MIDDLEWARE_NAME,
  VECTOR_RAW_RESPONSE_MIDDLEWARE_NAME,
} from './vector-wire.middleware.js';

const SCYLLA_INDEX = {
  IndexName: 'by_embedding',
  VectorAttribute: { AttributeName: 'embedding', Dimensions: 3 },
  SimilarityFunction: 'EUCLIDEAN' as const,
};
const TABLE_BASE = {
  TableName: 'docs',
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
};
const DESCRIBED_INDEX = {
  ...SCYLLA_INDEX,
  Projection: { ProjectionType: 'KEYS_ONLY' },
  IndexStatus: 'CREATING',
  Backfilling: true,
};

describe('ScyllaDB vector members through AlternatorClient (scripted server)', () => {
  let server: ScriptedDynamoDbServer;
  let client: AlternatorClient;
  let script: (request: ScriptedRequest) => ScriptedAnswer;

  beforeAll(async () => {
    server = await ScriptedDynamoDbServer.start((request) => script(request), {
      gzipResponses: true,
    });
    client = await createAlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: server.port,
      credentials: { accessKeyId: 'alternator', secretAccessKey: 'secret' },
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 1,
      responseCompression: [CompressionAlgorithm.GZIP],
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });
  beforeEach(() => {
    script = () => ({ body: {} });
  });

  it('sends VectorAttribute.Dimensions and SimilarityFunction, compressed and signed as sent', async () => {
    script = () => ({ body: { TableDescription: { TableName: 'docs' } } });
    await client.send(
      new VectorCreateTableCommand({ ...TABLE_BASE, VectorIndexes: [SCYLLA_INDEX] }),
    );
    const request = server.last('CreateTable');
    expect(request.body.VectorIndexes).toEqual([SCYLLA_INDEX]);
    expect(request.headers['content-encoding']).toBe('gzip');
    expect(Number(request.headers['content-length'])).toBe(request.wireBytes);
    expect(request.headers['x-amz-content-sha256']).toBe(request.wireSha256);
  });

  it('does the same for the standard CreateTableCommand, and leaves DynamoDB’s shape as the SDK wrote it', async () => {
    script = () => ({ body: { TableDescription: { TableName: 'docs' } } });
    const scyllaShaped = { ...TABLE_BASE, VectorIndexes: [SCYLLA_INDEX] };
    await client.send(new CreateTableCommand(scyllaShaped as unknown as CreateTableCommandInput));
    expect(server.last('CreateTable').body.VectorIndexes).toEqual([SCYLLA_INDEX]);

    const dynamoShaped = {
      IndexName: 'by_embedding',
      VectorAttribute: { AttributeName: 'embedding' },
      Dimensions: 3,
      DistanceFunction: 'COSINE' as const,
      Projection: { ProjectionType: 'ALL' as const },
    };
    await client.send(new CreateTableCommand({ ...TABLE_BASE, VectorIndexes: [dynamoShaped] }));
    expect(server.last('CreateTable').body.VectorIndexes).toEqual([dynamoShaped]);
  });

  it('creates and deletes an index with UpdateTable', async () => {
    script = () => ({ body: { TableDescription: { TableName: 'docs' } } });
    await client.send(
      new VectorUpdateTableCommand({
        TableName: 'docs',
        VectorIndexUpdates: [{ Create: SCYLLA_INDEX }],
      }),
    );
    expect(server.last('UpdateTable').body.VectorIndexUpdates).toEqual([{ Create: SCYLLA_INDEX }]);
    await client.send(
      new VectorUpdateTableCommand({
        TableName: 'docs',
        VectorIndexUpdates: [{ Delete: { IndexName: 'by_embedding' } }],
      }),
    );
    expect(server.last('UpdateTable').body.VectorIndexUpdates).toEqual([
      { Delete: { IndexName: 'by_embedding' } },
    ]);
  });

  it('returns the vector indexes as the server described them, from every describing command', async () => {
    script = (request) =>
      request.operation === 'DescribeTable'
        ? { body: { Table: { TableName: 'docs', VectorIndexes: [DESCRIBED_INDEX] } } }
        : { body: { TableDescription: { TableName: 'docs', VectorIndexes: [DESCRIBED_INDEX] } } };
    const typed = await client.send(new VectorDescribeTableCommand({ TableName: 'docs' }));
    expect(typed.Table?.VectorIndexes).toEqual([DESCRIBED_INDEX]);
    const standard = await client.send(new DescribeTableCommand({ TableName: 'docs' }));
    expect(standard.Table?.VectorIndexes).toEqual([DESCRIBED_INDEX]);
    const created = await client.send(
      new VectorCreateTableCommand({ ...TABLE_BASE, VectorIndexes: [SCYLLA_INDEX] }),
    );
    expect(created.TableDescription?.VectorIndexes?.[0].VectorAttribute?.Dimensions).toBe(3);
  });

  it('sends a vector Query and returns its items, best first, with their scores', async () => {
    const items = [
      { id: { S: 'b' }, embedding: { FLOAT32VECTOR: [0.5, 0.25, 1] } },
      { id: { S: 'a' } },
    ];
    script = () => ({ body: { Items: items, Count: 2, ScannedCount: 2, Scores: [0.9, 0.4] } });
    const result = await client.send(
      new VectorQueryCommand({
        TableName: 'docs',
        IndexName: 'by_embedding',
        Limit: 2,
        VectorSearch: {
          QueryVector: new Float32Array([0.1, 0.2, 0.3]),
          ReturnScores: 'SIMILARITY',
        },
      }),
    );
    expect(server.last('Query').body.VectorSearch).toEqual({
      QueryVector: { L: [{ N: '0.1' }, { N: '0.2' }, { N: '0.3' }] },
      ReturnScores: 'SIMILARITY',
    });
    expect(result.Items).toEqual(items);
    expect(result.Scores).toEqual([0.9, 0.4]);
  });

  it('sends a FLOAT32VECTOR query vector as given', async () => {
    script = () => ({ body: { Items: [], Count: 0 } });
    await client.send(
      new VectorQueryCommand({
        TableName: 'docs',
        IndexName: 'by_embedding',
        VectorSearch: { QueryVector: float32Vector([1, 0, 0.5]) },
      }),
    );
    expect(server.last('Query').body.VectorSearch).toEqual({
      QueryVector: { FLOAT32VECTOR: [1, 0, 0.5] },
    });
  });

  it('refuses an invalid query vector before sending, naming it', async () => {
    const before = server.requests.length;
    await expect(
      client.send(
        new VectorQueryCommand({
          TableName: 'docs',
          IndexName: 'by_embedding',
          VectorSearch: { QueryVector: [0, NaN, 1] },
        }),
      ),
    ).rejects.toThrow("Vector attribute 'QueryVector': element 1 is NaN");
    expect(server.requests.length).toBe(before);
  });

  it('fails clearly when a server ignores ReturnScores (before 2026.3)', async () => {
    script = () => ({ body: { Items: [{ id: { S: 'a' } }], Count: 1 } });
    const query = new VectorQueryCommand({
      TableName: 'docs',
      IndexName: 'by_embedding',
      VectorSearch: { QueryVector: [1, 0, 0], ReturnScores: 'SIMILARITY' },
    });
    await expect(client.send(query)).rejects.toThrow(VectorSearchUnsupportedError);
    await expect(client.send(query)).rejects.toThrow(/predates ScyllaDB 2026.3/);
    script = () => ({ body: { Items: [], Count: 0 } });
    await expect(client.send(query)).resolves.toMatchObject({ Count: 0 });
  });

  it('fails clearly when a server ignores SimilarityFunction (before 2026.3)', async () => {
    const describedAs = (index: object) => () => ({
      body: { TableDescription: { TableName: 'docs', VectorIndexes: [index] } },
    });
    const withoutFunction: Record<string, unknown> = { ...DESCRIBED_INDEX };
    delete withoutFunction.SimilarityFunction;
    script = describedAs(withoutFunction);
    const create = new VectorCreateTableCommand({ ...TABLE_BASE, VectorIndexes: [SCYLLA_INDEX] });
    await expect(client.send(create)).rejects.toThrow(
      "The server created vector index 'by_embedding' but ignored its SimilarityFunction EUCLIDEAN",
    );
    const update = new VectorUpdateTableCommand({
      TableName: 'docs',
      VectorIndexUpdates: [{ Create: SCYLLA_INDEX }],
    });
    await expect(client.send(update)).rejects.toThrow(VectorSearchUnsupportedError);
    script = describedAs(DESCRIBED_INDEX);
    await expect(client.send(create)).resolves.toBeDefined();
  });

  it('says that a server with DynamoDB’s API searches vector indexes with SearchVectors', async () => {
    script = () => ({
      error: 'ValidationException',
      message: 'Query operation not supported on this index type.',
    });
    const query = new VectorQueryCommand({
      TableName: 'docs',
      IndexName: 'by_embedding',
      VectorSearch: { QueryVector: [1, 0, 0] },
    });
    await expect(client.send(query)).rejects.toThrow(/searched with SearchVectorsCommand/);
  });

  it('says which server SearchVectors needs when the server does not know it', async () => {
    script = () => ({
      error: 'UnknownOperationException',
      message: 'Unsupported operation SearchVectors',
    });
    const search = client.send(
      new SearchVectorsCommand({
        TableName: 'docs',
        IndexName: 'by_embedding',
        SearchVector: [{ N: '1' }],
        TopK: 1,
      }),
    );
    await expect(search).rejects.toThrow(VectorSearchUnsupportedError);
    const error = (await search.then(
      () => undefined,
      (caught: unknown) => caught,
    )) as VectorSearchUnsupportedError;
    expect(error.message).toMatch(
      /needs ScyllaDB 2026\.4.*the server said: Unsupported operation SearchVectors/,
    );
    expect((error.cause as Error).name).toBe('UnknownOperationException');
  });

  it('says which server FLOAT32VECTOR needs when the server refuses the type, and only then', async () => {
    script = () => ({
      error: 'ValidationException',
      message: 'PutItem: unknown type FLOAT32VECTOR for value {"FLOAT32VECTOR":[1]}',
    });
    const put = (item: PutItemCommand['input']['Item']) =>
      client.send(new PutItemCommand({ TableName: 'docs', Item: item }));
    await expect(put({ id: { S: 'a' }, embedding: float32Vector([1]) })).rejects.toThrow(
      /needs ScyllaDB 2026\.3 or later/,
    );
    script = () => ({
      error: 'ValidationException',
      message: 'One or more parameter values were invalid',
    });
    const plain = put({ id: { S: 'a' } });
    await expect(plain).rejects.toThrow('One or more parameter values were invalid');
    await expect(plain).rejects.not.toThrow(VectorSearchUnsupportedError);
  });

  it('adds its middleware only to the commands that need it, never to the client', async () => {
    script = () => ({ body: { Items: [], Count: 0 } });
    // identify() leaves out relative entries whose anchor is on another stack; remove() does not.
    const names = (stack: { clone(): { remove(name: string): boolean } }) =>
      [VECTOR_MIDDLEWARE_NAME, VECTOR_RAW_RESPONSE_MIDDLEWARE_NAME].filter((name) =>
        stack.clone().remove(name),
      );
    const get = new GetItemCommand({ TableName: 'docs', Key: { id: { S: 'a' } } });
    await client.send(get);
    const query = new QueryCommand({
      TableName: 'docs',
      IndexName: 'by_embedding',
      VectorSearch: { QueryVector: [1, 0, 0] },
    } as QueryCommand['input']);
    await client.send(query);
    expect(names(client.middlewareStack)).toEqual([]);
    expect(names(get.middlewareStack)).toEqual([]);
    expect(names(query.middlewareStack)).toHaveLength(2);
  });

  it('serves the typed commands through a plain DynamoDBClient as well', async () => {
    script = () => ({ body: { Items: [{ id: { S: 'a' } }], Count: 1, Scores: [0.5] } });
    const plain = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${server.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    try {
      const { Scores } = await plain.send(
        new VectorQueryCommand({
          TableName: 'docs',
          IndexName: 'by_embedding',
          VectorSearch: { QueryVector: [1, 0, 0], ReturnScores: 'SIMILARITY' },
        }),
      );
      expect(server.last('Query').body.VectorSearch).toEqual({
        QueryVector: { L: [{ N: '1' }, { N: '0' }, { N: '0' }] },
        ReturnScores: 'SIMILARITY',
      });
      expect(Scores).toEqual([0.5]);
    } finally {
      plain.destroy();
    }
  });

  it('leaves other commands and their results alone', async () => {
    script = () => ({ body: { Item: { id: { S: 'a' }, embedding: { FLOAT32VECTOR: [0.5] } } } });
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'docs', Key: { id: { S: 'a' } } }),
    );
    expect(Item).toEqual({ id: { S: 'a' }, embedding: { FLOAT32VECTOR: [0.5] } });
    script = () => ({ body: { Items: [{ id: { S: 'a' } }], Count: 1, Scores: [1] } });
    const plainQuery = await client.send(
      new QueryCommand({
        TableName: 'docs',
        KeyConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': { S: 'a' } },
      }),
    );
    expect(server.last('Query').body).not.toHaveProperty('VectorSearch');
    expect(plainQuery).not.toHaveProperty('Scores');
  });
});
