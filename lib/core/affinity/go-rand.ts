import { GO_RAND_COOKED } from './go-rand-cooked.js';

/**
 * A port of Go's `math/rand` source and the `Rand` methods the affinity plan needs.
 *
 * Java, Go, Rust, C#, C++ and JS Alternator clients all seed this exact generator with a key's
 * hash and pick coordinators with `Intn`, so matching it bit for bit is what lets services in
 * different languages pin one key to one coordinator. The generator is an additive lagged
 * Fibonacci sequence over 607 64-bit words (tap 273), seeded through a Park-Miller step.
 *
 * Like the hash, the 64-bit state lives in pairs of unsigned 32-bit words: a plan seeds a
 * generator per request, and BigInt state would make that several times slower.
 */

const STATE_LENGTH = 607;
const TAP = 273;
const INT31_MAX = 0x7fff_ffff;
const SEED_MODULUS = 2_147_483_647n;
const ZERO_SEED_REPLACEMENT = 89_482_311;
const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_63 = 1n << 63n;
const INT63_MAX = TWO_POW_63 - 1n;

const COOKED_HI = new Uint32Array(STATE_LENGTH);
const COOKED_LO = new Uint32Array(STATE_LENGTH);
for (let i = 0; i < STATE_LENGTH; i++) {
  const cooked = BigInt.asUintN(64, GO_RAND_COOKED[i]);
  COOKED_HI[i] = Number(cooked >> 32n);
  COOKED_LO[i] = Number(cooked & 0xffff_ffffn);
}

/** Go's `seedrand`: one Park-Miller step x * 48271 mod (2^31 - 1), via Schrage's method. */
function seedStep(x: number): number {
  // x is in [0, 2^31 - 1): `| 0` truncates like Go's int32 division, and avoids `%`'s fmod.
  const hi = (x / 44_488) | 0;
  const lo = x - hi * 44_488;
  const next = 48_271 * lo - 3_399 * hi;
  return next < 0 ? next + INT31_MAX : next;
}

/** Go's `math/rand` generator: same seed, same sequence as `rand.New(rand.NewSource(seed))`. */
export class GoRand {
  private readonly stateHi = new Uint32Array(STATE_LENGTH);
  private readonly stateLo = new Uint32Array(STATE_LENGTH);
  private tap = 0;
  private feed = STATE_LENGTH - TAP;
  /** Low word of the value `next()` produced last. */
  private lastLo = 0;

  constructor(seed: bigint) {
    this.seed(seed);
  }

  /** Resets the generator to the sequence of `seed` (Go's `Seed`), reusing its state buffers. */
  seed(seed: bigint): void {
    this.tap = 0;
    this.feed = STATE_LENGTH - TAP;
    let reduced = BigInt.asIntN(64, seed) % SEED_MODULUS;
    if (reduced < 0n) reduced += SEED_MODULUS;
    let x = reduced === 0n ? ZERO_SEED_REPLACEMENT : Number(reduced);
    for (let i = -20; i < STATE_LENGTH; i++) {
      x = seedStep(x);
      if (i < 0) continue;
      // u = x << 40 ^ x' << 20 ^ x'' in 64 bits, then xor the cooked constant.
      let hi = x << 8;
      x = seedStep(x);
      hi ^= x >>> 12;
      let lo = x << 20;
      x = seedStep(x);
      lo ^= x;
      this.stateHi[i] = hi ^ COOKED_HI[i];
      this.stateLo[i] = lo ^ COOKED_LO[i];
    }
  }

  /** Advances the generator and returns the high word of the new 64-bit value (low in `lastLo`). */
  private next(): number {
    if (--this.tap < 0) this.tap += STATE_LENGTH;
    if (--this.feed < 0) this.feed += STATE_LENGTH;
    const lo = this.stateLo[this.feed] + this.stateLo[this.tap];
    const hi = this.stateHi[this.feed] + this.stateHi[this.tap] + (lo >= TWO_POW_32 ? 1 : 0);
    this.stateLo[this.feed] = lo;
    this.stateHi[this.feed] = hi;
    this.lastLo = lo >>> 0;
    return hi >>> 0;
  }

  /** A non-negative pseudo-random 63-bit integer (Go's `Int63`). */
  int63(): bigint {
    const hi = this.next() & INT31_MAX;
    return (BigInt(hi) << 32n) | BigInt(this.lastLo);
  }

  /** A non-negative pseudo-random 31-bit integer (Go's `Int31`: the top 31 bits of `Int63`). */
  int31(): number {
    return this.next() & INT31_MAX;
  }

  /** An integer in [0, n) (Go's `Int31n`, rejection sampling included); 1 <= n <= 2^31 - 1. */
  int31n(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > INT31_MAX) {
      throw new RangeError(`GoRand.int31n needs an integer in [1, 2^31 - 1], got ${n}`);
    }
    if ((n & (n - 1)) === 0) return this.int31() & (n - 1);
    const max = INT31_MAX - (0x8000_0000 % n);
    let value = this.int31();
    while (value > max) value = this.int31();
    return value % n;
  }

  /** An integer in [0, n) (Go's `Int63n`, rejection sampling included); 1 <= n <= 2^63 - 1. */
  int63n(n: bigint): bigint {
    if (n < 1n || n > INT63_MAX) {
      throw new RangeError(`GoRand.int63n needs an integer in [1, 2^63 - 1], got ${n}`);
    }
    if ((n & (n - 1n)) === 0n) return this.int63() & (n - 1n);
    const max = INT63_MAX - (TWO_POW_63 % n);
    let value = this.int63();
    while (value > max) value = this.int63();
    return value % n;
  }

  /**
   * An integer in [0, n) (Go's `Intn`): 31-bit draws up to 2^31 - 1, 63-bit draws above, so the
   * sequence matches Go's for every bound. `n` must be a safe integer >= 1.
   */
  intn(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`GoRand.intn needs a safe integer >= 1, got ${n}`);
    }
    return n <= INT31_MAX ? this.int31n(n) : Number(this.int63n(BigInt(n)));
  }
}
