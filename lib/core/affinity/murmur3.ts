/**
 * MurmurHash3 x64_128 (seed 0), first 64-bit half, as used by every official Alternator client
 * for key-route affinity.
 *
 * JavaScript has no 64-bit integers besides BigInt, which allocates on every operation and is
 * many times slower than number arithmetic. This runs once per routed request, so the 64-bit
 * lanes are computed on 32-bit halves and only the final result becomes a BigInt; nothing is
 * allocated per block.
 *
 * Tail bytes are read as unsigned (the reference C++ implementation). Cassandra's partitioner
 * sign-extends them instead; the cross-language affinity vectors require the unsigned reading.
 */

// Every 64-bit value below is a pair of int32 locals (high, low): V8 keeps int32 arithmetic
// unboxed in registers. The hash is written as one function with small helpers, not as 64-bit
// helper functions writing to a shared register: measured, that exceeded V8's inlining budget
// and ran about twice as slow.

// The multiplication constants of the x64_128 variant and of fmix64, split into halves.
const C1_HI = 0x87c37b91 | 0;
const C1_LO = 0x114253d5;
const C2_HI = 0x4cf5ad43;
const C2_LO = 0x2745937f;
const F1_HI = 0xff51afd7 | 0;
const F1_LO = 0xed558ccd | 0;
const F2_HI = 0xc4ceb9fe | 0;
const F2_LO = 0x1a85ec53;

/** High half of (aHi:aLo) * (bHi:bLo) mod 2^64. The low half is `Math.imul(aLo, bLo)`. */
function mulHigh(aHi: number, aLo: number, bHi: number, bLo: number): number {
  // High half of the 32x32 -> 64-bit product aLo * bLo, from 16-bit limbs; Math.imul keeps
  // each partial product in int32 and `>>> 16` reads its top half as unsigned.
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p01 = Math.imul(a0, b1);
  const p10 = Math.imul(a1, b0);
  const mid = (Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lowProductHigh = Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  // The cross terms only reach the high half, where wrap-around is wanted.
  return (lowProductHigh + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) | 0;
}

/** 1 when a low half wrapped around while `addend` was added to it, giving `sum`; else 0. */
function carry(sum: number, addend: number): number {
  return sum >>> 0 < addend >>> 0 ? 1 : 0;
}

/** Little-endian word at `at`; bytes at or past `end` read as zero (the tail's padding). */
function readWord(bytes: Uint8Array, at: number, end: number): number {
  if (at + 4 <= end) {
    return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
  }
  let word = 0;
  for (let i = Math.min(end, at + 4) - 1; i >= at; i--) word = (word << 8) | bytes[i];
  return word;
}

/**
 * Hashes `bytes` with MurmurHash3 x64_128, seed 0, and returns the first 64-bit half (h1) as a
 * signed 64-bit integer, the value every Alternator client seeds its affinity plan with.
 */
export function murmur3x64Hash1(bytes: Uint8Array): bigint {
  const length = bytes.length;
  let h1Hi = 0;
  let h1Lo = 0;
  let h2Hi = 0;
  let h2Lo = 0;
  let kHi: number;
  let kLo: number;
  let high: number;

  // Full 16-byte blocks, then the zero-padded tail. Mixing a zero word changes nothing, so the
  // tail can go through the same k1/k2 steps; it only skips the h1/h2 rounds.
  for (let at = 0; at < length; at += 16) {
    const fullBlock = at + 16 <= length;

    // k1 = rotl(k1 * c1, 31) * c2; h1 ^= k1
    kLo = readWord(bytes, at, length);
    kHi = readWord(bytes, at + 4, length);
    high = mulHigh(kHi, kLo, C1_HI, C1_LO);
    kLo = Math.imul(kLo, C1_LO);
    kHi = (high << 31) | (kLo >>> 1);
    kLo = (kLo << 31) | (high >>> 1);
    high = mulHigh(kHi, kLo, C2_HI, C2_LO);
    h1Lo ^= Math.imul(kLo, C2_LO);
    h1Hi ^= high;

    if (fullBlock) {
      // h1 = rotl(h1, 27) + h2; h1 = h1 * 5 + 0x52dce729
      high = (h1Hi << 27) | (h1Lo >>> 5);
      h1Lo = (h1Lo << 27) | (h1Hi >>> 5);
      h1Hi = high;
      high = (h1Lo + h2Lo) | 0;
      h1Hi = (h1Hi + h2Hi + carry(high, h1Lo)) | 0;
      h1Lo = high;
      h1Hi = mulHigh(h1Hi, h1Lo, 0, 5);
      h1Lo = Math.imul(h1Lo, 5);
      high = (h1Lo + 0x52dce729) | 0;
      h1Hi = (h1Hi + carry(high, h1Lo)) | 0;
      h1Lo = high;
    }

    // k2 = rotl(k2 * c2, 33) * c1; h2 ^= k2 (rotl 33 = swap the halves, then rotl 1)
    kLo = readWord(bytes, at + 8, length);
    kHi = readWord(bytes, at + 12, length);
    high = mulHigh(kHi, kLo, C2_HI, C2_LO);
    kLo = Math.imul(kLo, C2_LO);
    kHi = (kLo << 1) | (high >>> 31);
    kLo = (high << 1) | (kLo >>> 31);
    high = mulHigh(kHi, kLo, C1_HI, C1_LO);
    h2Lo ^= Math.imul(kLo, C1_LO);
    h2Hi ^= high;

    if (fullBlock) {
      // h2 = rotl(h2, 31) + h1; h2 = h2 * 5 + 0x38495ab5
      high = (h2Hi << 31) | (h2Lo >>> 1);
      h2Lo = (h2Lo << 31) | (h2Hi >>> 1);
      h2Hi = high;
      high = (h2Lo + h1Lo) | 0;
      h2Hi = (h2Hi + h1Hi + carry(high, h2Lo)) | 0;
      h2Lo = high;
      h2Hi = mulHigh(h2Hi, h2Lo, 0, 5);
      h2Lo = Math.imul(h2Lo, 5);
      high = (h2Lo + 0x38495ab5) | 0;
      h2Hi = (h2Hi + carry(high, h2Lo)) | 0;
      h2Lo = high;
    }
  }

  // h1 ^= len; h2 ^= len; h1 += h2; h2 += h1 (lengths never reach 2^31)
  h1Lo ^= length;
  h2Lo ^= length;
  high = (h1Lo + h2Lo) | 0;
  h1Hi = (h1Hi + h2Hi + carry(high, h1Lo)) | 0;
  h1Lo = high;
  high = (h2Lo + h1Lo) | 0;
  h2Hi = (h2Hi + h1Hi + carry(high, h2Lo)) | 0;
  h2Lo = high;

  // fmix64 of both: k ^= k >>> 33; k *= f1; k ^= k >>> 33; k *= f2; k ^= k >>> 33
  h1Lo ^= h1Hi >>> 1;
  h1Hi = mulHigh(h1Hi, h1Lo, F1_HI, F1_LO);
  h1Lo = Math.imul(h1Lo, F1_LO) ^ (h1Hi >>> 1);
  h1Hi = mulHigh(h1Hi, h1Lo, F2_HI, F2_LO);
  h1Lo = Math.imul(h1Lo, F2_LO) ^ (h1Hi >>> 1);
  h2Lo ^= h2Hi >>> 1;
  h2Hi = mulHigh(h2Hi, h2Lo, F1_HI, F1_LO);
  h2Lo = Math.imul(h2Lo, F1_LO) ^ (h2Hi >>> 1);
  h2Hi = mulHigh(h2Hi, h2Lo, F2_HI, F2_LO);
  h2Lo = Math.imul(h2Lo, F2_LO) ^ (h2Hi >>> 1);

  // h1 += h2; a signed high half shifted up, or-ed with the unsigned low half, is the int64.
  high = (h1Lo + h2Lo) | 0;
  h1Hi = (h1Hi + h2Hi + carry(high, h1Lo)) | 0;
  return (BigInt(h1Hi) << 32n) | BigInt(high >>> 0);
}
