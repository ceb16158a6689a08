import type {
  BatchWriteItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { affinityHash } from './affinity-key.js';
import { batchWriteVotes, extractAffinityKey, rankVotedNodes } from './write-target.js';

const hashOf = (value: string): bigint => {
  const hash = affinityHash({ S: value });
  if (hash === undefined) throw new Error('a string key always hashes');
  return hash;
};

const put = (pk: string, extra: Record<string, unknown> = {}) => ({
  PutRequest: { Item: { pk: { S: pk }, ...extra } },
});
const del = (pk: string) => ({ DeleteRequest: { Key: { pk: { S: pk }, sk: { N: '1' } } } });

describe('extractAffinityKey', () => {
  it('takes the partition key from PutItem.Item and from UpdateItem/DeleteItem.Key', () => {
    const putInput: PutItemCommandInput = {
      TableName: 't',
      Item: { id: { S: 'a' }, sort: { N: '1' }, data: { S: 'x' } },
    };
    const updateInput: UpdateItemCommandInput = {
      TableName: 't',
      Key: { id: { N: '7' }, sort: { N: '1' } },
      UpdateExpression: 'SET data = :v',
    };
    expect(extractAffinityKey('PutItem', putInput, 'id')).toEqual({ S: 'a' });
    expect(extractAffinityKey('UpdateItem', updateInput, 'id')).toEqual({ N: '7' });
    expect(
      extractAffinityKey('DeleteItem', { Key: { id: { B: Uint8Array.of(1) } } }, 'id'),
    ).toEqual({ B: Uint8Array.of(1) });
  });

  it('ignores the sort key: only the named partition key is used', () => {
    const a = extractAffinityKey('DeleteItem', { Key: { id: { S: 'k' }, sort: { N: '1' } } }, 'id');
    const b = extractAffinityKey('DeleteItem', { Key: { id: { S: 'k' }, sort: { N: '2' } } }, 'id');
    expect(a).toEqual(b);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['a read', 'GetItem', { Key: { id: { S: 'a' } } }],
    ['a batch', 'BatchWriteItem', { RequestItems: {} }],
    ['PutItem reading Key instead of Item', 'PutItem', { Key: { id: { S: 'a' } } }],
    ['UpdateItem reading Item instead of Key', 'UpdateItem', { Item: { id: { S: 'a' } } }],
    ['a missing partition key', 'PutItem', { Item: { other: { S: 'a' } } }],
    ['a Key that is not an object', 'DeleteItem', { Key: 'a' }],
    ['a key value that is not an object', 'DeleteItem', { Key: { id: 'a' } }],
  ])('returns undefined for %s', (_label, operation, input) => {
    expect(extractAffinityKey(operation, input, 'id')).toBeUndefined();
  });
});

describe('batchWriteVotes', () => {
  const pkNames: Record<string, string> = { users: 'pk', orders: 'pk' };
  const pkNameOf = (table: string): string | undefined => pkNames[table];

  it('counts one vote per put or delete, grouped by key hash, most votes first', () => {
    const input: BatchWriteItemCommandInput = {
      RequestItems: {
        users: [put('a'), put('b'), del('a')],
        orders: [put('a', { total: { N: '3' } }), del('c')],
      },
    };
    const votes = batchWriteVotes(input, pkNameOf);
    expect(votes[0]).toEqual({ hash: hashOf('a'), count: 3 });
    expect(votes.slice(1)).toEqual(
      [
        { hash: hashOf('b'), count: 1 },
        { hash: hashOf('c'), count: 1 },
      ].sort((x, y) => (x.hash < y.hash ? -1 : 1)),
    );
  });

  it('does not depend on the order of tables or requests', () => {
    const forward = batchWriteVotes(
      { RequestItems: { users: [put('a'), put('b'), put('c')], orders: [del('b')] } },
      pkNameOf,
    );
    const backward = batchWriteVotes(
      { RequestItems: { orders: [del('b')], users: [put('c'), put('b'), put('a')] } },
      pkNameOf,
    );
    expect(backward).toEqual(forward);
    expect(forward[0]).toEqual({ hash: hashOf('b'), count: 2 });
  });

  it('skips tables without a known partition key, and malformed or unhashable entries', () => {
    const votes = batchWriteVotes(
      {
        RequestItems: {
          unknown: [put('x')],
          users: [
            put('a'),
            {
              PutRequest: { Item: { pk: { S: 'y' } } },
              DeleteRequest: { Key: { pk: { S: 'y' } } },
            },
            {},
            null,
            { PutRequest: { Item: { pk: { BOOL: true } } } },
            { PutRequest: { Item: { other: { S: 'z' } } } },
          ],
          orders: 'not a list',
        },
      },
      pkNameOf,
    );
    expect(votes).toEqual([{ hash: hashOf('a'), count: 1 }]);
  });

  it('returns no votes for an empty or malformed batch, meaning normal routing', () => {
    expect(batchWriteVotes({ RequestItems: {} }, pkNameOf)).toEqual([]);
    expect(batchWriteVotes({ RequestItems: { users: [] } }, pkNameOf)).toEqual([]);
    expect(batchWriteVotes({}, pkNameOf)).toEqual([]);
  });
});

describe('rankVotedNodes', () => {
  it('adds up votes per node and breaks ties by endpoint, compared bytewise', () => {
    const preferred = new Map<bigint, string>([
      [1n, 'http://10.0.0.1:8000'],
      [2n, 'http://10.0.0.10:8000'],
      [3n, 'http://10.0.0.2:8000'],
      [4n, 'http://10.0.0.2:8000'],
    ]);
    const ranked = rankVotedNodes(
      [
        { hash: 1n, count: 2 },
        { hash: 2n, count: 2 },
        { hash: 3n, count: 1 },
        { hash: 4n, count: 2 },
      ],
      (hash) => preferred.get(hash),
      (node) => node,
    );
    // 10.0.0.2 has 3 votes; then a tie at 2 where ':' > '0' puts 10.0.0.10 before 10.0.0.1.
    expect(ranked).toEqual([
      'http://10.0.0.2:8000',
      'http://10.0.0.10:8000',
      'http://10.0.0.1:8000',
    ]);
  });

  it('drops votes for hashes without a preferred node', () => {
    const ranked = rankVotedNodes(
      [
        { hash: 1n, count: 5 },
        { hash: 2n, count: 1 },
      ],
      (hash) => (hash === 2n ? { url: 'http://10.0.0.3:8000' } : undefined),
      (node) => node.url,
    );
    expect(ranked).toEqual([{ url: 'http://10.0.0.3:8000' }]);
  });
});
