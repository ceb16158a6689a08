import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { embedName } from '../../sample/items/item-embedding.js';
import { startSampleAppOnEmbeddedCluster, type RunningSampleApp } from '../support/sample-app.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe('the sample app’s GET /items/:id/similar, on its embedded cluster', () => {
  let sample: RunningSampleApp | undefined;
  const http = () => sample!.http();

  beforeAll(async () => {
    sample = await startSampleAppOnEmbeddedCluster();
  });
  afterAll(() => sample?.close());

  it('ranks items by how close their names are, and never returns the item itself', async () => {
    const names = [
      'green apple',
      'green apples',
      'apples',
      'red apple',
      'pineapple',
      'blue whale',
      'steel bolt',
    ];
    const ids = new Map<string, string>();
    for (const name of names) {
      const { body } = await http().post('/items').send({ name }).expect(201);
      expect(body).not.toHaveProperty('embedding');
      ids.set(name, (body as { id: string }).id);
    }
    const { body } = await http()
      .get(`/items/${ids.get('green apple')}/similar?limit=3`)
      .expect(200);
    const similar = body as Array<{ id: string; name: string; similarity: number }>;
    const query = embedName('green apple');
    const expected = names
      .filter((name) => name !== 'green apple')
      .map((name) => ({ name, similarity: (1 + cosine(query, embedName(name))) / 2 }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 3);
    expect(similar.map((item) => item.name)).toEqual(expected.map((item) => item.name));
    similar.forEach((item, i) => expect(item.similarity).toBeCloseTo(expected[i].similarity, 3));
    expect(similar[0]).toMatchObject({ name: 'green apples', id: ids.get('green apples') });
  });

  it('follows a rename, and checks its input', async () => {
    const { body: bolt } = await http().post('/items').send({ name: 'steel nut' }).expect(201);
    const id = (bolt as { id: string }).id;
    await http()
      .patch(`/items/${id}`)
      .send({ expectedVersion: 1, name: 'apple crumble' })
      .expect(200);
    const { body } = await http().get(`/items/${id}/similar?limit=1`).expect(200);
    expect((body as Array<{ name: string }>)[0].name).toMatch(/apple/);
    await http().get(`/items/${id}/similar?limit=0`).expect(400);
    await http().get('/items/missing/similar').expect(404);
  });
});
