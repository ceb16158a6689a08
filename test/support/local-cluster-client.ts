import {
  createAlternatorClient,
  type AlternatorClient,
  type CreateAlternatorClientOptions,
} from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import {
  LocalAlternatorCluster,
  type LocalAlternatorClusterOptions,
  type LocalNodeFault,
} from '../../lib/testing/index.js';
import { captureLogger, createItemsTable, TEST_CREDENTIALS } from './alternator-test-kit.js';

/**
 * A client of `cluster` as the suites connect one: the first node as the only seed (the client
 * finds the others through discovery, as a user's would), the cluster's port, the credentials it
 * enforces and a logger that keeps what the client says. `config` adds to or replaces any of these.
 */
export function connectToLocalCluster(
  cluster: LocalAlternatorCluster,
  config: Partial<AlternatorConfig> = {},
  options?: CreateAlternatorClientOptions,
): Promise<AlternatorClient> {
  return createAlternatorClient(
    {
      seedHosts: [cluster.seedHosts[0]],
      port: cluster.port,
      credentials: TEST_CREDENTIALS,
      logger: captureLogger(),
      ...config,
    },
    options,
  );
}

/** The cluster's own options (it always enforces TEST_CREDENTIALS), and the client's. */
export interface ClusterWithItemsTableOptions extends Omit<LocalAlternatorClusterOptions, 'auth'> {
  /** Required, so that every spec says how many nodes it runs against. */
  nodes: NonNullable<LocalAlternatorClusterOptions['nodes']>;
  /** Client options beyond those of {@link connectToLocalCluster}. Default: none. */
  client?: Partial<AlternatorConfig>;
  /** Off: nothing discovers or probes unless the test asks. Default: true */
  startBackgroundTasks?: boolean;
}

export interface LocalClusterAndClient {
  cluster: LocalAlternatorCluster;
  client: AlternatorClient;
}

/**
 * Starts a cluster that enforces SigV4, connects a client to it and creates the `items` table.
 * When connecting or creating the table fails, the cluster is stopped: no test leaves nodes up.
 */
export async function startClusterWithItemsTable({
  client: clientConfig,
  startBackgroundTasks,
  ...clusterOptions
}: ClusterWithItemsTableOptions): Promise<LocalClusterAndClient> {
  const cluster = await LocalAlternatorCluster.start({ ...clusterOptions, auth: TEST_CREDENTIALS });
  let client: AlternatorClient | undefined;
  try {
    client = await connectToLocalCluster(cluster, clientConfig, { startBackgroundTasks });
    await createItemsTable(client);
    return { cluster, client };
  } catch (error) {
    client?.destroy();
    await cluster.stop();
    throw error;
  }
}

/** Teardown of a test that started both; either is missing when its start failed. */
export async function stopClientAndCluster(
  client: AlternatorClient | undefined,
  cluster: LocalAlternatorCluster | undefined,
): Promise<void> {
  client?.destroy();
  await cluster?.stop();
}

/** Resumes paused nodes and restarts killed ones: each test of a shared cluster starts all up. */
export async function restoreStoppedNodes(cluster: LocalAlternatorCluster): Promise<void> {
  for (const node of cluster.nodes()) {
    if (node.state === 'paused') cluster.resume(node.index);
    if (node.state === 'killed') await cluster.restart(node.index);
  }
}

/** Every node answers /localnodes with `body`; `undefined` gives each its real answer back. */
export function overrideLocalNodesOnEveryNode(
  cluster: LocalAlternatorCluster,
  body: string | undefined,
): void {
  for (const node of cluster.nodes()) cluster.setLocalNodesOverride(node.index, body);
}

/** Every node misbehaves as `fault` says; `undefined` makes them all behave again. */
export function setFaultOnEveryNode(
  cluster: LocalAlternatorCluster,
  fault: LocalNodeFault | undefined,
): void {
  for (const node of cluster.nodes()) cluster.setFault(node.index, fault);
}
