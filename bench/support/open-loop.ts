import { performance } from 'node:perf_hooks';

/** One request of an open-loop run, times in ms since the run started. */
export interface TimedRequest {
  startedAt: number;
  endedAt: number;
  ok: boolean;
  error?: unknown;
}

export interface OpenLoopOptions {
  /** Requests started per second, whatever the latency. */
  ratePerSecond: number;
  durationMs: number;
  send: (index: number) => Promise<unknown>;
  /** Called once at `atMs` into the run (e.g. to kill a node). */
  event?: { atMs: number; run: () => Promise<void> };
}

/** How often the generator wakes up to start the requests that are due. */
const TICK_MS = 5;

/**
 * Starts requests at a fixed rate for `durationMs`, independent of how fast they complete (an
 * open loop, like steady user traffic), then waits for every request to settle. Returns each
 * request's timing and the time `event` ran at.
 */
export async function runOpenLoop(
  options: OpenLoopOptions,
): Promise<{ requests: TimedRequest[]; eventAt?: number; origin: number }> {
  const { ratePerSecond, durationMs, send, event } = options;
  const requests: TimedRequest[] = [];
  const settled: Promise<void>[] = [];
  const origin = performance.now();
  let started = 0;
  let eventAt: number | undefined;
  let eventDone: Promise<void> | undefined;
  const startOne = () => {
    const index = started++;
    const startedAt = performance.now() - origin;
    settled.push(
      send(index).then(
        () => void requests.push({ startedAt, endedAt: performance.now() - origin, ok: true }),
        (error: unknown) =>
          void requests.push({ startedAt, endedAt: performance.now() - origin, ok: false, error }),
      ),
    );
  };
  for (;;) {
    const now = performance.now() - origin;
    if (now >= durationMs) break;
    if (event && eventAt === undefined && now >= event.atMs) {
      eventAt = now;
      eventDone = event.run();
    }
    const due = Math.floor((now / 1000) * ratePerSecond);
    while (started < due) startOne();
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await eventDone;
  await Promise.all(settled);
  requests.sort((a, b) => a.startedAt - b.startedAt);
  return { requests, origin, ...(eventAt === undefined ? {} : { eventAt }) };
}
