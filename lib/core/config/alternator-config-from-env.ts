import { ConfigurationError } from '../errors.js';
import { SealedCredentials } from '../sealed-credentials.js';
import type { AlternatorConfig } from './alternator-config.js';
import { CompressionAlgorithm } from './compression-algorithm.js';
import { KeyRouteAffinityMode } from './key-route-affinity.js';
import { DatacenterScope, RackScope } from './routing-scope.js';
import { TlsConfig } from './tls-config.js';

const COMPRESSION: Record<string, CompressionAlgorithm> = {
  none: CompressionAlgorithm.NONE,
  gzip: CompressionAlgorithm.GZIP,
  deflate: CompressionAlgorithm.DEFLATE,
};

const KEY_AFFINITY: Record<string, KeyRouteAffinityMode> = {
  none: KeyRouteAffinityMode.NONE,
  rmw: KeyRouteAffinityMode.RMW,
  any_write: KeyRouteAffinityMode.ANY_WRITE,
};

/**
 * Builds an {@link AlternatorConfig} from `ALTERNATOR_*` variables, read through `get` (for
 * example `(key) => configService.get(key)` or `(key) => process.env[key]`). Empty values count as
 * unset. Variables: `ALTERNATOR_SEEDS` (comma-separated hosts, required), `ALTERNATOR_PORT`
 * (required), `ALTERNATOR_SCHEME` (http|https), `ALTERNATOR_DATACENTER`, `ALTERNATOR_RACK` (needs
 * the datacenter), `ALTERNATOR_ACCESS_KEY_ID` and `ALTERNATOR_SECRET_ACCESS_KEY` (both or neither),
 * `ALTERNATOR_REGION`, `ALTERNATOR_COMPRESSION` (none|gzip|deflate),
 * `ALTERNATOR_MIN_COMPRESSION_SIZE_BYTES`, `ALTERNATOR_OPTIMIZE_HEADERS` (true|false),
 * `ALTERNATOR_KEY_AFFINITY` (none|rmw|any_write), `ALTERNATOR_REQUEST_TIMEOUT_MS`,
 * `ALTERNATOR_CONNECT_TIMEOUT_MS`, `ALTERNATOR_MAX_ATTEMPTS`, `ALTERNATOR_MAX_RESPONSE_BYTES`,
 * `ALTERNATOR_CA_FILE` (a PEM file of custom CAs; needs https), `ALTERNATOR_AUTHENTICATION`
 * (true|false), `ALTERNATOR_LATENCY_AWARE_ROUTING` (true|false),
 * `ALTERNATOR_HEDGING_AFTER_MS` (turns hedged reads on) and
 * `ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT` (1-100; needs the former).
 *
 * @throws ConfigurationError naming every invalid variable (never showing the secret key).
 * @publicApi
 */
export function alternatorConfigFromEnv(
  get: (key: string) => string | undefined,
): AlternatorConfig {
  const env = new EnvironmentReader(get);
  const config: AlternatorConfig = {
    seedHosts: env.seeds('ALTERNATOR_SEEDS'),
    port: env.integer('ALTERNATOR_PORT', 1, 65535, true) ?? 0,
  };
  const scheme = env.choice('ALTERNATOR_SCHEME', { http: 'http', https: 'https' } as const);
  if (scheme) config.scheme = scheme;

  const datacenter = env.text('ALTERNATOR_DATACENTER');
  const rack = env.text('ALTERNATOR_RACK');
  if (rack && !datacenter) env.problem('ALTERNATOR_RACK needs ALTERNATOR_DATACENTER to be set too');
  if (datacenter) {
    config.routingScope = rack ? new RackScope(datacenter, rack) : new DatacenterScope(datacenter);
  }

  const accessKeyId = env.text('ALTERNATOR_ACCESS_KEY_ID');
  const secretAccessKey = env.text('ALTERNATOR_SECRET_ACCESS_KEY');
  if (accessKeyId && secretAccessKey) {
    config.credentials = SealedCredentials.of({ accessKeyId, secretAccessKey });
  } else if (accessKeyId || secretAccessKey) {
    env.problem(
      'ALTERNATOR_ACCESS_KEY_ID and ALTERNATOR_SECRET_ACCESS_KEY must be set together ' +
        `(only ${accessKeyId ? 'ALTERNATOR_ACCESS_KEY_ID' : 'ALTERNATOR_SECRET_ACCESS_KEY'} is set)`,
    );
  }
  const region = env.text('ALTERNATOR_REGION');
  if (region) config.region = region;
  const authenticationEnabled = env.boolean('ALTERNATOR_AUTHENTICATION');
  if (authenticationEnabled !== undefined) config.authenticationEnabled = authenticationEnabled;

  const compression = env.choice('ALTERNATOR_COMPRESSION', COMPRESSION);
  if (compression) config.compression = compression;
  const minCompressionSizeBytes = env.integer('ALTERNATOR_MIN_COMPRESSION_SIZE_BYTES', 0);
  if (minCompressionSizeBytes !== undefined)
    config.minCompressionSizeBytes = minCompressionSizeBytes;
  const optimizeHeaders = env.boolean('ALTERNATOR_OPTIMIZE_HEADERS');
  if (optimizeHeaders !== undefined) config.optimizeHeaders = optimizeHeaders;
  const affinityMode = env.choice('ALTERNATOR_KEY_AFFINITY', KEY_AFFINITY);
  if (affinityMode) config.keyAffinity = { mode: affinityMode };

  const requestTimeoutMs = env.integer('ALTERNATOR_REQUEST_TIMEOUT_MS', 1);
  if (requestTimeoutMs !== undefined) config.requestTimeoutMs = requestTimeoutMs;
  const connectTimeoutMs = env.integer('ALTERNATOR_CONNECT_TIMEOUT_MS', 1);
  if (connectTimeoutMs !== undefined) config.connectTimeoutMs = connectTimeoutMs;
  const maxAttempts = env.integer('ALTERNATOR_MAX_ATTEMPTS', 1);
  if (maxAttempts !== undefined) config.maxAttempts = maxAttempts;
  const maxResponseBytes = env.integer('ALTERNATOR_MAX_RESPONSE_BYTES', 1);
  if (maxResponseBytes !== undefined) config.maxResponseBytes = maxResponseBytes;

  const latencyAwareRouting = env.boolean('ALTERNATOR_LATENCY_AWARE_ROUTING');
  if (latencyAwareRouting !== undefined) config.latencyAwareRouting = latencyAwareRouting;
  const hedgingAfterMs = env.integer('ALTERNATOR_HEDGING_AFTER_MS', 1);
  const maxExtraPercent = env.integer('ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT', 1, 100);
  if (hedgingAfterMs !== undefined) {
    config.hedging =
      maxExtraPercent === undefined
        ? { afterMs: hedgingAfterMs }
        : { afterMs: hedgingAfterMs, maxExtraPercent };
  } else if (maxExtraPercent !== undefined) {
    env.problem(
      'ALTERNATOR_HEDGING_MAX_EXTRA_PERCENT applies to hedged reads only: set ' +
        'ALTERNATOR_HEDGING_AFTER_MS as well',
    );
  }

  const caFile = env.text('ALTERNATOR_CA_FILE');
  if (caFile && scheme !== 'https') {
    env.problem('ALTERNATOR_CA_FILE applies to TLS only: set ALTERNATOR_SCHEME=https as well');
  } else if (caFile) config.tls = TlsConfig.withCustomCa(caFile);

  env.throwIfInvalid();
  return config;
}

/** Parses one variable at a time and collects every problem, so one start shows all of them. */
class EnvironmentReader {
  private readonly problems: string[] = [];

  constructor(private readonly get: (key: string) => string | undefined) {}

  text(key: string): string | undefined {
    const value = this.get(key);
    if (value === undefined || value === null) return undefined;
    const trimmed = String(value).trim();
    return trimmed === '' ? undefined : trimmed;
  }

  seeds(key: string): string[] {
    const hosts = (this.text(key) ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== '');
    if (hosts.length === 0) {
      this.problem(
        `${key} is required: a comma-separated list of seed hosts, e.g. 10.0.0.1,10.0.0.2`,
      );
    }
    return hosts;
  }

  integer(
    key: string,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
    required = false,
  ): number | undefined {
    const raw = this.text(key);
    if (raw === undefined) {
      if (required) this.problem(`${key} is required: an integer from ${min} to ${max}`);
      return undefined;
    }
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    this.problem(`${key} must be an integer ${range}, got ${JSON.stringify(raw)}`);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    return this.choice(key, { true: true, false: false });
  }

  choice<T>(key: string, allowed: Record<string, T>): T | undefined {
    const raw = this.text(key);
    if (raw === undefined) return undefined;
    const normalized = raw.toLowerCase();
    if (Object.hasOwn(allowed, normalized)) return allowed[normalized];
    this.problem(
      `${key} must be one of ${Object.keys(allowed).join(', ')}, got ${JSON.stringify(raw)}`,
    );
    return undefined;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  throwIfInvalid(): void {
    if (this.problems.length > 0) {
      throw new ConfigurationError(this.problems, 'Invalid Alternator environment variables');
    }
  }
}
