import { describe, expect, it } from '@jest/globals';
import {
  CompressionAlgorithm,
  ConfigurationError,
  DatacenterScope,
  KeyRouteAffinityMode,
  RackScope,
  TlsConfig,
} from '../index.js';
import { alternatorConfigFromEnv } from './alternator-config-from-env.js';

const fromEnv = (env: Record<string, string>) => alternatorConfigFromEnv((key) => env[key]);

function problemsOf(env: Record<string, string>): string[] {
  try {
    fromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('expected a ConfigurationError');
}

const required = { ALTERNATOR_SEEDS: '10.0.0.1', ALTERNATOR_PORT: '8000' };

describe('alternatorConfigFromEnv', () => {
  it('needs only the seeds and the port, and sets nothing else', () => {
    expect(
      fromEnv({ ALTERNATOR_SEEDS: ' 10.0.0.1 , ,10.0.0.2,', ALTERNATOR_PORT: '8000' }),
    ).toEqual({
      seedHosts: ['10.0.0.1', '10.0.0.2'],
      port: 8000,
    });
  });

  it('maps every variable to its option', () => {
    const config = fromEnv({
      ALTERNATOR_SEEDS: 'scylla-1.internal,[::1]',
      ALTERNATOR_PORT: '8043',
      ALTERNATOR_SCHEME: 'HTTPS',
      ALTERNATOR_DATACENTER: 'dc1',
      ALTERNATOR_RACK: 'rack2',
      ALTERNATOR_ACCESS_KEY_ID: 'alternator',
      ALTERNATOR_SECRET_ACCESS_KEY: 'salted-hash',
      ALTERNATOR_REGION: 'eu-west-1',
      ALTERNATOR_COMPRESSION: 'gzip',
      ALTERNATOR_MIN_COMPRESSION_SIZE_BYTES: '2048',
      ALTERNATOR_OPTIMIZE_HEADERS: 'true',
      ALTERNATOR_KEY_AFFINITY: 'any_write',
      ALTERNATOR_REQUEST_TIMEOUT_MS: '45000',
      ALTERNATOR_CONNECT_TIMEOUT_MS: '2000',
      ALTERNATOR_MAX_ATTEMPTS: '5',
      ALTERNATOR_MAX_RESPONSE_BYTES: '67108864',
      ALTERNATOR_CA_FILE: '/etc/scylla/ca.pem',
      ALTERNATOR_AUTHENTICATION: 'False',
      ALTERNATOR_LATENCY_AWARE_ROUTING: 'false',
      ALTERNATOR_HEDGING_AFTER_MS: '40',
      ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT: '10',
    });
    expect(config).toMatchObject({
      seedHosts: ['scylla-1.internal', '[::1]'],
      port: 8043,
      scheme: 'https',
      credentials: { accessKeyId: 'alternator', secretAccessKey: 'salted-hash' },
      region: 'eu-west-1',
      compression: CompressionAlgorithm.GZIP,
      minCompressionSizeBytes: 2048,
      optimizeHeaders: true,
      keyAffinity: { mode: KeyRouteAffinityMode.ANY_WRITE },
      requestTimeoutMs: 45000,
      connectTimeoutMs: 2000,
      maxAttempts: 5,
      maxResponseBytes: 67108864,
      authenticationEnabled: false,
      hedging: { afterMs: 40, maxExtraPercent: 10 },
      latencyAwareRouting: false,
    });
    expect(config.routingScope).toBeInstanceOf(RackScope);
    expect(config.routingScope?.toString()).toBe(new RackScope('dc1', 'rack2').toString());
    expect(config.tls).toBeInstanceOf(TlsConfig);
  });

  it('turns hedged reads on with ALTERNATOR_HEDGING_AFTER_MS, and needs it for the cap', () => {
    expect(fromEnv({ ...required, ALTERNATOR_HEDGING_AFTER_MS: '25' }).hedging).toEqual({
      afterMs: 25,
    });
    expect(problemsOf({ ...required, ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT: '5' })).toEqual([
      'ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT applies to hedged reads only: set ' +
        'ALTERNATOR_HEDGING_AFTER_MS as well',
    ]);
    expect(
      problemsOf({
        ...required,
        ALTERNATOR_HEDGING_AFTER_MS: '0',
        ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT: '101',
      }),
    ).toEqual([
      'ALTERNATOR_HEDGING_AFTER_MS must be an integer of at least 1, got "0"',
      'ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT must be an integer from 1 to 100, got "101"',
    ]);
  });

  it('routes to a datacenter when only ALTERNATOR_DATACENTER is set', () => {
    const config = fromEnv({ ...required, ALTERNATOR_DATACENTER: 'dc2' });
    expect(config.routingScope).toBeInstanceOf(DatacenterScope);
    expect(config.routingScope?.datacenter).toBe('dc2');
  });

  it('treats empty values as unset', () => {
    expect(fromEnv({ ...required, ALTERNATOR_SCHEME: '', ALTERNATOR_RACK: ' ' })).toEqual({
      seedHosts: ['10.0.0.1'],
      port: 8000,
    });
  });

  it('reports every missing and malformed variable at once, by name', () => {
    expect(
      problemsOf({
        ALTERNATOR_SEEDS: ' , ',
        ALTERNATOR_SCHEME: 'ftp',
        ALTERNATOR_COMPRESSION: 'brotli',
        ALTERNATOR_OPTIMIZE_HEADERS: 'yes',
        ALTERNATOR_KEY_AFFINITY: 'always',
        ALTERNATOR_MAX_ATTEMPTS: '0',
        ALTERNATOR_REQUEST_TIMEOUT_MS: '30s',
      }),
    ).toEqual([
      expect.stringMatching(/^ALTERNATOR_SEEDS is required/),
      'ALTERNATOR_PORT is required: an integer from 1 to 65535',
      'ALTERNATOR_SCHEME must be one of http, https, got "ftp"',
      'ALTERNATOR_COMPRESSION must be one of none, gzip, deflate, got "brotli"',
      'ALTERNATOR_OPTIMIZE_HEADERS must be one of true, false, got "yes"',
      'ALTERNATOR_KEY_AFFINITY must be one of none, rmw, any_write, got "always"',
      'ALTERNATOR_REQUEST_TIMEOUT_MS must be an integer of at least 1, got "30s"',
      'ALTERNATOR_MAX_ATTEMPTS must be an integer of at least 1, got "0"',
    ]);
  });

  it.each([['0'], ['65536'], ['80.5'], ['-1'], ['8000x']])('rejects the port %p', (port) => {
    expect(problemsOf({ ...required, ALTERNATOR_PORT: port })).toEqual([
      `ALTERNATOR_PORT must be an integer from 1 to 65535, got "${port}"`,
    ]);
  });

  it('needs a datacenter for a rack, and https for a CA file', () => {
    expect(
      problemsOf({ ...required, ALTERNATOR_RACK: 'rack1', ALTERNATOR_CA_FILE: '/ca.pem' }),
    ).toEqual([
      'ALTERNATOR_RACK needs ALTERNATOR_DATACENTER to be set too',
      'ALTERNATOR_CA_FILE applies to TLS only: set ALTERNATOR_SCHEME=https as well',
    ]);
  });

  it('needs both credential variables, and never shows the secret', () => {
    const secret = 'do-not-print-me';
    let message = '';
    try {
      fromEnv({ ...required, ALTERNATOR_SECRET_ACCESS_KEY: secret, ALTERNATOR_PORT: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'ALTERNATOR_ACCESS_KEY_ID and ALTERNATOR_SECRET_ACCESS_KEY must be set together',
    );
    expect(message).toContain('Invalid Alternator environment variables');
    expect(message).not.toContain(secret);
    expect(problemsOf({ ...required, ALTERNATOR_ACCESS_KEY_ID: 'alternator' })).toEqual([
      expect.stringContaining('(only ALTERNATOR_ACCESS_KEY_ID is set)'),
    ]);
  });
});
