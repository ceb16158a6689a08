import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { hostOf, localNodes, rawRequest } from './local-cluster.helpers.js';

// Four nodes: .1 dc1/rack1, .2 dc1/rack2, .3 dc2/rack1, .4 dc1/rack1.
const TOPOLOGY = [
  { datacenter: 'dc1', rack: 'rack1' },
  { datacenter: 'dc1', rack: 'rack2' },
  { datacenter: 'dc2', rack: 'rack1' },
  { datacenter: 'dc1', rack: 'rack1' },
];

describe('LocalAlternatorCluster GET /localnodes (static topology)', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: TOPOLOGY });
  });
  afterAll(() => cluster.stop());

  it('lists the live nodes of the answering node’s datacenter, itself included', async () => {
    expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
    expect(await localNodes(cluster, 1)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
    expect(await localNodes(cluster, 2)).toEqual(['127.0.0.3']);
  });

  it('filters by dc and rack, alone or together', async () => {
    expect(await localNodes(cluster, 0, '?dc=dc2')).toEqual(['127.0.0.3']);
    expect(await localNodes(cluster, 2, '?dc=dc1')).toEqual([
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.4',
    ]);
    expect(await localNodes(cluster, 0, '?rack=rack2')).toEqual(['127.0.0.2']);
    expect(await localNodes(cluster, 0, '?dc=dc1&rack=rack1')).toEqual(['127.0.0.1', '127.0.0.4']);
    expect(await localNodes(cluster, 0, '?dc=dc2&rack=rack1')).toEqual(['127.0.0.3']);
  });

  it('treats empty dc and rack values as absent', async () => {
    expect(await localNodes(cluster, 0, '?dc=&rack=')).toEqual([
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.4',
    ]);
    expect(await localNodes(cluster, 2, '?dc=&rack=rack1')).toEqual(['127.0.0.3']);
  });

  it('answers 200 [] for an unknown datacenter or rack', async () => {
    expect(await localNodes(cluster, 0, '?dc=nowhere')).toEqual([]);
    expect(await localNodes(cluster, 0, '?rack=nowhere')).toEqual([]);
    expect(await localNodes(cluster, 0, '?dc=dc2&rack=rack2')).toEqual([]);
  });

  it('answers GET / with the health string naming the Host header', async () => {
    const reply = await rawRequest({ host: hostOf(cluster, 1), port: cluster.port, path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.body).toBe(`healthy: 127.0.0.2:${cluster.port}`);
  });

  it('answers 404 on other paths and methods', async () => {
    const port = cluster.port;
    expect((await rawRequest({ host: '127.0.0.1', port, path: '/metrics' })).status).toBe(404);
    expect(
      (await rawRequest({ host: '127.0.0.1', port, method: 'POST', path: '/localnodes' })).status,
    ).toBe(404);
  });

  it('reports the nodes it was started with', () => {
    expect(cluster.seedHosts).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4']);
    expect(cluster.endpoint(2)).toBe(`http://127.0.0.3:${cluster.port}`);
    expect(cluster.endpoint()).toBe(`http://127.0.0.1:${cluster.port}`);
    expect(cluster.nodes().map(({ datacenter, rack }) => ({ datacenter, rack }))).toEqual(TOPOLOGY);
    expect(() => cluster.endpoint(9)).toThrow(/no node 9/);
  });
});

describe('LocalAlternatorCluster GET /localnodes (topology changes)', () => {
  let cluster: LocalAlternatorCluster;

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: TOPOLOGY });
  });
  afterAll(() => cluster.stop());
  afterEach(async () => {
    for (const node of cluster.nodes()) {
      cluster.setLocalNodesOverride(node.index, undefined);
      cluster.moveNode(node.index, TOPOLOGY[node.index]);
      if (node.state === 'killed') await cluster.restart(node.index);
    }
  });

  it('leaves out a killed node and lists it again after restart', async () => {
    await cluster.kill(1);
    expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.4']);
    await cluster.restart(1);
    expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
  });

  it('keeps listing a paused node, as gossip still sees a hung node alive', async () => {
    cluster.pause(3);
    try {
      expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
    } finally {
      cluster.resume(3);
    }
  });

  it('serves a raw override body until it is cleared', async () => {
    cluster.setLocalNodesOverride(0, '["10.9.9.9", "not-an-ip"');
    const reply = await rawRequest({ host: '127.0.0.1', port: cluster.port, path: '/localnodes' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('["10.9.9.9", "not-an-ip"');
    expect(await localNodes(cluster, 1)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
    cluster.setLocalNodesOverride(0, undefined);
    expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
  });

  it('follows a node moved to another datacenter or rack', async () => {
    cluster.moveNode(3, { datacenter: 'dc2' });
    expect(await localNodes(cluster, 0)).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(await localNodes(cluster, 0, '?dc=dc2')).toEqual(['127.0.0.3', '127.0.0.4']);
    // The moved node keeps its rack and now answers for its new datacenter by default.
    expect(await localNodes(cluster, 3, '?rack=rack1')).toEqual(['127.0.0.3', '127.0.0.4']);
    cluster.moveNode(3, { datacenter: 'dc1', rack: 'rack2' });
    expect(await localNodes(cluster, 0, '?rack=rack2')).toEqual(['127.0.0.2', '127.0.0.4']);
    expect(cluster.nodes()[3]).toMatchObject({ datacenter: 'dc1', rack: 'rack2' });
  });

  it('drops a removed node from /localnodes and from nodes(), for good', async () => {
    const added = await cluster.addNode({ datacenter: 'dc2', rack: 'rack9' });
    expect(added).toBe(4);
    expect(await localNodes(cluster, 2)).toEqual(['127.0.0.3', '127.0.0.5']);
    await cluster.removeNode(added);
    expect(await localNodes(cluster, 2)).toEqual(['127.0.0.3']);
    expect(cluster.nodes().map((node) => node.index)).toEqual([0, 1, 2, 3]);
    await expect(cluster.restart(added)).rejects.toThrow(/was removed/);
    const refused = rawRequest({ host: '127.0.0.5', port: cluster.port, path: '/' });
    await expect(refused).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
