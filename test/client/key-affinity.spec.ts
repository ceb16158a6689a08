import { afterEach, describe, expect, it } from '@jest/globals';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { KeyRouteAffinityMode } from '../../lib/core/config/key-route-affinity.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { recordAttempts, waitFor, type RecordedAttempt } from '../support/alternator-test-kit.js';
import {
  startClusterWithItemsTable,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

describe('key affinity against LocalAlternatorCluster (5 nodes, SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let attempts: RecordedAttempt[];

  afterEach(() => stopClientAndCluster(client, cluster));

  async function start(
    keyAffinity: AlternatorConfig['keyAffinity'],
    overrides: Partial<AlternatorConfig> = {},
  ) {
    ({ cluster, client } = await startClusterWithItemsTable({
      nodes: 5,
      client: { keyAffinity, ...overrides },
    }));
    attempts = recordAttempts(client);
  }

  /** Sends each write on its own and returns the hosts that write went to. */
  async function hostsOf(write: () => Promise<unknown>): Promise<string[]> {
    const before = attempts.length;
    await write();
    return attempts.slice(before).map((attempt) => attempt.host);
  }

  const key = (id: string) => ({ id: { S: id } });

  it('sends every write of one key to one node, and different keys to different nodes', async () => {
    await start({ mode: KeyRouteAffinityMode.ANY_WRITE, tablePkMap: { items: 'id' } });
    const nodeOfKey = new Map<string, Set<string>>();
    for (let k = 0; k < 20; k++) {
      const id = `user-${k}`;
      const hosts = new Set<string>();
      for (let n = 0; n < 3; n++) {
        const writes = [
          () =>
            client.send(
              new PutItemCommand({ TableName: 'items', Item: { ...key(id), n: { N: `${n}` } } }),
            ),
          () =>
            client.send(
              new UpdateItemCommand({
                TableName: 'items',
                Key: key(id),
                UpdateExpression: 'SET v = :v',
                ExpressionAttributeValues: { ':v': { N: `${n}` } },
              }),
            ),
          () => client.send(new DeleteItemCommand({ TableName: 'items', Key: key(id) })),
        ];
        for (const write of writes) for (const host of await hostsOf(write)) hosts.add(host);
      }
      nodeOfKey.set(id, hosts);
    }
    for (const [id, hosts] of nodeOfKey) expect([id, hosts.size]).toEqual([id, 1]);
    const distinctNodes = new Set([...nodeOfKey.values()].map((hosts) => [...hosts][0]));
    expect(distinctNodes.size).toBeGreaterThanOrEqual(3);
  });

  it('pins read-modify-write updates in RMW mode but spreads blind writes, learning the key by DescribeTable', async () => {
    await start({ mode: KeyRouteAffinityMode.RMW });
    const increment = () =>
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: key('counter'),
          UpdateExpression: 'SET v = if_not_exists(v, :zero) + :one',
          ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
        }),
      );
    await increment();
    await waitFor(async () => (await hostsOf(increment)).length === 1, 'the partition key lookup');
    const pinned = new Set<string>();
    for (let i = 0; i < 20; i++) for (const host of await hostsOf(increment)) pinned.add(host);

    const blind = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const hosts = await hostsOf(() =>
        client.send(
          new UpdateItemCommand({
            TableName: 'items',
            Key: key('counter'),
            UpdateExpression: 'SET label = :v',
            ExpressionAttributeValues: { ':v': { S: `x${i}` } },
          }),
        ),
      );
      for (const host of hosts) blind.add(host);
    }

    expect(pinned.size).toBe(1);
    expect(blind.size).toBeGreaterThan(1);
  });

  it('routes a BatchWriteItem to the node most of its keys prefer', async () => {
    await start({ mode: KeyRouteAffinityMode.ANY_WRITE, tablePkMap: { items: 'id' } });
    const keysByNode = new Map<string, string[]>();
    for (let i = 0; i < 20; i++) {
      const id = `b${i}`;
      const [host] = await hostsOf(() =>
        client.send(new PutItemCommand({ TableName: 'items', Item: key(id) })),
      );
      keysByNode.set(host, [...(keysByNode.get(host) ?? []), id]);
    }
    const [favourite, [first, second]] = [...keysByNode].find(([, ids]) => ids.length >= 2)!;
    const [, [outsider]] = [...keysByNode].find(([host]) => host !== favourite)!;
    const batch = () =>
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [
              { PutRequest: { Item: key(outsider) } },
              { PutRequest: { Item: { ...key(first), n: { N: '1' } } } },
              { DeleteRequest: { Key: key(second) } },
            ],
          },
        }),
      );

    const hosts = new Set<string>();
    for (let i = 0; i < 5; i++) for (const host of await hostsOf(batch)) hosts.add(host);
    expect([...hosts]).toEqual([favourite]);
  });

  it('with rendezvous hashing keeps other keys on their node when one node dies', async () => {
    await start({
      mode: KeyRouteAffinityMode.ANY_WRITE,
      tablePkMap: { items: 'id' },
      hashing: 'rendezvous',
    });
    const put = (id: string) =>
      hostsOf(() => client.send(new PutItemCommand({ TableName: 'items', Item: key(id) })));
    const ids = Array.from({ length: 30 }, (_, i) => `k${i}`);
    const before = new Map<string, string>();
    for (const id of ids) before.set(id, (await put(id))[0]);
    const victimIndex = 3;
    const victim = cluster.seedHosts[victimIndex];
    await cluster.kill(victimIndex);

    const after = new Map<string, string[]>();
    for (const id of ids) after.set(id, await put(id));

    for (const id of ids) {
      const hosts = after.get(id)!;
      if (before.get(id) === victim) {
        expect(hosts[hosts.length - 1]).not.toBe(victim);
      } else {
        expect([id, hosts]).toEqual([id, [before.get(id)]]);
      }
    }
  });

  it('retries a pinned write along the same deterministic plan', async () => {
    await start(
      { mode: KeyRouteAffinityMode.ANY_WRITE, tablePkMap: { items: 'id' } },
      { connectTimeoutMs: 200, requestTimeoutMs: 300 },
    );
    const put = () =>
      hostsOf(() => client.send(new PutItemCommand({ TableName: 'items', Item: key('pinned') })));
    const [preferred] = await put();
    cluster.pause(cluster.seedHosts.indexOf(preferred));

    const retried = [await put(), await put(), await put()];
    cluster.resume(cluster.seedHosts.indexOf(preferred));

    const [, fallback] = retried[0];
    expect(fallback).toBeDefined();
    expect(fallback).not.toBe(preferred);
    expect(retried).toEqual([
      [preferred, fallback],
      [preferred, fallback],
      [preferred, fallback],
    ]);
  });
});
