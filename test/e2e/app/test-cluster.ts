import { LocalAlternatorCluster, type LocalNodeSpec } from '../../../lib/testing/index.js';
import type { AlternatorConfig } from '../../../lib/index.js';

/** Every e2e cluster enforces SigV4, so a request that reaches the store was signed correctly. */
export const TEST_CREDENTIALS = {
  accessKeyId: 'e2e-role',
  secretAccessKey: 'e2e-salted-hash-0123456789',
};

export function startTestCluster(
  nodes: number | LocalNodeSpec[] = 3,
): Promise<LocalAlternatorCluster> {
  return LocalAlternatorCluster.start({ nodes, auth: TEST_CREDENTIALS });
}

/** Client options for a local cluster; short timeouts keep failure cases fast. */
export function clusterConfig(cluster: LocalAlternatorCluster): AlternatorConfig {
  return {
    seedHosts: [...cluster.seedHosts],
    port: cluster.port,
    credentials: TEST_CREDENTIALS,
    discoveryTimeoutMs: 1000,
    connectTimeoutMs: 1000,
    requestTimeoutMs: 5000,
  };
}

/** The same options as `ALTERNATOR_*` variables, for the ConfigService fixtures. */
export function clusterEnv(cluster: LocalAlternatorCluster): Record<string, string> {
  return {
    ALTERNATOR_SEEDS: cluster.seedHosts.join(','),
    ALTERNATOR_PORT: String(cluster.port),
    ALTERNATOR_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    ALTERNATOR_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    ALTERNATOR_CONNECT_TIMEOUT_MS: '1000',
  };
}

/** Sum of the API requests every node of the cluster received. */
export function totalRequests(cluster: LocalAlternatorCluster): number {
  return cluster.requestCounts().reduce((sum, count) => sum + count, 0);
}
