import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { NodeState } from '../../lib/core/node-health.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  hostsByRequest,
  putOneAtATime,
  recordAttempts,
  runConcurrently,
} from '../support/alternator-test-kit.js';
import {
  startClusterWithItemsTable,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

describe('AlternatorClient load balancing (3 nodes, SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;

  afterEach(() => stopClientAndCluster(client, cluster));

  async function start(clientConfig: Partial<AlternatorConfig> = {}) {
    ({ cluster, client } = await startClusterWithItemsTable({ nodes: 3, client: clientConfig }));
    cluster.resetCounts();
  }

  it('spreads 3000 requests from one seed over every node', async () => {
    await start();

    const errors = await runConcurrently(3000, 8, async (i) => {
      await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: `k${i}` } } }));
    });

    expect(errors).toEqual([]);
    const counts = cluster.requestCounts();
    const total = counts.reduce((sum, count) => sum + count, 0);
    process.stdout.write(
      `3000 requests from one seed: shares ${counts.map((count) => `${((100 * count) / total).toFixed(1)}%`).join(' / ')}\n`,
    );
    expect(total).toBe(3000);
    for (const count of counts) {
      expect(count / total).toBeGreaterThanOrEqual(0.25);
      expect(count / total).toBeLessThanOrEqual(0.42);
    }
  });

  it('sends a retry to a different node than the attempt that failed', async () => {
    // Without the latency-aware choice, which may shun the node that served the CreateTable long
    // enough that no request meets the paused node at all.
    await start({ connectTimeoutMs: 200, requestTimeoutMs: 300, latencyAwareRouting: false });
    const attempts = recordAttempts(client);
    cluster.pause(1);

    const errors = await runConcurrently(30, 1, async (i) => {
      await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: `r${i}` } } }));
    });
    cluster.resume(1);

    expect(errors).toEqual([]);
    const retried = [...hostsByRequest(attempts).values()].filter((hosts) => hosts.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const hosts of retried) {
      expect(new Set(hosts).size).toBe(hosts.length);
      expect(hosts[0]).toBe(cluster.seedHosts[1]);
    }
  });

  it('loses no acknowledged write when a node is killed during 2000 writes', async () => {
    await start({ activeRefreshIntervalMs: 200, idleRefreshIntervalMs: 1000 });
    const attempts = recordAttempts(client);
    const victim = cluster.seedHosts[2];
    let victimGoneAt: number | undefined;
    const noteGone = () => (victimGoneAt ??= Date.now());
    client.cluster.on('nodeStateChange', ({ url, to }) => {
      if (url.includes(victim) && to === NodeState.DOWN) noteGone();
    });
    client.cluster.on('topologyChange', ({ removed }) => {
      if (removed.some((url) => url.includes(victim))) noteGone();
    });

    const acknowledged: string[] = [];
    const errors = await runConcurrently(2000, 16, async (i) => {
      if (i === 500) void cluster.kill(2);
      await client.send(
        new PutItemCommand({
          TableName: 'items',
          Item: { id: { S: `w${i}` }, n: { N: String(i) } },
        }),
      );
      acknowledged.push(`w${i}`);
    });

    process.stdout.write(
      `node killed during 2000 writes: ${errors.length} failed, ${acknowledged.length} acknowledged\n`,
    );
    expect(errors).toEqual([]);
    expect(acknowledged).toHaveLength(2000);
    const missing: string[] = [];
    await runConcurrently(acknowledged.length, 16, async (i) => {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: 'items',
          Key: { id: { S: acknowledged[i] } },
          ConsistentRead: true,
        }),
      );
      if (!Item) missing.push(acknowledged[i]);
    });
    expect(missing).toEqual([]);
    expect(victimGoneAt).toBeDefined();
    const afterGone = attempts.filter(
      (attempt) => attempt.host === victim && attempt.at > victimGoneAt! + 50,
    );
    expect(afterGone).toEqual([]);
  });

  it('fails no request while a node hangs', async () => {
    await start({ connectTimeoutMs: 200, requestTimeoutMs: 250 });
    cluster.pause(0);

    const errors = await runConcurrently(300, 8, async (i) => {
      await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: `p${i}` } } }));
    });
    cluster.resume(0);

    expect(errors).toEqual([]);
    expect(
      client.cluster.nodes().find((node) => node.address === cluster.seedHosts[0])?.failures,
    ).toBeGreaterThan(0);
  });

  it('moves a refused request on to the next node at once, without an SDK retry or backoff', async () => {
    // The killed node must stay a candidate: no refresh (which would drop it from the list), and
    // no latency-aware choice (the node that served the CreateTable looks slow for a while).
    await start({
      activeRefreshIntervalMs: 60_000,
      idleRefreshIntervalMs: 60_000,
      latencyAwareRouting: false,
    });
    const attempts = recordAttempts(client);
    const dead = cluster.seedHosts[1];
    await cluster.kill(1);
    // Let the client see the killed node close its idle keep-alive sockets: a request written on
    // one of those before the close arrives ends in a reset, which is an ordinary SDK retry (the
    // node might have received it), whereas this test is about refused connections.
    await sleep(100);

    const metadata = await putOneAtATime(client, 40, 'f');

    const refusedFirst = [...hostsByRequest(attempts)]
      .filter(([, hosts]) => hosts[0] === dead)
      .map(([id]) => id);
    expect(refusedFirst.length).toBeGreaterThan(0);
    for (const id of refusedFirst) {
      expect(metadata[id]).toMatchObject({ attempts: 1, totalRetryDelay: 0 });
    }
  });
});
