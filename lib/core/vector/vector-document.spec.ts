import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  SearchVectorsCommand,
  TransactGetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  ScriptedDynamoDbServer,
  type ScriptedAnswer,
  type ScriptedRequest,
} from '../../../test/client/vector-scripted-server.js';
import {
  createAlternatorClient,
  createAlternatorDocumentClient,
  type AlternatorClient,
} from '../alternator-client.js';
import { VectorDocumentQueryCommand } from './vector-document-commands.js';
import { VectorEncoding } from './vector-encoding.js';
import { InvalidVectorError } from './vector-errors.js';

const STORED = { id: { S: 'a' }, v: { FLOAT32VECTOR: [0.5, 0.25] }, raw: { B: 'AAE=' } };
const READ_BACK = { id: 'a', v: new Float32Array([0.5, 0.25]), raw: new Uint8Array([0, 1]) };

describe('Float32Array in the document client (scripted server)', () => {
  let server: ScriptedDynamoDbServer;
  let client: AlternatorClient;
  let lists: DynamoDBDocumentClient;
  let vectors: DynamoDBDocumentClient;
  let script: (request: ScriptedRequest) => ScriptedAnswer;

  beforeAll(async () => {
    server = await ScriptedDynamoDbServer.start((request) => script(request));
    client = await createAlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: server.port,
      authenticationEnabled: false,
    });
    lists = createAlternatorDocumentClient(client);
    vectors = createAlternatorDocumentClient(client, undefined, {
      vectorEncoding: VectorEncoding.FLOAT32VECTOR,
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });
  beforeEach(() => {
    script = () => ({ body: {} });
  });

  it('writes Float32Array as a list of numbers by default, wherever it is', async () => {
    await lists.send(
      new PutCommand({
        TableName: 't',
        Item: { id: 'a', v: new Float32Array([0.1, 2]), nested: { list: [new Float32Array([1])] } },
      }),
    );
    expect(server.last('PutItem').body.Item).toEqual({
      id: { S: 'a' },
      v: { L: [{ N: '0.1' }, { N: '2' }] },
      nested: { M: { list: { L: [{ L: [{ N: '1' }] }] } } },
    });
  });

  it('writes Float32Array as FLOAT32VECTOR when asked, and keeps real binaries binary', async () => {
    await vectors.send(
      new PutCommand({
        TableName: 't',
        Item: { id: 'a', v: new Float32Array([0.1, 2]), raw: new Uint8Array([0, 1]) },
      }),
    );
    expect(server.last('PutItem').body.Item).toEqual({
      id: { S: 'a' },
      v: { FLOAT32VECTOR: [0.1, 2] },
      raw: { B: 'AAE=' },
    });
    await vectors.send(
      new UpdateCommand({
        TableName: 't',
        Key: { id: 'a' },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': new Float32Array([3]) },
      }),
    );
    expect(server.last('UpdateItem').body.ExpressionAttributeValues).toEqual({
      ':v': { FLOAT32VECTOR: [3] },
    });
    await vectors.send(
      new BatchWriteCommand({
        RequestItems: { t: [{ PutRequest: { Item: { id: 'b', v: new Float32Array([4]) } } }] },
      }),
    );
    expect(server.last('BatchWriteItem').body.RequestItems).toEqual({
      t: [{ PutRequest: { Item: { id: { S: 'b' }, v: { FLOAT32VECTOR: [4] } } } }],
    });
  });

  it('refuses a Float32Array holding NaN or Infinity, naming the attribute', async () => {
    const before = server.requests.length;
    const put = vectors.send(
      new PutCommand({ TableName: 't', Item: { id: 'a', embedding: new Float32Array([1, NaN]) } }),
    );
    await expect(put).rejects.toThrow(InvalidVectorError);
    await expect(put).rejects.toThrow("Vector attribute 'embedding': element 1 is NaN");
    expect(server.requests.length).toBe(before);
  });

  it('reads FLOAT32VECTOR back as Float32Array in every read path', async () => {
    script = (request) => {
      switch (request.operation) {
        case 'GetItem':
          return { body: { Item: STORED } };
        case 'BatchGetItem':
          return { body: { Responses: { t: [STORED] } } };
        case 'Query':
        case 'Scan':
          return { body: { Items: [STORED], Count: 1 } };
        case 'SearchVectors':
          return { body: { SearchResults: [{ Item: STORED, Score: 0.5 }] } };
        case 'UpdateItem':
          return { body: { Attributes: STORED } };
        case 'TransactGetItems':
          return { body: { Responses: [{ Item: STORED }] } };
        default:
          return { body: {} };
      }
    };
    for (const documents of [lists, vectors]) {
      const key = { TableName: 't', Key: { id: 'a' } };
      expect((await documents.send(new GetCommand(key))).Item).toEqual(READ_BACK);
      const batch = await documents.send(
        new BatchGetCommand({ RequestItems: { t: { Keys: [{ id: 'a' }] } } }),
      );
      expect(batch.Responses?.t).toEqual([READ_BACK]);
      const query = await documents.send(
        new QueryCommand({
          TableName: 't',
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': 'a' },
        }),
      );
      expect(query.Items).toEqual([READ_BACK]);
      expect((await documents.send(new ScanCommand({ TableName: 't' }))).Items).toEqual([
        READ_BACK,
      ]);
      const search = await documents.send(
        new SearchVectorsCommand({
          TableName: 't',
          IndexName: 'vi',
          SearchVector: [1, 0],
          TopK: 1,
        }),
      );
      expect(search.SearchResults).toEqual([{ Item: READ_BACK, Score: 0.5 }]);
      const updated = await documents.send(
        new UpdateCommand({
          ...key,
          UpdateExpression: 'SET n = :n',
          ExpressionAttributeValues: { ':n': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      expect(updated.Attributes).toEqual(READ_BACK);
      const transact = await documents.send(
        new TransactGetCommand({ TransactItems: [{ Get: key }] }),
      );
      expect(transact.Responses).toEqual([{ Item: READ_BACK }]);
    }
  });

  it('leaves low-level commands sent through the document client as the low-level client has them', async () => {
    script = () => ({ body: { Item: STORED } });
    const { Item } = await vectors.send(
      new GetItemCommand({ TableName: 't', Key: { id: { S: 'a' } } }),
    );
    expect(Item).toEqual({ ...STORED, raw: { B: new Uint8Array([0, 1]) } });
  });

  it('sends a Float32Array SearchVector as a list of numbers', async () => {
    script = () => ({ body: { SearchResults: [] } });
    await vectors.send(
      new SearchVectorsCommand({
        TableName: 't',
        IndexName: 'vi',
        SearchVector: new Float32Array([0.1, 0.5]) as unknown as number[],
        TopK: 3,
      }),
    );
    expect(server.last('SearchVectors').body.SearchVector).toEqual([{ N: '0.1' }, { N: '0.5' }]);
  });

  it('runs a ScyllaDB vector Query with plain objects, encoding the query vector as configured', async () => {
    script = () => ({ body: { Items: [STORED], Count: 1, Scores: [0.75] } });
    const input = {
      TableName: 't',
      IndexName: 'vi',
      Limit: 1,
      VectorSearch: {
        QueryVector: new Float32Array([0.1, 0.2]),
        ReturnScores: 'SIMILARITY' as const,
      },
    };
    const listed = await lists.send(new VectorDocumentQueryCommand(input));
    expect(server.last('Query').body.VectorSearch).toEqual({
      QueryVector: { L: [{ N: '0.1' }, { N: '0.2' }] },
      ReturnScores: 'SIMILARITY',
    });
    expect(listed.Items).toEqual([READ_BACK]);
    expect(listed.Scores).toEqual([0.75]);
    await vectors.send(new VectorDocumentQueryCommand(input));
    expect(server.last('Query').body.VectorSearch).toEqual({
      QueryVector: { FLOAT32VECTOR: [0.1, 0.2] },
      ReturnScores: 'SIMILARITY',
    });
    await vectors.send(
      new VectorDocumentQueryCommand({ ...input, VectorSearch: { QueryVector: [1, 0.5] } }),
    );
    expect(server.last('Query').body.VectorSearch).toEqual({
      QueryVector: { L: [{ N: '1' }, { N: '0.5' }] },
    });
  });
});
