import type { LocalAlternatorClusterOptions, LocalNodeCapacity } from '../../lib/testing/index.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { serveRpc } from './child-process-rpc.js';

/**
 * Child process entry: one LocalAlternatorCluster served from its own process, so the nodes and
 * their store do not share the client's event loop or core.
 */
let cluster: LocalAlternatorCluster | undefined;

function started(): LocalAlternatorCluster {
  if (!cluster) throw new Error('call start first');
  return cluster;
}

serveRpc({
  start: async (options: LocalAlternatorClusterOptions) => {
    cluster = await LocalAlternatorCluster.start(options);
    return { seedHosts: cluster.seedHosts, port: cluster.port };
  },
  kill: (index: number) => started().kill(index),
  restart: (index: number) => started().restart(index),
  setCapacity: (index: number, capacity: LocalNodeCapacity | null) =>
    started().setCapacity(index, capacity ?? undefined),
  requestCounts: () => started().requestCounts(),
  resetCounts: () => started().resetCounts(),
  /** Arrival times only: the rest of each entry is not needed and would bloat the IPC message. */
  requestTimes: (index: number) =>
    started()
      .requestLog(index)
      .map((entry) => entry.at),
  stop: async () => {
    await cluster?.stop();
    cluster = undefined;
  },
});
