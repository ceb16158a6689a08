import { HEDGE_BURST } from '../config/hedging-config.js';

/** Twenty reads at 5% earn 0.9999999999999999 in floating point: that is a whole hedge. */
const ROUNDING = 1e-9;

/**
 * The token bucket that caps hedges: each hedgeable read earns `ratio` of a token, a hedge spends
 * a whole one, and at most {@link HEDGE_BURST} tokens are kept. Over any run of reads, hedges
 * stay within `ratio` of them plus the burst.
 */
export class HedgeBudget {
  private tokens = HEDGE_BURST;

  /** @param ratio hedges allowed per read, e.g. 0.05 */
  constructor(private readonly ratio: number) {}

  /** A hedgeable read starts. */
  earn(): void {
    this.tokens = Math.min(HEDGE_BURST, this.tokens + this.ratio);
  }

  /** Whether a hedge may be sent now; spends a token when it may. */
  trySpend(): boolean {
    if (!this.available) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether {@link trySpend} would succeed, without spending. */
  get available(): boolean {
    return this.tokens >= 1 - ROUNDING;
  }
}
