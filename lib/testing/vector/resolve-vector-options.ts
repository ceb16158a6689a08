import type { LocalAlternatorClusterOptions } from '../local-cluster-options.interface.js';
import { DEFAULT_SERVER_VERSION, SERVER_VERSIONS } from './vector-api-generation.js';
import type { VectorEmulationOptions } from './vector-request-interceptor.js';

/** Alternator indexes catch up with writes through CDC in about a second. */
export const DEFAULT_VECTOR_INDEX_ACTIVATION_DELAY_MS = 1000;

/** The vector-search options of a cluster, defaults applied and values checked. */
export function resolveVectorOptions(
  options: LocalAlternatorClusterOptions,
): VectorEmulationOptions {
  const serverVersion = options.serverVersion ?? DEFAULT_SERVER_VERSION;
  if (!SERVER_VERSIONS.includes(serverVersion)) {
    throw new TypeError(
      `LocalAlternatorCluster: 'serverVersion' must be one of ${SERVER_VERSIONS.join(', ')}, ` +
        `got ${String(serverVersion)}`,
    );
  }
  const activationDelayMs =
    options.vectorIndexActivationDelayMs ?? DEFAULT_VECTOR_INDEX_ACTIVATION_DELAY_MS;
  if (!Number.isFinite(activationDelayMs) || activationDelayMs < 0) {
    throw new TypeError(
      "LocalAlternatorCluster: 'vectorIndexActivationDelayMs' must be a number >= 0, got " +
        String(activationDelayMs),
    );
  }
  return { serverVersion, activationDelayMs };
}
