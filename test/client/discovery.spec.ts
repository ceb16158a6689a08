import { createHook } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { NoNodesAvailableError } from '../../lib/core/errors.js';
import { DatacenterScope, RackScope } from '../../lib/core/config/routing-scope.js';
import type { LocalAlternatorCluster, LocalNodeSpec } from '../../lib/testing/index.js';
import {
  captureLogger,
  runConcurrently,
  waitFor,
  type CapturedLogger,
} from '../support/alternator-test-kit.js';
import {
  overrideLocalNodesOnEveryNode,
  startClusterWithItemsTable,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

const TWO_DCS_TWO_RACKS: LocalNodeSpec[] = [
  { datacenter: 'dc1', rack: 'r1' },
  { datacenter: 'dc1', rack: 'r1' },
  { datacenter: 'dc1', rack: 'r2' },
  { datacenter: 'dc1', rack: 'r2' },
  { datacenter: 'dc2', rack: 'r1' },
  { datacenter: 'dc2', rack: 'r2' },
];

describe('AlternatorClient discovery and topology (SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let logger: CapturedLogger;

  afterEach(() => stopClientAndCluster(client, cluster));

  async function start(nodes: number | LocalNodeSpec[], overrides: Partial<AlternatorConfig> = {}) {
    logger = captureLogger();
    ({ cluster, client } = await startClusterWithItemsTable({
      nodes,
      client: { activeRefreshIntervalMs: 100, idleRefreshIntervalMs: 500, logger, ...overrides },
    }));
    cluster.resetCounts();
  }

  const put = (id: string) =>
    client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: id } } }));
  const traffic = async (count: number, prefix: string) =>
    runConcurrently(count, 4, (i) => put(`${prefix}${i}`).then(() => undefined));
  const nodesWithTraffic = () =>
    cluster
      .nodes()
      .filter((node) => node.requestCount > 0)
      .map((node) => node.index);

  it('keeps a rack scope in its rack, then falls back to the datacenter with no failure', async () => {
    // The only seed is in the rack that dies: discovery must still find the rest of the DC.
    await start(TWO_DCS_TWO_RACKS, { routingScope: new RackScope('dc1', 'r1') });
    expect(await traffic(200, 'a')).toEqual([]);
    expect(nodesWithTraffic()).toEqual([0, 1]);
    expect(client.cluster.health().scope).toBe(String(new RackScope('dc1', 'r1')));

    cluster.resetCounts();
    await Promise.all([cluster.kill(0), cluster.kill(1)]);
    expect(await traffic(300, 'b')).toEqual([]);

    expect(nodesWithTraffic()).toEqual([2, 3]);
    expect(client.cluster.health().scope).toBe(String(new DatacenterScope('dc1')));
    expect(logger.warnings().some((line) => line.includes('scope'))).toBe(true);
  });

  it('reaches only dc2 with a datacenter scope of dc2 and a dc1 seed', async () => {
    await start(TWO_DCS_TWO_RACKS, { routingScope: new DatacenterScope('dc2') });
    expect(await traffic(200, 'd')).toEqual([]);
    expect(nodesWithTraffic()).toEqual([4, 5]);
  });

  it('keeps discovering through live nodes after the seed dies, and finds a new node', async () => {
    await start(3);
    await cluster.kill(0);
    expect(await traffic(100, 's')).toEqual([]);

    const added = await cluster.addNode();
    await waitFor(
      () => client.cluster.nodes().some((node) => node.address === cluster.nodes()[added].address),
      'the added node to be discovered',
    );
    cluster.resetCounts();
    expect(await traffic(300, 'n')).toEqual([]);
    expect(cluster.nodes()[added].requestCount).toBeGreaterThan(0);
  });

  it.each([
    ['a body that is not JSON', '<html>oops</html>'],
    ['an entry that is not an IP', '["not-an-ip"]'],
    ['a host-id UUID', '["7f4c3c52-8b8e-4a8e-9d4e-0f0f0f0f0f0f"]'],
  ])('keeps the last good node list when a node answers /localnodes with %s', async (_, body) => {
    await start(3);
    const before = client.cluster.nodes().map((node) => node.url);
    overrideLocalNodesOnEveryNode(cluster, body);

    await client.cluster.refresh();
    expect(await traffic(200, 'g')).toEqual([]);

    expect(client.cluster.nodes().map((node) => node.url)).toEqual(before);
    expect(nodesWithTraffic()).toEqual([0, 1, 2]);
    expect(logger.warnings().some((line) => line.includes('/localnodes'))).toBe(true);
  });

  it('fails clearly while every node is down, and recovers without a restart', async () => {
    await start(3, {
      connectTimeoutMs: 500,
      requestTimeoutMs: 1000,
      nodeHealth: { backgroundProbePeriodMs: 200 },
    });
    await Promise.all([0, 1, 2].map((i) => cluster.kill(i)));

    const started = Date.now();
    const failure = await put('down').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoNodesAvailableError);
    expect((failure as Error).message).toContain('No Alternator node accepted the connection');
    expect(Date.now() - started).toBeLessThan(15000);

    await Promise.all([0, 1, 2].map((i) => cluster.restart(i)));
    await waitFor(
      () =>
        put('back').then(
          () => true,
          () => false,
        ),
      'a write to succeed again',
    );
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'items', Key: { id: { S: 'back' } } }),
    );
    expect(Item?.id).toEqual({ S: 'back' });
  });

  it('leaves no timer or socket behind after destroy()', async () => {
    // The client's timers and idle sockets are unref'd, so process.getActiveResourcesInfo() does
    // not list them: every timer and client socket created while the client lives is tracked.
    const pendingTimers = new Set<number>();
    const sockets: Socket[] = [];
    let tracking = true;
    const hook = createHook({
      init: (id, type) => {
        if (tracking && type === 'Timeout') pendingTimers.add(id);
      },
      destroy: (id) => pendingTimers.delete(id),
    }).enable();
    const onSocket = (message: unknown) => {
      if (tracking) sockets.push((message as { socket: Socket }).socket);
    };
    diagnostics.subscribe('net.client.socket', onSocket);
    try {
      // Periods and deadlines longer than waitFor's patience: a timer left running outlives it.
      await start(3, {
        activeRefreshIntervalMs: 30000,
        idleRefreshIntervalMs: 60000,
        discoveryTimeoutMs: 30000,
        nodeHealth: { backgroundProbePeriodMs: 30000, probeTimeoutMs: 30000 },
      });
      await traffic(50, 'x');
      tracking = false;
      // The local cluster's own connections to its store are not the client's.
      const toNodes = sockets.filter((socket) => socket.remotePort === cluster.port);
      expect(toNodes.length).toBeGreaterThan(0);
      client.destroy();
      client.destroy();

      // The nodes still run, so only the client can close its connections to them.
      await waitFor(() => toNodes.every((socket) => socket.destroyed), 'every socket to close');
      await cluster.stop();
      await waitFor(() => pendingTimers.size === 0, 'every timer to be cleared');
    } finally {
      diagnostics.unsubscribe('net.client.socket', onSocket);
      hook.disable();
    }
  });
});
