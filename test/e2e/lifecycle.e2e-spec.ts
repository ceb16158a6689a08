import { setTimeout as sleep } from 'node:timers/promises';
import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  AlternatorModule,
  getAlternatorClusterToken,
  type AlternatorCluster,
} from '../../lib/index.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { ClusterProbe } from './app/cluster-probe.js';
import { HealthAppModule } from './app/health-app.module.js';
import { createTable } from './app/items-table.js';
import { clusterConfig, startTestCluster } from './app/test-cluster.js';

/** Open connections to the cluster's port, seen from the cluster's side. */
function connectionsTo(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((handle) => (handle as Partial<Socket>).localPort === port).length;
}

/**
 * What keeps the event loop alive besides sockets (timers, servers), as a comparable string.
 * Sockets are counted by connectionsTo instead: the local cluster keeps its own connections to
 * its store, which are not the client's.
 */
function keepAliveResources(): string {
  return process
    .getActiveResourcesInfo()
    .filter((type) => type !== 'TCPSocketWrap')
    .sort()
    .join(',');
}

/** Polls until `read` returns `expected` (sockets close asynchronously), then returns the last value. */
async function settle<T>(read: () => T, expected: T): Promise<T> {
  for (let attempt = 0; attempt < 50 && read() !== expected; attempt++) await sleep(50);
  return read();
}

describe('lifecycle', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await startTestCluster();
  });

  afterAll(() => cluster?.stop());

  it('discovers at compile time and keeps the node list fresh once the app is initialised', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AlternatorModule.forRoot({
          ...clusterConfig(cluster),
          activeRefreshIntervalMs: 100,
          idleRefreshIntervalMs: 100,
        }),
      ],
    }).compile();
    try {
      const view = moduleRef.get<AlternatorCluster>(getAlternatorClusterToken());
      expect(view.nodes()).toHaveLength(3);
      await moduleRef.init();
      const added = await cluster.addNode();
      // No explicit refresh: the background refresher started by init must find the new node.
      expect(await settle(() => view.nodes().length, 4)).toBe(4);
      await cluster.removeNode(added);
      expect(await settle(() => view.nodes().length, 3)).toBe(3);
    } finally {
      await moduleRef.close();
    }
  });

  it('app.close() closes every connection of the client and leaves nothing that keeps the process alive', async () => {
    const baseline = keepAliveResources();
    const moduleRef = await Test.createTestingModule({
      imports: [HealthAppModule.register(clusterConfig(cluster))],
      providers: [ClusterProbe],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const { client, documents } = app.get(ClusterProbe);
    await createTable(client, 'shutdown');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        documents.send(new PutCommand({ TableName: 'shutdown', Item: { pk: `k${i}` } })),
      ),
    );
    await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(200);
    expect(connectionsTo(cluster.port)).toBeGreaterThan(0);

    await app.close();

    expect(await settle(() => connectionsTo(cluster.port), 0)).toBe(0);
    expect(await settle(keepAliveResources, baseline)).toBe(baseline);
  });

  it('close() is safe twice, and after a compile without init', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthAppModule.register(clusterConfig(cluster))],
    }).compile();
    await moduleRef.close();
    await expect(moduleRef.close()).resolves.toBeUndefined();
    expect(await settle(() => connectionsTo(cluster.port), 0)).toBe(0);
  });
});
