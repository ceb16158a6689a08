import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSampleAppOnEmbeddedCluster, type RunningSampleApp } from '../support/sample-app.js';

describe('the sample app (npm start), on its embedded cluster', () => {
  let sample: RunningSampleApp | undefined;
  const http = () => sample!.http();

  beforeAll(async () => {
    // Without ALTERNATOR_SEEDS the sample starts its own 3-node cluster, as `npm start` does.
    sample = await startSampleAppOnEmbeddedCluster();
  });

  afterAll(() => sample?.close());

  it('creates, reads, lists and conditionally updates items', async () => {
    const created = await http().post('/items').send({ name: 'apple', quantity: 3 }).expect(201);
    expect(created.body).toMatchObject({ name: 'apple', quantity: 3, version: 1 });
    const id = created.body.id as string;
    await http().post('/items').send({ name: 'pear' }).expect(201);

    await http().get(`/items/${id}`).expect(200, created.body);
    const page = await http().get('/items?limit=1').expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(typeof page.body.nextAfter).toBe('string');
    const all = await http().get('/items').expect(200);
    const names = (all.body.items as Array<{ name: string }>).map((item) => item.name);
    expect(names.sort()).toEqual(['apple', 'pear']);

    const updated = await http()
      .patch(`/items/${id}`)
      .send({ expectedVersion: 1, quantity: 5 })
      .expect(200);
    expect(updated.body).toMatchObject({ id, name: 'apple', quantity: 5, version: 2 });
    const stale = await http()
      .patch(`/items/${id}`)
      .send({ expectedVersion: 1, quantity: 9 })
      .expect(409);
    expect(stale.body.message).toContain('is at version 2, not 1');
    await http()
      .get(`/items/${id}`)
      .expect(200)
      .expect(({ body }) => expect(body.quantity).toBe(5));
  });

  it('answers 404 for a missing item and 400 for invalid input', async () => {
    await http().get('/items/no-such-item').expect(404);
    await http().patch('/items/no-such-item').send({ expectedVersion: 1, name: 'x' }).expect(404);
    await http().post('/items').send({ quantity: -1 }).expect(400);
    await http().post('/items').send({ name: 'x', colour: 'red' }).expect(400);
    await http().get('/items?limit=0').expect(400);
  });

  it('reports the three embedded nodes live on /health', async () => {
    const { body } = await http().get('/health').expect(200);
    expect(body.details.alternator).toMatchObject({ status: 'up', liveNodes: 3, knownNodes: 3 });
  });

  it('lists every node with its state and the requests it received on /nodes', async () => {
    const { body } = await http().get('/nodes').expect(200);
    expect(body.nodes).toHaveLength(3);
    for (const node of body.nodes) {
      expect(node).toMatchObject({
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.\d:\d+$/),
        state: 'ACTIVE',
      });
    }
    const requests = (body.nodes as Array<{ requests: number }>).map((node) => node.requests);
    expect(requests.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // Requests spread over the nodes (a random plan per request: all on one node is ~1 in 10^6).
    expect(requests.filter((count) => count > 0).length).toBeGreaterThan(1);
  });

  it('points the ALTERNATOR_* variables at the embedded cluster while it runs', () => {
    expect(process.env.ALTERNATOR_SEEDS).toBe('127.0.0.1,127.0.0.2,127.0.0.3');
    expect(process.env.ALTERNATOR_SECRET_ACCESS_KEY).toEqual(expect.any(String));
  });
});
