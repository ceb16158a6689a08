import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import {
  CreateTableCommand,
  GetItemCommand,
  ListTablesCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { LocalAlternatorCluster, type LocalNodeFault } from '../../lib/testing/index.js';
import { createTestCertificates, type TestCertificates } from '../support/test-certificates.js';
import {
  hostOf,
  localNodes,
  rawRequest,
  rejectionOf,
  TestClients,
} from './local-cluster.helpers.js';

const TABLE = 'faults';

/** What a client saw of one API exchange, including a connection that broke half-way. */
interface Exchange {
  status?: number;
  headers?: IncomingHttpHeaders;
  /** Body bytes received (after any Content-Length checks, before any decoding). */
  body: Buffer;
  /** Set when the exchange ended in an error instead of a complete response. */
  error?: string;
}

/** One POST / on a fresh connection, over HTTP or (with `ca`) HTTPS; never rejects. */
function exchange(
  cluster: LocalAlternatorCluster,
  index: number,
  target: string,
  body: object,
  ca?: string,
): Promise<Exchange> {
  const request = ca === undefined ? httpRequest : httpsRequest;
  return new Promise((resolve) => {
    const seen: Exchange = { body: Buffer.alloc(0) };
    const chunks: Buffer[] = [];
    const finish = (error?: Error): void => {
      seen.body = Buffer.concat(chunks);
      if (error !== undefined) {
        seen.error = (error as NodeJS.ErrnoException).code ?? error.message;
      }
      resolve(seen);
    };
    request(
      {
        host: hostOf(cluster, index),
        port: cluster.port,
        method: 'POST',
        path: '/',
        agent: false,
        ca,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
        },
      },
      (response) => {
        seen.status = response.statusCode;
        seen.headers = response.headers;
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', finish);
        response.on('end', () => finish());
      },
    )
      .on('error', finish)
      .end(JSON.stringify(body));
  });
}

/** Every chunk a raw connection receives for one POST /, until the server closes it. */
function rawChunks(socket: Socket, host: string): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(chunks));
    const body = '{}';
    socket.write(
      `POST / HTTP/1.1\r\nHost: ${host}\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n` +
        `Content-Type: application/x-amz-json-1.0\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
  });
}

function counterKey(id: string) {
  return { TableName: TABLE, Key: { id: { S: id } } };
}

describe('LocalAlternatorCluster fault modes', () => {
  let cluster: LocalAlternatorCluster;
  const clients = new TestClients();

  function client(index: number): DynamoDBClient {
    return clients.on(cluster.endpoint(index));
  }

  async function counterValue(id: string): Promise<string | undefined> {
    const { Item } = await client(0).send(new GetItemCommand(counterKey(id)));
    return Item?.hits?.N;
  }

  function addOne(id: string) {
    return new UpdateItemCommand({
      ...counterKey(id),
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    });
  }

  /** The raw UpdateItem ADD body, for exchanges that bypass the SDK. */
  function addOneBody(id: string): object {
    return {
      ...counterKey(id),
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    };
  }

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 2 });
    await client(0).send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterEach(() => {
    clients.destroyAll();
    cluster.setFault(1, undefined);
    cluster.resetCounts();
  });
  afterAll(() => cluster.stop());

  it('applyThenReset applies a write once, then resets before any response byte', async () => {
    cluster.setFault(1, { mode: 'applyThenReset' });
    const error = await rejectionOf(client(1).send(addOne('reset')));
    expect(error.message).toMatch(/ECONNRESET|socket hang up/);
    expect(await counterValue('reset')).toBe('1');
    const raw = await exchange(cluster, 1, 'UpdateItem', addOneBody('reset'));
    expect(raw.status).toBeUndefined();
    expect(raw.error).toMatch(/ECONNRESET|socket hang up/);
    expect(await counterValue('reset')).toBe('2');
    // Faulted requests are counted and logged like any other.
    expect(cluster.requestCounts()[1]).toBe(2);
    expect(cluster.requestLog(1).map((entry) => entry.operation)).toEqual([
      'UpdateItem',
      'UpdateItem',
    ]);
    expect(cluster.nodes()[1].fault).toEqual({ mode: 'applyThenReset' });
  });

  it('keeps discovery and the health check healthy on a faulted node', async () => {
    cluster.setFault(1, { mode: 'garbageBody' });
    expect(await localNodes(cluster, 1)).toEqual(cluster.seedHosts);
    const health = await rawRequest({ host: hostOf(cluster, 1), port: cluster.port, path: '/' });
    expect(health.body).toBe(`healthy: ${hostOf(cluster, 1)}:${cluster.port}`);
  });

  it('answerLate applies the write and sends the real answer after a healthy node answers', async () => {
    cluster.setFault(1, { mode: 'answerLate', delayMs: 400 });
    const finished: string[] = [];
    const late = exchange(cluster, 1, 'UpdateItem', {
      ...addOneBody('late'),
      ReturnValues: 'UPDATED_NEW',
    }).then((reply) => {
      finished.push('late');
      return reply;
    });
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (cluster.requestCounts()[1] === 1) resolve();
        else setImmediate(check);
      };
      check();
    });
    await client(0).send(new ListTablesCommand({}));
    finished.push('healthy');
    const reply = await late;
    expect(finished).toEqual(['healthy', 'late']);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({ Attributes: { hits: { N: '1' } } });
  });

  it('garbageBody applies the write and answers 200 with a body that is not JSON', async () => {
    cluster.setFault(1, { mode: 'garbageBody' });
    const reply = await exchange(cluster, 1, 'UpdateItem', addOneBody('garbage'));
    expect(reply.status).toBe(200);
    expect(reply.headers?.['content-type']).toBe('application/x-amz-json-1.0');
    expect(() => JSON.parse(reply.body.toString()) as unknown).toThrow(SyntaxError);
    expect(await counterValue('garbage')).toBe('1');
  });

  it('truncatedBody promises the real length, sends part of it and breaks the connection', async () => {
    cluster.setFault(1, { mode: 'truncatedBody' });
    const reply = await exchange(cluster, 1, 'UpdateItem', {
      ...addOneBody('truncated'),
      ReturnValues: 'ALL_NEW',
    });
    const promised = Number(reply.headers?.['content-length']);
    expect(reply.status).toBe(200);
    expect(reply.error).toMatch(/ECONNRESET|aborted/);
    expect(reply.body.length).toBeGreaterThan(0);
    expect(reply.body.length).toBeLessThan(promised);
    expect('{"Attributes":{"hits":{"N":"1"},"id":{"S":"truncated"}}}'.length).toBe(promised);
    expect(await counterValue('truncated')).toBe('1');
  });

  it('oversizedBody streams a JSON body of exactly the size asked for', async () => {
    const bytes = 5 * 1024 * 1024 + 3;
    cluster.setFault(1, { mode: 'oversizedBody', bytes });
    const reply = await exchange(cluster, 1, 'ListTables', {});
    expect(reply.error).toBeUndefined();
    expect(reply.headers?.['content-length']).toBe(String(bytes));
    expect(reply.body.length).toBe(bytes);
    const parsed = JSON.parse(reply.body.toString()) as { Items: unknown[] };
    expect(parsed.Items).toHaveLength(1);

    cluster.setFault(1, { mode: 'oversizedBody', bytes: 64 });
    const smallest = await exchange(cluster, 1, 'ListTables', {});
    expect(smallest.body.length).toBe(64);
    expect(() => JSON.parse(smallest.body.toString()) as unknown).not.toThrow();
  });

  it('gzipBomb sends a small gzip body that inflates to the size asked for', async () => {
    const inflatedBytes = 32 * 1024 * 1024;
    cluster.setFault(1, { mode: 'gzipBomb', inflatedBytes });
    const reply = await exchange(cluster, 1, 'ListTables', {});
    expect(reply.status).toBe(200);
    expect(reply.headers?.['content-encoding']).toBe('gzip');
    expect(reply.body.length).toBeLessThan(inflatedBytes / 100);
    expect(gunzipSync(reply.body).length).toBe(inflatedBytes);
  });

  it('trickleHeaders writes the response head one byte at a time, then the real answer', async () => {
    cluster.setFault(1, { mode: 'trickleHeaders', byteIntervalMs: 2 });
    const host = hostOf(cluster, 1);
    const chunks = await rawChunks(netConnect(cluster.port, host), host);
    const response = Buffer.concat(chunks).toString();
    const headLength = response.indexOf('\r\n\r\n') + 4;
    expect(chunks[0].toString()).toBe('H');
    // Each head byte is its own write; a busy client may still read a few together.
    expect(chunks.length).toBeGreaterThan(headLength / 4);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(response.slice(headLength))).toHaveProperty('TableNames');
    const viaClient = await exchange(cluster, 1, 'ListTables', {});
    expect(viaClient.status).toBe(200);
    expect(JSON.parse(viaClient.body.toString())).toHaveProperty('TableNames');
  });

  it('clearing the fault makes the node answer normally again', async () => {
    cluster.setFault(1, { mode: 'applyThenReset' });
    await rejectionOf(client(1).send(new ListTablesCommand({})));
    cluster.setFault(1, undefined);
    expect(cluster.nodes()[1].fault).toBeUndefined();
    await expect(client(1).send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
  });

  it('refuses an unknown mode or a bad number, naming the field', () => {
    const bad = (fault: unknown) => () => cluster.setFault(1, fault as LocalNodeFault);
    expect(bad({ mode: 'explode' })).toThrow(/'fault.mode' must be one of applyThenReset/);
    expect(bad({ mode: 'answerLate' })).toThrow(/'fault.delayMs'/);
    expect(bad({ mode: 'answerLate', delayMs: -1 })).toThrow(/'fault.delayMs'/);
    expect(bad({ mode: 'oversizedBody', bytes: 10 })).toThrow(/'fault.bytes'.*>= 64/);
    expect(bad({ mode: 'gzipBomb', inflatedBytes: 1.5 })).toThrow(/'fault.inflatedBytes'/);
    expect(bad({ mode: 'trickleHeaders', byteIntervalMs: Number.NaN })).toThrow(
      /'fault.byteIntervalMs'/,
    );
    expect(bad(null)).toThrow(/'fault'/);
    expect(() => cluster.setFault(7, undefined)).toThrow(/no node 7/);
    expect(cluster.nodes()[1].fault).toBeUndefined();
  });
});

describe('LocalAlternatorCluster fault modes over HTTPS', () => {
  let certs: TestCertificates;
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    certs = createTestCertificates();
    cluster = await LocalAlternatorCluster.start({
      nodes: 1,
      tls: { certPem: certs.server.certPem, keyPem: certs.server.keyPem },
    });
  });
  afterEach(() => cluster.setFault(0, undefined));
  afterAll(async () => {
    await cluster?.stop();
    certs?.remove();
  });

  it('resets the TLS connection before any response byte', async () => {
    cluster.setFault(0, { mode: 'applyThenReset' });
    const reply = await exchange(cluster, 0, 'ListTables', {}, certs.ca.certPem);
    expect(reply.status).toBeUndefined();
    expect(reply.error).toMatch(/ECONNRESET|socket hang up/);
    expect(cluster.requestCounts()).toEqual([1]);
  });

  it('truncates the body inside the TLS stream', async () => {
    cluster.setFault(0, { mode: 'truncatedBody' });
    const reply = await exchange(cluster, 0, 'ListTables', {}, certs.ca.certPem);
    expect(reply.status).toBe(200);
    expect(reply.error).toMatch(/ECONNRESET|aborted/);
    expect(reply.body.length).toBeLessThan(Number(reply.headers?.['content-length']));
  });

  it('trickles the response head inside the TLS stream', async () => {
    cluster.setFault(0, { mode: 'trickleHeaders', byteIntervalMs: 1 });
    const socket = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: certs.ca.certPem });
    const chunks = await rawChunks(socket, '127.0.0.1');
    expect(chunks[0].toString()).toBe('H');
    const response = Buffer.concat(chunks).toString();
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/"TableNames":\[\]/);
  });
});

describe('LocalAlternatorCluster per-node capacity', () => {
  const clusters: LocalAlternatorCluster[] = [];
  const clients = new TestClients();

  async function start(
    options: Parameters<typeof LocalAlternatorCluster.start>[0],
  ): Promise<LocalAlternatorCluster> {
    const cluster = await LocalAlternatorCluster.start(options);
    clusters.push(cluster);
    return cluster;
  }

  function client(cluster: LocalAlternatorCluster, index: number): DynamoDBClient {
    return clients.on(cluster.endpoint(index));
  }

  /**
   * Two concurrent requests to `slowIndex`; once the first is answered, one to `fastIndex`.
   * With one slot the second slow request is still being served, so the fast one overtakes it.
   */
  async function finishOrder(
    cluster: LocalAlternatorCluster,
    slowIndex: number,
    fastIndex: number,
  ): Promise<string[]> {
    const order: string[] = [];
    const slow = client(cluster, slowIndex);
    const fast = client(cluster, fastIndex);
    const first = slow.send(new ListTablesCommand({})).then(() => order.push('slow'));
    const second = slow.send(new ListTablesCommand({})).then(() => order.push('slow'));
    await Promise.race([first, second]);
    await fast.send(new ListTablesCommand({}));
    order.push('fast');
    await Promise.all([first, second]);
    return order;
  }

  afterEach(async () => {
    clients.destroyAll();
    await Promise.all(clusters.splice(0).map((cluster) => cluster.stop()));
  });

  it('a node spec capacity makes that node alone serve one request at a time', async () => {
    const cluster = await start({
      nodes: [{}, { capacity: { maxConcurrent: 1, serviceTimeMs: 300 } }],
    });
    expect(cluster.nodes().map((node) => node.capacity)).toEqual([
      undefined,
      { maxConcurrent: 1, serviceTimeMs: 300 },
    ]);
    expect(await finishOrder(cluster, 1, 0)).toEqual(['slow', 'fast', 'slow']);
    // The fast node has no model: its two concurrent requests finish together.
    expect(await finishOrder(cluster, 0, 1)).toEqual(['slow', 'slow', 'fast']);
  });

  it('setCapacity slows a node at run time and undefined restores the cluster-wide model', async () => {
    const cluster = await start({
      nodes: 2,
      capacity: { maxConcurrent: 2, serviceTimeMs: 0 },
    });
    expect(await finishOrder(cluster, 1, 0)).toEqual(['slow', 'slow', 'fast']);
    cluster.setCapacity(1, { maxConcurrent: 1, serviceTimeMs: 300 });
    expect(await finishOrder(cluster, 1, 0)).toEqual(['slow', 'fast', 'slow']);
    cluster.setCapacity(1, undefined);
    expect(cluster.nodes()[1].capacity).toEqual({ maxConcurrent: 2, serviceTimeMs: 0 });
    expect(await finishOrder(cluster, 1, 0)).toEqual(['slow', 'slow', 'fast']);
  });

  it('a node that recovers serves the requests it held at once', async () => {
    const cluster = await start({ nodes: 2 });
    cluster.setCapacity(1, { maxConcurrent: 1, serviceTimeMs: 600_000 });
    const slow = client(cluster, 1);
    const held = Promise.all([
      slow.send(new ListTablesCommand({})),
      slow.send(new ListTablesCommand({})),
    ]);
    while (cluster.requestCounts()[1] < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    cluster.setCapacity(1, undefined);
    // Ten minutes of service time would outlast the test: only the recovery can answer these.
    const replies = await held;
    expect(replies.every((reply) => Array.isArray(reply.TableNames))).toBe(true);
  });

  it('refuses a bad capacity, naming the field', async () => {
    await expect(
      LocalAlternatorCluster.start({
        nodes: [{ capacity: { maxConcurrent: 1, serviceTimeMs: -1 } }],
      }),
    ).rejects.toThrow(/'nodes\[0\].capacity.serviceTimeMs'/);
    const cluster = await start({ nodes: 1 });
    expect(() => cluster.setCapacity(0, { maxConcurrent: 0, serviceTimeMs: 1 })).toThrow(
      /'capacity.maxConcurrent'/,
    );
  });
});

describe('LocalAlternatorCluster option keys', () => {
  /**
   * Why start refused these options (as a caller without type checks, or with a cast, may pass
   * them); a cluster that starts anyway is stopped at once, so a broken check fails cleanly.
   */
  async function refusal(options: object): Promise<string> {
    try {
      const cluster = await LocalAlternatorCluster.start(options);
      await cluster.stop();
    } catch (error: unknown) {
      return (error as Error).message;
    }
    return 'started';
  }

  it('refuses an unknown key at every level, naming it, where it was and the known keys', async () => {
    expect(await refusal({ node: 2 })).toContain(
      'Unknown option node; known keys: nodes, port, auth, firstAddress, capacity, tls, ' +
        'serverVersion, vectorIndexActivationDelayMs',
    );
    expect(await refusal({ nodes: [{}, { dc: 'dc2' }] })).toContain(
      'Unknown option nodes[1].dc; known keys: datacenter, rack, capacity',
    );
    expect(
      await refusal({ nodes: [{ capacity: { maxConcurrent: 1, serviceTimeMs: 1, queue: 2 } }] }),
    ).toContain('Unknown option nodes[0].capacity.queue; known keys: maxConcurrent, serviceTimeMs');
    expect(
      await refusal({ capacity: { maxConcurrent: 1, serviceTime: 1, serviceTimeMs: 1 } }),
    ).toContain('Unknown option capacity.serviceTime; known keys:');
    expect(
      await refusal({ auth: { accessKeyId: 'a', secretAccessKey: 'b', region: 'x' } }),
    ).toContain(
      'Unknown option auth.region; known keys: accessKeyId, secretAccessKey, sessionToken',
    );
    expect(await refusal({ tls: { certPem: 'x', keyPem: 'y', ca: 'z' } })).toContain(
      'Unknown option tls.ca; known keys: certPem, keyPem, caPem, requestClientCertificate',
    );
    expect(await refusal({ nodes: [null] })).toMatch(/'nodes\[0\]' must be an object/);
    // The credentials object an SDK client used (it adds '$source') is accepted as it is.
    const used = { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 't', $source: {} };
    expect(await refusal({ nodes: 1, auth: used })).toBe('started');
  });

  it('refuses unknown keys in run-time changes too', async () => {
    const cluster = await LocalAlternatorCluster.start({ nodes: 1 });
    try {
      const fault = { mode: 'answerLate', delayMs: 1, delay: 5 } as LocalNodeFault;
      expect(() => cluster.setFault(0, fault)).toThrow(
        'Unknown option fault.delay; known keys: mode, delayMs',
      );
      expect(() =>
        cluster.setFault(0, { mode: 'garbageBody', bytes: 3 } as LocalNodeFault),
      ).toThrow('Unknown option fault.bytes; known keys: mode');
      const capacity = { maxConcurrent: 1, serviceTimeMs: 1, extra: true };
      expect(() => cluster.setCapacity(0, capacity)).toThrow('Unknown option capacity.extra');
      expect(() => cluster.moveNode(0, { zone: 'a' } as object)).toThrow(
        'Unknown option moveNode(0).zone; known keys: datacenter, rack, capacity',
      );
      await expect(cluster.addNode({ racks: 'r' } as object)).rejects.toThrow(
        'Unknown option node.racks',
      );
      expect(cluster.nodes()).toHaveLength(1);
    } finally {
      await cluster.stop();
    }
  });
});
