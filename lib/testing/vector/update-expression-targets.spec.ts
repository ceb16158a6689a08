import { describe, expect, it } from '@jest/globals';
import { updateTargets } from './update-expression-targets.js';

describe('updateTargets', () => {
  it('lists what each clause writes, with #names resolved and value tokens found', () => {
    const targets = updateTargets(
      'SET #v = :v, n = if_not_exists(n, :zero), tags = list_append(tags, :more) ' +
        'REMOVE old, v[1] ADD counter :one DELETE colors :red',
      { '#v': 'vector' },
    );
    expect(
      targets.map(({ clause, attribute, whole, valueToken }) => [
        clause,
        attribute,
        whole,
        valueToken,
      ]),
    ).toEqual([
      ['SET', 'vector', true, ':v'],
      ['SET', 'n', true, ':zero'],
      ['SET', 'tags', true, undefined],
      ['REMOVE', 'old', true, undefined],
      ['REMOVE', 'v', false, undefined],
      ['ADD', 'counter', true, ':one'],
      ['DELETE', 'colors', true, ':red'],
    ]);
  });

  it('tells parts of an attribute from the attribute itself', () => {
    const targets = updateTargets('set v[0] = :x, m.inner = :y');
    expect(targets.map(({ attribute, whole }) => [attribute, whole])).toEqual([
      ['v', false],
      ['m', false],
    ]);
  });
});
