import { describe, expect, it } from '@jest/globals';
import { isErrorReply } from './json-values.js';
import { parseSearchCondition } from './search-condition.js';

const names = { '#c': 'color', '#unused': 'x' };
const values = { ':t': { S: 'acme' }, ':c': { S: 'red' }, ':n': { N: '1' } };
const parse = (expression: string) => parseSearchCondition(expression, names, values);
const messageOf = (expression: string) => {
  const parsed = parse(expression);
  return isErrorReply(parsed) ? parsed.message : 'parsed';
};

describe('parseSearchCondition', () => {
  it('reads equalities joined by AND, either way round, with parentheses', () => {
    const parsed = parse('tenant = :t AND (:c = #c and n = :n)');
    expect(isErrorReply(parsed)).toBe(false);
    if (!isErrorReply(parsed)) {
      expect(parsed.equalities).toEqual([
        { attribute: 'tenant', value: { S: 'acme' } },
        { attribute: 'color', value: { S: 'red' } },
        { attribute: 'n', value: { N: '1' } },
      ]);
      expect([...parsed.usedNames]).toEqual(['#c']);
      expect([...parsed.usedValues].sort()).toEqual([':c', ':n', ':t']);
    }
  });

  it('refuses every comparator but =, with DynamoDB’s message', () => {
    for (const expression of ['n <> :n', 'n < :n', 'n >= :n', 'n BETWEEN :n AND :n', 'n IN (:n)']) {
      expect(messageOf(expression)).toBe(
        'Invalid SearchConditionExpression: Invalid comparator used in SearchConditionExpression',
      );
    }
  });

  it('refuses OR, NOT, functions, nested paths and undefined placeholders', () => {
    expect(messageOf('tenant = :t OR n = :n')).toMatch(/OR is not supported/);
    expect(messageOf('NOT tenant = :t')).toMatch(/NOT is not supported/);
    expect(messageOf('begins_with(tenant, :t)')).toMatch(/functions/);
    expect(messageOf('a.b = :t')).toMatch(/top-level/);
    expect(messageOf('#nope = :t')).toMatch(/attribute name: #nope/);
    expect(messageOf('tenant = :nope')).toMatch(/attribute value: :nope/);
    expect(messageOf('tenant = n')).toMatch(/one attribute with one :value/);
    expect(messageOf('tenant = :t AND')).toMatch(/ends/);
  });
});
