import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { recordAttempts, type RecordedAttempt } from './support/attempt-recorder.js';
import { alternatorClientOf, getOrPut, plainClient } from './support/bench-clients.js';
import {
  atMost,
  info,
  type BenchContext,
  type BenchmarkOutcome,
  type Figure,
} from './support/bench-report.js';
import { ClusterHost } from './support/cluster-host.js';
import { runOpenLoop, type TimedRequest } from './support/open-loop.js';
import { median, percentile, round } from './support/stats.js';
import { lineChartSvg } from './support/svg-line-chart.js';

const ROUNDS = 5;
const NODES = 3;
const RATE_PER_SECOND = 450;
/** Requests started this soon after the kill count as "during" it; later ones as "after". */
const DURING_WINDOW_MS = 500;
const BUCKET_MS = 100;

interface RoundResult {
  failed: number;
  requests: number;
  latency: Record<'before' | 'during' | 'after', { p50: number; p99: number }>;
  /** Last attempt sent to the dead node, in ms after the kill; null if it never stopped. */
  deadNodeTrafficStopMs: number | null;
  killedHost: string;
  chart: { attempts: RecordedAttempt[]; origin: number; killAt: number; durationMs: number };
}

/**
 * Failover: steady open-loop load (a fixed request rate) on 3 nodes, one node killed a third of
 * the way in. AlternatorClient (all three nodes as seeds) alternates with a plain
 * `DynamoDBClient` pointed at the node that dies, the way a single-endpoint setup fails today.
 * Every round restarts the node and uses fresh clients; the killed node rotates.
 */
export async function failoverBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const durationMs = context.quick ? 1_500 : 7_500;
  const killAtMs = durationMs / 3;
  const cluster = await ClusterHost.start({ nodes: NODES });
  const ours: RoundResult[] = [];
  const plain: RoundResult[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const victim = (round - 1) % NODES;
      const alternator = await alternatorClientOf(cluster, { seedHosts: cluster.seedHosts });
      ours.push(await runRound(cluster, alternator, victim, durationMs, killAtMs));
      await cluster.restart(victim);
      plain.push(
        await runRound(
          cluster,
          plainClient(cluster.endpoint(victim)),
          victim,
          durationMs,
          killAtMs,
        ),
      );
      await cluster.restart(victim);
      const [mine, theirs] = [ours[round - 1], plain[round - 1]];
      const idle = mine.deadNodeTrafficStopMs;
      context.log(
        `failover round ${round} (node ${victim} killed): AlternatorClient ${mine.failed} failed, ` +
          `dead node idle after ${idle === null ? 'never' : `${idle.toFixed(1)} ms`} | ` +
          `plain client ${theirs.failed} failed of ${theirs.requests}`,
      );
    }
  } finally {
    await cluster.stop();
  }

  const failedRequests = ours.reduce((sum, r) => sum + r.failed, 0);
  const stopTimes = ours.map((r) => r.deadNodeTrafficStopMs ?? Infinity);
  const deadNodeTrafficStopMs = median(stopTimes);
  const windows = ['before', 'during', 'after'] as const;
  const latency = (results: RoundResult[]) =>
    Object.fromEntries(
      windows.map((w) => [
        w,
        {
          p50Ms: round(median(results.map((r) => r.latency[w].p50)), 2),
          p99Ms: round(median(results.map((r) => r.latency[w].p99)), 2),
        },
      ]),
    ) as Record<(typeof windows)[number], { p50Ms: number; p99Ms: number }>;
  const ourLatency = latency(ours);
  const plainFailed = plain.reduce((sum, r) => sum + r.failed, 0);
  const plainTotal = plain.reduce((sum, r) => sum + r.requests, 0);
  // The chart shows the round whose dead-node stop time is the median one.
  const shown = ours[stopTimes.indexOf([...stopTimes].sort((a, b) => a - b)[ROUNDS >> 1])];
  const figures: Figure[] = [
    atMost(
      `failed requests, AlternatorClient (all ${ROUNDS} rounds)`,
      failedRequests,
      'requests',
      0,
    ),
    info(`failed requests, plain client on the dead node`, plainFailed, 'requests'),
    info('dead node stops getting traffic after the kill', round(deadNodeTrafficStopMs, 1), 'ms'),
    ...windows.flatMap((w) => [
      info(`p50 latency ${w} the kill`, ourLatency[w].p50Ms, 'ms'),
      info(`p99 latency ${w} the kill`, ourLatency[w].p99Ms, 'ms'),
    ]),
  ];
  return {
    name: 'failover',
    figures,
    results: {
      failedRequests,
      p99DuringKillMs: ourLatency.during.p99Ms,
      deadNodeTrafficStopMs: round(deadNodeTrafficStopMs, 1),
      latency: ourLatency,
      requests: ours.reduce((sum, r) => sum + r.requests, 0),
      perRound: ours.map((r) => ({
        failed: r.failed,
        deadNodeTrafficStopMs:
          r.deadNodeTrafficStopMs === null ? null : round(r.deadNodeTrafficStopMs, 1),
      })),
      plainClient: {
        failedRequests: plainFailed,
        requests: plainTotal,
        latency: latency(plain),
      },
      rounds: ROUNDS,
      ratePerSecond: RATE_PER_SECOND,
      durationMs,
      killAtMs,
      duringWindowMs: DURING_WINDOW_MS,
    },
    artifacts: { 'failover.svg': chartOf(shown, cluster.seedHosts) },
  };
}

async function runRound(
  cluster: ClusterHost,
  client: DynamoDBClient,
  victim: number,
  durationMs: number,
  killAtMs: number,
): Promise<RoundResult> {
  const attempts = recordAttempts(client);
  try {
    const run = await runOpenLoop({
      ratePerSecond: RATE_PER_SECOND,
      durationMs,
      send: (i) => getOrPut(client, i),
      event: { atMs: killAtMs, run: () => cluster.kill(victim) },
    });
    const killAt = run.eventAt ?? killAtMs;
    const killedHost = cluster.seedHosts[victim];
    const window = (from: number, to: number) =>
      run.requests.filter((r) => r.ok && r.startedAt >= from && r.startedAt < to);
    const stats = (requests: TimedRequest[]) => {
      const latencies = requests.map((r) => r.endedAt - r.startedAt);
      return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    };
    const lastToVictim = attempts.filter((a) => a.host === killedHost).at(-1);
    const lastAt = lastToVictim === undefined ? 0 : lastToVictim.at - run.origin;
    // Still getting traffic near the end of the run (the last second, or the last half of the
    // time after the kill in a short run) means it never stopped.
    const stopped = lastAt < durationMs - Math.min(1_000, (durationMs - killAt) / 2);
    return {
      failed: run.requests.filter((r) => !r.ok).length,
      requests: run.requests.length,
      latency: {
        before: stats(window(0, killAt)),
        during: stats(window(killAt, killAt + DURING_WINDOW_MS)),
        after: stats(window(killAt + DURING_WINDOW_MS, Infinity)),
      },
      deadNodeTrafficStopMs: stopped ? Math.max(0, lastAt - killAt) : null,
      killedHost,
      chart: { attempts, origin: run.origin, killAt, durationMs },
    };
  } finally {
    client.destroy();
  }
}

/** Attempts per node per 100 ms bucket, as requests per second, with the kill marked. */
function chartOf(result: RoundResult, hosts: readonly string[]): string {
  const { attempts, origin, killAt, durationMs } = result.chart;
  const buckets = Math.ceil(durationMs / BUCKET_MS);
  const series = hosts.map((host) => {
    const counts = new Array<number>(buckets).fill(0);
    for (const attempt of attempts) {
      const bucket = Math.floor((attempt.at - origin) / BUCKET_MS);
      if (attempt.host === host && bucket >= 0 && bucket < buckets) counts[bucket]++;
    }
    const dead = host === result.killedHost ? ' (killed)' : '';
    return {
      name: `${host}${dead}`,
      points: counts.map((count, i): [number, number] => [
        (i * BUCKET_MS) / 1000,
        count * (1000 / BUCKET_MS),
      ]),
    };
  });
  return lineChartSvg({
    title: `Failover: requests per second per node (${RATE_PER_SECOND} req/s, AlternatorClient)`,
    xLabel: 'time since start of run (s)',
    yLabel: `requests per second (${BUCKET_MS} ms buckets)`,
    series,
    markers: [{ x: killAt / 1000, label: `node ${result.killedHost} killed` }],
  });
}
