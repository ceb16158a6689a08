import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalNodeCapacity } from '../lib/testing/index.js';
import { alternatorClientOf, getOrPut, plainClient } from './support/bench-clients.js';
import { atLeast, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { runClosedLoop } from './support/closed-loop.js';
import { ClusterHost } from './support/cluster-host.js';
import { median, round } from './support/stats.js';

const ROUNDS = 5;
/** Each node serves 5 requests at a time, 50 ms each: at most 100 requests/s per node. */
const CAPACITY: LocalNodeCapacity = { maxConcurrent: 5, serviceTimeMs: 50 };
/** Enough to keep every slot of 5 nodes busy with a queue behind each. */
const CONCURRENCY = 40;
const CLUSTER_SIZES = [1, 3, 5] as const;

interface Contender {
  name: string;
  nodes: number;
  client: DynamoDBClient;
  throughput: number[];
}

/**
 * Throughput scaling: nodes with a fixed capacity (a per-node concurrency limit and service
 * time), so a node, not the client, is the bottleneck. A plain `DynamoDBClient` on the 1-node
 * cluster is the reference; `AlternatorClient` runs on 1, 3 and 5 nodes at the same concurrency.
 * The clusters run in child processes; contenders take turns within each round.
 */
export async function scalingBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const durationMs = context.quick ? 700 : 3_000;
  const clusters = new Map<number, ClusterHost>();
  const contenders: Contender[] = [];
  try {
    // Each cluster on its own loopback range: 127.0.1.x, 127.0.2.x, 127.0.3.x.
    const started = CLUSTER_SIZES.map((nodes, i) =>
      ClusterHost.start({ nodes, capacity: CAPACITY, firstAddress: `127.0.${i + 1}.1` }),
    );
    const settled = await Promise.allSettled(started);
    settled.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') clusters.set(CLUSTER_SIZES[i], outcome.value);
    });
    const failure = settled.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    const single = clusters.get(1)!;
    contenders.push({
      name: 'plain DynamoDBClient, 1 node',
      nodes: 1,
      client: plainClient(single.endpoint(0)),
      throughput: [],
    });
    for (const [nodes, cluster] of clusters) {
      const client = await alternatorClientOf(cluster);
      contenders.push({ name: `AlternatorClient, ${nodes} nodes`, nodes, client, throughput: [] });
    }
    for (const contender of contenders) {
      await runClosedLoop({
        concurrency: CONCURRENCY,
        durationMs: durationMs / 4,
        send: (i) => getOrPut(contender.client, i),
      });
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const contender of contenders) {
        const result = await runClosedLoop({
          concurrency: CONCURRENCY,
          durationMs,
          send: (i) => getOrPut(contender.client, i),
        });
        if (result.errors > 0) {
          throw new Error(`${contender.name}: ${result.errors} requests failed`, {
            cause: result.firstError,
          });
        }
        contender.throughput.push(result.throughput);
      }
      context.log(
        `scaling round ${round}: ` +
          contenders
            .map((c) => `${c.name} ${Math.round(c.throughput[round - 1])} req/s`)
            .join(' | '),
      );
    }
  } finally {
    for (const contender of contenders) contender.client.destroy();
    await Promise.all([...clusters.values()].map((cluster) => cluster.stop()));
  }

  const [reference, ...ours] = contenders;
  const ratioOf = (contender: Contender) =>
    median(contender.throughput.map((value, i) => value / reference.throughput[i]));
  const ratios = new Map(ours.map((contender) => [contender.nodes, ratioOf(contender)]));
  const nodeCapacity = (CAPACITY.maxConcurrent / CAPACITY.serviceTimeMs) * 1000;
  return {
    name: 'scaling',
    figures: [
      info('1 node, Alternator / plain', round(ratios.get(1)!, 3), 'x'),
      atLeast('3 nodes / plain on 1 node', round(ratios.get(3)!, 3), 'x', 2.7),
      atLeast('5 nodes / plain on 1 node', round(ratios.get(5)!, 3), 'x', 4.5),
      ...contenders.map((c) =>
        info(`throughput, ${c.name}`, round(median(c.throughput), 0), 'req/s'),
      ),
    ],
    results: {
      nodes1: round(ratios.get(1)!, 3),
      nodes3: round(ratios.get(3)!, 3),
      nodes5: round(ratios.get(5)!, 3),
      throughput: Object.fromEntries(
        contenders.map((c) => [c.name, round(median(c.throughput), 0)]),
      ),
      nodeCapacityPerSecond: nodeCapacity,
      capacity: CAPACITY,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      roundDurationMs: durationMs,
    },
  };
}
