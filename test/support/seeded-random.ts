/** Largest seed accepted: seeds are unsigned 32-bit integers. */
const MAX_SEED = 0xffffffff;

/**
 * A small deterministic random source (the mulberry32 generator): the same seed gives the same
 * sequence on every machine, so a test that draws from it can be replayed exactly.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('SeededRandom.pick needs at least one item');
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * An independent stream derived from this seed and `stream`, so one part of a test (say the
   * fault schedule) draws the same values whatever another part consumes.
   */
  fork(stream: number): SeededRandom {
    const mixed = Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35);
    return new SeededRandom(mixed >>> 0);
  }
}

/**
 * The seed named by an environment variable, or a fresh random one when it is unset or empty.
 * @throws Error naming the variable when it is set to anything but an unsigned 32-bit integer
 */
export function seedFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return Math.floor(Math.random() * MAX_SEED);
  const seed = Number(raw);
  if (!/^\d+$/.test(raw) || seed > MAX_SEED) {
    throw new Error(`${name} must be an integer from 0 to ${MAX_SEED}, e.g. ${name}=123`);
  }
  return seed;
}
