import { describe, expect, it } from '@jest/globals';
import { AlternatorConfigBuilder } from './alternator-config.builder.js';
import { CompressionAlgorithm } from './compression-algorithm.js';
import { ConfigurationError } from '../errors.js';
import { KeyRouteAffinityMode } from './key-route-affinity.js';
import { DatacenterScope, RackScope } from './routing-scope.js';
import { TlsConfig } from './tls-config.js';

describe('AlternatorConfigBuilder', () => {
  it('builds the config the seed README example describes', () => {
    const tls = TlsConfig.systemDefault();
    const config = new AlternatorConfigBuilder()
      .withSeeds('node1.example.com', 'node2.example.com')
      .withPort(8000)
      .withHttps(tls)
      .withDatacenter('us-east-1')
      .withCompression(CompressionAlgorithm.GZIP, 1024)
      .withKeyAffinity(KeyRouteAffinityMode.RMW)
      .withRefreshIntervals({ activeMs: 1000, idleMs: 60000 })
      .build();
    expect(config).toEqual({
      seedHosts: ['node1.example.com', 'node2.example.com'],
      port: 8000,
      scheme: 'https',
      tls,
      routingScope: new DatacenterScope('us-east-1'),
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 1024,
      keyAffinity: { mode: KeyRouteAffinityMode.RMW },
      activeRefreshIntervalMs: 1000,
      idleRefreshIntervalMs: 60000,
    });
  });

  it('sets every other option', () => {
    const logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
    const config = new AlternatorConfigBuilder()
      .withSeeds('127.0.0.1')
      .withPort(8043)
      .withScheme('http')
      .withRack('dc1', 'rack2')
      .withOptimizeHeaders(true, ['x-trace-id'])
      .withAuthentication(true)
      .withCredentials('cassandra', 'salted-hash')
      .withRegion('eu-west-1')
      .withTls(TlsConfig.trustAll())
      .withKeyAffinity(KeyRouteAffinityMode.ANY_WRITE, { orders: 'pk' }, 'rendezvous')
      .withMaxPoolConnections(50)
      .withTimeouts({ connectMs: 1000, requestMs: 10000, discoveryMs: 2000 })
      .withMaxAttempts(5)
      .withMaxResponseBytes(64 * 1024 * 1024)
      .withNodeHealth({ probeTimeoutMs: 1000 })
      .withNodeHealth({ probeConcurrency: 2 })
      .withHedging(30, 2)
      .withLatencyAwareRouting(false)
      .withLogger(logger)
      .withTelemetry({ spanAttributes: false })
      .build();
    expect(config).toMatchObject({
      scheme: 'http',
      optimizeHeaders: true,
      headersWhitelist: ['x-trace-id'],
      authenticationEnabled: true,
      credentials: { accessKeyId: 'cassandra', secretAccessKey: 'salted-hash' },
      region: 'eu-west-1',
      keyAffinity: {
        mode: KeyRouteAffinityMode.ANY_WRITE,
        tablePkMap: { orders: 'pk' },
        hashing: 'rendezvous',
      },
      maxPoolConnections: 50,
      connectTimeoutMs: 1000,
      requestTimeoutMs: 10000,
      discoveryTimeoutMs: 2000,
      maxAttempts: 5,
      maxResponseBytes: 64 * 1024 * 1024,
      nodeHealth: { probeTimeoutMs: 1000, probeConcurrency: 2 },
      hedging: { afterMs: 30, maxExtraPercent: 2 },
      latencyAwareRouting: false,
      logger,
      telemetry: { spanAttributes: false },
    });
    expect(String(config.routingScope)).toBe('rack dc1/rack2');
    expect(config.routingScope).toBeInstanceOf(RackScope);
    expect(config.tls?.isTrustAll).toBe(true);
  });

  it('leaves unset options out, so defaults apply later', () => {
    const config = new AlternatorConfigBuilder()
      .withSeeds('127.0.0.1')
      .withPort(8000)
      .withRefreshIntervals({ idleMs: 30000 })
      .withOptimizeHeaders()
      .build();
    expect(config).toEqual({
      seedHosts: ['127.0.0.1'],
      port: 8000,
      idleRefreshIntervalMs: 30000,
      optimizeHeaders: true,
    });
  });

  it('validates on build and lists every problem', () => {
    const builder = new AlternatorConfigBuilder().withPort(0).withMaxAttempts(0);
    expect(() => builder.build()).toThrow(ConfigurationError);
    expect(() => builder.build()).toThrow(
      'Invalid Alternator configuration for AlternatorConfigBuilder:\n' +
        '  - seedHosts is required: list at least one node\n' +
        '  - port must not be less than 1\n' +
        '  - maxAttempts must not be less than 1',
    );
  });
});
