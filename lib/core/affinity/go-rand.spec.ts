import { describe, expect, it } from '@jest/globals';
import { GoRand } from './go-rand.js';
import { GO_RAND_COOKED } from './go-rand-cooked.js';

const draws = (random: GoRand, count: number): bigint[] =>
  Array.from({ length: count }, () => random.int63());

describe('GO_RAND_COOKED', () => {
  it('holds the 607 values of query-plan-rng-cooked.tsv in order', () => {
    expect(GO_RAND_COOKED).toHaveLength(607);
    expect(GO_RAND_COOKED[0]).toBe(-4181792142133755926n);
    expect(GO_RAND_COOKED[1]).toBe(-4576982950128230565n);
    expect(GO_RAND_COOKED[2]).toBe(1395769623340756751n);
    expect(GO_RAND_COOKED[3]).toBe(5333664234075297259n);
    expect(GO_RAND_COOKED[606]).toBe(4152330101494654406n);
  });
});

describe('GoRand', () => {
  it('reproduces Go: rand.New(rand.NewSource(1)).Int63() twice', () => {
    expect(draws(new GoRand(1n), 2)).toEqual([5577006791947779410n, 8674665223082153551n]);
  });

  it('reproduces Go: seed 1 gives Intn(100) = 81 and Intn(10) = 1 (the Go tour numbers)', () => {
    expect(new GoRand(1n).intn(100)).toBe(81);
    expect(new GoRand(1n).intn(10)).toBe(1);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(draws(new GoRand(42n), 50)).toEqual(draws(new GoRand(42n), 50));
    expect(draws(new GoRand(42n), 5)).not.toEqual(draws(new GoRand(43n), 5));
  });

  it('reduces the seed modulo 2^31 - 1 and replaces 0 with 89482311, as Go does', () => {
    const zero = draws(new GoRand(0n), 5);
    expect(draws(new GoRand(89_482_311n), 5)).toEqual(zero);
    expect(draws(new GoRand(2_147_483_647n), 5)).toEqual(zero);
    expect(draws(new GoRand(-1n), 5)).toEqual(draws(new GoRand(2_147_483_646n), 5));
    expect(draws(new GoRand(2_147_483_648n), 5)).toEqual(draws(new GoRand(1n), 5));
  });

  it('accepts the extreme int64 seeds', () => {
    for (const seed of [9223372036854775807n, -9223372036854775808n]) {
      const value = new GoRand(seed).int63();
      expect(value >= 0n && value < 1n << 63n).toBe(true);
    }
  });

  it('restarts the sequence when reseeded', () => {
    const random = new GoRand(7n);
    const first = draws(random, 700);
    random.seed(7n);
    expect(draws(random, 700)).toEqual(first);
  });

  it('keeps producing 63-bit values past the 607-word state wrap-around', () => {
    const values = draws(new GoRand(12345n), 2000);
    expect(values.every((value) => value >= 0n && value < 1n << 63n)).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it('int31 is the top 31 bits of int63', () => {
    const wide = new GoRand(99n);
    const narrow = new GoRand(99n);
    for (let i = 0; i < 20; i++) expect(narrow.int31()).toBe(Number(wide.int63() >> 32n));
  });

  it('masks a power-of-two bound instead of rejecting', () => {
    const bounded = new GoRand(5n);
    const raw = new GoRand(5n);
    for (let i = 0; i < 20; i++) expect(bounded.intn(8)).toBe(raw.int31() & 7);
    expect(bounded.intn(2 ** 40)).toBe(Number(raw.int63() & (2n ** 40n - 1n)));
  });

  it('rejects 31-bit draws above the largest multiple of n, like Go Int31n', () => {
    const n = 2 ** 30 + 1; // accepts only draws <= 2^30: about half are rejected
    const bounded = new GoRand(11n);
    const raw = new GoRand(11n);
    for (let i = 0; i < 20; i++) {
      let value = raw.int31();
      while (value > 2 ** 30) value = raw.int31();
      expect(bounded.intn(n)).toBe(value % n);
    }
  });

  it('switches to 63-bit draws above 2^31 - 1, like Go Intn', () => {
    const n = 3_000_000_000;
    const bounded = new GoRand(3n);
    const raw = new GoRand(3n);
    for (let i = 0; i < 20; i++) expect(bounded.intn(n)).toBe(Number(raw.int63n(BigInt(n))));
  });

  it('rejects 63-bit draws above the largest multiple of n, like Go Int63n', () => {
    const n = 2n ** 62n + 1n;
    const bounded = new GoRand(13n);
    const raw = new GoRand(13n);
    for (let i = 0; i < 20; i++) {
      let value = raw.int63();
      while (value > 2n ** 62n) value = raw.int63();
      expect(bounded.int63n(n)).toBe(value % n);
    }
  });

  it('stays within [0, n) for small bounds', () => {
    const random = new GoRand(-77n);
    for (const n of [1, 2, 3, 10, 11, 1000]) {
      for (let i = 0; i < 50; i++) {
        const value = random.intn(n);
        expect(value >= 0 && value < n).toBe(true);
      }
    }
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses intn(%p)', (n) => {
    expect(() => new GoRand(1n).intn(n)).toThrow(RangeError);
  });

  it('refuses bounds outside Go ranges for int31n and int63n', () => {
    expect(() => new GoRand(1n).int31n(2 ** 31)).toThrow(RangeError);
    expect(() => new GoRand(1n).int63n(0n)).toThrow(RangeError);
    expect(() => new GoRand(1n).int63n(2n ** 63n)).toThrow(RangeError);
  });
});
