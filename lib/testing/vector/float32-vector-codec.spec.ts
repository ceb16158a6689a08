import { describe, expect, it } from '@jest/globals';
import {
  decodeFloat32Vectors,
  decodeStoredVector,
  encodeFloat32Vectors,
  encodeStoredVector,
  mayHoldStoredVectors,
} from './float32-vector-codec.js';

describe('float32-vector-codec', () => {
  it('stores a vector as a marked binary of big-endian float32s and reads it back', () => {
    const values = [0.1, -3.5, 1e-7, 3.4028234663852886e38, 0];
    const stored = encodeStoredVector(values);
    const bytes = Buffer.from(stored, 'base64');
    expect(bytes.length).toBe(12 + 4 * values.length);
    expect(bytes.readFloatBE(12 + 4)).toBe(-3.5);
    expect(decodeStoredVector(stored)).toEqual(values.map((value) => Math.fround(value)));
    expect(decodeStoredVector(encodeStoredVector([]))).toEqual([]);
  });

  it('leaves ordinary binary values alone', () => {
    const plain = Buffer.from('hello world, not a vector').toString('base64');
    expect(decodeStoredVector(plain)).toBeUndefined();
    const value = { B: plain };
    decodeFloat32Vectors(value);
    expect(value).toEqual({ B: plain });
    expect(mayHoldStoredVectors(Buffer.from(JSON.stringify(value)))).toBe(false);
  });

  it('encodes every FLOAT32VECTOR in place, nested in maps and lists, and decodes it back', () => {
    const item = {
      top: { FLOAT32VECTOR: [0.5, 0.1] },
      FLOAT32VECTOR: { S: 'an attribute that is only named FLOAT32VECTOR' },
      nested: { M: { deep: { L: [{ FLOAT32VECTOR: [1, 2] }, { N: '3' }] } } },
    };
    expect(encodeFloat32Vectors(item, 'PutItem', true)).toBeUndefined();
    expect(item.top).toEqual({ B: expect.any(String) });
    expect(item.FLOAT32VECTOR).toEqual({ S: 'an attribute that is only named FLOAT32VECTOR' });
    expect(mayHoldStoredVectors(Buffer.from(JSON.stringify(item)))).toBe(true);
    decodeFloat32Vectors(item);
    expect(item).toEqual({
      top: { FLOAT32VECTOR: [0.5, Math.fround(0.1)] },
      FLOAT32VECTOR: { S: 'an attribute that is only named FLOAT32VECTOR' },
      nested: { M: { deep: { L: [{ FLOAT32VECTOR: [1, 2] }, { N: '3' }] } } },
    });
  });

  it('refuses elements that are not numbers or not finite as float32', () => {
    const refuse = (contents: unknown) =>
      encodeFloat32Vectors({ v: { FLOAT32VECTOR: contents } }, 'PutItem', true)?.message;
    expect(refuse([1, 3.5e38])).toBe(
      'PutItem: FLOAT32VECTOR element 3.5e+38 cannot be represented as a 32-bit float',
    );
    expect(refuse([1, null])).toBe(
      'PutItem: FLOAT32VECTOR vector elements must be numbers, got null',
    );
    expect(refuse('1,2')).toMatch(/must be a list of numbers/);
    // The largest float32 itself is fine.
    expect(refuse([3.4028234663852886e38])).toBeUndefined();
  });

  it('answers "unknown type" where the server predates FLOAT32VECTOR', () => {
    const error = encodeFloat32Vectors({ v: { FLOAT32VECTOR: [1] } }, 'PutItem', false);
    expect(error?.type).toBe('ValidationException');
    expect(error?.message).toBe(
      'PutItem: unknown type FLOAT32VECTOR for value {"FLOAT32VECTOR":[1]}',
    );
  });
});
