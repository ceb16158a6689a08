import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AlternatorClient,
  createAlternatorClient,
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
} from '../../lib/index.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { ClusterProbe } from './app/cluster-probe.js';
import { createTable } from './app/items-table.js';
import { registrationStyles } from './app/registration-styles.js';
import { AlternatorSettings } from './app/settings.module.js';
import { clusterConfig, clusterEnv, startTestCluster, totalRequests } from './app/test-cluster.js';

const TABLE = 'registration_items';

describe('AlternatorModule registration styles, against a cluster that enforces SigV4', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await startTestCluster();
    const client = await createAlternatorClient(clusterConfig(cluster), {
      startBackgroundTasks: false,
    });
    await createTable(client, TABLE);
    client.destroy();
  });

  afterAll(() => cluster.stop());

  describe.each(Object.entries(registrationStyles))('%s', (style, appModule) => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await Test.createTestingModule({
        imports: [appModule({ config: clusterConfig(cluster), env: clusterEnv(cluster) })],
      }).compile();
      await moduleRef.init();
    });

    afterAll(() => moduleRef?.close());

    it('injects one client, by token and by decorator, that discovered every node', () => {
      const probe = moduleRef.get(ClusterProbe);
      expect(probe.client).toBeInstanceOf(AlternatorClient);
      expect(probe.client).toBeInstanceOf(DynamoDBClient);
      expect(moduleRef.get(getAlternatorClientToken())).toBe(probe.client);
      expect(moduleRef.get(getAlternatorDocumentClientToken())).toBe(probe.documents);
      expect(moduleRef.get(getAlternatorClusterToken())).toBe(probe.cluster);
      expect(probe.cluster).toBe(probe.client.cluster);
      const expected = cluster.seedHosts.map((host) => `http://${host}:${cluster.port}`);
      expect(
        probe.cluster
          .nodes()
          .map((node) => node.url)
          .sort(),
      ).toEqual(expected.sort());
    });

    it('sends signed document-client requests through the balanced client', async () => {
      const { documents, cluster: view } = moduleRef.get(ClusterProbe);
      const sentBefore = view.nodes().reduce((sum, node) => sum + node.requests, 0);
      const receivedBefore = totalRequests(cluster);
      const keys = Array.from({ length: 6 }, (_, i) => `${style}-${i}`);
      for (const pk of keys) {
        await documents.send(new PutCommand({ TableName: TABLE, Item: { pk, style } }));
      }
      for (const pk of keys) {
        const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { pk } }));
        expect(Item).toEqual({ pk, style });
      }
      expect(totalRequests(cluster) - receivedBefore).toBe(12);
      expect(view.nodes().reduce((sum, node) => sum + node.requests, 0) - sentBefore).toBe(12);
    });
  });

  it('asks a useExisting factory for the options with the cluster name', async () => {
    const appModule = registrationStyles['forRootAsync useExisting'];
    const moduleRef = await Test.createTestingModule({
      imports: [appModule({ config: clusterConfig(cluster), env: clusterEnv(cluster) })],
    }).compile();
    try {
      expect(moduleRef.get(AlternatorSettings).requestedNames).toEqual(['default']);
    } finally {
      await moduleRef.close();
    }
  });
});
