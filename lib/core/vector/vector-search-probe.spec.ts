import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ScriptedDynamoDbServer,
  type ScriptedAnswer,
  type ScriptedRequest,
} from '../../../test/client/vector-scripted-server.js';
import { createAlternatorClient, type AlternatorClient } from '../alternator-client.js';
import { probeVectorSearchSupport } from './vector-search-probe.js';

type Profile = '2026.1' | '2026.2' | '2026.3' | '2026.4' | 'DynamoDB';

const error = (name: string, message: string): ScriptedAnswer => ({ error: name, message });

/** Each server's answer to the probes, with the messages each release sends. */
function answerAs(profile: Profile, request: ScriptedRequest): ScriptedAnswer {
  const scylla = profile !== 'DynamoDB';
  switch (request.operation) {
    case 'SearchVectors':
      return profile === '2026.4' || !scylla
        ? error('ResourceNotFoundException', 'Requested resource not found')
        : error('UnknownOperationException', 'Unsupported operation SearchVectors');
    case 'DescribeTable':
      return {
        body: {
          Table: {
            TableName: 'probe',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            AttributeDefinitions: [
              { AttributeName: 'pk', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: 'N' },
            ],
          },
        },
      };
    case 'UpdateTable':
      return profile === '2026.1'
        ? { body: { TableDescription: { TableName: 'probe' } } }
        : error('ResourceNotFoundException', 'No vector index alternator_vector_probe_absent');
    case 'PutItem':
      if (!scylla) {
        return error(
          'ValidationException',
          'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
        );
      }
      return profile === '2026.1' || profile === '2026.2'
        ? error('ValidationException', 'PutItem: unknown type FLOAT32VECTOR for value {}')
        : error('ConditionalCheckFailedException', 'The conditional request failed');
    default:
      return { body: {} };
  }
}

describe('probeVectorSearchSupport (scripted servers)', () => {
  let profile: Profile = '2026.1';
  let server: ScriptedDynamoDbServer;
  let client: AlternatorClient;

  beforeAll(async () => {
    server = await ScriptedDynamoDbServer.start((request) => answerAs(profile, request));
    client = await createAlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: server.port,
      authenticationEnabled: false,
    });
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it.each([
    ['2026.1', false, false, false, /no vector search/],
    ['2026.2', false, true, false, /ScyllaDB 2026\.2/],
    ['2026.3', false, true, true, /ScyllaDB 2026\.3/],
    ['2026.4', true, true, true, /ScyllaDB 2026\.4/],
    ['DynamoDB', true, true, false, /without FLOAT32VECTOR/],
  ] as const)('tells %s apart', async (name, searchVectors, vectorIndexes, float32, summary) => {
    profile = name;
    const support = await probeVectorSearchSupport(client, { probeTable: 'probe' });
    expect(support).toMatchObject({ searchVectors, vectorIndexes, float32Vector: float32 });
    expect(support.summary).toMatch(summary);
  });

  it('writes nothing: the FLOAT32VECTOR probe carries a condition that cannot hold', async () => {
    profile = '2026.3';
    await probeVectorSearchSupport(client, { probeTable: 'probe' });
    const put = server.last('PutItem').body;
    expect(put.ConditionExpression).toBe('attribute_exists(#k) AND attribute_not_exists(#k)');
    expect(put.Item).toMatchObject({ pk: { S: expect.any(String) }, sk: { N: '0' } });
    expect(server.last('UpdateTable').body.VectorIndexUpdates).toEqual([
      { Delete: { IndexName: 'alternator_vector_probe_absent' } },
    ]);
  });

  it('probes only SearchVectors without a probe table', async () => {
    profile = '2026.3';
    const before = server.requests.length;
    const support = await probeVectorSearchSupport(client);
    expect(support).toMatchObject({
      searchVectors: false,
      vectorIndexes: undefined,
      float32Vector: undefined,
    });
    expect(support.summary).toMatch(/give probeTable/);
    expect(server.requests.slice(before).map((request) => request.operation)).toEqual([
      'SearchVectors',
    ]);
  });
});

describe('probeVectorSearchSupport when the server answers nothing useful', () => {
  it('rethrows an authorization failure instead of guessing', async () => {
    const server = await ScriptedDynamoDbServer.start(() =>
      error('UnrecognizedClientException', 'The security token included in the request is invalid'),
    );
    const client = await createAlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: server.port,
      authenticationEnabled: false,
    });
    try {
      await expect(probeVectorSearchSupport(client)).rejects.toThrow('security token');
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
