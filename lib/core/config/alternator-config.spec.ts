import { createServer, type AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { resolveAlternatorConfig, type AlternatorConfig } from './alternator-config.js';
import { validateAlternatorConfig } from './alternator-config.dto.js';
import { ConfigurationError } from '../errors.js';
import { KeyRouteAffinityMode } from './key-route-affinity.js';
import { ClusterScope, RackScope } from './routing-scope.js';
import { TlsConfig } from './tls-config.js';

const minimal: AlternatorConfig = { seedHosts: ['127.0.0.1'], port: 8000 };

/** A loopback port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The problems `resolveAlternatorConfig` reports for `config` (which the types may not allow). */
function problemsOf(config: unknown, context?: string): string[] {
  try {
    resolveAlternatorConfig(config as AlternatorConfig, context);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('resolveAlternatorConfig defaults', () => {
  const resolved = resolveAlternatorConfig(minimal);

  const health = resolved.nodeHealth;
  // Rows of feature-specs/vectors/defaults.tsv (requirement, setting, value), next to the resolved
  // option. COMP-REQ-001 response_algorithm_count (0) has no option: responses are not compressed.
  // prettier-ignore
  const DEFAULT_VECTORS: Array<[string, string, unknown, unknown]> = [
    ['COMP-REQ-001', 'request_algorithm', resolved.compression, 'NONE'],
    ['COMP-REQ-001', 'minimum_request_size_bytes', resolved.minCompressionSizeBytes, 1024],
    ['HEAD-REQ-001', 'header_optimization_enabled', resolved.optimizeHeaders, false],
    ['AFF-REQ-001', 'affinity_enabled', resolved.keyAffinity.mode !== KeyRouteAffinityMode.NONE, false],
    ['HEALTH-REQ-001', 'active_failure_threshold', health.activeFailureThreshold, 10],
    ['HEALTH-REQ-001', 'down_recovery_threshold', health.downRecoveryThreshold, 3],
    ['HEALTH-REQ-001', 'quarantine_promotion_threshold', health.quarantinePromotionThreshold, 10],
    ['HEALTH-REQ-001', 'quarantine_failure_threshold', health.quarantineFailureThreshold, 3],
    ['HEALTH-REQ-001', 'background_probe_period_ms', health.backgroundProbePeriodMs, 30000],
    ['HEALTH-REQ-001', 'probe_concurrency', health.probeConcurrency, 4],
    ['HEALTH-REQ-001', 'probe_timeout_ms', health.probeTimeoutMs, 5000],
    ['HEALTH-REQ-001', 'health_disabled', !health.enabled, false],
  ];

  it.each(DEFAULT_VECTORS)('%s %s', (_requirement, _setting, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('applies the seed README defaults to everything else', () => {
    expect(resolved).toMatchObject({
      seedHosts: ['127.0.0.1'],
      port: 8000,
      scheme: 'http',
      headersWhitelist: [],
      authenticationEnabled: true,
      region: 'us-east-1',
      keyAffinity: { mode: KeyRouteAffinityMode.NONE, tablePkMap: {}, hashing: 'default' },
      maxPoolConnections: 200,
      activeRefreshIntervalMs: 1000,
      idleRefreshIntervalMs: 60000,
      discoveryTimeoutMs: 5000,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 30000,
      maxAttempts: 3,
      maxResponseBytes: 32 * 1024 * 1024,
      latencyAwareRouting: true,
    });
    expect(resolved).not.toHaveProperty('credentials');
    expect(resolved.hedging).toBeUndefined();
    expect(resolved.routingScope).toBeInstanceOf(ClusterScope);
    expect(resolved.tls).toBeInstanceOf(TlsConfig);
    expect(resolved.tls.isTrustAll).toBe(false);
  });

  it('validates class-instance options as given, keeps the very instances and copies lists', () => {
    class ChildLogger {
      readonly parent = this;
      log(): void {}
      warn(): void {}
      error(): void {}
    }
    const config: AlternatorConfig = {
      ...minimal,
      routingScope: new RackScope('dc1', 'rack1'),
      tls: TlsConfig.trustAll(),
      logger: new ChildLogger(),
      telemetry: { meterProvider: new MeterProvider() },
      scheme: 'https',
    };
    const result = resolveAlternatorConfig(config);
    expect(result.routingScope).toBe(config.routingScope);
    expect(result.tls).toBe(config.tls);
    expect(result.logger).toBe(config.logger);
    expect(result.telemetry.meterProvider).toBe(config.telemetry?.meterProvider);
    expect(result.seedHosts).not.toBe(config.seedHosts);
  });

  it('raises node-health thresholds below one to one', () => {
    const result = resolveAlternatorConfig({
      ...minimal,
      nodeHealth: { activeFailureThreshold: 0 },
    });
    expect(result.nodeHealth.activeFailureThreshold).toBe(1);
    expect(result.nodeHealth.downRecoveryThreshold).toBe(3);
  });
});

describe('default logger', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes warnings and errors to stderr with a prefix and drops routine messages', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = jest.spyOn(process.stdout, 'write');
    const consoleLog = jest.spyOn(console, 'log');
    const { logger } = resolveAlternatorConfig(minimal);
    logger.log('discovered 3 nodes');
    logger.debug?.('plan: a, b, c');
    logger.warn('node 127.0.0.2 is down');
    logger.error('discovery failed');
    expect(stderr.mock.calls.map(([text]) => text)).toEqual([
      '[Alternator] WARN node 127.0.0.2 is down\n',
      '[Alternator] ERROR discovery failed\n',
    ]);
    expect(stdout).not.toHaveBeenCalled();
    expect(consoleLog).not.toHaveBeenCalled();
  });
});

describe('resolveAlternatorConfig validation', () => {
  it('reports every bad option in one error, each by name', () => {
    const problems = problemsOf({
      seedHosts: [],
      port: 0,
      scheme: 'ftp',
      compression: 'BROTLI',
      maxAttempts: 1.5,
      nodeHealth: { probeTimeoutMs: 0, probeConcurrency: 65 },
      seeds: ['127.0.0.1'],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'seedHosts must list at least one node',
        'port must not be less than 1',
        'scheme must be one of the following values: http, https',
        expect.stringMatching(
          /^compression must be one of the following values: NONE, GZIP, DEFLATE/,
        ),
        'maxAttempts must be an integer number',
        'nodeHealth.probeTimeoutMs must not be less than 1',
        'nodeHealth.probeConcurrency must not be greater than 64',
        'property seeds should not exist',
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('keeps maxResponseBytes between what an error answer needs and what V8 can parse', () => {
    expect(problemsOf({ ...minimal, maxResponseBytes: 1024 })).toEqual([
      'maxResponseBytes must not be less than 4096',
    ]);
    expect(problemsOf({ ...minimal, maxResponseBytes: 1024 * 1024 * 1024 })).toEqual([
      'maxResponseBytes must not be greater than 536870912',
    ]);
    expect(problemsOf({ ...minimal, maxResponseBytes: 64 * 1024 * 1024 })).toEqual([]);
  });

  it('gives one message per option, the one that matters', () => {
    expect(problemsOf({ ...minimal, port: '8000', maxAttempts: 'three', region: 5 })).toEqual([
      'port must be an integer number',
      'region must be a string',
      'maxAttempts must be an integer number',
    ]);
  });

  it('puts the context in the heading', () => {
    expect(() =>
      resolveAlternatorConfig({ ...minimal, port: 70000 }, 'AlternatorModule (cluster "orders")'),
    ).toThrow(
      'Invalid Alternator configuration for AlternatorModule (cluster "orders"):\n  - port must not be greater than 65535',
    );
  });

  it('names unknown keys of nested options by their path', () => {
    expect(problemsOf({ ...minimal, nodeHealth: { probeTimeout: 100 } })).toEqual([
      'property nodeHealth.probeTimeout should not exist',
    ]);
    expect(problemsOf({ ...minimal, keyAffinity: { mode: 'RMW', tablePKMap: {} } })).toEqual([
      'property keyAffinity.tablePKMap should not exist',
    ]);
  });

  it('requires seedHosts and port', () => {
    expect(problemsOf({})).toEqual([
      'seedHosts is required: list at least one node',
      'port is required',
    ]);
    expect(problemsOf(null)).toEqual([
      'the configuration must be an object with at least seedHosts and port',
    ]);
  });

  it('accepts host names, IPv4 and IPv6 (bare or bracketed) as seeds', () => {
    const seedHosts = [
      'scylla-1',
      'node1.dc1.example.com',
      '10.0.0.1',
      'fd00::1',
      '[fd00::2]',
      'host_1.local.',
    ];
    expect(problemsOf({ ...minimal, seedHosts })).toEqual([]);
  });

  it('lists the seeds that are not hosts', () => {
    const problems = problemsOf({
      ...minimal,
      seedHosts: ['10.0.0.1', 'http://10.0.0.2:8000', 'node:8000', '10.0.0.300', 7],
    });
    expect(problems).toEqual([
      'seedHosts must hold host names or IP addresses, without scheme or port (set the port with port), ' +
        'got "http://10.0.0.2:8000", "node:8000", "10.0.0.300", number',
    ]);
  });

  it('checks class-instance options by type', () => {
    const problems = problemsOf({
      ...minimal,
      scheme: 'https',
      routingScope: { kind: 'rack', datacenter: 'dc1', rack: 'r1' },
      tls: { customCaCertPaths: ['/ca.pem'] },
      logger: { info: () => undefined },
    });
    expect(problems).toEqual([
      'routingScope must be a ClusterScope, DatacenterScope or RackScope',
      'tls must be a TlsConfig, e.g. TlsConfig.systemDefault()',
      "logger must have log, warn and error methods (Nest's Logger fits)",
    ]);
  });

  it('needs nested options to be objects', () => {
    expect(
      problemsOf({ ...minimal, credentials: [], keyAffinity: 'RMW', nodeHealth: [], hedging: [] }),
    ).toEqual([
      'credentials must be an object',
      'keyAffinity must be an object',
      'nodeHealth must be an object',
      'hedging must be an object',
    ]);
  });

  it('needs both parts of the credentials', () => {
    expect(problemsOf({ ...minimal, credentials: { secretAccessKey: 'hash' } })).toEqual([
      'credentials.accessKeyId is required: credentials need both accessKeyId and secretAccessKey',
    ]);
    expect(
      problemsOf({ ...minimal, credentials: { accessKeyId: 'cassandra', secretAccessKey: '' } }),
    ).toEqual([
      'credentials.secretAccessKey is required: credentials need both accessKeyId and secretAccessKey',
    ]);
  });

  it('accepts a credentials object an AWS SDK client has used, which the SDK marks', async () => {
    const credentials = { accessKeyId: 'cassandra', secretAccessKey: 'salted-hash' };
    const sdk = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    await expect(sdk.send(new ListTablesCommand({}))).rejects.toThrow();
    sdk.destroy();
    expect(credentials).toHaveProperty('$source');
    expect(problemsOf({ ...minimal, credentials })).toEqual([]);
  });

  it('never echoes a credential value', () => {
    const secret = 'SALTED-HASH-8d2f0c6e';
    const attempts = [
      { accessKeyId: 7, secretAccessKey: secret },
      { accessKeyId: 'cassandra', secretAccessKey: [secret] },
      { accessKeyId: 'cassandra', secretAccessKey: secret, sessionToken: { secret } },
      { accessKeyId: 'cassandra', secretAccessKey: secret, [secret]: secret.length },
    ];
    for (const credentials of attempts) {
      let message = '';
      try {
        resolveAlternatorConfig({ ...minimal, credentials } as unknown as AlternatorConfig);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Invalid Alternator configuration:\n {2}- credentials/);
      expect(message).not.toContain(secret);
    }
  });

  it('keeps the idle refresh interval at or above the active one, defaults included', () => {
    expect(problemsOf({ ...minimal, activeRefreshIntervalMs: 120000 })).toEqual([
      'idleRefreshIntervalMs (60000) must not be less than activeRefreshIntervalMs (120000)',
    ]);
    expect(
      problemsOf({ ...minimal, activeRefreshIntervalMs: 5000, idleRefreshIntervalMs: 5000 }),
    ).toEqual([]);
  });

  it('requires positive timeouts, and takes a request timeout below the connect timeout', () => {
    expect(problemsOf({ ...minimal, requestTimeoutMs: 0 })).toEqual([
      'requestTimeoutMs must not be less than 1',
    ]);
    expect(problemsOf({ ...minimal, requestTimeoutMs: 1000 })).toEqual([]);
    expect(problemsOf({ ...minimal, requestTimeoutMs: 1000, connectTimeoutMs: 2000 })).toEqual([]);
  });

  it('checks key affinity settings', () => {
    expect(
      problemsOf({
        ...minimal,
        keyAffinity: { mode: 'SOMETIMES', tablePkMap: { orders: '' }, hashing: 'ring' },
      }),
    ).toEqual([
      expect.stringMatching(
        /^keyAffinity\.mode must be one of the following values: NONE, RMW, ANY_WRITE/,
      ),
      'keyAffinity.tablePkMap must map table names to partition-key attribute names',
      'keyAffinity.hashing must be one of the following values: default, rendezvous',
    ]);
  });

  it('applies the hedging cap default and checks hedging settings', () => {
    expect(resolveAlternatorConfig({ ...minimal, hedging: { afterMs: 20 } }).hedging).toEqual({
      afterMs: 20,
      maxExtraPercent: 5,
    });
    expect(
      problemsOf({ ...minimal, hedging: { afterMs: 0.5, maxExtraPercent: 0, after: 3 } }),
    ).toEqual([
      'property hedging.after should not exist',
      'hedging.afterMs must be an integer number',
      'hedging.maxExtraPercent must be above 0 and at most 100',
    ]);
    expect(problemsOf({ ...minimal, hedging: {} })).toEqual(['hedging.afterMs is required']);
    expect(problemsOf({ ...minimal, requestTimeoutMs: 1000, hedging: { afterMs: 1000 } })).toEqual([
      'hedging.afterMs (1000) must be less than requestTimeoutMs (1000), or no read would ever ' +
        'be hedged',
    ]);
  });

  it('lists problems without throwing', () => {
    expect(validateAlternatorConfig(minimal)).toEqual([]);
    expect(
      validateAlternatorConfig({ ...minimal, headersWhitelist: ['x-trace', 'bad header'] }),
    ).toEqual(['headersWhitelist must be a list of HTTP header names']);
  });
});
