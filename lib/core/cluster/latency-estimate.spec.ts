import { describe, expect, it } from '@jest/globals';
import { IDLE_DECAY_MS, LatencyEstimate } from './latency-estimate.js';

/** A node answering every `intervalMs` with `latencyMs`, with `inFlight` attempts at a time. */
function steadyTraffic(
  estimate: LatencyEstimate,
  from: number,
  until: number,
  {
    latencyMs,
    inFlight,
    intervalMs = 1,
  }: { latencyMs: number; inFlight: number; intervalMs?: number },
): number {
  let now = from;
  for (; now < until; now += intervalMs) estimate.observe(latencyMs, inFlight, now, true);
  return now;
}

describe('LatencyEstimate', () => {
  it('predicts the latency seen under the same load, and more under more load', () => {
    const estimate = new LatencyEstimate(0);
    // 16 in flight, each answered in 40 ms: the node needs 2.5 ms per request held.
    const now = steadyTraffic(estimate, 0, 2_000, { latencyMs: 40, inFlight: 16 });
    expect(estimate.cost(15, now)).toBeCloseTo(40, 5);
    expect(estimate.cost(31, now)).toBeCloseTo(80, 5);
    expect(estimate.latencyMs(15, now)).toBeCloseTo(40, 5);
  });

  it('ranks an idle slow node above a queued fast one', () => {
    const fast = new LatencyEstimate(0);
    const slow = new LatencyEstimate(0);
    const now = steadyTraffic(fast, 0, 2_000, { latencyMs: 40, inFlight: 16 });
    slow.becameBusy(now - 100);
    slow.observe(100, 1, now, true);
    expect(slow.cost(0, now)).toBeCloseTo(100, 5);
    expect(fast.cost(15, now)).toBeLessThan(slow.cost(0, now) / 2);
  });

  it('follows a change within a second but barely moves for one outlier', () => {
    const estimate = new LatencyEstimate(0);
    let now = steadyTraffic(estimate, 0, 2_000, { latencyMs: 10, inFlight: 1 });
    estimate.observe(500, 1, now, true);
    expect(estimate.cost(0, now + 1)).toBeLessThan(13);
    now = steadyTraffic(estimate, now + 1, now + 1_000, { latencyMs: 50, inFlight: 1 });
    expect(estimate.cost(0, now)).toBeGreaterThan(49);
  });

  it('is not lowered by attempts the node did not answer, but raised by slow ones', () => {
    const estimate = new LatencyEstimate(0);
    const now = steadyTraffic(estimate, 0, 1_000, { latencyMs: 20, inFlight: 1 });
    const before = estimate.cost(0, now);
    // A refused connection or an abandoned request ends fast: it proves nothing.
    for (let i = 1; i <= 500; i++) estimate.observe(0.2, 1, now + i, false);
    expect(estimate.cost(0, now + 500)).toBeCloseTo(before, 0);
    // A timeout after 5 s does say the node is slow.
    estimate.observe(5_000, 1, now + 1_000, false);
    expect(estimate.cost(0, now + 1_000)).toBeGreaterThan(1_000);
  });

  it('fades while the node has no traffic', () => {
    const estimate = new LatencyEstimate(0);
    const now = steadyTraffic(estimate, 0, 1_000, { latencyMs: 100, inFlight: 1 });
    const later = now + IDLE_DECAY_MS * Math.log(10);
    expect(estimate.cost(0, later)).toBeCloseTo(10, 0);
    expect(estimate.latencyMs(0, later)).toBeCloseTo(10, 0);
  });

  it('does not fade while attempts are in flight, and grows while none is answered', () => {
    const estimate = new LatencyEstimate(0);
    const now = steadyTraffic(estimate, 0, 1_000, { latencyMs: 10, inFlight: 1 });
    estimate.becameBusy(now);
    expect(estimate.cost(1, now + 5)).toBeCloseTo(20, 5);
    expect(estimate.cost(1, now + 3_000)).toBe(3_000);
  });

  it('orders nodes by requests in flight before any answer', () => {
    const estimate = new LatencyEstimate(0);
    expect(estimate.cost(0, 0)).toBeGreaterThan(0);
    expect(estimate.cost(3, 0)).toBeGreaterThan(estimate.cost(2, 0));
    expect(estimate.latencyMs(0, 0)).toBe(0);
  });
});
