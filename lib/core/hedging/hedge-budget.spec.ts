import { describe, expect, it } from '@jest/globals';
import { HedgeBudget } from './hedge-budget.js';
import { HEDGE_BURST } from '../config/hedging-config.js';

describe('HedgeBudget', () => {
  it('allows a burst, then one hedge per 1/ratio reads', () => {
    const budget = new HedgeBudget(0.05);
    let hedges = 0;
    for (let read = 0; read < 1_000; read++) {
      budget.earn();
      if (budget.trySpend()) hedges++;
    }
    // The first read's earning is lost: the bucket starts full.
    expect(hedges).toBe(HEDGE_BURST + 49);
  });

  it('never saves up more than the burst', () => {
    const budget = new HedgeBudget(0.5);
    for (let read = 0; read < 1_000; read++) budget.earn();
    let hedges = 0;
    while (budget.trySpend()) hedges++;
    expect(hedges).toBe(HEDGE_BURST);
    expect(budget.available).toBe(false);
  });
});
