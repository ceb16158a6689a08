import { describe, expect, it } from '@jest/globals';
import {
  float32List,
  float32Vector,
  float32VectorOf,
  isFloat32VectorValue,
} from './float32-vector.js';
import { shortestFloat32 } from './float32-text.js';
import { InvalidVectorError } from './vector-errors.js';

/** Deterministic float32 values over many magnitudes (a Lehmer generator). */
function sampleFloat32s(count: number): Float32Array {
  const values = new Float32Array(count);
  let state = 12345;
  for (let index = 0; index < count; index++) {
    state = (state * 48271) % 2147483647;
    const unit = state / 2147483647;
    values[index] = (unit * 2 - 1) * 10 ** ((index % 80) - 40);
  }
  return values;
}

/** The shortest decimal that reads back as `value` in float32, found by brute force. */
function bruteForceShortest(value: number): string {
  for (let digits = 1; digits <= 17; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(value);
}

describe('float32 number text', () => {
  it('reads back as the same float32 for values across the whole range', () => {
    const values = sampleFloat32s(20_000);
    const changed = values.filter((value) => Math.fround(shortestFloat32(value)) !== value);
    expect([...changed]).toEqual([]);
  });

  it('uses as many significant digits as the shortest round-tripping decimal', () => {
    const values = sampleFloat32s(2_000).filter((value) => Math.abs(value) > 1e-37);
    let longer = 0;
    for (const value of values) {
      const digits = (text: string) =>
        text.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
      if (digits(String(shortestFloat32(value))) > digits(bruteForceShortest(value))) longer++;
    }
    expect(longer).toBe(0);
  });

  it.each([
    [9.784929488887428e-7, 9.78493e-7],
    [-9.972760515482423e-16, -9.97276e-16],
    [9.854840502993318e37, 9.85484e37],
  ])('writes %p with fewer than seven digits when fewer read back (%p)', (value, shortest) => {
    // Rare among random float32s (about 1 in 7,500), so the sample above may miss every one.
    expect(shortestFloat32(Math.fround(value))).toBe(shortest);
  });

  it('writes 0.1 as 0.1, not as the widened 0.10000000149011612', () => {
    expect(JSON.stringify(float32Vector(new Float32Array([0.1, -0.3, 0.7])))).toBe(
      '{"FLOAT32VECTOR":[0.1,-0.3,0.7]}',
    );
  });

  it('keeps the extremes of float32 exact', () => {
    const extremes = [
      3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38,
    ];
    const { FLOAT32VECTOR } = float32Vector(extremes);
    expect(FLOAT32VECTOR.map((value) => Math.fround(value))).toEqual(extremes);
  });
});

describe('float32Vector', () => {
  it('accepts typed arrays and plain arrays, rounding to float32', () => {
    expect(float32Vector(new Float64Array([0.5, 1 / 3])).FLOAT32VECTOR).toEqual([0.5, 0.33333334]);
    expect(float32Vector([1, 2]).FLOAT32VECTOR).toEqual([1, 2]);
    expect(float32Vector([]).FLOAT32VECTOR).toEqual([]);
  });

  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-1e39, '-1e+39'],
  ])('refuses %p, naming the attribute and the element', (bad, shown) => {
    const attempt = () => float32Vector([0.5, bad], 'embedding');
    expect(attempt).toThrow(InvalidVectorError);
    expect(attempt).toThrow(`Vector attribute 'embedding': element 1 is ${shown}`);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ attributeName: 'embedding', index: 1 });
    }
  });

  it('refuses what is not a number, and what is not a list', () => {
    expect(() => float32Vector(['1'] as unknown as number[], 'v')).toThrow(
      `Vector attribute 'v': element 0 is the string "1"`,
    );
    expect(() => float32Vector(42 as unknown as number[])).toThrow(
      'Vector must be an array or typed array of numbers, got 42',
    );
  });
});

describe('float32List and reading vectors back', () => {
  it('writes a list of N in the same text', () => {
    expect(float32List(new Float32Array([0.1, 2]), 'v')).toEqual({ L: [{ N: '0.1' }, { N: '2' }] });
    expect(() => float32List([Infinity], 'v')).toThrow(InvalidVectorError);
  });

  it('reads either form as a Float32Array, and nothing else', () => {
    expect(float32VectorOf({ FLOAT32VECTOR: [0.5, 0.25] } as never)).toEqual(
      new Float32Array([0.5, 0.25]),
    );
    expect(float32VectorOf({ L: [{ N: '0.5' }, { N: '-2' }] })).toEqual(
      new Float32Array([0.5, -2]),
    );
    expect(float32VectorOf({ L: [{ S: 'x' }] })).toBeUndefined();
    expect(float32VectorOf({ S: 'x' })).toBeUndefined();
    expect(float32VectorOf(undefined)).toBeUndefined();
  });

  it('recognizes FLOAT32VECTOR values as the client returns them', () => {
    expect(isFloat32VectorValue({ FLOAT32VECTOR: [] })).toBe(true);
    expect(isFloat32VectorValue({ L: [] })).toBe(false);
    expect(isFloat32VectorValue(null)).toBe(false);
  });
});
