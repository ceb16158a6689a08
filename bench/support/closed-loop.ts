import { performance } from 'node:perf_hooks';

/** How much load to apply: a request count or a duration, at a fixed concurrency. */
export interface ClosedLoopOptions {
  /** Requests kept in flight at all times. */
  concurrency: number;
  /** Stop after this many requests (one of `requests` / `durationMs` is required). */
  requests?: number;
  /** Stop issuing new requests after this long. */
  durationMs?: number;
  /** Sends request number `index`. */
  send: (index: number) => Promise<unknown>;
  /** Asked before each new request: true stops issuing them. Default: never */
  stopWhen?: () => boolean;
}

/** What one closed-loop run measured in this process. */
export interface ClosedLoopResult {
  completed: number;
  errors: number;
  elapsedMs: number;
  /** Requests per second. */
  throughput: number;
  /** CPU time (user + system) of this process per completed request, in microseconds. */
  cpuMicrosPerRequest: number;
  /** Latency of every completed request, in milliseconds. */
  latenciesMs: number[];
  firstError?: unknown;
}

/**
 * Keeps `concurrency` requests in flight until the count or the duration is reached: each
 * worker sends its next request as soon as its previous one settles, so the rate is whatever the
 * slowest part (client, network, server) allows.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { concurrency, requests = Infinity, durationMs = Infinity, send, stopWhen } = options;
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: unknown;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (issued < requests && performance.now() < deadline && !stopWhen?.()) {
      const index = issued++;
      const sent = performance.now();
      try {
        await send(index);
        latenciesMs.push(performance.now() - sent);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const completed = latenciesMs.length;
  return {
    completed,
    errors,
    elapsedMs,
    throughput: (completed / elapsedMs) * 1000,
    cpuMicrosPerRequest: completed === 0 ? NaN : (cpu.user + cpu.system) / completed,
    latenciesMs,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
