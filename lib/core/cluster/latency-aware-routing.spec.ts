import { describe, expect, it } from '@jest/globals';
import { resolveNodeHealthConfig } from '../config/node-health-config.js';
import { createQueryPlan } from './query-plan.js';
import { SeededRandom } from '../../../test/support/seeded-random.js';
import { ALTERNATOR_NODE_LOAD, AlternatorNode } from './alternator-node.js';

/** A server that serves `slots` requests at a time, each for `serviceMs`; the rest wait. */
interface SimulatedServer {
  slots: number;
  serviceMs: number;
  busy: number;
  waiting: Array<() => void>;
}

/**
 * A discrete-event simulation of clients keeping `concurrency` requests in flight each on nodes of
 * limited capacity, each routing its requests to the first node of its own plan (with its own
 * view of the nodes), on a virtual clock.
 */
class Simulation {
  now = 0;
  /** Each client's view of the nodes. */
  readonly views: AlternatorNode[][];
  readonly servers: SimulatedServer[];
  /** First attempts per node since {@link sharesOver} started counting. */
  private counts: number[];
  private readonly timers: Array<{ at: number; run: () => void }> = [];
  private readonly random: () => number;

  constructor(serviceMs: number[], seed: number, clients = 1) {
    const health = resolveNodeHealthConfig({ enabled: false });
    this.views = Array.from({ length: clients }, () =>
      serviceMs.map(
        (_, i) => new AlternatorNode(`http://127.0.0.${i + 1}:8000`, health, () => this.now),
      ),
    );
    this.servers = serviceMs.map((ms) => ({ slots: 4, serviceMs: ms, busy: 0, waiting: [] }));
    this.counts = serviceMs.map(() => 0);
    const random = new SeededRandom(seed);
    this.random = () => random.next();
  }

  start(concurrency: number): void {
    for (const view of this.views) for (let i = 0; i < concurrency; i++) this.send(view);
  }

  runFor(durationMs: number): void {
    const until = this.now + durationMs;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.now = next.at;
      next.run();
    }
    this.now = until;
  }

  /** Each node's share of the first attempts over the next `durationMs`. */
  sharesOver(durationMs: number): number[] {
    this.counts = this.counts.map(() => 0);
    this.runFor(durationMs);
    const total = this.counts.reduce((sum, count) => sum + count, 0);
    return this.counts.map((count) => count / total);
  }

  private send(view: AlternatorNode[]): void {
    const node = createQueryPlan(view, ALTERNATOR_NODE_LOAD, this.random)[0];
    const index = view.indexOf(node);
    this.counts[index]++;
    const generation = node.attemptStarted();
    const sentAt = this.now;
    this.serve(this.servers[index], () => {
      node.attemptEnded(this.now - sentAt, 'TRAFFIC_SUCCESS', generation);
      // The client needs a little time before its next request, as a real one does.
      this.after(0.05, () => this.send(view));
    });
  }

  private serve(server: SimulatedServer, done: () => void): void {
    const start = () => {
      server.busy++;
      this.after(server.serviceMs, () => {
        server.busy--;
        server.waiting.shift()?.();
        done();
      });
    };
    if (server.busy < server.slots) start();
    else server.waiting.push(start);
  }

  private after(delayMs: number, run: () => void): void {
    this.timers.push({ at: this.now + delayMs, run });
  }
}

describe('latency-aware choice of the first node (simulated, 32 requests in flight)', () => {
  it('spreads requests evenly over equal nodes', () => {
    const simulation = new Simulation([10, 10, 10], 1);
    simulation.start(32);
    simulation.runFor(500);
    const shares = simulation.sharesOver(10_000);
    expect(Math.max(...shares) / Math.min(...shares)).toBeLessThan(1.1);
  });

  it('sends little to a node ten times slower than its peers, and most of it to the others', () => {
    const simulation = new Simulation([10, 10, 100], 2);
    simulation.start(32);
    simulation.runFor(1_000);
    const [first, second, slow] = simulation.sharesOver(10_000);
    expect(slow).toBeLessThan(0.01);
    expect(slow).toBeGreaterThan(0);
    expect(Math.max(first, second) / Math.min(first, second)).toBeLessThan(1.1);
  });

  it('gives a node that recovers its share back within seconds', () => {
    // Thirty times slower: far outside the noise of the others' load, so only the fading of its
    // estimate brings it a request that can find it recovered.
    const simulation = new Simulation([10, 10, 300], 3);
    simulation.start(32);
    simulation.runFor(5_000);
    simulation.servers[2].serviceMs = 10;
    simulation.runFor(2_000);
    expect(simulation.sharesOver(1_000)[2]).toBeGreaterThan(0.25);
  });

  it('does not herd several clients onto one node', () => {
    // Eight clients of 4 requests each, every one with its own view of the nodes.
    const simulation = new Simulation([10, 10, 10], 5, 8);
    simulation.start(4);
    simulation.runFor(500);
    const shares = simulation.sharesOver(10_000);
    expect(Math.max(...shares) / Math.min(...shares)).toBeLessThan(1.1);
  });

  it('keeps several clients mostly off a slow node', () => {
    // Each client has only a few requests in flight, so its own queue says little about a node's
    // latency and the slow node falls within the tolerance more often than for one busy client.
    const simulation = new Simulation([10, 10, 100], 6, 8);
    simulation.start(4);
    simulation.runFor(1_000);
    expect(simulation.sharesOver(10_000)[2]).toBeLessThan(0.05);
  });

  it('takes traffic away from a node that turns slow', () => {
    const simulation = new Simulation([10, 10, 10], 4);
    simulation.start(32);
    simulation.runFor(2_000);
    simulation.servers[0].serviceMs = 100;
    simulation.runFor(2_000);
    expect(simulation.sharesOver(5_000)[0]).toBeLessThan(0.01);
  });
});
