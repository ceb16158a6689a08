import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  createAlternatorDocumentClient,
  type AlternatorClient,
} from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { KeyRouteAffinityMode } from '../../lib/core/config/key-route-affinity.js';
import { LocalAlternatorCluster, type LocalNodeFault } from '../../lib/testing/index.js';
import {
  createItemsTable,
  hostsByRequest,
  putOneAtATime,
  recordAttempts,
  TEST_CREDENTIALS,
} from '../support/alternator-test-kit.js';
import { connectToLocalCluster, setFaultOnEveryNode } from '../support/local-cluster-client.js';

/**
 * Whatever the nodes do, a request that may have reached a node is sent at most `maxAttempts`
 * times in all: here every node applies each request and then resets the connection, as a node
 * dying mid-answer does, and the test counts how often one `ADD` was applied.
 */
describe('delivery guarantee: a write is applied at most maxAttempts times', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient | undefined;
  let keys = 0;
  let tableCreated = false;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
  });

  afterEach(() => {
    setFaultOnEveryNode(cluster, undefined);
    client?.destroy();
    client = undefined;
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function connect(overrides: Partial<AlternatorConfig>): Promise<AlternatorClient> {
    client = await connectToLocalCluster(cluster, overrides);
    if (!tableCreated) await createItemsTable(client);
    tableCreated = true;
    return client;
  }

  /** Sends one ADD while every node misbehaves; returns how often it was applied. */
  async function applicationsOfOneAdd(
    alternator: AlternatorClient,
    send: (id: string) => Promise<unknown>,
    fault: LocalNodeFault,
  ): Promise<number> {
    const id = `counter-${keys++}`;
    setFaultOnEveryNode(cluster, fault);
    await send(id).catch(() => undefined);
    setFaultOnEveryNode(cluster, undefined);
    const { Item } = await alternator.send(
      new GetItemCommand({ TableName: 'items', Key: { id: { S: id } }, ConsistentRead: true }),
    );
    return Number(Item?.c?.N ?? 0);
  }

  const addOne = (alternator: AlternatorClient, id: string) =>
    alternator.send(
      new UpdateItemCommand({
        TableName: 'items',
        Key: { id: { S: id } },
        UpdateExpression: 'ADD c :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );

  const affinities = [
    ['without key affinity', { mode: KeyRouteAffinityMode.NONE }],
    [
      'with ANY_WRITE affinity',
      { mode: KeyRouteAffinityMode.ANY_WRITE, tablePkMap: { items: 'id' } },
    ],
    ['with RMW affinity', { mode: KeyRouteAffinityMode.RMW, tablePkMap: { items: 'id' } }],
  ] as const;

  describe.each(affinities)('%s', (_, keyAffinity) => {
    it.each([1, 3, 5])('client, maxAttempts %i', async (maxAttempts) => {
      const alternator = await connect({ maxAttempts, keyAffinity });
      const applied = await applicationsOfOneAdd(alternator, (id) => addOne(alternator, id), {
        mode: 'applyThenReset',
      });
      expect(applied).toBeGreaterThanOrEqual(1);
      expect(applied).toBeLessThanOrEqual(maxAttempts);
    });

    it.each([1, 3, 5])('document client, maxAttempts %i', async (maxAttempts) => {
      const alternator = await connect({ maxAttempts, keyAffinity });
      const documents = createAlternatorDocumentClient(alternator);
      const applied = await applicationsOfOneAdd(
        alternator,
        (id) =>
          documents.send(
            new UpdateCommand({
              TableName: 'items',
              Key: { id },
              UpdateExpression: 'ADD c :one',
              ExpressionAttributeValues: { ':one': 1 },
            }),
          ),
        { mode: 'applyThenReset' },
      );
      expect(applied).toBeGreaterThanOrEqual(1);
      expect(applied).toBeLessThanOrEqual(maxAttempts);
    });
  });

  it('holds when every node answers only after the request timeout', async () => {
    const alternator = await connect({ maxAttempts: 3, requestTimeoutMs: 200 });
    const applied = await applicationsOfOneAdd(alternator, (id) => addOne(alternator, id), {
      mode: 'answerLate',
      delayMs: 1000,
    });
    expect(applied).toBeGreaterThanOrEqual(1);
    expect(applied).toBeLessThanOrEqual(3);
  });

  it('sends the SDK retry after a reset to another node, which answers', async () => {
    const alternator = await connect({ maxAttempts: 3 });
    const attempts = recordAttempts(alternator);
    const faulty = cluster.seedHosts[1];
    cluster.setFault(1, { mode: 'applyThenReset' });

    const metadata = await putOneAtATime(alternator, 30, 'reset-');

    const resetFirst = [...hostsByRequest(attempts)].filter(([, hosts]) => hosts[0] === faulty);
    expect(resetFirst.length).toBeGreaterThan(0);
    for (const [requestId, hosts] of resetFirst) {
      expect(hosts).toHaveLength(2);
      expect(hosts[1]).not.toBe(faulty);
      expect(metadata[requestId]).toMatchObject({ attempts: 2 });
    }
  });
});
