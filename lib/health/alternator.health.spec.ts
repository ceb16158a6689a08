import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import type { AlternatorClusterHealth, AlternatorNodeSnapshot } from '../core/index.js';
import { NodeState } from '../core/index.js';
import { getAlternatorClusterToken } from '../nest/index.js';
import { AlternatorHealthModule } from './alternator-health.module.js';
import { AlternatorHealthIndicator } from './alternator.health.js';

const node = (address: string, latencyEstimateMs: number): AlternatorNodeSnapshot => ({
  url: `http://${address}:8000`,
  address,
  state: NodeState.ACTIVE,
  requests: 10,
  failures: 0,
  inFlight: 0,
  meanLatencyMs: 2,
  latencyEstimateMs,
});

/** Stands in for a cluster's live view: the indicator only reads `health()` and `nodes()`. */
class ClusterView {
  nodeList: AlternatorNodeSnapshot[] = [
    node('10.0.0.1', 2.04),
    node('10.0.0.2', 1.96),
    node('10.0.0.3', 41.26),
  ];

  current: AlternatorClusterHealth = {
    liveNodes: 3,
    quarantinedNodes: 0,
    downNodes: 0,
    knownNodes: 3,
    scope: 'cluster',
    lastRefreshAgeMs: 120,
  };

  health(): AlternatorClusterHealth {
    return this.current;
  }

  nodes(): AlternatorNodeSnapshot[] {
    return this.nodeList;
  }
}

describe('AlternatorHealthIndicator', () => {
  let moduleRef: TestingModule;
  let indicator: AlternatorHealthIndicator;
  let orders: ClusterView;

  beforeEach(async () => {
    orders = new ClusterView();
    moduleRef = await Test.createTestingModule({
      imports: [AlternatorHealthModule],
      providers: [{ provide: getAlternatorClusterToken('orders'), useValue: orders }],
    }).compile();
    indicator = moduleRef.get(AlternatorHealthIndicator);
  });

  afterEach(() => moduleRef.close());

  it('is up with the node counts, scope, refresh age and node latencies while a node is live', () => {
    expect(indicator.isHealthy('alternator', { name: 'orders' })).toEqual({
      alternator: {
        status: 'up',
        liveNodes: 3,
        quarantinedNodes: 0,
        downNodes: 0,
        knownNodes: 3,
        scope: 'cluster',
        lastRefreshAgeMs: 120,
        nodes: [
          { address: '10.0.0.1', state: 'ACTIVE', latencyMs: 2 },
          { address: '10.0.0.2', state: 'ACTIVE', latencyMs: 2 },
          { address: '10.0.0.3', state: 'ACTIVE', latencyMs: 41.3 },
        ],
      },
    });
  });

  it('is down below minLiveNodes, saying why and what the last discovery error was', () => {
    orders.current = {
      ...orders.current,
      liveNodes: 1,
      downNodes: 2,
      lastRefreshError: 'connect ECONNREFUSED 127.0.0.2:8000',
    };
    expect(indicator.isHealthy('db', { name: 'orders' })).toEqual({
      db: {
        status: 'up',
        liveNodes: 1,
        quarantinedNodes: 0,
        downNodes: 2,
        knownNodes: 3,
        scope: 'cluster',
        lastRefreshAgeMs: 120,
        nodes: expect.any(Array),
      },
    });
    const result = indicator.isHealthy('db', { name: 'orders', minLiveNodes: 2 });
    expect(result.db).toMatchObject({ status: 'down', liveNodes: 1, downNodes: 2 });
    expect(result.db.message).toBe(
      '1 live node(s), at least 2 required; last discovery failed: connect ECONNREFUSED 127.0.0.2:8000',
    );
  });

  it('is down when no node is live', () => {
    orders.current = { ...orders.current, liveNodes: 0, downNodes: 3 };
    expect(indicator.isHealthy('alternator', { name: 'orders' }).alternator.status).toBe('down');
  });

  it('names the missing registration when the cluster does not exist', () => {
    expect(() => indicator.isHealthy('alternator')).toThrow(
      'no Alternator cluster (default) is registered (token "AlternatorCluster")',
    );
    expect(() => indicator.isHealthy('alternator', { name: 'billing' })).toThrow(
      `no Alternator cluster named "billing" is registered (token "billingAlternatorCluster"). ` +
        `Register it with AlternatorModule.forRoot({ name: 'billing', ... })`,
    );
  });

  it('rejects a minLiveNodes that is not a non-negative integer', () => {
    expect(() => indicator.isHealthy('alternator', { name: 'orders', minLiveNodes: -1 })).toThrow(
      'minLiveNodes must be a non-negative integer, got -1',
    );
  });
});
