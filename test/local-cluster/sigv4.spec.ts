import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  CREDENTIALS,
  ERROR_NAMESPACE,
  hostOf,
  rawRequest,
  rejectionOf,
  sdkClient,
  signedHeaders,
  type RawReply,
} from './local-cluster.helpers.js';

const LIST_TABLES = 'DynamoDB_20120810.ListTables';

function errorOf(reply: RawReply): { type: string; message: string } {
  const body = JSON.parse(reply.body) as { __type: string; message: string };
  expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
  expect(body.__type.startsWith(ERROR_NAMESPACE)).toBe(true);
  return { type: body.__type.slice(ERROR_NAMESPACE.length), message: body.message };
}

describe('LocalAlternatorCluster with SigV4 enforced', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: CREDENTIALS });
  });
  afterAll(() => cluster.stop());

  /** Sends a ListTables signed for `signedHost` to node `index`. */
  async function listTablesOn(index: number, headers: Record<string, string>): Promise<RawReply> {
    return rawRequest({
      host: hostOf(cluster, index),
      port: cluster.port,
      method: 'POST',
      headers,
      body: '{}',
    });
  }

  it('accepts SDK requests signed for any region on every node', async () => {
    const regions = ['us-east-1', 'eu-west-3', 'scylla-local'];
    const clients = regions.map((region, index) =>
      sdkClient(cluster.endpoint(index), CREDENTIALS, region),
    );
    try {
      await clients[0].send(
        new CreateTableCommand({
          TableName: 'signed',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      for (const client of clients) {
        const listed = await client.send(new ListTablesCommand({}));
        expect(listed.TableNames).toContain('signed');
      }
    } finally {
      clients.forEach((client) => client.destroy());
    }
  });

  it('accepts a request signed for node A’s Host and sent to node B', async () => {
    const headers = await signedHeaders({
      host: `${hostOf(cluster, 0)}:${cluster.port}`,
      target: LIST_TABLES,
      body: '{}',
    });
    const reply = await listTablesOn(2, headers);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toHaveProperty('TableNames');
  });

  it('rejects a Host header changed after signing (UnrecognizedClientException)', async () => {
    const headers = await signedHeaders({
      host: `${hostOf(cluster, 0)}:${cluster.port}`,
      target: LIST_TABLES,
      body: '{}',
    });
    const reply = await listTablesOn(1, {
      ...headers,
      host: `${hostOf(cluster, 1)}:${cluster.port}`,
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).type).toBe('UnrecognizedClientException');
  });

  it('rejects a body changed after signing', async () => {
    const headers = await signedHeaders({ host: 'any', target: LIST_TABLES, body: '{}' });
    const reply = await rawRequest({
      host: hostOf(cluster, 0),
      port: cluster.port,
      method: 'POST',
      headers: { ...headers, 'content-length': '13' },
      body: '{"Limit": 10}',
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).type).toBe('UnrecognizedClientException');
  });

  it('answers MissingAuthenticationTokenException when Authorization is missing', async () => {
    const reply = await listTablesOn(0, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': LIST_TABLES,
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).type).toBe('MissingAuthenticationTokenException');
  });

  it('answers UnrecognizedClientException for a wrong secret or an unknown key', async () => {
    for (const credentials of [
      { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' },
      { accessKeyId: 'nobody', secretAccessKey: CREDENTIALS.secretAccessKey },
    ]) {
      const client = sdkClient(cluster.endpoint(1), credentials);
      try {
        const error = await rejectionOf(client.send(new ListTablesCommand({})));
        expect(error.name).toBe('UnrecognizedClientException');
      } finally {
        client.destroy();
      }
    }
  });

  it('answers InvalidSignatureException for a date outside ±15 minutes', async () => {
    for (const offsetMs of [-20 * 60_000, 20 * 60_000]) {
      const headers = await signedHeaders({
        host: 'any',
        target: LIST_TABLES,
        body: '{}',
        signingDate: new Date(Date.now() + offsetMs),
      });
      const reply = await listTablesOn(0, headers);
      expect(reply.status).toBe(400);
      expect(errorOf(reply).type).toBe('InvalidSignatureException');
    }
  });

  it('answers InvalidSignatureException when x-amz-date is not signed', async () => {
    const headers = await signedHeaders({ host: 'any', target: LIST_TABLES, body: '{}' });
    const authorization = headers.authorization.replace(';x-amz-date', '');
    const reply = await listTablesOn(0, { ...headers, authorization });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).type).toBe('InvalidSignatureException');
  });

  it('answers ValidationException for a malformed credential', async () => {
    const headers = await signedHeaders({ host: 'any', target: LIST_TABLES, body: '{}' });
    const authorization = headers.authorization.replace(
      /Credential=[^,]+/,
      'Credential=alternator/20250101',
    );
    const reply = await listTablesOn(0, { ...headers, authorization });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toEqual({
      type: 'ValidationException',
      message: 'Incorrect credential information format: alternator/20250101',
    });
  });

  it('counts requests that fail authentication', async () => {
    cluster.resetCounts();
    await listTablesOn(2, { 'x-amz-target': LIST_TABLES });
    expect(cluster.requestCounts()).toEqual([0, 0, 1]);
    expect(cluster.requestLog(2).map((entry) => entry.operation)).toEqual(['ListTables']);
  });

  it('needs no authentication for /localnodes and the health check', async () => {
    const port = cluster.port;
    const nodes = await rawRequest({ host: '127.0.0.2', port, path: '/localnodes' });
    expect(nodes.status).toBe(200);
    expect(JSON.parse(nodes.body)).toEqual(cluster.seedHosts);
    expect((await rawRequest({ host: '127.0.0.2', port, path: '/' })).status).toBe(200);
  });
});

describe('LocalAlternatorCluster without auth', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 1 });
  });
  afterAll(() => cluster.stop());

  it('accepts unsigned requests and requests signed with any credentials', async () => {
    const unsigned = await rawRequest({
      host: '127.0.0.1',
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': LIST_TABLES },
      body: '{}',
    });
    expect(unsigned.status).toBe(200);
    expect(JSON.parse(unsigned.body)).toEqual({ TableNames: [] });
    const client = sdkClient(cluster.endpoint(0), { accessKeyId: 'x', secretAccessKey: 'y' });
    try {
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({
        TableNames: [],
      });
    } finally {
      client.destroy();
    }
  });
});
