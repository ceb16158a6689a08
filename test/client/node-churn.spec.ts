import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { NodeState } from '../../lib/core/node-health.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  overrideLocalNodesOnEveryNode,
  startClusterWithItemsTable,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

const ROUNDS = 1000;
const NEW_ADDRESSES_PER_ROUND = 10;

/** The heap in use after a full collection, so garbage awaiting collection does not count. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('node history under churn', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;

  afterEach(() => stopClientAndCluster(client, cluster));

  /**
   * A quiet client of a fresh 3-node cluster, with an items table; background work stays off, so
   * only explicit refreshes discover and addresses that are merely listed are never contacted.
   */
  async function start(overrides: Partial<AlternatorConfig> = {}): Promise<string[]> {
    ({ cluster, client } = await startClusterWithItemsTable({
      nodes: 3,
      startBackgroundTasks: false,
      client: {
        logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
        ...overrides,
      },
    }));
    return cluster.nodes().map((node) => node.address);
  }

  it('keeps memory flat while 10,000 distinct addresses come and go', async () => {
    const real = await start();

    const churn = async (fromRound: number, rounds: number) => {
      for (let round = fromRound; round < fromRound + rounds; round++) {
        const passing = Array.from({ length: NEW_ADDRESSES_PER_ROUND }, (_, i) => {
          const n = round * NEW_ADDRESSES_PER_ROUND + i;
          return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        });
        const body = JSON.stringify([...real, ...passing]);
        overrideLocalNodesOnEveryNode(cluster, body);
        await client.cluster.refresh();
      }
    };

    await churn(0, ROUNDS / 10);
    const heapBefore = heapAfterGc();
    await churn(ROUNDS / 10, ROUNDS - ROUNDS / 10);
    const heapGrowth = heapAfterGc() - heapBefore;

    expect(client.cluster.health().lastRefreshError).toBeUndefined();
    expect(client.cluster.nodes()).toHaveLength(real.length + NEW_ADDRESSES_PER_ROUND);
    // Measured: about 0.2 MB with the bound, 4.2 MB when all 9,000 records are kept.
    expect(heapGrowth).toBeLessThan(2 * 1024 * 1024);

    // The real nodes kept their place through it all.
    overrideLocalNodesOnEveryNode(cluster, undefined);
    await client.cluster.refresh();
    await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'after' } } }));
    expect(client.cluster.nodes().map((node) => node.address)).toEqual(real);
  });

  it('keeps the history of a node that leaves and comes back', async () => {
    const addresses = await start({ nodeHealth: { activeFailureThreshold: 1 } });
    await cluster.kill(2);
    const stateOfThird = () =>
      client.cluster.nodes().find((node) => node.address === addresses[2])?.state;
    for (let i = 0; stateOfThird() !== NodeState.DOWN && i < 100; i++) {
      await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: `k${i}` } } }));
    }
    expect(stateOfThird()).toBe(NodeState.DOWN);

    const listOnly = (listed: string[]) => {
      for (const node of cluster.nodes()) {
        cluster.setLocalNodesOverride(node.index, JSON.stringify(listed));
      }
    };
    listOnly(addresses.slice(0, 2));
    await client.cluster.refresh();
    expect(stateOfThird()).toBeUndefined();
    listOnly(addresses);
    await client.cluster.refresh();
    // A returning node that had been DOWN does not come back as a fresh, quarantined one.
    expect(stateOfThird()).toBe(NodeState.DOWN);
  });
});
