import { describe, expect, it } from '@jest/globals';
import type { VectorIndexDefinition } from './vector-index-definition.js';
import { VectorIndexRegistry } from './vector-index-registry.js';

const definition = (indexName: string, searched: string[] = []): VectorIndexDefinition => ({
  indexName,
  attributeName: 'v',
  dimensions: 3,
  fn: 'COSINE',
  projectionType: 'KEYS_ONLY',
  nonKeyAttributes: [],
  searchSchema: searched.map((attributeName) => ({
    attributeName,
    elementType: 'INLINE_FILTER',
    attributeType: 'S',
  })),
});

function registryAt(delay: number) {
  const clock = { now: 1_000 };
  return { clock, registry: new VectorIndexRegistry(delay, () => clock.now) };
}

describe('VectorIndexRegistry', () => {
  it('keeps an index CREATING for the delay, then ACTIVE', () => {
    const { clock, registry } = registryAt(500);
    const [index] = registry.createTable('t', [definition('vec')], new Map());
    expect(registry.stateOf(index)).toEqual({ IndexStatus: 'CREATING' });
    clock.now += 499;
    expect(registry.stateOf(index)).toEqual({ IndexStatus: 'CREATING' });
    clock.now += 1;
    expect(registry.stateOf(index)).toEqual({ IndexStatus: 'ACTIVE' });
    expect(registry.creatingStateOf(index)).toEqual({ IndexStatus: 'CREATING' });
  });

  it('makes an index ACTIVE at once with a delay of 0', () => {
    const { registry } = registryAt(0);
    const [index] = registry.createTable('t', [definition('vec')], new Map());
    expect(registry.stateOf(index)).toEqual({ IndexStatus: 'ACTIVE' });
  });

  it('marks only indexes added to an existing table as Backfilling while CREATING', () => {
    const { clock, registry } = registryAt(100);
    registry.createTable('t', [], new Map());
    const added = registry.add('t', definition('late'), new Map());
    expect(registry.stateOf(added)).toEqual({ IndexStatus: 'CREATING', Backfilling: true });
    clock.now += 100;
    expect(registry.stateOf(added)).toEqual({ IndexStatus: 'ACTIVE' });
    expect(registry.creatingStateOf(added)).toEqual({ IndexStatus: 'CREATING', Backfilling: true });
  });

  it('forgets search attributes no index uses any more, and whole tables', () => {
    const { registry } = registryAt(0);
    registry.createTable(
      't',
      [definition('one', ['a']), definition('two', ['b'])],
      new Map([
        ['a', 'S'],
        ['b', 'N'],
      ]),
    );
    expect(registry.remove('t', 'one')).toBe(true);
    expect([...registry.searchAttributeTypes('t')]).toEqual([['b', 'N']]);
    expect(registry.remove('t', 'one')).toBe(false);
    expect(registry.isEmpty()).toBe(false);
    registry.dropTable('t');
    expect(registry.isEmpty()).toBe(true);
    expect(registry.find('t', 'two')).toBeUndefined();
  });
});
