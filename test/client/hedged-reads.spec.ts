import { afterEach, describe, expect, it } from '@jest/globals';
import {
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import type { LocalAlternatorCluster, LocalNodeCapacity } from '../../lib/testing/index.js';
import { runConcurrently, waitFor } from '../support/alternator-test-kit.js';
import {
  startClusterWithItemsTable,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

describe('hedged reads (3 nodes, SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;

  afterEach(() => stopClientAndCluster(client, cluster));

  /** Three nodes with ten items `k0`..`k9`, and the counts zeroed after writing them. */
  async function start(
    clientConfig: Partial<AlternatorConfig>,
    capacity?: LocalNodeCapacity,
  ): Promise<void> {
    ({ cluster, client } = await startClusterWithItemsTable({
      nodes: 3,
      capacity,
      client: clientConfig,
    }));
    await runConcurrently(10, 4, async (i) => {
      await client.send(
        new PutItemCommand({ TableName: 'items', Item: { id: { S: `k${i}` }, n: { N: `${i}` } } }),
      );
    });
    cluster.resetCounts();
  }

  function expectUnsupported(error: unknown): void {
    expect((error as Error).name).toBe('UnknownOperationException');
  }

  /** API requests of `operation` the nodes received since the last reset, summed. */
  function received(operation: string): number {
    return cluster.seedHosts
      .map((_, index) => cluster.requestLog(index).filter((e) => e.operation === operation).length)
      .reduce((sum, count) => sum + count, 0);
  }

  it('answers a read from another node when the first one is slow, and aborts the slow request', async () => {
    // One attempt only, which times out long before the slow node answers: a read answered at
    // all was answered by another node. Latency-aware choice is off so that the slow node keeps
    // being chosen first, which is what hedging is for; the budget is no limit here (a read
    // left without a hedge would wait for its timeout), it has a test of its own.
    await start({
      hedging: { afterMs: 50, maxExtraPercent: 100 },
      maxAttempts: 1,
      requestTimeoutMs: 3_000,
      latencyAwareRouting: false,
    });
    cluster.setFault(1, { mode: 'answerLate', delayMs: 20_000 });

    const items: Array<string | undefined> = [];
    for (let i = 0; i < 20; i++) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: 'items', Key: { id: { S: `k${i % 10}` } } }),
      );
      items.push(Item?.n?.N);
    }

    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => `${i % 10}`));
    const slowGets = cluster.requestLog(1).filter((e) => e.operation === 'GetItem').length;
    expect(slowGets).toBeGreaterThan(0);
    // The losing copy is aborted, not left waiting for its answer (or its timeout).
    const slowNode = () =>
      client.cluster.nodes().find((node) => node.address === cluster.seedHosts[1])!;
    await waitFor(() => slowNode().inFlight === 0, 'the slow copy to be aborted', 2_000);
  });

  it('never sends a write or a transaction twice, while reads on the same nodes are hedged', async () => {
    await start({ hedging: { afterMs: 5, maxExtraPercent: 100 } });
    cluster.setCapacity(2, { maxConcurrent: 1, serviceTimeMs: 200 });
    const writes = 30;

    const errors = await runConcurrently(writes, 4, async (i) => {
      const Key = { id: { S: `w${i}` } };
      await client.send(new PutItemCommand({ TableName: 'items', Item: Key }));
      await client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key,
          UpdateExpression: 'ADD c :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
      // The local cluster's store has no transactions: they are answered with an error, once.
      await client
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [{ Put: { TableName: 'items', Item: { id: { S: `t${i}` } } } }],
          }),
        )
        .catch(expectUnsupported);
      await client.send(
        new BatchWriteItemCommand({
          RequestItems: { items: [{ PutRequest: { Item: { id: { S: `b${i}` } } } }] },
        }),
      );
      await client
        .send(
          new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'items', Key } }] }),
        )
        .catch(expectUnsupported);
      await client.send(new GetItemCommand({ TableName: 'items', Key }));
      await client.send(
        new QueryCommand({
          TableName: 'items',
          KeyConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': Key.id },
        }),
      );
    });

    expect(errors).toEqual([]);
    for (const write of [
      'PutItem',
      'UpdateItem',
      'TransactWriteItems',
      'BatchWriteItem',
      'TransactGetItems',
    ]) {
      expect({ write, received: received(write) }).toEqual({ write, received: writes });
    }
    expect(received('GetItem') + received('Query')).toBeGreaterThan(2 * writes);
  });

  it('keeps extra requests within maxExtraPercent of reads (plus a small burst)', async () => {
    // Every node takes 20 ms and hedging starts after 1 ms: every read would be hedged.
    await start(
      { hedging: { afterMs: 1, maxExtraPercent: 10 } },
      { maxConcurrent: 64, serviceTimeMs: 20 },
    );
    const reads = 300;

    const errors = await runConcurrently(reads, 4, async (i) => {
      await client.send(
        new GetItemCommand({ TableName: 'items', Key: { id: { S: `k${i % 10}` } } }),
      );
    });

    expect(errors).toEqual([]);
    const extra = received('GetItem') - reads;
    process.stdout.write(`${reads} reads, ${extra} hedges\n`);
    expect(extra).toBeGreaterThan(reads * 0.05);
    expect(extra).toBeLessThanOrEqual(reads * 0.1 + 10);
  });
});
