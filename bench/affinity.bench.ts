import { performance } from 'node:perf_hooks';
import { affinityHash, affinityPlan, rendezvousPlan } from '../lib/core/affinity/index.js';
import { canonicalEndpoint, orderEndpoints } from '../lib/core/endpoint.js';
import { atLeast, info, type BenchContext, type BenchmarkOutcome } from './support/bench-report.js';
import { median, round } from './support/stats.js';

const ROUNDS = 5;
const CLUSTER_SIZE = 10;

type Coordinator = (nodes: readonly string[], hash: bigint) => string;

interface Method {
  name: string;
  coordinator: Coordinator;
  keptOnGain: number[];
  keptOnLoss: number[];
  nanosPerPlan: number[];
}

/**
 * The client's default: Go's math/rand pick-and-remove over the canonically sorted nodes (the
 * client sorts once per topology change, so the lists here are sorted once, up front).
 */
const defaultHashing: Coordinator = (sortedNodes, hash) => affinityPlan(sortedNodes, hash)[0];

/** The opt-in rendezvous hashing, keyed by each node's canonical URL. */
const rendezvousHashing: Coordinator = (nodes, hash) =>
  rendezvousPlan(nodes, hash, (node) => node)[0];

/**
 * Affinity stability: the share of 100,000 partition keys whose coordinator (first node of the
 * key's plan) stays the same when a 10-node cluster gains an 11th node or loses one, for the
 * default cross-language hashing and for rendezvous hashing. Each round uses new keys and loses
 * a different node; the two methods alternate within each round, and the time per plan is
 * measured too.
 */
export async function affinityBenchmark(context: BenchContext): Promise<BenchmarkOutcome> {
  const keys = context.quick ? 20_000 : 100_000;
  const nodes = orderEndpoints(
    Array.from({ length: CLUSTER_SIZE }, (_, i) => `http://10.0.0.${i + 1}:8000`),
  ).map(canonicalEndpoint);
  const grown = orderEndpoints([...nodes, `http://10.0.0.${CLUSTER_SIZE + 1}:8000`]);
  const methods: Method[] = [
    { name: 'default hashing', coordinator: defaultHashing },
    { name: 'rendezvous hashing', coordinator: rendezvousHashing },
  ].map((method) => ({ ...method, keptOnGain: [], keptOnLoss: [], nanosPerPlan: [] }));

  for (let round = 1; round <= ROUNDS; round++) {
    const lost = `http://10.0.0.${round}:8000`;
    const shrunk = nodes.filter((node) => node !== lost);
    const hashes = Array.from({ length: keys }, (_, i) =>
      affinityHash({ S: `r${round}-key-${i}` })!,
    );
    for (const method of methods) {
      let keptOnGain = 0;
      let keptOnLoss = 0;
      const started = performance.now();
      for (const hash of hashes) {
        const before = method.coordinator(nodes, hash);
        if (method.coordinator(grown, hash) === before) keptOnGain++;
        if (method.coordinator(shrunk, hash) === before) keptOnLoss++;
      }
      method.nanosPerPlan.push(((performance.now() - started) * 1e6) / (3 * keys));
      method.keptOnGain.push(keptOnGain / keys);
      method.keptOnLoss.push(keptOnLoss / keys);
    }
    context.log(
      `affinity round ${round} (lost ${lost}): ` +
        methods
          .map(
            (m) =>
              `${m.name} kept ${(m.keptOnGain[round - 1] * 100).toFixed(1)}% on gain, ` +
              `${(m.keptOnLoss[round - 1] * 100).toFixed(1)}% on loss`,
          )
          .join(' | '),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }

  const [defaults, rendezvous] = methods;
  const share = (values: number[]) => round(median(values), 4);
  return {
    name: 'affinity',
    figures: [
      info('keys kept on 10 -> 11 nodes, default hashing', share(defaults.keptOnGain), 'share'),
      atLeast(
        'keys kept on 10 -> 11 nodes, rendezvous',
        share(rendezvous.keptOnGain),
        'share',
        0.85,
      ),
      info('keys kept on 10 -> 9 nodes, default hashing', share(defaults.keptOnLoss), 'share'),
      atLeast(
        'keys kept on 10 -> 9 nodes, rendezvous',
        share(rendezvous.keptOnLoss),
        'share',
        0.85,
      ),
      ...methods.map((m) =>
        info(`time per plan, ${m.name}`, round(median(m.nanosPerPlan), 0), 'ns'),
      ),
    ],
    results: {
      keptDefault: share(defaults.keptOnGain),
      keptRendezvous: share(rendezvous.keptOnGain),
      keptDefaultOnLoss: share(defaults.keptOnLoss),
      keptRendezvousOnLoss: share(rendezvous.keptOnLoss),
      nanosPerPlanDefault: round(median(defaults.nanosPerPlan), 0),
      nanosPerPlanRendezvous: round(median(rendezvous.nanosPerPlan), 0),
      keys,
      clusterSize: CLUSTER_SIZE,
      rounds: ROUNDS,
    },
  };
}
