import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient, type AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorLogger } from '../../lib/core/alternator-logger.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';

/** Both sides sign, as against a cluster that enforces authorization. */
export const BENCH_CREDENTIALS = { accessKeyId: 'alternator', secretAccessKey: 'bench-secret' };
export const BENCH_TABLE = 'items';

/**
 * The reference: a plain `DynamoDBClient` pointed at one node, with the SDK's defaults (its
 * keep-alive handler included).
 */
export function plainClient(endpoint: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: BENCH_CREDENTIALS,
    maxAttempts,
  });
}

/** A logger that keeps lines instead of printing them, so the tables stay readable. */
export function quietLogger(): AlternatorLogger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    log: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
}

/** Where a benchmark's nodes listen: a cluster host, stub nodes, or what their process sent. */
export interface BenchNodes {
  readonly seedHosts: readonly string[];
  readonly port: number;
}

/**
 * An AlternatorClient of `nodes` as the benchmarks connect one: the first node as the only seed
 * (the client discovers the rest), the bench credentials and a quiet logger. `config` adds to or
 * replaces any of these.
 */
export function alternatorClientOf(
  nodes: BenchNodes,
  config: Partial<AlternatorConfig> = {},
): Promise<AlternatorClient> {
  return createAlternatorClient({
    seedHosts: [nodes.seedHosts[0]],
    port: nodes.port,
    credentials: BENCH_CREDENTIALS,
    logger: quietLogger(),
    ...config,
  });
}

/** Request `index` of a 50/50 GetItem/PutItem mix on small items. */
export function getOrPut(client: DynamoDBClient, index: number): Promise<unknown> {
  const id = { S: `key-${index % 10_000}` };
  if (index % 2 === 0) {
    return client.send(new GetItemCommand({ TableName: BENCH_TABLE, Key: { id } }));
  }
  return client.send(
    new PutItemCommand({
      TableName: BENCH_TABLE,
      Item: { id, name: { S: `item ${index}` }, count: { N: String(index) } },
    }),
  );
}
