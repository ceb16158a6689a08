import { ALTERNATOR_CONFIG_DEFAULTS as DEFAULTS } from './alternator-config.defaults.js';
import { validateAlternatorConfig } from './alternator-config.dto.js';
import { StderrAlternatorLogger, type AlternatorLogger } from '../alternator-logger.js';
import { CompressionAlgorithm } from './compression-algorithm.js';
import { ConfigurationError } from '../errors.js';
import {
  resolveHedgingConfig,
  type HedgingConfig,
  type ResolvedHedgingConfig,
} from './hedging-config.js';
import {
  KeyRouteAffinityMode,
  type KeyRouteAffinityConfig,
  type ResolvedKeyRouteAffinityConfig,
} from './key-route-affinity.js';
import {
  resolveNodeHealthConfig,
  type NodeHealthConfig,
  type ResolvedNodeHealthConfig,
} from './node-health-config.js';
import { ClusterScope, type RoutingScope } from './routing-scope.js';
import { TlsConfig } from './tls-config.js';
import {
  resolveTelemetryConfig,
  type AlternatorTelemetryConfig,
  type ResolvedTelemetryConfig,
} from './telemetry-config.js';

export type { AlternatorLogger } from '../alternator-logger.js';
export type { HedgingConfig, ResolvedHedgingConfig } from './hedging-config.js';
export type { NodeHealthConfig, ResolvedNodeHealthConfig } from './node-health-config.js';

/**
 * SigV4 credentials: with ScyllaDB, the CQL role name and its salted hash.
 *
 * @publicApi
 */
export interface AlternatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Options of an Alternator client (the seed's options, in camelCase).
 *
 * @publicApi
 */
export interface AlternatorConfig {
  /** Nodes to start discovery from: host names, IPv4, or IPv6 (bare or in brackets). */
  seedHosts: string[];
  /** Alternator port, shared by every node (1-65535). */
  port: number;
  /** Default: `'http'` */
  scheme?: 'http' | 'https';
  /** Which nodes get traffic, with automatic fallback. Default: `new ClusterScope()` */
  routingScope?: RoutingScope;
  /** Request body compression. Default: `CompressionAlgorithm.NONE` */
  compression?: CompressionAlgorithm;
  /** Smallest body worth compressing, in bytes. Default: `1024` */
  minCompressionSizeBytes?: number;
  /**
   * Response encodings to accept (`Accept-Encoding`, in this order) and decode; Alternator 2026.1+
   * compresses responses of 4096 bytes or more when asked. Default: `[]` (responses uncompressed)
   */
  responseCompression?: CompressionAlgorithm[];
  /** Drop headers Alternator ignores, to save bytes. Default: `false` */
  optimizeHeaders?: boolean;
  /** Headers kept on top of the required ones when optimizing. Default: `[]` */
  headersWhitelist?: string[];
  /** Sign requests with `credentials`; when `false` requests go unsigned. Default: `true` */
  authenticationEnabled?: boolean;
  /**
   * SigV4 credentials. The client keeps them sealed: no object it builds shows them.
   * Default: none, so requests go unsigned
   */
  credentials?: AlternatorCredentials;
  /** Region used for signing; Alternator accepts any. Default: `'us-east-1'` */
  region?: string;
  /** TLS settings for `https`. Default: `TlsConfig.systemDefault()` */
  tls?: TlsConfig;
  /** Pin writes of one partition key to one coordinator. Default: `{ mode: NONE }` */
  keyAffinity?: KeyRouteAffinityConfig;
  /** Most open connections per node. Default: `200` */
  maxPoolConnections?: number;
  /** Node list refresh period while requests flow. Default: `1000` */
  activeRefreshIntervalMs?: number;
  /** Node list refresh period when idle; not below the active one. Default: `60000` */
  idleRefreshIntervalMs?: number;
  /** Deadline of one `/localnodes` call. Default: `5000` */
  discoveryTimeoutMs?: number;
  /** Deadline to open a connection, never beyond `requestTimeoutMs`. Default: `5000` */
  connectTimeoutMs?: number;
  /** Deadline of one request attempt. Default: `30000` */
  requestTimeoutMs?: number;
  /** Attempts per request, the first included; retries go to other nodes. Default: `3` */
  maxAttempts?: number;
  /**
   * Largest response body accepted from a node, in bytes, as sent and once decompressed (4096 to
   * 512 MiB). A larger answer fails its attempt with a `ResponseTooLargeError` before it is
   * buffered; reads are retried on another node. The default is twice the largest item one
   * Alternator request can write (16 MiB); raise it for bigger BatchGetItem answers or items grown
   * by updates. Default: `33554432` (32 MiB)
   */
  maxResponseBytes?: number;
  /** Node health thresholds and probes. Default: the cross-language defaults */
  nodeHealth?: NodeHealthConfig;
  /**
   * Choose the first node of each request by its recent latency as well as by this client's
   * requests in flight, so a node far slower than its peers gets little traffic. `false` keeps
   * requests in flight alone (an even spread whatever the latencies, for example when requests
   * differ so much in cost that one long scan should not make a node look slow). Default: `true`
   */
  latencyAwareRouting?: boolean;
  /**
   * Hedged reads: a read the first node has not answered after `afterMs` also goes to another
   * node, the first answer wins, the other request is aborted; idempotent reads only, extra
   * requests capped at `maxExtraPercent` (default 5) of reads. See {@link HedgingConfig}.
   * Default: none (no read is sent twice)
   */
  hedging?: HedgingConfig;
  /**
   * Receives discovery and health events; Nest's `Logger` fits.
   * Default: warnings and errors on stderr, prefixed `[Alternator]`
   */
  logger?: AlternatorLogger;
  /**
   * OpenTelemetry metrics and span attributes, when `@opentelemetry/api` is installed.
   * Default: on, reporting to the global providers
   */
  telemetry?: AlternatorTelemetryConfig;
}

/**
 * {@link AlternatorConfig} after validation, with every default applied. It holds no credentials:
 * the client seals them apart (`SealedCredentials`), so the parts that only need the
 * options (cluster, discovery, probes) never see a secret.
 */
export type ResolvedAlternatorConfig = Required<
  Omit<AlternatorConfig, 'credentials' | 'keyAffinity' | 'nodeHealth' | 'hedging' | 'telemetry'>
> & {
  keyAffinity: ResolvedKeyRouteAffinityConfig;
  nodeHealth: ResolvedNodeHealthConfig;
  /** Absent when hedging is off. */
  hedging?: ResolvedHedgingConfig;
  telemetry: ResolvedTelemetryConfig;
};

/**
 * Validates `config` and applies the defaults.
 *
 * @param context where the options come from, for the error heading,
 *   e.g. `AlternatorModule (cluster "orders")`
 * @throws ConfigurationError listing every bad option by name
 */
export function resolveAlternatorConfig(
  config: AlternatorConfig,
  context?: string,
): ResolvedAlternatorConfig {
  const problems = validateAlternatorConfig(config);
  if (problems.length > 0) {
    const heading = 'Invalid Alternator configuration' + (context ? ` for ${context}` : '');
    throw new ConfigurationError(problems, heading);
  }
  return {
    seedHosts: [...config.seedHosts],
    port: config.port,
    scheme: config.scheme ?? DEFAULTS.scheme,
    routingScope: config.routingScope ?? new ClusterScope(),
    compression: config.compression ?? CompressionAlgorithm.NONE,
    minCompressionSizeBytes: config.minCompressionSizeBytes ?? DEFAULTS.minCompressionSizeBytes,
    optimizeHeaders: config.optimizeHeaders ?? DEFAULTS.optimizeHeaders,
    headersWhitelist: [...(config.headersWhitelist ?? [])],
    responseCompression: [...new Set(config.responseCompression ?? [])],
    authenticationEnabled: config.authenticationEnabled ?? DEFAULTS.authenticationEnabled,
    region: config.region ?? DEFAULTS.region,
    tls: config.tls ?? TlsConfig.systemDefault(),
    keyAffinity: resolveKeyAffinity(config.keyAffinity),
    maxPoolConnections: config.maxPoolConnections ?? DEFAULTS.maxPoolConnections,
    activeRefreshIntervalMs: config.activeRefreshIntervalMs ?? DEFAULTS.activeRefreshIntervalMs,
    idleRefreshIntervalMs: config.idleRefreshIntervalMs ?? DEFAULTS.idleRefreshIntervalMs,
    discoveryTimeoutMs: config.discoveryTimeoutMs ?? DEFAULTS.discoveryTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    maxAttempts: config.maxAttempts ?? DEFAULTS.maxAttempts,
    latencyAwareRouting: config.latencyAwareRouting ?? DEFAULTS.latencyAwareRouting,
    maxResponseBytes: config.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    nodeHealth: resolveNodeHealthConfig(config.nodeHealth),
    ...(config.hedging && { hedging: resolveHedgingConfig(config.hedging) }),
    logger: config.logger ?? new StderrAlternatorLogger(),
    telemetry: resolveTelemetryConfig(config.telemetry),
  };
}

function resolveKeyAffinity(
  config: KeyRouteAffinityConfig | undefined,
): ResolvedKeyRouteAffinityConfig {
  return {
    mode: config?.mode ?? KeyRouteAffinityMode.NONE,
    tablePkMap: { ...config?.tablePkMap },
    hashing: config?.hashing ?? 'default',
  };
}
