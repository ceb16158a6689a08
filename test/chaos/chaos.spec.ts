import { afterEach, describe, expect, it } from '@jest/globals';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS, waitFor } from '../support/alternator-test-kit.js';
import { connectToLocalCluster } from '../support/local-cluster-client.js';
import { SeededRandom, seedFromEnv } from '../support/seeded-random.js';
import { describeSteps, planChaosSchedule, runChaosSchedule } from './chaos-schedule.js';
import { CHAOS_TABLE } from './chaos-items.js';
import { ChaosWorkload } from './chaos-workload.js';

const NODES = 5;
const CONCURRENCY = 16;
const WORKLOAD_MS = 20_000;
/** A bound on the workload besides time, should the machine be far faster than expected. */
const MAX_REQUESTS = 200_000;
/** Failures listed in full in an assertion; the summary line has the counts. */
const SHOWN = 10;

// The fault schedule is drawn from the seed alone and replays exactly; which request meets which
// fault still depends on timing, so a replay reproduces the faults, not every interleaving.
const seed = seedFromEnv('CHAOS_SEED');
process.stdout.write(`chaos seed ${seed} (replay: CHAOS_SEED=${seed} npm test -- test/chaos)\n`);

describe(`chaos: ${NODES} nodes killed, paused, resumed and restarted (CHAOS_SEED=${seed})`, () => {
  let cluster: LocalAlternatorCluster | undefined;
  let client: AlternatorClient | undefined;

  afterEach(async () => {
    client?.destroy();
    await cluster?.stop();
  });

  /** Runs one phase; an unexpected error names the seed, so the run can be replayed. */
  async function phase<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`CHAOS_SEED=${seed}: ${what} failed: ${reason}`, { cause: error });
    }
  }

  it('loses no acknowledged write and fails no idempotent request', async () => {
    const random = new SeededRandom(seed);
    const started = await phase('start-up', async () => {
      const local = await LocalAlternatorCluster.start({ nodes: NODES, auth: TEST_CREDENTIALS });
      cluster = local;
      const alternator = await connectToLocalCluster(local, {
        seedHosts: local.seedHosts,
        requestTimeoutMs: 800,
        connectTimeoutMs: 400,
        // One attempt per node: with three of five nodes hung, a request may meet all three.
        maxAttempts: NODES,
        activeRefreshIntervalMs: 250,
        idleRefreshIntervalMs: 1000,
        discoveryTimeoutMs: 500,
        nodeHealth: { backgroundProbePeriodMs: 200, probeTimeoutMs: 300 },
      });
      client = alternator;
      await createItemsTable(alternator, CHAOS_TABLE);
      return { local, alternator };
    });
    const attemptsSoFar = () =>
      started.alternator.cluster.stats().reduce((sum, node) => sum + node.requests, 0);
    const attemptsBefore = attemptsSoFar();
    const workload = new ChaosWorkload(started.alternator, random.fork(1), CONCURRENCY);
    await phase('preparing counters', () => workload.prepare());
    const schedule = planChaosSchedule(random.fork(2), {
      nodes: NODES,
      minServing: 2,
      durationMs: WORKLOAD_MS,
      minGapMs: 300,
      maxGapMs: 800,
    });

    const startedAt = Date.now();
    const deadline = startedAt + WORKLOAD_MS;
    const [faults, work] = await Promise.allSettled([
      runChaosSchedule(started.local, schedule, startedAt, deadline),
      workload.run(deadline, MAX_REQUESTS),
    ]);
    const applied = await phase('the fault schedule', () => {
      if (work.status === 'rejected') return Promise.reject(work.reason as Error);
      if (faults.status === 'rejected') return Promise.reject(faults.reason as Error);
      return Promise.resolve(faults.value);
    });
    await phase('settling writes of unknown outcome', () => workload.settle());
    await waitFor(
      () => started.alternator.cluster.nodes().length === NODES,
      `the client to route to all ${NODES} healed nodes again (CHAOS_SEED=${seed})`,
    );
    const retries = attemptsSoFar() - attemptsBefore - workload.requests;
    const readBack = await phase('reading every write back', () => workload.readBack());

    process.stdout.write(
      `chaos seed ${seed}: ${workload.requests} requests, ${retries} retries, ` +
        `faults ${describeSteps(applied)}, ${readBack.verified} of ${workload.expected.size} ` +
        `writes read back intact, ${workload.idempotentFailures.length} failed idempotent ` +
        `requests, ${workload.conditionFailedAfterRetry} conditional writes already applied by ` +
        `an earlier attempt, ${workload.conditionalErrors} conditional write errors re-sent\n`,
    );
    expect({
      seed,
      faultsApplied: applied.length > 0,
      failedIdempotentRequests: workload.idempotentFailures.slice(0, SHOWN),
      wrongReads: workload.wrongReads.slice(0, SHOWN),
      lostWrites: readBack.missing.slice(0, SHOWN),
      wrongValues: readBack.wrong.slice(0, SHOWN),
      counterMismatches: workload.counterMismatches.slice(0, SHOWN),
      unresolvedWrites: workload.unresolvedWrites.slice(0, SHOWN),
    }).toEqual({
      seed,
      faultsApplied: true,
      failedIdempotentRequests: [],
      wrongReads: [],
      lostWrites: [],
      wrongValues: [],
      counterMismatches: [],
      unresolvedWrites: [],
    });
  }, 60_000);
});
