import type { PutItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { needsReadBeforeWrite, type SingleItemWrite } from './rmw.js';

type Case = [string, SingleItemWrite, Record<string, unknown>, boolean];

const item = { Item: { pk: { S: 'k' }, a: { N: '1' } } };
const key = { Key: { pk: { S: 'k' } } };
const update = (UpdateExpression: string, extra: Record<string, unknown> = {}) => ({
  ...key,
  UpdateExpression,
  ...extra,
});

describe('needsReadBeforeWrite', () => {
  // prettier-ignore
  const cases: Case[] = [
    // PutItem and DeleteItem
    ['plain PutItem', 'PutItem', item, false],
    ['PutItem with ConditionExpression', 'PutItem', { ...item, ConditionExpression: 'attribute_not_exists(pk)' }, true],
    ['PutItem with an empty ConditionExpression', 'PutItem', { ...item, ConditionExpression: '' }, false],
    ['PutItem with Expected', 'PutItem', { ...item, Expected: { a: { Exists: false } } }, true],
    ['PutItem with an empty Expected (the server checks presence)', 'PutItem', { ...item, Expected: {} }, true],
    ['PutItem with Expected undefined', 'PutItem', { ...item, Expected: undefined }, false],
    ['PutItem with ReturnValues ALL_OLD', 'PutItem', { ...item, ReturnValues: 'ALL_OLD' }, true],
    ['PutItem with ReturnValues NONE', 'PutItem', { ...item, ReturnValues: 'NONE' }, false],
    ['PutItem with ReturnValuesOnConditionCheckFailure only', 'PutItem', { ...item, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }, false],
    ['plain DeleteItem', 'DeleteItem', key, false],
    ['DeleteItem with ConditionExpression', 'DeleteItem', { ...key, ConditionExpression: 'a = :v' }, true],
    ['DeleteItem with Expected', 'DeleteItem', { ...key, Expected: { a: { Value: { N: '1' } } } }, true],
    ['DeleteItem with ReturnValues ALL_OLD', 'DeleteItem', { ...key, ReturnValues: 'ALL_OLD' }, true],
    ['DeleteItem with ReturnValues NONE', 'DeleteItem', { ...key, ReturnValues: 'NONE' }, false],
    ['PutItem ignores an UpdateExpression it cannot carry', 'PutItem', { ...item, UpdateExpression: 'ADD a :n' }, false],

    // UpdateItem: blind writes
    ['SET a = :v', 'UpdateItem', update('SET a = :v'), false],
    ['SET #a = :v, b = :w', 'UpdateItem', update('SET #a = :v, b = :w'), false],
    ['REMOVE a', 'UpdateItem', update('REMOVE a'), false],
    ['SET a = :v REMOVE b', 'UpdateItem', update('SET a = :v REMOVE b'), false],
    ['SET a=:v,b=:w', 'UpdateItem', update('SET a=:v,b=:w'), false],
    ['lower-case keywords', 'UpdateItem', update('set a = :v remove b'), false],
    ['extra whitespace', 'UpdateItem', update('  SET\ta  =  :v ,\n b = :w  '), false],
    ['an attribute called set', 'UpdateItem', update('SET set = :v'), false],
    ['value arithmetic only', 'UpdateItem', update('SET a = :x + :y'), false],
    ['list_append of values only', 'UpdateItem', update('SET a = list_append(:l, :m)'), false],
    ['ReturnValues UPDATED_NEW', 'UpdateItem', update('SET a = :v', { ReturnValues: 'UPDATED_NEW' }), false],
    ['ReturnValues NONE', 'UpdateItem', update('SET a = :v', { ReturnValues: 'NONE' }), false],
    ['legacy PUT', 'UpdateItem', { ...key, AttributeUpdates: { a: { Action: 'PUT', Value: { N: '1' } } } }, false],
    ['legacy default action (PUT)', 'UpdateItem', { ...key, AttributeUpdates: { a: { Value: { N: '1' } } } }, false],
    ['legacy DELETE without a Value', 'UpdateItem', { ...key, AttributeUpdates: { a: { Action: 'DELETE' } } }, false],
    ['no update at all', 'UpdateItem', key, false],

    // UpdateItem: read-modify-write
    ['SET a = b', 'UpdateItem', update('SET a = b'), true],
    ['SET a = a + :x', 'UpdateItem', update('SET a = a + :x'), true],
    ['SET a = :x - #b', 'UpdateItem', update('SET a = :x - #b'), true],
    ['list_append(a, :l)', 'UpdateItem', update('SET a = list_append(a, :l)'), true],
    ['if_not_exists(a, :v)', 'UpdateItem', update('SET a = if_not_exists(a, :v)'), true],
    ['a path nested in functions', 'UpdateItem', update('SET a = list_append(if_not_exists(a, :e), :l)'), true],
    ['a blind SET followed by one that reads', 'UpdateItem', update('SET a = :v, b = c'), true],
    ['ADD', 'UpdateItem', update('ADD counter :one'), true],
    ['DELETE', 'UpdateItem', update('DELETE tags :t'), true],
    ['lower-case add after a blind SET', 'UpdateItem', update('SET a = :v add n :one'), true],
    ['SET on a nested member', 'UpdateItem', update('SET a.b = :v'), true],
    ['SET on a list element', 'UpdateItem', update('SET a[2] = :v'), true],
    ['SET on a nested placeholder path', 'UpdateItem', update('SET #n.#m = :v'), true],
    ['REMOVE of a nested path', 'UpdateItem', update('REMOVE a.b'), true],
    ['REMOVE of a list element', 'UpdateItem', update('REMOVE a[0]'), true],
    ['ConditionExpression', 'UpdateItem', update('SET a = :v', { ConditionExpression: 'b = :w' }), true],
    ['Expected', 'UpdateItem', { ...key, Expected: { a: { Exists: true } }, AttributeUpdates: {} }, true],
    ['ReturnValues ALL_OLD', 'UpdateItem', update('SET a = :v', { ReturnValues: 'ALL_OLD' }), true],
    ['ReturnValues UPDATED_OLD', 'UpdateItem', update('SET a = :v', { ReturnValues: 'UPDATED_OLD' }), true],
    ['ReturnValues ALL_NEW', 'UpdateItem', update('SET a = :v', { ReturnValues: 'ALL_NEW' }), true],
    ['legacy ADD', 'UpdateItem', { ...key, AttributeUpdates: { n: { Action: 'ADD', Value: { N: '1' } } } }, true],
    ['legacy DELETE with a Value', 'UpdateItem', { ...key, AttributeUpdates: { s: { Action: 'DELETE', Value: { SS: ['x'] } } } }, true],
    ['one legacy ADD among PUTs', 'UpdateItem', { ...key, AttributeUpdates: { a: { Action: 'PUT', Value: { N: '1' } }, n: { Action: 'ADD', Value: { N: '1' } } } }, true],

    // Unparseable expressions are pinned (see needsReadBeforeWrite's documentation)
    ['an unknown clause', 'UpdateItem', update('UPSERT a = :v'), true],
    ['a truncated expression', 'UpdateItem', update('SET a ='), true],
    ['an empty expression', 'UpdateItem', update(''), true],
    ['a non-string expression', 'UpdateItem', { ...key, UpdateExpression: 42 }, true],
  ];

  const titled = cases.map(([label, operation, input, expected]): Case => [
    `${operation}: ${label} -> ${expected ? 'read-modify-write' : 'blind write'}`,
    operation,
    input,
    expected,
  ]);

  it.each(titled)('%s', (_title, operation, input, expected) => {
    expect(needsReadBeforeWrite(operation, input)).toBe(expected);
  });
});

describe('needsReadBeforeWrite with SDK command inputs', () => {
  it('accepts typed PutItem and UpdateItem inputs without casts', () => {
    const putInput: PutItemCommandInput = {
      TableName: 't',
      Item: { pk: { S: 'k' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const updateInput: UpdateItemCommandInput = {
      TableName: 't',
      Key: { pk: { S: 'k' } },
      UpdateExpression: 'SET visits = visits + :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    };
    expect(needsReadBeforeWrite('PutItem', putInput)).toBe(true);
    expect(needsReadBeforeWrite('UpdateItem', updateInput)).toBe(true);
  });
});
