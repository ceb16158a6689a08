/**
 * A counting semaphore: at most `maxConcurrent` holders at once, the others served in arrival
 * order. Used by the optional per-node capacity model; the limit can change while requests wait.
 */
export class CapacityLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private maxConcurrent: number) {}

  /** A higher limit admits waiting requests at once; a lower one lets holders finish first. */
  resize(maxConcurrent: number): void {
    this.maxConcurrent = maxConcurrent;
    this.admitWaiting();
  }

  /** Resolves once a slot is free; call the returned function exactly once to free it. */
  async acquire(): Promise<() => void> {
    if (this.active < this.maxConcurrent && this.waiting.length === 0) {
      this.active++;
    } else {
      // admitWaiting() counts the slot before it wakes this request.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      this.active--;
      this.admitWaiting();
    };
  }

  private admitWaiting(): void {
    while (this.active < this.maxConcurrent && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()?.();
    }
  }
}
