import { describe, expect, it } from '@jest/globals';
import { isErrorReply } from './json-values.js';
import { parseProjection, projectItem } from './projection-expression.js';

const item = {
  id: { S: 'a' },
  info: { M: { name: { S: 'n' }, tags: { L: [{ S: 't0' }, { S: 't1' }, { S: 't2' }] } } },
  v: { L: [{ N: '1' }, { N: '2' }] },
};

function project(expression: string, names: Record<string, string> = {}) {
  const parsed = parseProjection(expression, names);
  if (isErrorReply(parsed)) {
    throw new Error(parsed.message);
  }
  return { projected: projectItem(item, parsed.selection), parsed };
}

describe('projection-expression', () => {
  it('keeps top-level attributes, resolving #names, and skips absent ones', () => {
    const { projected, parsed } = project('id, #v, missing', { '#v': 'v' });
    expect(projected).toEqual({ id: item.id, v: item.v });
    expect([...parsed.selection.children.keys()]).toEqual(['id', 'v', 'missing']);
    expect([...parsed.usedNames]).toEqual(['#v']);
  });

  it('keeps nested map members and list elements in their order', () => {
    const { projected } = project('info.tags[2], info.tags[0], info.name');
    expect(projected).toEqual({
      info: { M: { tags: { L: [{ S: 't0' }, { S: 't2' }] }, name: { S: 'n' } } },
    });
  });

  it('refuses malformed paths and undefined names', () => {
    for (const expression of ['', 'a..b', '[0]', 'a b']) {
      const parsed = parseProjection(expression, {});
      expect(isErrorReply(parsed) && parsed.message).toMatch(/Invalid ProjectionExpression/);
    }
    const undefinedName = parseProjection('#x', {});
    expect(isErrorReply(undefinedName) && undefinedName.message).toMatch(/#x/);
  });
});
