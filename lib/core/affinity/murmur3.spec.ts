import { describe, expect, it } from '@jest/globals';
import { murmur3x64Hash1 } from './murmur3.js';

const MASK_64 = (1n << 64n) - 1n;

/**
 * MurmurHash3 x64_128 h1 written the obvious way with BigInt: slow, but close enough to the
 * reference C++ to check the 32-bit-halves implementation against, input by input.
 */
function referenceHash1(bytes: Uint8Array): bigint {
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK_64;
  const add = (a: bigint, b: bigint): bigint => (a + b) & MASK_64;
  const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK_64;
  const fmix = (k: bigint): bigint => {
    k ^= k >> 33n;
    k = mul(k, 0xff51afd7ed558ccdn);
    k ^= k >> 33n;
    k = mul(k, 0xc4ceb9fe1a85ec53n);
    return k ^ (k >> 33n);
  };
  const wordAt = (from: number, count: number): bigint => {
    let word = 0n;
    for (let i = count - 1; i >= 0; i--) word = (word << 8n) | BigInt(bytes[from + i]);
    return word;
  };
  let h1 = 0n;
  let h2 = 0n;
  const blocks = Math.floor(bytes.length / 16);
  for (let block = 0; block < blocks; block++) {
    h1 ^= mul(rotl(mul(wordAt(block * 16, 8), c1), 31n), c2);
    h1 = add(mul(add(rotl(h1, 27n), h2), 5n), 0x52dce729n);
    h2 ^= mul(rotl(mul(wordAt(block * 16 + 8, 8), c2), 33n), c1);
    h2 = add(mul(add(rotl(h2, 31n), h1), 5n), 0x38495ab5n);
  }
  const tail = bytes.length - blocks * 16;
  if (tail > 8) h2 ^= mul(rotl(mul(wordAt(blocks * 16 + 8, tail - 8), c2), 33n), c1);
  if (tail > 0) h1 ^= mul(rotl(mul(wordAt(blocks * 16, Math.min(tail, 8)), c1), 31n), c2);
  h1 ^= BigInt(bytes.length);
  h2 ^= BigInt(bytes.length);
  h1 = add(h1, h2);
  h2 = add(h2, h1);
  h1 = fmix(h1);
  h2 = fmix(h2);
  return BigInt.asIntN(64, add(h1, h2));
}

/** Deterministic bytes covering the whole 0..255 range, high bytes included. */
function sampleBytes(length: number, salt: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 151 + salt * 97 + 13) & 0xff;
  return bytes;
}

describe('murmur3x64Hash1', () => {
  it('matches the published MurmurHash3_x64_128 value of the classic pangram', () => {
    const text = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
    expect(BigInt.asUintN(64, murmur3x64Hash1(text))).toBe(0xe34bbc7bbc071b6cn);
  });

  it('reads tail bytes as unsigned, as the cross-language vector B ff0080 requires', () => {
    expect(murmur3x64Hash1(Uint8Array.of(0x03, 0xff, 0x00, 0x80))).toBe(14533934253577680n);
  });

  it('hashes the empty input to the seed-0 value of the shared vectors', () => {
    expect(murmur3x64Hash1(Uint8Array.of(0x03))).toBe(8244620721157455449n);
    expect(BigInt.asUintN(64, murmur3x64Hash1(new Uint8Array(0)))).toBe(0n);
  });

  it('agrees with a BigInt reference for every length from 0 to 64 bytes', () => {
    for (let length = 0; length <= 64; length++) {
      for (let salt = 0; salt < 4; salt++) {
        const bytes = sampleBytes(length, salt);
        expect([length, salt, murmur3x64Hash1(bytes)]).toEqual([
          length,
          salt,
          referenceHash1(bytes),
        ]);
      }
    }
  });

  it('agrees with the reference on all-0xff input, where every carry propagates', () => {
    for (const length of [1, 7, 8, 9, 15, 16, 17, 31, 32, 100]) {
      const bytes = new Uint8Array(length).fill(0xff);
      expect(murmur3x64Hash1(bytes)).toBe(referenceHash1(bytes));
    }
  });

  it('returns signed 64-bit values: some inputs hash negative, all within int64', () => {
    const hashes = Array.from({ length: 64 }, (_, salt) => murmur3x64Hash1(sampleBytes(12, salt)));
    expect(hashes.some((hash) => hash < 0n)).toBe(true);
    expect(hashes.every((hash) => BigInt.asIntN(64, hash) === hash)).toBe(true);
  });

  it('hashes a view over part of a buffer by its own bytes only', () => {
    const whole = sampleBytes(40, 9);
    const view = whole.subarray(5, 29);
    expect(murmur3x64Hash1(view)).toBe(referenceHash1(Uint8Array.from(view)));
  });
});
