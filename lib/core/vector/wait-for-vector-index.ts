import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  type VectorIndexDescription,
} from '@aws-sdk/client-dynamodb';
import type { ScyllaVectorIndexDescription } from './scylla-vector-api.js';
import { VectorIndexNotReadyError } from './vector-errors.js';

/**
 * Options of {@link waitForVectorIndexActive}.
 *
 * @publicApi
 */
export interface WaitForVectorIndexOptions {
  /**
   * Give up after this long. Alternator builds an index in seconds to minutes; DynamoDB has been
   * seen to take 8 to 20 minutes even for tiny tables. Default: 1800000 (30 minutes)
   */
  timeoutMs?: number;
  /** Pause between two `DescribeTable` calls. Default: 1000 */
  pollIntervalMs?: number;
  /** Stops waiting: the promise rejects with the signal's reason. Default: undefined */
  abortSignal?: AbortSignal;
}

/** A vector index as described by either API generation. @publicApi */
export type AnyVectorIndexDescription = VectorIndexDescription | ScyllaVectorIndexDescription;

/**
 * Waits until a vector index can be searched: `IndexStatus` is `ACTIVE` and it is no longer
 * backfilling. Works for both API generations and any DynamoDB client (`IndexStatus` and
 * `Backfilling` survive the SDK). Returns the index's description.
 *
 * Even then, items written just before may take a moment to show in results: indexes follow
 * writes asynchronously (about 1 s, up to about 30 s on ScyllaDB).
 *
 * @throws VectorIndexNotReadyError when the table has no such index, the index is being deleted,
 *   or it is not ready within `timeoutMs`
 * @publicApi
 */
export async function waitForVectorIndexActive(
  client: DynamoDBClient,
  tableName: string,
  indexName: string,
  options: WaitForVectorIndexOptions = {},
): Promise<AnyVectorIndexDescription> {
  try {
    return await pollUntilActive(client, tableName, indexName, options);
  } catch (error) {
    // Whether it came during a DescribeTable call or a pause, an abort reads the same.
    if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    throw error;
  }
}

async function pollUntilActive(
  client: DynamoDBClient,
  tableName: string,
  indexName: string,
  options: WaitForVectorIndexOptions,
): Promise<AnyVectorIndexDescription> {
  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const { abortSignal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }), {
      abortSignal,
    });
    const indexes: AnyVectorIndexDescription[] = Table?.VectorIndexes ?? [];
    const index = indexes.find((candidate) => candidate.IndexName === indexName);
    const fail = (message: string) =>
      new VectorIndexNotReadyError(message, tableName, indexName, index?.IndexStatus);
    if (index === undefined) {
      const known = indexes.map((candidate) => `'${candidate.IndexName}'`).join(', ') || 'none';
      throw fail(
        `Table '${tableName}' has no vector index '${indexName}' (its vector indexes: ${known}); ` +
          'check the name, or create the index first',
      );
    }
    if (index.IndexStatus === 'ACTIVE' && index.Backfilling !== true) return index;
    if (index.IndexStatus === 'DELETING') {
      throw fail(`Vector index '${indexName}' of table '${tableName}' is being deleted`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const state = `${index.IndexStatus ?? 'no status'}${index.Backfilling ? ', backfilling' : ''}`;
      throw fail(
        `Vector index '${indexName}' of table '${tableName}' was not ACTIVE after ${timeoutMs} ms ` +
          `(last seen: ${state}). Building an index reads every item of the table: allow more ` +
          "time (timeoutMs), and check that the server's vector store is running",
      );
    }
    await sleep(Math.min(pollIntervalMs, remaining), undefined, { signal: abortSignal });
  }
}
