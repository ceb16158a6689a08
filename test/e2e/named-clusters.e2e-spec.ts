import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Test, type TestingModule } from '@nestjs/testing';
import { getAlternatorClientToken } from '../../lib/index.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createTable } from './app/items-table.js';
import { clusterConfig, startTestCluster, totalRequests } from './app/test-cluster.js';
import { BillingStore, OrdersStore, TwoClustersModule } from './app/two-clusters.module.js';

describe('two named clusters in one application', () => {
  let ordersCluster: LocalAlternatorCluster;
  let billingCluster: LocalAlternatorCluster;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    [ordersCluster, billingCluster] = await Promise.all([startTestCluster(3), startTestCluster(2)]);
    moduleRef = await Test.createTestingModule({
      imports: [
        TwoClustersModule.register(clusterConfig(ordersCluster), clusterConfig(billingCluster)),
      ],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await Promise.all([ordersCluster?.stop(), billingCluster?.stop()]);
  });

  it('gives each name its own client, which knows only its own nodes', () => {
    const orders = moduleRef.get(OrdersStore);
    const billing = moduleRef.get(BillingStore);
    expect(orders.client).not.toBe(billing.client);
    expect(moduleRef.get('ordersAlternatorClient')).toBe(orders.client);
    expect(orders.cluster).toBe(orders.client.cluster);
    expect(billing.cluster).toBe(billing.client.cluster);
    const ports = (urls: string[]) => new Set(urls.map((url) => new URL(url).port));
    expect(ports(orders.cluster.nodes().map((n) => n.url))).toEqual(
      new Set([String(ordersCluster.port)]),
    );
    expect(billing.cluster.nodes()).toHaveLength(2);
    expect(ports(billing.cluster.nodes().map((n) => n.url))).toEqual(
      new Set([String(billingCluster.port)]),
    );
  });

  it('registers no default cluster when every registration is named', () => {
    expect(() => moduleRef.get<unknown>(getAlternatorClientToken())).toThrow();
  });

  it('sends each cluster only its own traffic', async () => {
    const orders = moduleRef.get(OrdersStore);
    const billing = moduleRef.get(BillingStore);
    await createTable(orders.client, 'orders');
    await createTable(billing.client, 'invoices');
    ordersCluster.resetCounts();
    billingCluster.resetCounts();

    for (let i = 0; i < 9; i++) {
      await orders.documents.send(new PutCommand({ TableName: 'orders', Item: { pk: `o${i}` } }));
    }
    for (let i = 0; i < 4; i++) {
      await billing.documents.send(
        new PutCommand({ TableName: 'invoices', Item: { pk: `i${i}` } }),
      );
    }

    expect(totalRequests(ordersCluster)).toBe(9);
    expect(totalRequests(billingCluster)).toBe(4);
  });
});
