import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { affinityBenchmark } from './affinity.bench.js';
import { bytesBenchmark } from './bytes.bench.js';
import { failoverBenchmark } from './failover.bench.js';
import { memoryBenchmark } from './memory.bench.js';
import { overheadBenchmark } from './overhead.bench.js';
import { scalingBenchmark } from './scaling.bench.js';
import { slowNodeBenchmark } from './slow-node.bench.js';
import { telemetryBenchmark } from './telemetry.bench.js';
import { vectorBenchmark } from './vector.bench.js';
import type { Benchmark, BenchmarkOutcome } from './support/bench-report.js';
import { describeMachine } from './support/machine.js';
import { resultsTable } from './support/results-table.js';

/** In the order they run. */
const BENCHMARKS: Record<string, Benchmark> = {
  overhead: overheadBenchmark,
  scaling: scalingBenchmark,
  failover: failoverBenchmark,
  affinity: affinityBenchmark,
  bytes: bytesBenchmark,
  memory: memoryBenchmark,
  slowNode: slowNodeBenchmark,
  telemetry: telemetryBenchmark,
  vector: vectorBenchmark,
};

/** Compiled to dist-bench/bench/run.js; results go to the source tree's bench/results/. */
const RESULTS_DIR = new URL('../../bench/results/', import.meta.url);

const USAGE = `usage: npm run bench [-- --quick] [-- --only name[,name]]
  --quick  fewer requests per round (still 5 rounds or more): under two minutes
  --only   run only these benchmarks (${Object.keys(BENCHMARKS).join(', ')}); results are printed,
           bench/results/ is left as it is`;

async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  const unknown = (only ?? []).filter((name) => !(name in BENCHMARKS));
  if (args.includes('--help') || unknown.length > 0 || (only && only.length === 0)) {
    if (unknown.length > 0) console.error(`unknown benchmark: ${unknown.join(', ')}`);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // The SDK warns once per process that its future releases need Node 22; that is not news here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const machine = describeMachine();
  console.log(
    `nestjs-alternator benchmarks${quick ? ' (quick)' : ''}: ${machine.cpuModel}, ` +
      `${machine.cores} cores, Node ${machine.nodeVersion}, load average ${machine.loadAverageAtStart}`,
  );
  const started = performance.now();
  const outcomes: BenchmarkOutcome[] = [];
  const seconds: Record<string, number> = {};
  for (const [name, benchmark] of Object.entries(BENCHMARKS)) {
    if (only && !only.includes(name)) continue;
    const benchmarkStarted = performance.now();
    console.log(`\n== ${name}`);
    outcomes.push(await benchmark({ quick, log: (message) => console.log(`  ${message}`) }));
    seconds[name] = Math.round((performance.now() - benchmarkStarted) / 100) / 10;
    console.log(`  (${seconds[name]} s)`);
  }
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`\n${resultsTable(outcomes)}\n\nTotal ${totalSeconds} s`);
  if (only) return;

  await mkdir(RESULTS_DIR, { recursive: true });
  const latest = {
    ...Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome.results])),
    machine,
    quick,
    date: new Date().toISOString(),
    durationSeconds: { ...seconds, total: totalSeconds },
  };
  await writeFile(new URL('latest.json', RESULTS_DIR), `${JSON.stringify(latest, null, 2)}\n`);
  for (const outcome of outcomes) {
    for (const [file, content] of Object.entries(outcome.artifacts ?? {})) {
      await writeFile(new URL(file, RESULTS_DIR), content);
    }
  }
  console.log('Wrote bench/results/latest.json and bench/results/failover.svg');
}

await main(process.argv.slice(2));
