import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { getAlternatorClusterToken, type AlternatorCluster } from '../../lib/index.js';
import type { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { HealthAppModule } from './app/health-app.module.js';
import { clusterConfig, startTestCluster } from './app/test-cluster.js';

describe('GET /health with AlternatorHealthIndicator', () => {
  let cluster: LocalAlternatorCluster;
  let app: INestApplication;
  let view: AlternatorCluster;

  beforeAll(async () => {
    cluster = await startTestCluster();
    const moduleRef = await Test.createTestingModule({
      imports: [HealthAppModule.register(clusterConfig(cluster))],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    view = app.get(getAlternatorClusterToken());
  });

  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  const allNodes = () => cluster.nodes().map((node) => node.index);

  it('is up with three live nodes', async () => {
    const response = await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      details: {
        alternator: {
          status: 'up',
          liveNodes: 3,
          quarantinedNodes: 0,
          downNodes: 0,
          knownNodes: 3,
          scope: expect.any(String),
          lastRefreshAgeMs: expect.any(Number),
        },
      },
    });
    const nodes = response.body.details.alternator.nodes as Array<Record<string, unknown>>;
    expect(nodes.map((node) => node.address).sort()).toEqual([...cluster.seedHosts].sort());
    for (const node of nodes) {
      expect(node).toEqual({
        address: expect.any(String),
        state: 'ACTIVE',
        latencyMs: expect.any(Number),
      });
    }
  });

  it('turns down with 503 once the client notices every node is gone', async () => {
    await Promise.all(allNodes().map((index) => cluster.kill(index)));
    await view.refresh();
    const response = await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(503);
    expect(response.body.status).toBe('error');
    expect(response.body.error.alternator).toMatchObject({ status: 'down', liveNodes: 0 });
    expect(response.body.error.alternator.message).toMatch(
      /^0 live node\(s\), at least 1 required/,
    );
  });

  it('is up again once the nodes are back', async () => {
    await Promise.all(allNodes().map((index) => cluster.restart(index)));
    await view.refresh();
    const response = await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(200);
    expect(response.body.details.alternator).toMatchObject({ status: 'up', liveNodes: 3 });
  });
});
