import { describe, expect, it } from '@jest/globals';
import { parseUpdateExpression, UpdateExpressionSyntaxError } from './update-expression.js';

describe('parseUpdateExpression', () => {
  it('reads each action with its clause, nesting and whether it reads a path', () => {
    expect(
      parseUpdateExpression(
        'SET a = :v, b.c = b.c + :one, d = list_append(:l, :m) REMOVE e[2], f ADD g :n DELETE h :s',
      ),
    ).toEqual([
      { clause: 'SET', nested: false, readsPath: false },
      { clause: 'SET', nested: true, readsPath: true },
      { clause: 'SET', nested: false, readsPath: false },
      { clause: 'REMOVE', nested: true, readsPath: false },
      { clause: 'REMOVE', nested: false, readsPath: false },
      { clause: 'ADD', nested: false, readsPath: false },
      { clause: 'DELETE', nested: false, readsPath: false },
    ]);
  });

  it('finds paths inside nested function calls', () => {
    expect(parseUpdateExpression('SET l = list_append(if_not_exists(l, :empty), :x)')).toEqual([
      { clause: 'SET', nested: false, readsPath: true },
    ]);
  });

  it('treats clause keywords as names where a path is expected', () => {
    expect(parseUpdateExpression('set set = :v, remove = :w remove add')).toEqual([
      { clause: 'SET', nested: false, readsPath: false },
      { clause: 'SET', nested: false, readsPath: false },
      { clause: 'REMOVE', nested: false, readsPath: false },
    ]);
  });

  it('accepts placeholders, nested placeholders and list indexes', () => {
    expect(parseUpdateExpression('SET #a = :v, #m.#k[0].x = :w')).toEqual([
      { clause: 'SET', nested: false, readsPath: false },
      { clause: 'SET', nested: true, readsPath: false },
    ]);
  });

  it('needs no whitespace around symbols and accepts any amount of it', () => {
    expect(parseUpdateExpression('SET a=:v,b=:w')).toHaveLength(2);
    expect(parseUpdateExpression('  \tSET\n a   =\r\n:v  ')).toHaveLength(1);
  });

  it.each([
    '',
    '   ',
    'SET',
    'SET a',
    'SET a =',
    'SET a = :v,',
    'SET a = :v +',
    'UPSERT a = :v',
    'SET a = :v :w',
    'SET a[x] = :v',
    'SET a. = :v',
    'SET a = f(',
    'SET a = f()',
    'ADD a',
    'ADD a b',
    'REMOVE :v',
    'SET a = :v; DROP TABLE t',
    'SET 1a = :v',
    'SET # = :v',
  ])('rejects %p', (text) => {
    expect(() => parseUpdateExpression(text)).toThrow(UpdateExpressionSyntaxError);
  });

  it('names the offending token in its message', () => {
    expect(() => parseUpdateExpression('SET a = :v :w')).toThrow(
      "expected a clause keyword, found ':w' at 11",
    );
  });
});
