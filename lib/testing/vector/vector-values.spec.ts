import { describe, expect, it } from '@jest/globals';
import { float32OfNumberText, readVector } from './vector-values.js';

describe('vector-values', () => {
  it('reads lists of numbers and FLOAT32VECTOR values as float32', () => {
    expect(readVector({ L: [{ N: '0.1' }, { N: '-2' }] })).toEqual(Float32Array.from([0.1, -2]));
    expect(readVector({ FLOAT32VECTOR: [0.5, 3] })).toEqual(Float32Array.from([0.5, 3]));
    expect(readVector({ L: [] })).toEqual(new Float32Array(0));
  });

  it('returns nothing for values that are not vectors a float32 can hold', () => {
    expect(readVector({ L: [{ N: '1' }, { S: '2' }] })).toBeUndefined();
    expect(readVector({ L: [{ N: '1e39' }] })).toBeUndefined();
    expect(readVector({ NS: ['1', '2'] })).toBeUndefined();
    expect(readVector({ FLOAT32VECTOR: [1, null] })).toBeUndefined();
    expect(readVector(undefined)).toBeUndefined();
  });

  it('parses DynamoDB number text only', () => {
    expect(float32OfNumberText('1.5e3')).toBe(1500);
    expect(float32OfNumberText('-.25')).toBe(-0.25);
    expect(float32OfNumberText('0x10')).toBeUndefined();
    expect(float32OfNumberText('')).toBeUndefined();
    expect(float32OfNumberText('3.5e38')).toBeUndefined();
  });
});
