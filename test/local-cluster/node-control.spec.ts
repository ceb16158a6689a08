import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { restoreStoppedNodes } from '../support/local-cluster-client.js';
import {
  hostOf,
  localNodes,
  rawRequest,
  rejectionOf,
  sdkClient,
  TestClients,
} from './local-cluster.helpers.js';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await delay(5);
  }
}

describe('LocalAlternatorCluster node control', () => {
  let cluster: LocalAlternatorCluster;
  const clients = new TestClients();

  function client(index: number): DynamoDBClient {
    return clients.on(cluster.endpoint(index));
  }

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start();
    await client(0).send(
      new CreateTableCommand({
        TableName: 'control',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  afterEach(async () => {
    clients.destroyAll();
    await restoreStoppedNodes(cluster);
  });
  afterAll(() => cluster.stop());

  it('starts three nodes in dc1/rack1 on one shared port by default', () => {
    expect(cluster.port).toBeGreaterThan(0);
    expect(cluster.nodes()).toEqual(
      [0, 1, 2].map((index) => ({
        index,
        address: `127.0.0.${index + 1}`,
        datacenter: 'dc1',
        rack: 'rack1',
        state: 'running',
        requestCount: expect.any(Number),
      })),
    );
  });

  it('kill refuses new connections and resets open ones', async () => {
    cluster.resetCounts();
    cluster.pause(1);
    const held = rawRequest({
      host: hostOf(cluster, 1),
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    await until(() => cluster.requestCounts()[1] === 1);
    await cluster.kill(1);
    expect(cluster.nodes()[1].state).toBe('killed');
    await expect(held).rejects.toMatchObject({ code: 'ECONNRESET' });
    const refused = rawRequest({ host: hostOf(cluster, 1), port: cluster.port, path: '/' });
    await expect(refused).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const error = await rejectionOf(client(1).send(new ListTablesCommand({})));
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('breaks the SDK’s idle keep-alive connection on kill', async () => {
    const sdk = client(2);
    await sdk.send(new ListTablesCommand({}));
    await cluster.kill(2);
    const error = await rejectionOf(sdk.send(new ListTablesCommand({})));
    expect(error.message).toMatch(/ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/);
  });

  it('restart listens again on the same address and port', async () => {
    await cluster.kill(0);
    await cluster.restart(0);
    expect(cluster.nodes()[0].state).toBe('running');
    const health = await rawRequest({ host: '127.0.0.1', port: cluster.port, path: '/' });
    expect(health.body).toBe(`healthy: 127.0.0.1:${cluster.port}`);
    await expect(client(0).send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
    await cluster.restart(0); // a running node restarts too
    expect(cluster.nodes()[0].state).toBe('running');
  });

  it('pause holds requests unanswered until resume serves them late', async () => {
    cluster.resetCounts();
    cluster.pause(0);
    expect(cluster.nodes()[0].state).toBe('paused');
    let settled = false;
    const put = client(0)
      .send(new PutItemCommand({ TableName: 'control', Item: { id: { S: 'late' } } }))
      .finally(() => (settled = true));
    // Counted on arrival, although not answered.
    await until(() => cluster.requestCounts()[0] === 1);
    await delay(100);
    expect(settled).toBe(false);
    const before = await client(1).send(
      new GetItemCommand({ TableName: 'control', Key: { id: { S: 'late' } } }),
    );
    expect(before.Item).toBeUndefined();
    cluster.resume(0);
    await put;
    const after = await client(1).send(
      new GetItemCommand({ TableName: 'control', Key: { id: { S: 'late' } } }),
    );
    expect(after.Item).toEqual({ id: { S: 'late' } });
    expect(cluster.nodes()[0].state).toBe('running');
  });

  it('drops the held requests of a paused node that is killed', async () => {
    cluster.pause(2);
    const held = rawRequest({
      host: hostOf(cluster, 2),
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: JSON.stringify({ TableName: 'control', Item: { id: { S: 'dropped' } } }),
    });
    await until(() => cluster.requestLog(2).length > 0);
    await cluster.kill(2);
    await expect(held).rejects.toMatchObject({ code: 'ECONNRESET' });
    await cluster.restart(2);
    const got = await client(2).send(
      new GetItemCommand({ TableName: 'control', Key: { id: { S: 'dropped' } } }),
    );
    expect(got.Item).toBeUndefined();
  });

  it('addNode starts the next loopback address, visible to /localnodes', async () => {
    const index = await cluster.addNode();
    expect(index).toBe(3);
    expect(cluster.nodes()[3]).toMatchObject({ address: '127.0.0.4', state: 'running' });
    expect(await localNodes(cluster, 0)).toEqual([
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
    ]);
    const listed = await client(3).send(new ListTablesCommand({}));
    expect(listed.TableNames).toContain('control');
    await cluster.removeNode(index);
  });

  it('counts API requests per node and logs their operations', async () => {
    cluster.resetCounts();
    expect(cluster.requestCounts()).toEqual([0, 0, 0, 0]);
    const started = Date.now();
    await client(0).send(new ListTablesCommand({}));
    await client(0).send(new PutItemCommand({ TableName: 'control', Item: { id: { S: 'n' } } }));
    await client(2).send(new GetItemCommand({ TableName: 'control', Key: { id: { S: 'n' } } }));
    await localNodes(cluster, 1); // not an API request
    await rawRequest({ host: '127.0.0.2', port: cluster.port, path: '/' });
    expect(cluster.requestCounts()).toEqual([2, 0, 1, 0]);
    expect(cluster.nodes().map((node) => node.requestCount)).toEqual([2, 0, 1]);
    const log = cluster.requestLog(0);
    expect(log.map((entry) => entry.operation)).toEqual(['ListTables', 'PutItem']);
    expect(log[0].at).toBeGreaterThanOrEqual(started);
    expect(log[1].at).toBeGreaterThanOrEqual(log[0].at);
    cluster.resetCounts();
    expect(cluster.requestLog(0)).toEqual([]);
  });
});

describe('LocalAlternatorCluster options', () => {
  it('uses the given port and first address', async () => {
    const probe = await LocalAlternatorCluster.start({ nodes: 1 });
    const port = probe.port;
    await probe.stop();
    const cluster = await LocalAlternatorCluster.start({
      nodes: 2,
      port,
      firstAddress: '127.0.1.10',
    });
    try {
      expect(cluster.port).toBe(port);
      expect(cluster.seedHosts).toEqual(['127.0.1.10', '127.0.1.11']);
      expect(await localNodes(cluster, 1)).toEqual(['127.0.1.10', '127.0.1.11']);
      // A second cluster cannot take the same port on the same addresses.
      await expect(
        LocalAlternatorCluster.start({ nodes: 1, port, firstAddress: '127.0.1.11' }),
      ).rejects.toThrow(/port \d+ is already in use/);
    } finally {
      await cluster.stop();
    }
  });

  it('rejects invalid options with a message naming the option', async () => {
    await expect(LocalAlternatorCluster.start({ nodes: 0 })).rejects.toThrow(/'nodes'/);
    await expect(LocalAlternatorCluster.start({ firstAddress: '10.0.0.1' })).rejects.toThrow(
      /'firstAddress'/,
    );
    await expect(LocalAlternatorCluster.start({ port: 70000 })).rejects.toThrow(/'port'/);
    await expect(
      LocalAlternatorCluster.start({ capacity: { maxConcurrent: 0, serviceTimeMs: 1 } }),
    ).rejects.toThrow(/'capacity.maxConcurrent'/);
  });

  it('serves every request under a capacity model, one at a time per slot', async () => {
    const serviceTimeMs = 40;
    const cluster = await LocalAlternatorCluster.start({
      nodes: 1,
      capacity: { maxConcurrent: 1, serviceTimeMs },
    });
    const sdk = sdkClient(cluster.endpoint(0));
    try {
      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: 4 }, () => sdk.send(new ListTablesCommand({}))),
      );
      // A lower bound only: one slot serves the four requests one after the other.
      expect(performance.now() - started).toBeGreaterThanOrEqual(4 * serviceTimeMs - 5);
      expect(replies.every((reply) => Array.isArray(reply.TableNames))).toBe(true);
    } finally {
      sdk.destroy();
      await cluster.stop();
    }
  });

  it('stop() closes every server, socket and timer it opened', async () => {
    await delay(20); // handles closed by earlier tests finish closing on a later loop turn
    const before = countResources();
    const cluster = await LocalAlternatorCluster.start({
      nodes: 2,
      capacity: { maxConcurrent: 1, serviceTimeMs: 10_000 },
    });
    // One request served, one held by a paused node, one waiting on the capacity model.
    const reply = await rawRequest({ host: '127.0.0.1', port: cluster.port, path: '/localnodes' });
    expect(reply.status).toBe(200);
    cluster.pause(1);
    const held = rawRequest({ host: '127.0.0.2', port: cluster.port, path: '/' });
    const slow = rawRequest({
      host: '127.0.0.1',
      port: cluster.port,
      method: 'POST',
      headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    await until(() => cluster.requestCounts()[0] === 1);
    expect(countResources()).not.toEqual(before);
    await cluster.stop();
    await cluster.stop(); // safe to call twice
    await expect(held).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
    // Other timers of this process (Jest's own, earlier work's) come and go meanwhile; what
    // stop() left open (a server, a socket, a 10 s service timer) stays, and shows as a surplus.
    for (let waitedMs = 0; waitedMs < 1000 && Object.keys(surplusOver(before)).length > 0;) {
      await delay(20);
      waitedMs += 20;
    }
    expect(surplusOver(before)).toEqual({});
    await expect(cluster.addNode()).rejects.toThrow(/stopped/);
  });
});

/** Handles that keep a process alive, by type (sockets, servers, timers). */
function countResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout|Immediate/.test(type)) {
      counts[type] = (counts[type] ?? 0) + 1;
    }
  }
  return counts;
}

function surplusOver(baseline: Record<string, number>): Record<string, number> {
  const surplus = Object.entries(countResources())
    .map(([type, count]) => [type, count - (baseline[type] ?? 0)] as const)
    .filter(([, extra]) => extra > 0);
  return Object.fromEntries(surplus);
}
