import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  LocalAlternatorCluster,
  type LocalAlternatorServerVersion,
} from '../../lib/testing/index.js';
import type { SeededRandom } from '../support/seeded-random.js';
import {
  CREDENTIALS,
  ERROR_NAMESPACE,
  rawRequest,
  sdkClient,
  signedHeaders,
} from './local-cluster.helpers.js';

/** A one-node cluster that enforces SigV4, with a plain SDK client on it. */
export interface VectorTestCluster {
  cluster: LocalAlternatorCluster;
  client: DynamoDBClient;
  /** A signed request with a raw JSON body, for members the SDK drops. */
  call(operation: string, body: unknown): Promise<RawCallReply>;
  stop(): Promise<void>;
}

export interface RawCallReply {
  status: number;
  /** The parsed JSON body. */
  json: Record<string, unknown>;
  /** For errors: the type after the namespace, e.g. 'ValidationException'. */
  errorType?: string;
  message?: string;
}

export async function startVectorCluster(
  serverVersion: LocalAlternatorServerVersion,
  vectorIndexActivationDelayMs = 0,
): Promise<VectorTestCluster> {
  const cluster = await LocalAlternatorCluster.start({
    nodes: 1,
    auth: CREDENTIALS,
    serverVersion,
    vectorIndexActivationDelayMs,
  });
  const client = sdkClient(cluster.endpoint(0));
  const host = `127.0.0.1:${cluster.port}`;
  return {
    cluster,
    client,
    async call(operation, body) {
      const text = JSON.stringify(body);
      const headers = await signedHeaders({
        host,
        target: `DynamoDB_20120810.${operation}`,
        body: text,
      });
      const reply = await rawRequest({
        host: '127.0.0.1',
        port: cluster.port,
        method: 'POST',
        headers,
        body: text,
      });
      const json = JSON.parse(reply.body) as Record<string, unknown>;
      const type = typeof json.__type === 'string' ? json.__type : undefined;
      if (type !== undefined && !type.startsWith(ERROR_NAMESPACE)) {
        throw new Error(`error type outside the DynamoDB namespace: ${type}`);
      }
      return {
        status: reply.status,
        json,
        errorType: type?.slice(ERROR_NAMESPACE.length),
        message: typeof json.message === 'string' ? json.message : undefined,
      };
    },
    async stop() {
      client.destroy();
      await cluster.stop();
    },
  };
}

/** A vector of `dimensions` values in [-1, 1), already float32 so the test and server agree. */
export function randomVector(random: SeededRandom, dimensions: number): number[] {
  return Array.from({ length: dimensions }, () => Math.fround(random.next() * 2 - 1));
}

export function numberList(values: readonly number[]): { L: Array<{ N: string }> } {
  return { L: values.map((value) => ({ N: String(value) })) };
}

/** Brute-force measures, written out independently of the LocalAlternatorCluster's own k-NN. */
export const bruteForce = {
  dot: (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0),
  norm: (a: readonly number[]) => Math.sqrt(a.reduce((sum, x) => sum + x * x, 0)),
  euclidean: (a: readonly number[], b: readonly number[]) =>
    Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]) ** 2, 0)),
  cosine(a: readonly number[], b: readonly number[]) {
    return this.dot(a, b) / (this.norm(a) * this.norm(b));
  },
};

/** Polls DescribeTable until every vector index is ACTIVE without Backfilling. */
export async function waitForActiveIndexes(test: VectorTestCluster, table: string): Promise<void> {
  for (;;) {
    const described = await test.call('DescribeTable', { TableName: table });
    const description = described.json.Table as {
      VectorIndexes?: Array<Record<string, unknown>>;
    };
    const indexes = description.VectorIndexes ?? [];
    if (indexes.every((index) => index.IndexStatus === 'ACTIVE' && index.Backfilling !== true)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
