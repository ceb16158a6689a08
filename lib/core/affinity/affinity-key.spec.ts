import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { affinityHash, affinityKeyBytes } from './affinity-key.js';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

/** Every row of the cross-language vector file affinity-hash.tsv. */
const AFFINITY_HASH_VECTORS: ReadonlyArray<[string, AttributeValue, bigint]> = [
  ['S "hello"', { S: 'hello' }, 8815023923555918238n],
  ['S ""', { S: '' }, 8849112093580131862n],
  ['S "user_123"', { S: 'user_123' }, -4025731529809423594n],
  ['S "こんにちは"', { S: 'こんにちは' }, -8746014667889746860n],
  ['N "42"', { N: '42' }, -5061732451827723051n],
  ['N "-12345"', { N: '-12345' }, 2496798676881075539n],
  ['N "3.14159"', { N: '3.14159' }, 2139945193071104172n],
  ['N "1.23E10"', { N: '1.23E10' }, -8571981415737439826n],
  ['B 010203', { B: hex('010203') }, 5026299041734804437n],
  ['B empty', { B: hex('') }, 8244620721157455449n],
  ['B ff0080', { B: hex('ff0080') }, 14533934253577680n],
];

describe('affinityHash', () => {
  it.each(AFFINITY_HASH_VECTORS)('matches the shared vector for %s', (_label, value, expected) => {
    expect(affinityHash(value)).toBe(expected);
  });

  it('does not normalise numbers: "42" and "42.0" pick different seeds, as on the server', () => {
    expect(affinityHash({ N: '42' })).not.toBe(affinityHash({ N: '42.0' }));
  });

  it('keeps types apart: S "1", N "1" and B 0x31 hash differently', () => {
    const hashes = new Set([
      affinityHash({ S: '1' }),
      affinityHash({ N: '1' }),
      affinityHash({ B: Uint8Array.of(0x31) }),
    ]);
    expect(hashes.size).toBe(3);
  });

  it('hashes a Node Buffer like the Uint8Array with the same bytes', () => {
    expect(affinityHash({ B: Buffer.from([1, 2, 3]) })).toBe(5026299041734804437n);
  });
});

describe('affinityKeyBytes', () => {
  it('prefixes the type byte: S=1, N=2, B=3', () => {
    expect(affinityKeyBytes({ S: 'hi' })).toEqual(Uint8Array.of(1, 0x68, 0x69));
    expect(affinityKeyBytes({ N: '-1.5' })).toEqual(Uint8Array.of(2, 0x2d, 0x31, 0x2e, 0x35));
    expect(affinityKeyBytes({ B: Uint8Array.of(0, 255) })).toEqual(Uint8Array.of(3, 0, 255));
  });

  it('encodes strings as UTF-8 exactly like TextEncoder, surrogates included', () => {
    const samples = [
      '',
      'a',
      'é',
      '€',
      '😀',
      'x😀y€é',
      'こんにちは',
      'a\uD800b',
      '\uDC00',
      '\uD83D',
    ];
    const encoder = new TextEncoder();
    for (const text of samples) {
      expect([text, affinityKeyBytes({ S: text })]).toEqual([
        text,
        Uint8Array.from([1, ...encoder.encode(text)]),
      ]);
    }
  });

  it.each<[string, unknown]>([
    ['BOOL', { BOOL: true }],
    ['NULL', { NULL: true }],
    ['SS', { SS: ['a'] }],
    ['NS', { NS: ['1'] }],
    ['BS', { BS: [Uint8Array.of(1)] }],
    ['L', { L: [{ S: 'a' }] }],
    ['M', { M: { a: { S: 'a' } } }],
    ['$unknown', { $unknown: ['X', 'a'] }],
  ])('gives no affinity for type %s', (_label, value) => {
    expect(affinityKeyBytes(value as AttributeValue)).toBeUndefined();
    expect(affinityHash(value as AttributeValue)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['two members set', { S: 'a', N: '1' }],
    ['no member set', {}],
    ['S holding a number', { S: 42 }],
    ['N holding a number', { N: 42 }],
    ['B holding a base64 string', { B: 'AQID' }],
    ['null', null],
    ['a bare string', 'hello'],
  ])('gives no affinity for a malformed value: %s', (_label, value) => {
    expect(affinityKeyBytes(value as AttributeValue)).toBeUndefined();
  });

  it('ignores members explicitly set to undefined, as the SDK serializer does', () => {
    const value = { S: 'hello', N: undefined } as unknown as AttributeValue;
    expect(affinityHash(value)).toBe(8815023923555918238n);
  });

  it('returns a fresh copy that does not alias the caller binary', () => {
    const payload = Uint8Array.of(1, 2, 3);
    const bytes = affinityKeyBytes({ B: payload });
    payload[0] = 9;
    expect(bytes).toEqual(Uint8Array.of(3, 1, 2, 3));
  });
});
