import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  alternatorClientOf,
  type BenchNodes,
  getOrPut,
  plainClient,
} from './support/bench-clients.js';
import { atLeast, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { ChildProcessRpc } from './support/child-process-rpc.js';
import { runClosedLoop } from './support/closed-loop.js';
import { median, percentile, round } from './support/stats.js';

const ROUNDS_FULL = 8;
const ROUNDS_QUICK = 5;
const CONCURRENCY = 32;
const STUB_NODES = 3;

interface Contender {
  name: string;
  client: DynamoDBClient;
  throughput: number[];
  p50: number[];
  p99: number[];
  cpuMicros: number[];
}

/**
 * Client overhead: a plain `DynamoDBClient` on one node against `AlternatorClient` (defaults, and
 * with `optimizeHeaders`) over the same stub nodes, which answer at once from another process, so
 * the client's own CPU is the bottleneck. Same concurrency, same 50/50 GetItem/PutItem mix, all
 * signed; contenders take turns (A B C A B C ...) after a warm-up, and ratios are taken within
 * each round, then their median is reported.
 */
export async function overheadBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const rounds = context.quick ? ROUNDS_QUICK : ROUNDS_FULL;
  const requestsPerRound = context.quick ? 1_500 : 6_000;
  const stubs = ChildProcessRpc.start(new URL('./support/stub-nodes.process.js', import.meta.url));
  const nodes = await stubs.call<BenchNodes>('start', STUB_NODES);
  const alternator = (optimizeHeaders: boolean) => alternatorClientOf(nodes, { optimizeHeaders });
  const contenders: Contender[] = [
    {
      name: 'plain DynamoDBClient (1 node)',
      client: plainClient(`http://${nodes.seedHosts[0]}:${nodes.port}`),
    },
    { name: 'AlternatorClient (defaults)', client: await alternator(false) },
    { name: 'AlternatorClient (optimizeHeaders)', client: await alternator(true) },
  ].map((contender) => ({ ...contender, throughput: [], p50: [], p99: [], cpuMicros: [] }));

  try {
    for (const contender of contenders) {
      await runClosedLoop({
        concurrency: CONCURRENCY,
        requests: requestsPerRound / 4,
        send: (i) => getOrPut(contender.client, i),
      });
    }
    for (let round = 1; round <= rounds; round++) {
      for (const contender of contenders) {
        const result = await runClosedLoop({
          concurrency: CONCURRENCY,
          requests: requestsPerRound,
          send: (i) => getOrPut(contender.client, i),
        });
        if (result.errors > 0) {
          throw new Error(`${contender.name} failed ${result.errors} requests`, {
            cause: result.firstError,
          });
        }
        contender.throughput.push(result.throughput);
        contender.p50.push(percentile(result.latenciesMs, 50));
        contender.p99.push(percentile(result.latenciesMs, 99));
        contender.cpuMicros.push(result.cpuMicrosPerRequest);
      }
      context.log(
        `overhead round ${round}: ` +
          contenders.map((c) => `${Math.round(c.throughput[round - 1])} req/s`).join(' | '),
      );
    }
    const stubCounts = await stubs.call<number[]>('requestCounts');
    context.log(`overhead: requests per stub node ${stubCounts.join(' / ')}`);
  } finally {
    for (const contender of contenders) contender.client.destroy();
    await stubs.stop();
  }

  const [plain, defaults, optimized] = contenders;
  const ratio = (ours: number[], reference: number[]) =>
    median(ours.map((value, i) => value / reference[i]));
  const throughputRatio = ratio(defaults.throughput, plain.throughput);
  const throughputRatioOptimized = ratio(optimized.throughput, plain.throughput);
  const p99Ratio = ratio(defaults.p99, plain.p99);
  const summary = (contender: Contender) => ({
    throughput: round(median(contender.throughput), 0),
    p50Ms: round(median(contender.p50), 3),
    p99Ms: round(median(contender.p99), 3),
    cpuMicrosPerRequest: round(median(contender.cpuMicros), 1),
  });
  return {
    name: 'overhead',
    figures: [
      atLeast('throughput ratio, defaults / plain', round(throughputRatio, 3), 'x', 0.95),
      atLeast(
        'throughput ratio, optimizeHeaders / plain',
        round(throughputRatioOptimized, 3),
        'x',
        0.95,
      ),
      info('p99 latency ratio, defaults / plain', round(p99Ratio, 3), 'x'),
      ...contenders.map((c) =>
        info(`CPU per request, ${c.name}`, summary(c).cpuMicrosPerRequest, 'µs'),
      ),
      ...contenders.map((c) => info(`throughput, ${c.name}`, summary(c).throughput, 'req/s')),
    ],
    results: {
      throughputRatio: round(throughputRatio, 3),
      throughputRatioOptimizeHeaders: round(throughputRatioOptimized, 3),
      p99Ratio: round(p99Ratio, 3),
      p99RatioOptimizeHeaders: round(ratio(optimized.p99, plain.p99), 3),
      cpuRatio: round(ratio(defaults.cpuMicros, plain.cpuMicros), 3),
      cpuRatioOptimizeHeaders: round(ratio(optimized.cpuMicros, plain.cpuMicros), 3),
      plain: summary(plain),
      alternatorDefaults: summary(defaults),
      alternatorOptimizeHeaders: summary(optimized),
      rounds,
      requestsPerRound,
      concurrency: CONCURRENCY,
      stubNodes: STUB_NODES,
    },
  };
}
