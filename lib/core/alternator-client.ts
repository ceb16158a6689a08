import {
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { NoAuthSigner } from '@smithy/core';
import {
  resolveAlternatorConfig,
  type AlternatorConfig,
  type ResolvedAlternatorConfig,
} from './config/alternator-config.js';
import { KeyAffinity } from './affinity/key-affinity.js';
import { PartitionKeyResolver } from './affinity/partition-key-resolver.js';
import { openAlternatorCluster, type AlternatorCluster } from './cluster/alternator-cluster.js';
import { CompressionAlgorithm } from './config/compression-algorithm.js';
import { AbortableHttpHandler } from './hedging/abortable-http-handler.js';
import { HedgingPolicy } from './hedging/hedged-send.js';
import { getCompressionPlugin } from './middleware/compression.middleware.js';
import { getHeaderOptimizationPlugin } from './middleware/header-optimization.middleware.js';
import { getResponseDecompressionPlugin } from './middleware/response-decompression.middleware.js';
import { getRoutingPlugin } from './middleware/routing.middleware.js';
import { KeyRouteAffinityMode } from './config/key-route-affinity.js';
import { SealedCredentials } from './sealed-credentials.js';
import { BoundedHttpHandler } from './transport/bounded-http-handler.js';
import { ConnectionPool } from './transport/connection-pool.js';
import { VectorAwareDocumentClient } from './vector/vector-document-client.js';
import type { AlternatorDocumentClientOptions } from './vector/vector-encoding.js';
import { addVectorSupport } from './vector/vector-send.js';
import { matchInstancesAcrossBuilds } from './cross-build-instanceof.js';
import { AlternatorTelemetry } from './telemetry/alternator-telemetry.js';

/** How {@link createAlternatorClient} brings the client up. */
export interface CreateAlternatorClientOptions {
  /**
   * Start the background refresher and health probes right away. The Nest module passes false
   * and starts them on application bootstrap instead. Default: true.
   */
  startBackgroundTasks?: boolean;
}

/**
 * A `DynamoDBClient` that spreads requests over the live nodes of an Alternator cluster: every
 * SDK command works unchanged. `cluster` is the live view of the nodes; `destroy()` stops all
 * background work and closes every socket, and may be called more than once.
 *
 * Prefer {@link createAlternatorClient}, which also runs the first discovery, so traffic spreads
 * from the first request.
 * @publicApi
 */
export class AlternatorClient extends DynamoDBClient {
  static {
    matchInstancesAcrossBuilds(this, 'AlternatorClient');
  }

  readonly cluster: AlternatorCluster;
  private readonly pool: ConnectionPool;
  private readonly partitionKeys: PartitionKeyResolver | undefined;
  private readonly telemetry: AlternatorTelemetry | undefined;
  private destroyed: boolean;

  constructor(config: AlternatorConfig) {
    const resolved = resolveAlternatorConfig(config);
    const pool = new ConnectionPool(resolved);
    const telemetry = AlternatorTelemetry.create(resolved.telemetry, resolved.logger);
    const { cluster, routing } = openAlternatorCluster(resolved, pool, telemetry);
    const credentials =
      resolved.authenticationEnabled && config.credentials
        ? SealedCredentials.of(config.credentials)
        : undefined;
    super(sdkConfigFor(resolved, credentials, pool, cluster.nodes()[0].url));
    this.pool = pool;
    this.cluster = cluster;
    this.telemetry = telemetry;
    this.destroyed = false;
    if (resolved.scheme === 'https' && resolved.tls.isTrustAll) {
      resolved.logger.warn(
        'TLS certificate verification is off (TlsConfig.trustAll()): any server can pose as an ' +
          'Alternator node; use it for development only, and TlsConfig.withCustomCa(...) otherwise',
      );
    }
    let affinity: KeyAffinity | undefined;
    if (resolved.keyAffinity.mode !== KeyRouteAffinityMode.NONE) {
      this.partitionKeys = new PartitionKeyResolver(
        resolved.keyAffinity.tablePkMap,
        async (table, abortSignal) =>
          (await this.send(new DescribeTableCommand({ TableName: table }), { abortSignal })).Table
            ?.KeySchema,
        resolved.logger,
      );
      affinity = new KeyAffinity(resolved.keyAffinity, this.partitionKeys);
    }
    this.middlewareStack.use(
      getRoutingPlugin({
        routing,
        affinity,
        hedging: resolved.hedging && new HedgingPolicy(resolved.hedging),
      }),
    );
    if (resolved.compression !== CompressionAlgorithm.NONE) {
      this.middlewareStack.use(
        getCompressionPlugin({
          algorithm: resolved.compression,
          minSizeBytes: resolved.minCompressionSizeBytes,
        }),
      );
    }
    if (resolved.responseCompression.length > 0) {
      this.middlewareStack.use(
        getResponseDecompressionPlugin({
          algorithms: resolved.responseCompression,
          maxResponseBytes: resolved.maxResponseBytes,
        }),
      );
    }
    if (resolved.optimizeHeaders) {
      this.middlewareStack.use(
        getHeaderOptimizationPlugin({ headersWhitelist: resolved.headersWhitelist }),
      );
    }
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.partitionKeys?.stop();
    this.cluster.stop();
    this.telemetry?.close();
    super.destroy();
    this.pool.destroy();
  }
}

// A method of the class, so stubs on DynamoDBClient's prototype still apply: see vector-send.ts.
addVectorSupport(AlternatorClient);

/**
 * Creates an {@link AlternatorClient}, runs the bounded first discovery (all seeds asked at once,
 * at most `discoveryTimeoutMs`), and starts the background refresh. An unreachable cluster does
 * not make this fail: the client routes to the seeds and logs a warning.
 * @publicApi
 */
export async function createAlternatorClient(
  config: AlternatorConfig,
  options: CreateAlternatorClientOptions = {},
): Promise<AlternatorClient> {
  const client = new AlternatorClient(config);
  await client.cluster.initialize();
  if (options.startBackgroundTasks ?? true) client.cluster.start();
  return client;
}

/**
 * A `DynamoDBDocumentClient` over an {@link AlternatorClient}: it shares the client's middleware
 * stack, so it routes, retries and signs the same way. Destroying the client is enough.
 *
 * `Float32Array` values are written as `options.vectorEncoding` says (a list of numbers by
 * default, `FLOAT32VECTOR` on ScyllaDB 2026.3+), and `FLOAT32VECTOR` values are read back as
 * `Float32Array` by every command.
 * @publicApi
 */
export function createAlternatorDocumentClient(
  client: AlternatorClient,
  translateConfig?: TranslateConfig,
  options: AlternatorDocumentClientOptions = {},
): DynamoDBDocumentClient {
  return new VectorAwareDocumentClient(client, translateConfig, options);
}

/** `credentials` reach the SDK only as a provider: the SDK config keeps no copy of the secret. */
function sdkConfigFor(
  config: ResolvedAlternatorConfig,
  credentials: SealedCredentials | undefined,
  pool: ConnectionPool,
  initialEndpoint: string,
): DynamoDBClientConfig {
  // A hedged read aborts the copy that lost, alone: the SDK's own handler cannot.
  const requestHandler = new (config.hedging ? AbortableHttpHandler : BoundedHttpHandler)(
    {
      httpAgent: pool.httpAgent,
      httpsAgent: pool.httpsAgent,
      // Connecting is part of the attempt, so it cannot be allowed longer than the whole attempt.
      connectionTimeout: Math.min(config.connectTimeoutMs, config.requestTimeoutMs),
      requestTimeout: config.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    config,
  );
  const common: DynamoDBClientConfig = {
    endpoint: initialEndpoint,
    region: config.region,
    maxAttempts: config.maxAttempts,
    requestHandler,
  };
  if (credentials) return { ...common, credentials: credentials.provider() };
  // Unsigned requests carry no Authorization header at all. The SDK still reads credentials to
  // fill its AccountId endpoint parameter, so an empty identity stands in for the credential
  // chain, which must never be consulted (it would read ~/.aws and the environment).
  return {
    ...common,
    credentials: () => Promise.resolve({ accessKeyId: '', secretAccessKey: '' }),
    httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
    httpAuthSchemes: [
      {
        schemeId: 'smithy.api#noAuth',
        identityProvider: () => () => Promise.resolve({}),
        signer: new NoAuthSigner(),
      },
    ],
  };
}
