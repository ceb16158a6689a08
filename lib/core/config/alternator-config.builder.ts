import { resolveAlternatorConfig, type AlternatorConfig } from './alternator-config.js';
import type { AlternatorLogger } from '../alternator-logger.js';
import type { CompressionAlgorithm } from './compression-algorithm.js';
import type { KeyRouteAffinityConfig, KeyRouteAffinityMode } from './key-route-affinity.js';
import type { NodeHealthConfig } from './node-health-config.js';
import { SealedCredentials } from '../sealed-credentials.js';
import { DatacenterScope, RackScope, type RoutingScope } from './routing-scope.js';
import type { TlsConfig } from './tls-config.js';
import type { AlternatorTelemetryConfig } from './telemetry-config.js';

/**
 * Fluent construction of an {@link AlternatorConfig}, mirroring the seed's `with_*` methods.
 * `build()` validates, so a mistake fails where the config is written.
 *
 * @publicApi
 */
export class AlternatorConfigBuilder {
  private readonly config: Partial<AlternatorConfig> = {};

  /** Replaces the seed hosts (host names, IPv4, or IPv6). */
  withSeeds(...hosts: string[]): this {
    return this.set({ seedHosts: hosts });
  }

  withPort(port: number): this {
    return this.set({ port });
  }

  withScheme(scheme: 'http' | 'https'): this {
    return this.set({ scheme });
  }

  /** Switches to https; with `tls`, also sets the TLS settings. */
  withHttps(tls?: TlsConfig): this {
    return this.set(tls ? { scheme: 'https', tls } : { scheme: 'https' });
  }

  withRoutingScope(routingScope: RoutingScope): this {
    return this.set({ routingScope });
  }

  /** Routes to one datacenter, falling back to the whole cluster. */
  withDatacenter(datacenter: string): this {
    return this.set({ routingScope: new DatacenterScope(datacenter) });
  }

  /** Routes to one rack, falling back to its datacenter, then the cluster. */
  withRack(datacenter: string, rack: string): this {
    return this.set({ routingScope: new RackScope(datacenter, rack) });
  }

  withCompression(compression: CompressionAlgorithm, minSizeBytes?: number): this {
    return this.set(
      minSizeBytes === undefined
        ? { compression }
        : { compression, minCompressionSizeBytes: minSizeBytes },
    );
  }

  /** Accepts and decodes compressed responses, advertising the algorithms in this order. */
  withResponseCompression(...algorithms: CompressionAlgorithm[]): this {
    return this.set({ responseCompression: algorithms });
  }

  withOptimizeHeaders(enabled = true, whitelist?: string[]): this {
    return this.set(
      whitelist === undefined
        ? { optimizeHeaders: enabled }
        : { optimizeHeaders: enabled, headersWhitelist: [...whitelist] },
    );
  }

  withAuthentication(enabled: boolean): this {
    return this.set({ authenticationEnabled: enabled });
  }

  /** SigV4 credentials: the CQL role name and its salted hash, kept sealed. */
  withCredentials(accessKeyId: string, secretAccessKey: string, sessionToken?: string): this {
    return this.set({
      credentials: SealedCredentials.of({ accessKeyId, secretAccessKey, sessionToken }),
    });
  }

  withRegion(region: string): this {
    return this.set({ region });
  }

  withTls(tls: TlsConfig): this {
    return this.set({ tls });
  }

  withKeyAffinity(
    mode: KeyRouteAffinityMode,
    tablePkMap?: Record<string, string>,
    hashing?: KeyRouteAffinityConfig['hashing'],
  ): this {
    const keyAffinity: KeyRouteAffinityConfig = { mode };
    if (tablePkMap !== undefined) keyAffinity.tablePkMap = { ...tablePkMap };
    if (hashing !== undefined) keyAffinity.hashing = hashing;
    return this.set({ keyAffinity });
  }

  withMaxPoolConnections(maxPoolConnections: number): this {
    return this.set({ maxPoolConnections });
  }

  withRefreshIntervals(intervals: { activeMs?: number; idleMs?: number }): this {
    return this.set({
      ...defined('activeRefreshIntervalMs', intervals.activeMs),
      ...defined('idleRefreshIntervalMs', intervals.idleMs),
    });
  }

  withTimeouts(timeouts: { connectMs?: number; requestMs?: number; discoveryMs?: number }): this {
    return this.set({
      ...defined('connectTimeoutMs', timeouts.connectMs),
      ...defined('requestTimeoutMs', timeouts.requestMs),
      ...defined('discoveryTimeoutMs', timeouts.discoveryMs),
    });
  }

  withMaxAttempts(maxAttempts: number): this {
    return this.set({ maxAttempts });
  }

  /** Largest response body accepted from a node, in bytes (see `maxResponseBytes`). */
  withMaxResponseBytes(maxResponseBytes: number): this {
    return this.set({ maxResponseBytes });
  }

  /** Merges into the node health settings given so far. */
  withNodeHealth(nodeHealth: NodeHealthConfig): this {
    return this.set({ nodeHealth: { ...this.config.nodeHealth, ...nodeHealth } });
  }

  /** Chooses first nodes by latency as well as requests in flight (the default) or not. */
  withLatencyAwareRouting(enabled = true): this {
    return this.set({ latencyAwareRouting: enabled });
  }

  /**
   * Hedges idempotent reads: after `afterMs` without an answer, the read also goes to another
   * node. `maxExtraPercent` caps the extra requests. Default: `5`
   */
  withHedging(afterMs: number, maxExtraPercent?: number): this {
    return this.set({
      hedging: maxExtraPercent === undefined ? { afterMs } : { afterMs, maxExtraPercent },
    });
  }

  withLogger(logger: AlternatorLogger): this {
    return this.set({ logger });
  }

  /** OpenTelemetry settings, e.g. `{ enabled: false }` or `{ meterProvider }`. */
  withTelemetry(telemetry: AlternatorTelemetryConfig): this {
    return this.set({ telemetry });
  }

  /**
   * Validates and returns the config (defaults not applied).
   *
   * @throws ConfigurationError listing every bad option
   */
  build(): AlternatorConfig {
    const config = { ...this.config } as AlternatorConfig;
    resolveAlternatorConfig(config, 'AlternatorConfigBuilder');
    return config;
  }

  private set(values: Partial<AlternatorConfig>): this {
    Object.assign(this.config, values);
    return this;
  }
}

function defined<K extends keyof AlternatorConfig>(
  key: K,
  value: AlternatorConfig[K] | undefined,
): Partial<AlternatorConfig> {
  return value === undefined ? {} : { [key]: value };
}
