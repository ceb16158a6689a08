/**
 * A counting semaphore: at most `maxConcurrent` holders at once, the others served in arrival
 * order. Used by the optional per-node capacity model.
 */
export class CapacityLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly maxConcurrent: number) {}

  /** Resolves once a slot is free; call the returned function exactly once to free it. */
  async acquire(): Promise<() => void> {
    if (this.active < this.maxConcurrent) {
      this.active++;
    } else {
      // The slot is handed over directly by release(), so `active` stays unchanged.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = this.waiting.shift();
      if (next === undefined) {
        this.active--;
      } else {
        next();
      }
    };
  }
}
