import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { performance } from 'node:perf_hooks';
import type { AlternatorConfig } from '../lib/core/config/alternator-config.js';
import type { LocalNodeCapacity } from '../lib/testing/index.js';
import { recordAttempts, type RecordedAttempt } from './support/attempt-recorder.js';
import { alternatorClientOf, getOrPut } from './support/bench-clients.js';
import {
  atLeast,
  atMost,
  info,
  type BenchContext,
  type BenchmarkOutcome,
} from './support/bench-report.js';
import { runClosedLoop } from './support/closed-loop.js';
import { ClusterHost } from './support/cluster-host.js';
import { median, percentile, round } from './support/stats.js';

const ROUNDS = 5;
/** Each fast node serves 4 requests at a time, 10 ms each: at most 400 requests/s. */
const FAST: LocalNodeCapacity = { maxConcurrent: 4, serviceTimeMs: 10 };
/** The slow node: ten times slower (a compaction, a GC pause, a bad disk). */
const SLOW: LocalNodeCapacity = { maxConcurrent: 4, serviceTimeMs: 100 };
const SLOW_NODE = 2;
const CONCURRENCY = 32;
/**
 * Hedged reads go to a second node after this long: about the 99th percentile of the cluster
 * without the slow node (its requests queue behind 15 others at a fast node: 40 ms typical).
 */
const HEDGE_AFTER_MS = 50;
/** Recovery is measured over windows this long: enough requests for a share to mean something. */
const RECOVERY_WINDOW_MS = 250;
const RECOVERED_SHARE = 0.25;
/** Give up on a recovery after this long. */
const RECOVERY_LIMIT_MS = 8_000;

interface Contender {
  name: string;
  /** Runs against the cluster with the slow node, or the same cluster without it. */
  withSlowNode: boolean;
  client: DynamoDBClient;
  throughput: number[];
  p99Ms: number[];
  p50Ms: number[];
  slowShare: number[];
}

/**
 * One slow node: three capacity-bound nodes, one of them ten times slower than the others,
 * against the same cluster without the slow node (its two fast nodes). The client keeps 32
 * requests in flight. Contenders take turns within each round: AlternatorClient with its
 * defaults on both clusters (the one without the slow node is the reference), and with hedged
 * reads on the cluster with the slow node. After them, each
 * round lets the slow node recover under load and measures how long it takes to get a quarter of
 * the requests again; then it turns slow again for the next round.
 */
export async function slowNodeBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const durationMs = context.quick ? 1_000 : 4_000;
  const settleMs = context.quick ? 500 : 1_000;
  const clusters: ClusterHost[] = [];
  const contenders: Contender[] = [];
  const recoveries: number[] = [];
  let recoveryClient: DynamoDBClient | undefined;
  try {
    const [slowCluster, reference] = await Promise.all([
      ClusterHost.start({
        nodes: [{}, {}, { capacity: SLOW }],
        capacity: FAST,
        firstAddress: '127.0.4.1',
      }),
      ClusterHost.start({ nodes: 2, capacity: FAST, firstAddress: '127.0.5.1' }),
    ]);
    clusters.push(slowCluster, reference);
    const clientOf = (cluster: ClusterHost, extra: Partial<AlternatorConfig> = {}) =>
      alternatorClientOf(cluster, extra);
    const contender = async (
      name: string,
      withSlowNode: boolean,
      extra?: Partial<AlternatorConfig>,
    ) => {
      const client = await clientOf(withSlowNode ? slowCluster : reference, extra);
      contenders.push({
        name,
        withSlowNode,
        client,
        throughput: [],
        p99Ms: [],
        p50Ms: [],
        slowShare: [],
      });
    };
    await contender('without the slow node', false);
    await contender('with the slow node', true);
    await contender('with the slow node, hedged reads', true, {
      hedging: { afterMs: HEDGE_AFTER_MS },
    });
    // Its own client: the attempt recorder must not slow down a measured one.
    recoveryClient = await clientOf(slowCluster);
    const attempts = recordAttempts(recoveryClient);

    for (let round = 1; round <= ROUNDS; round++) {
      for (const entry of contenders) {
        const cluster = entry.withSlowNode ? slowCluster : reference;
        // Not measured: the client learns what the nodes are like now.
        await load(entry.client, settleMs);
        await cluster.resetCounts();
        const result = await runClosedLoop({
          concurrency: CONCURRENCY,
          durationMs,
          send: (i) => getOrPut(entry.client, i),
        });
        if (result.errors > 0) {
          throw new Error(`${entry.name}: ${result.errors} requests failed`, {
            cause: result.firstError,
          });
        }
        const counts = await cluster.requestCounts();
        const total = counts.reduce((sum, count) => sum + count, 0);
        entry.throughput.push(result.throughput);
        entry.p50Ms.push(percentile(result.latenciesMs, 50));
        entry.p99Ms.push(percentile(result.latenciesMs, 99));
        entry.slowShare.push(entry.withSlowNode ? counts[SLOW_NODE] / total : 0);
      }
      attempts.length = 0;
      const recovery = await measureRecovery(slowCluster, recoveryClient, attempts, settleMs);
      recoveries.push(recovery);
      await slowCluster.setCapacity(SLOW_NODE, SLOW);
      context.log(
        `slowNode round ${round}: ` +
          contenders
            .map(
              (c) =>
                `${c.name} ${Math.round(c.throughput[round - 1])} req/s, ` +
                `p99 ${c.p99Ms[round - 1].toFixed(1)} ms` +
                (c.withSlowNode
                  ? `, slow share ${(100 * c.slowShare[round - 1]).toFixed(2)}%`
                  : ''),
            )
            .join(' | ') +
          ` | recovered in ${(recovery / 1000).toFixed(2)} s`,
      );
    }
  } finally {
    for (const entry of contenders) entry.client.destroy();
    recoveryClient?.destroy();
    await Promise.all(clusters.map((cluster) => cluster.stop()));
  }

  const [reference, defaults, hedged] = contenders;
  const ratio = (values: number[], of: number[]) => median(values.map((v, i) => v / of[i]));
  const slowShare = median(defaults.slowShare);
  const throughputRatio = ratio(defaults.throughput, reference.throughput);
  const p99Ratio = ratio(defaults.p99Ms, reference.p99Ms);
  const p99RatioHedged = ratio(hedged.p99Ms, reference.p99Ms);
  const recoverySeconds = median(recoveries) / 1000;
  return {
    name: 'slowNode',
    figures: [
      atMost('share of requests on the slow node', round(slowShare, 4), '', 0.05),
      atLeast('throughput, with / without the slow node', round(throughputRatio, 3), 'x', 0.95),
      atMost('p99 latency, with / without the slow node', round(p99Ratio, 3), 'x', 2.0),
      atMost(
        'p99 latency, with the slow node and hedged reads / without',
        round(p99RatioHedged, 3),
        'x',
        1.3,
      ),
      atMost(
        'slow node back to 25% of requests after it recovers',
        round(recoverySeconds, 2),
        's',
        5,
      ),
      ...contenders.map((c) =>
        info(`throughput, ${c.name}`, round(median(c.throughput), 0), 'req/s'),
      ),
      ...contenders.map((c) => info(`p99 latency, ${c.name}`, round(median(c.p99Ms), 1), 'ms')),
    ],
    results: {
      slowShare: round(slowShare, 4),
      throughputRatio: round(throughputRatio, 3),
      p99Ratio: round(p99Ratio, 3),
      p99RatioHedged: round(p99RatioHedged, 3),
      recoverySeconds: round(recoverySeconds, 2),
      contenders: Object.fromEntries(
        contenders.map((c) => [
          c.name,
          {
            throughput: round(median(c.throughput), 0),
            p50Ms: round(median(c.p50Ms), 2),
            p99Ms: round(median(c.p99Ms), 2),
            ...(c.withSlowNode ? { slowShare: round(median(c.slowShare), 4) } : {}),
          },
        ]),
      ),
      recoverySecondsPerRound: recoveries.map((ms) => round(ms / 1000, 2)),
      fastCapacity: FAST,
      slowCapacity: SLOW,
      concurrency: CONCURRENCY,
      hedgeAfterMs: HEDGE_AFTER_MS,
      rounds: ROUNDS,
      roundDurationMs: durationMs,
    },
  };
}

function load(client: DynamoDBClient, durationMs: number): Promise<unknown> {
  return runClosedLoop({
    concurrency: CONCURRENCY,
    durationMs,
    send: (i) => getOrPut(client, i),
  });
}

/**
 * Under load, with the node slow, returns the slow node to full speed and measures the time until
 * it gets a quarter of the attempts of a {@link RECOVERY_WINDOW_MS} window (its fair share is a
 * third). Returns milliseconds, {@link RECOVERY_LIMIT_MS} if it never does.
 */
async function measureRecovery(
  cluster: ClusterHost,
  client: DynamoDBClient,
  attempts: RecordedAttempt[],
  settleMs: number,
): Promise<number> {
  const slowHost = cluster.seedHosts[SLOW_NODE];
  let recoveredAt = Infinity;
  let recoveryMs: number | undefined;
  let checkedUpTo = 0;
  const recovered = (): boolean => {
    const now = performance.now();
    if (recoveryMs !== undefined || now - recoveredAt > RECOVERY_LIMIT_MS) return true;
    // Completed windows since the recovery, each checked once.
    while (recoveredAt + (checkedUpTo + 1) * RECOVERY_WINDOW_MS <= now) {
      const from = recoveredAt + checkedUpTo * RECOVERY_WINDOW_MS;
      const inWindow = attempts.filter((a) => a.at >= from && a.at < from + RECOVERY_WINDOW_MS);
      const onSlow = inWindow.filter((a) => a.host === slowHost).length;
      checkedUpTo++;
      if (inWindow.length > 0 && onSlow / inWindow.length >= RECOVERED_SHARE) {
        recoveryMs = checkedUpTo * RECOVERY_WINDOW_MS;
        return true;
      }
    }
    return false;
  };
  const running = runClosedLoop({
    concurrency: CONCURRENCY,
    send: (i) => getOrPut(client, i),
    stopWhen: recovered,
  });
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  recoveredAt = performance.now();
  await cluster.setCapacity(SLOW_NODE, undefined);
  await running;
  return recoveryMs ?? RECOVERY_LIMIT_MS;
}
