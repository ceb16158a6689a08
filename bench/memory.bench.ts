import { atMost, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { ChildProcessRpc } from './support/child-process-rpc.js';
import { median, round, slope } from './support/stats.js';

const SEGMENTS = 5;
/**
 * RSS after a full GC still jumps by 10-40 MB from one sample to the next, in both clients: V8
 * grows and shrinks its committed heap (heapTotal) as it sees fit. Such jumps only ever add to
 * the floor, while a leak raises the floor itself, so each point is the lowest RSS (and the
 * median heap) of several samples taken through its segment.
 */
const SAMPLES_PER_SEGMENT = 4;
const CONCURRENCY = 32;

interface MemoryPoint {
  rssMb: number;
  heapUsedMb: number;
}

interface Contender {
  name: string;
  process: ChildProcessRpc;
  /** The baseline (end of warm-up) first, then one point per segment. */
  points: MemoryPoint[];
}

/**
 * Memory: RSS of a process whose only job is one client sending GetItem/PutItem to stub nodes
 * (which run in another process), sampled after a full GC. After a warm-up, a baseline point,
 * then 5 segments (200,000 requests in all). AlternatorClient and a plain `DynamoDBClient` each
 * live in their own process and take turns segment by segment, so both see the same machine
 * conditions; the plain client shows how much of any growth is the SDK's and Node's own.
 */
export async function memoryBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const perSegment = context.quick ? 1_000 : 40_000;
  const warmUp = context.quick ? 1_000 : 10_000;
  const baselineRequests = context.quick ? 500 : 10_000;
  const stubs = ChildProcessRpc.start(new URL('./support/stub-nodes.process.js', import.meta.url));
  const contenders: Contender[] = [];
  try {
    const { seedHosts, port } = await stubs.call<{ seedHosts: string[]; port: number }>('start', 3);
    for (const [name, kind] of [
      ['AlternatorClient', 'alternator'],
      ['plain DynamoDBClient', 'plain'],
    ] as const) {
      const workload = ChildProcessRpc.start(
        new URL('./support/memory-workload.process.js', import.meta.url),
        ['--expose-gc'],
      );
      contenders.push({ name, process: workload, points: [] });
      await workload.call('start', kind, seedHosts, port);
    }
    for (const contender of contenders) {
      await contender.process.call('run', warmUp, CONCURRENCY);
      contender.points.push(await measure(contender, baselineRequests));
    }
    for (let segment = 1; segment <= SEGMENTS; segment++) {
      for (const contender of contenders) {
        contender.points.push(await measure(contender, perSegment));
      }
      context.log(
        `memory segment ${segment}: ` +
          contenders
            .map(({ name, points }) => {
              const { rssMb, heapUsedMb } = points[segment];
              return `${name} RSS ${rssMb.toFixed(1)} MB, heap ${heapUsedMb.toFixed(2)} MB`;
            })
            .join(' | '),
      );
    }
  } finally {
    await Promise.all(contenders.map((c) => c.process.stop()));
    await stubs.stop();
  }

  const summary = ({ points }: Contender) => {
    const at = points.map((_, i) => (i * perSegment) / 100_000);
    const last = points[points.length - 1];
    return {
      rssBaselineMb: round(points[0].rssMb, 1),
      rssGrowthMb: round(last.rssMb - points[0].rssMb, 2),
      heapGrowthMb: round(last.heapUsedMb - points[0].heapUsedMb, 2),
      rssSlopeMbPer100k: round(
        slope(
          at,
          points.map((p) => p.rssMb),
        ),
        2,
      ),
      heapSlopeMbPer100k: round(
        slope(
          at,
          points.map((p) => p.heapUsedMb),
        ),
        3,
      ),
      points: points.map((p) => ({ rssMb: round(p.rssMb, 1), heapUsedMb: round(p.heapUsedMb, 2) })),
    };
  };
  const [ours, plain] = contenders.map(summary);
  const total = perSegment * SEGMENTS;
  const trend = 'heap trend, AlternatorClient (MB per 100k requests)';
  return {
    name: 'memory',
    figures: [
      atMost(
        `RSS growth over ${total.toLocaleString('en')} requests, AlternatorClient`,
        ours.rssGrowthMb,
        'MB',
        20,
        true,
      ),
      // A quick run's 5,000 requests cannot show a trend of a few bytes per request.
      context.quick
        ? info(trend, ours.heapSlopeMbPer100k, 'MB')
        : atMost(trend, ours.heapSlopeMbPer100k, 'MB', 1),
      info('RSS trend, AlternatorClient (MB per 100k requests)', ours.rssSlopeMbPer100k, 'MB'),
      info('RSS growth, plain DynamoDBClient', plain.rssGrowthMb, 'MB'),
      info(
        'heap trend, plain DynamoDBClient (MB per 100k requests)',
        plain.heapSlopeMbPer100k,
        'MB',
      ),
    ],
    results: {
      rssGrowthMb: ours.rssGrowthMb,
      heapGrowthMb: ours.heapGrowthMb,
      rssSlopeMbPer100k: ours.rssSlopeMbPer100k,
      heapSlopeMbPer100k: ours.heapSlopeMbPer100k,
      alternator: ours,
      plain,
      requestsAfterWarmUp: total,
      warmUpRequests: warmUp + baselineRequests,
      segments: SEGMENTS,
      samplesPerPoint: SAMPLES_PER_SEGMENT,
      concurrency: CONCURRENCY,
    },
  };
}

/** Runs `requests` requests in equal parts, sampling after each: lowest RSS, median heap. */
async function measure(contender: Contender, requests: number): Promise<MemoryPoint> {
  const samples: MemoryPoint[] = [];
  for (let i = 0; i < SAMPLES_PER_SEGMENT; i++) {
    samples.push(await contender.process.call('run', requests / SAMPLES_PER_SEGMENT, CONCURRENCY));
  }
  return {
    rssMb: Math.min(...samples.map((s) => s.rssMb)),
    heapUsedMb: median(samples.map((s) => s.heapUsedMb)),
  };
}
