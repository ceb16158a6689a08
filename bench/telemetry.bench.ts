import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { AlternatorClient } from '../lib/core/alternator-client.js';
import type { AlternatorTelemetryConfig } from '../lib/core/config/telemetry-config.js';
import { alternatorClientOf, type BenchNodes, getOrPut } from './support/bench-clients.js';
import { atLeast, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { ChildProcessRpc } from './support/child-process-rpc.js';
import { runClosedLoop } from './support/closed-loop.js';
import { median, round } from './support/stats.js';

const ROUNDS_FULL = 8;
const ROUNDS_QUICK = 5;
const CONCURRENCY = 32;
const STUB_NODES = 3;

/** A reader nobody exports from: the SDK still aggregates every measurement. */
class IdleMetricReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

interface Contender {
  name: string;
  client: AlternatorClient;
  throughput: number[];
  cpuMicros: number[];
}

/**
 * What telemetry costs per request, against the same stub nodes as the overhead benchmark (the
 * client's CPU is the bottleneck): telemetry off, which is also what a client pays where
 * `@opentelemetry/api` is not installed; the defaults with the API installed but no SDK (no-op
 * meters); and an SDK meter provider that aggregates every measurement. Every request runs inside
 * a recording span, as under `@opentelemetry/instrumentation-aws-sdk`, so the last two also
 * annotate it. Contenders take turns; ratios to "off" are taken within each round.
 */
export async function telemetryBenchmark(bench: BenchContext): Promise<BenchmarkOutcome> {
  const rounds = bench.quick ? ROUNDS_QUICK : ROUNDS_FULL;
  const requestsPerRound = bench.quick ? 1_500 : 6_000;
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const tracer = new BasicTracerProvider().getTracer('bench');
  const meterProvider = new MeterProvider({ readers: [new IdleMetricReader()] });
  const stubs = ChildProcessRpc.start(new URL('./support/stub-nodes.process.js', import.meta.url));
  const nodes = await stubs.call<BenchNodes>('start', STUB_NODES);
  const alternator = (telemetry: AlternatorTelemetryConfig) =>
    alternatorClientOf(nodes, { telemetry });
  const contenders: Contender[] = [
    { name: 'telemetry off', client: await alternator({ enabled: false }) },
    { name: 'API, no SDK', client: await alternator({}) },
    { name: 'SDK meter provider', client: await alternator({ meterProvider }) },
  ].map((contender) => ({ ...contender, throughput: [], cpuMicros: [] }));
  const traced = (client: AlternatorClient, i: number) =>
    tracer.startActiveSpan('DynamoDB', async (span) => {
      try {
        return await getOrPut(client, i);
      } finally {
        span.end();
      }
    });

  try {
    for (const contender of contenders) {
      await runClosedLoop({
        concurrency: CONCURRENCY,
        requests: requestsPerRound / 4,
        send: (i) => traced(contender.client, i),
      });
    }
    for (let round = 1; round <= rounds; round++) {
      for (const contender of contenders) {
        const result = await runClosedLoop({
          concurrency: CONCURRENCY,
          requests: requestsPerRound,
          send: (i) => traced(contender.client, i),
        });
        if (result.errors > 0) {
          throw new Error(`${contender.name} failed ${result.errors} requests`, {
            cause: result.firstError,
          });
        }
        contender.throughput.push(result.throughput);
        contender.cpuMicros.push(result.cpuMicrosPerRequest);
      }
      bench.log(
        `telemetry round ${round}: ` +
          contenders.map((c) => `${Math.round(c.throughput[round - 1])} req/s`).join(' | '),
      );
    }
  } finally {
    for (const contender of contenders) contender.client.destroy();
    await stubs.stop();
    await meterProvider.shutdown();
    context.disable();
  }

  const [off, noSdk, sdk] = contenders;
  const ratio = (ours: number[], reference: number[]) =>
    median(ours.map((value, i) => value / reference[i]));
  const extraCpu = (contender: Contender) =>
    round(median(contender.cpuMicros.map((value, i) => value - off.cpuMicros[i])), 1);
  return {
    name: 'telemetry',
    figures: [
      atLeast(
        'throughput ratio, API without SDK / off',
        round(ratio(noSdk.throughput, off.throughput), 3),
        'x',
        0.97,
      ),
      atLeast(
        'throughput ratio, SDK meter provider / off',
        round(ratio(sdk.throughput, off.throughput), 3),
        'x',
        0.9,
      ),
      info('extra CPU per request, API without SDK', extraCpu(noSdk), 'µs'),
      info('extra CPU per request, SDK meter provider', extraCpu(sdk), 'µs'),
      info('CPU per request, telemetry off', round(median(off.cpuMicros), 1), 'µs'),
    ],
    results: {
      throughputRatioNoSdk: round(ratio(noSdk.throughput, off.throughput), 3),
      throughputRatioSdk: round(ratio(sdk.throughput, off.throughput), 3),
      extraCpuMicrosNoSdk: extraCpu(noSdk),
      extraCpuMicrosSdk: extraCpu(sdk),
      cpuMicrosOff: round(median(off.cpuMicros), 1),
      rounds,
      requestsPerRound,
      concurrency: CONCURRENCY,
      stubNodes: STUB_NODES,
    },
  };
}
