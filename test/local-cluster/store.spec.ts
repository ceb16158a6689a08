import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BatchExecuteStatementCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeEndpointsCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { ERROR_NAMESPACE, rawRequest, rejectionOf, sdkClient } from './local-cluster.helpers.js';

function createTable(name: string): CreateTableCommand {
  return new CreateTableCommand({
    TableName: name,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

function puts(pk: string, count: number): WriteRequest[] {
  return Array.from({ length: count }, (_, sk) => ({
    PutRequest: { Item: { pk: { S: pk }, sk: { N: String(sk) } } },
  }));
}

describe('LocalAlternatorCluster shared store', () => {
  let cluster: LocalAlternatorCluster;
  let clients: DynamoDBClient[];

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3 });
    clients = [0, 1, 2].map((index) => sdkClient(cluster.endpoint(index)));
    await clients[0].send(createTable('items'));
    await clients[1].send(createTable('other'));
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await cluster.stop();
  });

  it('serves writes from one node to reads on another', async () => {
    const key = { pk: { S: 'user#1' }, sk: { N: '1' } };
    await clients[0].send(
      new PutItemCommand({ TableName: 'items', Item: { ...key, v: { N: '1' } } }),
    );
    const read = await clients[2].send(new GetItemCommand({ TableName: 'items', Key: key }));
    expect(read.Item?.v).toEqual({ N: '1' });

    const updated = await clients[1].send(
      new UpdateItemCommand({
        TableName: 'items',
        Key: key,
        UpdateExpression: 'SET v = v + :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes?.v).toEqual({ N: '2' });

    await clients[2].send(new DeleteItemCommand({ TableName: 'items', Key: key }));
    expect(
      (await clients[0].send(new GetItemCommand({ TableName: 'items', Key: key }))).Item,
    ).toBeUndefined();
  });

  it('returns store errors with Alternator’s __type namespace', async () => {
    const item = { pk: { S: 'cond' }, sk: { N: '1' } };
    await clients[0].send(new PutItemCommand({ TableName: 'items', Item: item }));
    const error = await rejectionOf(
      clients[1].send(
        new PutItemCommand({
          TableName: 'items',
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    expect(error.name).toBe('ConditionalCheckFailedException');

    const raw = await rawRequest({
      host: '127.0.0.3',
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: JSON.stringify({ TableName: 'missing', Key: { pk: { S: 'a' } } }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(raw.headers['x-amz-crc32']).toBeUndefined();
    const body = JSON.parse(raw.body) as { __type: string; message: string };
    expect(body.__type).toBe(`${ERROR_NAMESPACE}ResourceNotFoundException`);
    expect(body.message).toEqual(expect.any(String));
  });

  it('accepts a 100-item BatchWriteItem across tables, as Alternator does', async () => {
    const written = await clients[2].send(
      new BatchWriteItemCommand({
        RequestItems: { items: puts('batch', 70), other: puts('batch', 30) },
      }),
    );
    expect(written.UnprocessedItems).toEqual({});
    const items = await clients[0].send(
      new QueryCommand({
        TableName: 'items',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'batch' } },
        Select: 'COUNT',
      }),
    );
    expect(items.Count).toBe(70);
    const other = await clients[1].send(new ScanCommand({ TableName: 'other', Select: 'COUNT' }));
    expect(other.Count).toBe(30);
  });

  it('rejects a BatchWriteItem of 101 items with ValidationException and writes nothing', async () => {
    const error = await rejectionOf(
      clients[0].send(
        new BatchWriteItemCommand({ RequestItems: { items: puts('too-many', 101) } }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    const items = await clients[0].send(
      new QueryCommand({
        TableName: 'items',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'too-many' } },
      }),
    );
    expect(items.Count).toBe(0);
  });

  it('rejects transactions and PartiQL as unsupported operations', async () => {
    const key = { pk: { S: 't' }, sk: { N: '1' } };
    const statement = { Statement: 'SELECT * FROM items' };
    const attempts: Array<[operation: string, send: () => Promise<unknown>]> = [
      [
        'TransactWriteItems',
        () =>
          clients[1].send(
            new TransactWriteItemsCommand({
              TransactItems: [{ Put: { TableName: 'items', Item: key } }],
            }),
          ),
      ],
      [
        'TransactGetItems',
        () =>
          clients[1].send(
            new TransactGetItemsCommand({
              TransactItems: [{ Get: { TableName: 'items', Key: key } }],
            }),
          ),
      ],
      ['ExecuteStatement', () => clients[1].send(new ExecuteStatementCommand(statement))],
      [
        'BatchExecuteStatement',
        () => clients[1].send(new BatchExecuteStatementCommand({ Statements: [statement] })),
      ],
      [
        'ExecuteTransaction',
        () => clients[1].send(new ExecuteTransactionCommand({ TransactStatements: [statement] })),
      ],
    ];
    for (const [operation, send] of attempts) {
      const error = await rejectionOf(send());
      expect({ name: error.name, message: error.message }).toEqual({
        name: 'UnknownOperationException',
        message: `Unsupported operation ${operation}`,
      });
    }
    const stored = await clients[0].send(new GetItemCommand({ TableName: 'items', Key: key }));
    expect(stored.Item).toBeUndefined();
  });

  it('reads the operation after the first dot of any X-Amz-Target prefix', async () => {
    const post = (target?: string) =>
      rawRequest({
        host: '127.0.0.2',
        port: cluster.port,
        method: 'POST',
        headers: target === undefined ? {} : { 'x-amz-target': target },
        body: '{}',
      });
    const streamsPrefix = await post('DynamoDBStreams_20120810.ListTables');
    expect(streamsPrefix.status).toBe(200);
    expect(JSON.parse(streamsPrefix.body)).toHaveProperty('TableNames');
    for (const [target, operation] of [
      ['DynamoDB_20120810.Bogus', 'Bogus'],
      ['ListTables', ''],
      [undefined, ''],
    ] as const) {
      const reply = await post(target);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({
        __type: `${ERROR_NAMESPACE}UnknownOperationException`,
        message: `Unsupported operation ${operation}`,
      });
    }
  });

  it('names Alternator operations that the local store cannot serve', async () => {
    const reply = await rawRequest({
      host: '127.0.0.1',
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.UpdateTimeToLive' },
      body: JSON.stringify({
        TableName: 'items',
        TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
      }),
    });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body) as { __type: string; message: string };
    expect(body.__type).toBe(`${ERROR_NAMESPACE}UnknownOperationException`);
    expect(body.message).toMatch(/UpdateTimeToLive .*not emulated by LocalAlternatorCluster/);
  });

  it('answers DescribeEndpoints with the request’s Host', async () => {
    const described = await clients[2].send(new DescribeEndpointsCommand({}));
    expect(described.Endpoints?.[0]?.Address).toBe(`127.0.0.3:${cluster.port}`);
  });
});
