import { CompressionAlgorithm } from './compression-algorithm.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/response-limits.js';

/** Defaults of the scalar options of `AlternatorConfig` (the seed's table, in camelCase). */
export const ALTERNATOR_CONFIG_DEFAULTS = Object.freeze({
  scheme: 'http',
  compression: CompressionAlgorithm.NONE,
  minCompressionSizeBytes: 1024,
  optimizeHeaders: false,
  authenticationEnabled: true,
  region: 'us-east-1',
  maxPoolConnections: 200,
  activeRefreshIntervalMs: 1000,
  idleRefreshIntervalMs: 60000,
  discoveryTimeoutMs: 5000,
  connectTimeoutMs: 5000,
  requestTimeoutMs: 30000,
  maxAttempts: 3,
  latencyAwareRouting: true,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
} as const);
