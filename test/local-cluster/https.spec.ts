import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest, type AgentOptions } from 'node:https';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { restoreStoppedNodes } from '../support/local-cluster-client.js';
import {
  createTestCertificates,
  TEST_CLIENT_COMMON_NAME,
  type TestCertificates,
} from '../support/test-certificates.js';
import { CREDENTIALS, rejectionOf } from './local-cluster.helpers.js';

interface Reply {
  status: number;
  body: string;
}

/** One GET over HTTPS through `agent` (a fresh connection unless the agent keeps one). */
function httpsGet(url: string, agent: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('LocalAlternatorCluster over HTTPS', () => {
  let certs: TestCertificates;
  let cluster: LocalAlternatorCluster;
  const agents: Agent[] = [];
  const clients: DynamoDBClient[] = [];

  function agent(options: AgentOptions = {}): Agent {
    const created = new Agent({ ca: certs.ca.certPem, ...options });
    agents.push(created);
    return created;
  }

  /** A plain SDK client on one node, trusting the test CA, with SigV4 credentials. */
  function sdkClient(index: number, agentOptions: AgentOptions = {}): DynamoDBClient {
    const created = new DynamoDBClient({
      endpoint: cluster.endpoint(index),
      region: 'us-east-1',
      credentials: CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpsAgent: agent(agentOptions) }),
    });
    clients.push(created);
    return created;
  }

  beforeAll(async () => {
    certs = createTestCertificates();
    cluster = await LocalAlternatorCluster.start({
      nodes: 3,
      auth: CREDENTIALS,
      tls: {
        certPem: certs.server.certPem,
        keyPem: certs.server.keyPem,
        caPem: certs.ca.certPem,
        requestClientCertificate: true,
      },
    });
    await sdkClient(0).send(
      new CreateTableCommand({
        TableName: 'secure',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    agents.splice(0).forEach((created) => created.destroy());
    await restoreStoppedNodes(cluster);
    cluster.resetCounts();
  });

  afterAll(async () => {
    await cluster?.stop();
    certs?.remove();
  });

  it('gives https endpoints and serves /localnodes and the health check over TLS', async () => {
    expect(cluster.scheme).toBe('https');
    expect(cluster.endpoint(2)).toBe(`https://127.0.0.3:${cluster.port}`);
    const nodes = await httpsGet(`${cluster.endpoint(1)}/localnodes`, agent());
    expect(nodes.status).toBe(200);
    expect(JSON.parse(nodes.body)).toEqual(cluster.seedHosts);
    const health = await httpsGet(`${cluster.endpoint(2)}/`, agent());
    expect(health.body).toBe(`healthy: 127.0.0.3:${cluster.port}`);
  });

  it('serves signed SDK requests on every node from one shared store', async () => {
    await sdkClient(0).send(
      new PutItemCommand({ TableName: 'secure', Item: { id: { S: 'tls' } } }),
    );
    for (const index of [1, 2]) {
      const { Item } = await sdkClient(index).send(
        new GetItemCommand({ TableName: 'secure', Key: { id: { S: 'tls' } } }),
      );
      expect(Item?.id).toEqual({ S: 'tls' });
    }
    expect(cluster.requestCounts()).toEqual([1, 1, 1]);
    expect(cluster.requestLog(1)).toEqual([
      expect.objectContaining({ operation: 'GetItem', authorization: true }),
    ]);
  });

  it('does not speak plain HTTP on the TLS port', async () => {
    const outcome = await new Promise<string>((resolve) => {
      httpRequest({ host: '127.0.0.1', port: cluster.port, path: '/localnodes', agent: false })
        .on('response', (response) => {
          response.resume();
          resolve(`HTTP ${response.statusCode}`);
        })
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
        .end();
    });
    expect(outcome).not.toBe('HTTP 200');
  });

  it('presents a certificate that only its authority vouches for', async () => {
    const error = await rejectionOf(
      httpsGet(`${cluster.endpoint(0)}/localnodes`, agent({ ca: certs.otherCa.certPem })),
    );
    // The node sends its chain up to the CA, so the client sees a self-signed root it lacks.
    expect(error.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('kills and restarts nodes over TLS', async () => {
    await cluster.kill(1);
    const refused = await rejectionOf(httpsGet(`${cluster.endpoint(1)}/`, agent()));
    expect(refused.code).toBe('ECONNREFUSED');
    await cluster.restart(1);
    expect((await httpsGet(`${cluster.endpoint(1)}/`, agent())).status).toBe(200);
  });

  it('records the verified client certificate of each request, if any', async () => {
    await sdkClient(0, { cert: certs.client.certPem, key: certs.client.keyPem }).send(
      new GetItemCommand({ TableName: 'secure', Key: { id: { S: 'x' } } }),
    );
    await sdkClient(0).send(new GetItemCommand({ TableName: 'secure', Key: { id: { S: 'y' } } }));
    const [withCertificate, without] = cluster.requestLog(0);
    expect(withCertificate.clientCertificate).toBe(TEST_CLIENT_COMMON_NAME);
    expect(without.clientCertificate).toBeUndefined();
  });

  it('records whether a connection resumed an earlier TLS session', async () => {
    const resumesSessions = agent({ keepAlive: false });
    const fullHandshakes = agent({ keepAlive: false, maxCachedSessions: 0 });
    for (const each of [resumesSessions, resumesSessions, fullHandshakes, fullHandshakes]) {
      const client = new DynamoDBClient({
        endpoint: cluster.endpoint(2),
        region: 'us-east-1',
        credentials: CREDENTIALS,
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpsAgent: each }),
      });
      clients.push(client);
      await client.send(new GetItemCommand({ TableName: 'secure', Key: { id: { S: 'r' } } }));
    }
    expect(cluster.requestLog(2).map((entry) => entry.tlsSessionReused)).toEqual([
      false,
      true,
      false,
      false,
    ]);
    // These agents sent no client certificate, resumed session or not.
    expect(cluster.requestLog(2).map((entry) => entry.clientCertificate)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('LocalAlternatorCluster TLS options', () => {
  it('needs PEM text for the certificate and key', async () => {
    await expect(
      LocalAlternatorCluster.start({ tls: { certPem: '/etc/ssl/cert.pem', keyPem: '' } }),
    ).rejects.toThrow("'tls' needs certPem and keyPem as PEM text");
  });

  it('needs the client CA to request client certificates', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\n';
    await expect(
      LocalAlternatorCluster.start({
        tls: { certPem: pem, keyPem: pem, requestClientCertificate: true },
      }),
    ).rejects.toThrow("'tls.requestClientCertificate' needs 'tls.caPem'");
  });
});
