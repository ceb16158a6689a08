import { describe, expect, it } from '@jest/globals';
import { resolveNodeHealthConfig } from '../config/node-health-config.js';
import { GONE_NODES_KEPT, NodeRegistry } from './node-registry.js';

const health = resolveNodeHealthConfig({});
const urlOf = (n: number) => `http://10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}:8000`;

describe('NodeRegistry', () => {
  it('keeps a bounded history while 10,000 distinct addresses come and go', () => {
    const registry = new NodeRegistry(health);
    const real = [1, 2, 3].map((n) => registry.listed(`http://127.0.0.${n}:8000`));
    let listed = [...real];
    for (let round = 0; round < 1000; round++) {
      const passing = Array.from({ length: 10 }, (_, i) => registry.listed(urlOf(round * 10 + i)));
      const next = [...real, ...passing];
      registry.unlisted(
        listed.filter((node) => !next.includes(node)),
        next.length,
      );
      listed = next;
    }
    expect(registry.size).toBe(listed.length + GONE_NODES_KEPT);
    expect(real.map((node) => registry.get(node.url))).toEqual(real);
  });

  it('gives a node that comes back within the bound its old record', () => {
    const registry = new NodeRegistry(health);
    const node = registry.listed(urlOf(1));
    registry.unlisted([node], 0);
    expect(registry.listed(urlOf(1))).toBe(node);
  });

  it('never drops history of as many nodes as the cluster lists, even beyond the bound', () => {
    const registry = new NodeRegistry(health);
    const count = GONE_NODES_KEPT * 2;
    const whole = Array.from({ length: count }, (_, n) => registry.listed(urlOf(n)));
    registry.unlisted(whole, count);
    expect(whole.every((node) => registry.get(node.url) === node)).toBe(true);
  });
});
