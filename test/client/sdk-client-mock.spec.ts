import { afterEach, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, GetItemCommand, SearchVectorsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AlternatorClient,
  createAlternatorDocumentClient,
} from '../../lib/core/alternator-client.js';
import { VectorQueryCommand } from '../../lib/core/vector/vector-commands.js';
import { VectorSearchUnsupportedError } from '../../lib/core/vector/vector-errors.js';
import { TEST_CREDENTIALS } from '../support/alternator-test-kit.js';

/**
 * aws-sdk-client-mock stubs `send` on a client class's prototype, after the clients exist. No
 * node answers here: the port is closed, so a request the stub missed fails.
 */
describe('aws-sdk-client-mock stubs installed on the prototype', () => {
  const clients: AlternatorClient[] = [];
  const restores: Array<() => void> = [];

  const alternatorClient = () => {
    const client = new AlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: 9,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };

  afterEach(() => {
    restores.splice(0).forEach((restore) => restore());
    clients.splice(0).forEach((client) => client.destroy());
  });

  it('mockClient(AlternatorClient) answers commands sent through an AlternatorClient', async () => {
    const client = alternatorClient();
    const stub = mockClient(AlternatorClient);
    restores.push(() => stub.restore());
    stub.on(GetItemCommand).resolves({ Item: { id: { S: 'mocked' } } });
    stub.on(VectorQueryCommand).resolves({ Items: [] });

    const got = await client.send(new GetItemCommand({ TableName: 't', Key: { id: { S: 'a' } } }));
    const found = await client.send(
      new VectorQueryCommand({
        TableName: 't',
        IndexName: 'embedding_index',
        Limit: 1,
        VectorSearch: { QueryVector: { L: [{ N: '1' }] } },
      }),
    );

    expect(got.Item).toEqual({ id: { S: 'mocked' } });
    expect(found.Items).toEqual([]);
    expect(stub.calls()).toHaveLength(2);
  });

  it('mockClient(DynamoDBClient) answers an AlternatorClient, which still explains vector refusals', async () => {
    const client = alternatorClient();
    const stub = mockClient(DynamoDBClient);
    restores.push(() => stub.restore());
    stub.on(GetItemCommand).resolves({ Item: { id: { S: 'mocked' } } });
    stub
      .on(SearchVectorsCommand)
      .rejects(
        Object.assign(new Error('Unknown operation'), { name: 'UnknownOperationException' }),
      );

    const got = await client.send(new GetItemCommand({ TableName: 't', Key: { id: { S: 'a' } } }));
    const search = client.send(
      new SearchVectorsCommand({
        TableName: 't',
        IndexName: 'i',
        SearchVector: [{ N: '1' }],
        TopK: 1,
      }),
    );

    expect(got.Item).toEqual({ id: { S: 'mocked' } });
    await expect(search).rejects.toThrow(VectorSearchUnsupportedError);
    expect(stub.calls()).toHaveLength(2);
  });

  it('mockClient(DynamoDBDocumentClient) answers a document client over an AlternatorClient', async () => {
    const documents = createAlternatorDocumentClient(alternatorClient());
    const stub = mockClient(DynamoDBDocumentClient);
    restores.push(() => stub.restore());
    stub.on(GetCommand).resolves({ Item: { id: 'mocked' } });

    const got = await documents.send(new GetCommand({ TableName: 't', Key: { id: 'a' } }));

    expect(got.Item).toEqual({ id: 'mocked' });
    expect(stub.calls()).toHaveLength(1);
  });
});
