import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import {
  AlternatorError,
  MalformedResponseError,
  ResponseTooLargeError,
} from '../../lib/core/errors.js';
import { LocalAlternatorCluster, type LocalNodeFault } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster, stopClientAndCluster } from '../support/local-cluster-client.js';
import { peakMemoryGrowth } from './stub-nodes.js';

const MiB = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 1500;
/** The faulty node; the other two behave. */
const FAULTY = 0;

/** What a client may see from one fault: every request succeeds, or reads do and writes fail. */
interface FaultCase {
  fault: LocalNodeFault;
  /** Error class a write answered by the faulty node fails with; none: writes fail over too. */
  writeError?: new (...args: never[]) => Error;
  /** Checks that memory stayed bounded while the node offered far more. */
  offersBytes?: number;
}

const CASES: Array<[string, FaultCase]> = [
  ['apply then reset', { fault: { mode: 'applyThenReset' } }],
  [
    'answer after requestTimeoutMs',
    { fault: { mode: 'answerLate', delayMs: REQUEST_TIMEOUT_MS * 4 } },
  ],
  ['garbage body', { fault: { mode: 'garbageBody' }, writeError: MalformedResponseError }],
  ['truncated body', { fault: { mode: 'truncatedBody' } }],
  [
    'oversized body',
    {
      fault: { mode: 'oversizedBody', bytes: 512 * MiB },
      writeError: ResponseTooLargeError,
      offersBytes: 512 * MiB,
    },
  ],
  [
    'gzip bomb',
    {
      fault: { mode: 'gzipBomb', inflatedBytes: 512 * MiB },
      writeError: ResponseTooLargeError,
      offersBytes: 512 * MiB,
    },
  ],
  ['headers trickled a byte at a time', { fault: { mode: 'trickleHeaders', byteIntervalMs: 50 } }],
];

let cluster: LocalAlternatorCluster;
let client: AlternatorClient;

beforeAll(async () => {
  cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
  client = await connectToLocalCluster(cluster, {
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    connectTimeoutMs: 1000,
    maxResponseBytes: 4 * MiB,
    responseCompression: [CompressionAlgorithm.GZIP],
    // The faulty node must keep meeting requests; the latency-aware choice would shun it for
    // seconds after one slow failure (a timeout, a trickled answer).
    latencyAwareRouting: false,
  });
  await createItemsTable(client);
  await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'known' } } }));
});
afterAll(() => stopClientAndCluster(client, cluster));
afterEach(() => cluster.setFault(FAULTY, undefined));

const putItem = (id: string) =>
  new PutItemCommand({ TableName: 'items', Item: { id: { S: id }, v: { S: 'x'.repeat(5000) } } });
const getItem = (id: string) =>
  new GetItemCommand({ TableName: 'items', Key: { id: { S: id } }, ConsistentRead: true });

/** What happened to the requests sent while the fault held. */
interface Outcome {
  acknowledged: string[];
  readErrors: unknown[];
  writeErrors: unknown[];
}

/**
 * Alternates writes of fresh items and reads of a known one until the faulty node has been sent
 * at least four of them (which node a request reaches first is random).
 */
async function workload(label: string): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: [], readErrors: [], writeErrors: [] };
  const reachedFaulty = () => cluster.requestCounts()[FAULTY];
  cluster.resetCounts();
  for (let sent = 0; sent < 200 && reachedFaulty() < 4; sent++) {
    if (sent % 2 === 0) {
      const id = `${label}-${sent}`;
      await client.send(putItem(id)).then(
        () => outcome.acknowledged.push(id),
        (error: unknown) => outcome.writeErrors.push(error),
      );
    } else {
      await client.send(getItem('known')).then(
        (read) => expect(read.Item?.id).toEqual({ S: 'known' }),
        (error: unknown) => outcome.readErrors.push(error),
      );
    }
  }
  expect(reachedFaulty()).toBeGreaterThanOrEqual(4);
  return outcome;
}

describe.each(CASES)(
  'a node whose answers go wrong: %s',
  (label, { fault, writeError, offersBytes }) => {
    it('reads fail over, writes fail over or fail clearly, no acknowledged write is lost', async () => {
      cluster.setFault(FAULTY, fault);
      let outcome: Outcome | undefined;
      const growth = await peakMemoryGrowth(async () => {
        outcome = await workload(label.replace(/\W+/g, '-'));
      });
      const { acknowledged, readErrors, writeErrors } = outcome as Outcome;
      expect(readErrors).toEqual([]);
      if (writeError === undefined) expect(writeErrors).toEqual([]);
      for (const error of writeErrors) {
        expect(error).toBeInstanceOf(writeError);
        expect(error).toBeInstanceOf(AlternatorError);
        expect((error as Error).message).toContain(`${cluster.endpoint(FAULTY)}`);
      }
      if (offersBytes !== undefined) expect(growth).toBeLessThan(64 * MiB);

      cluster.setFault(FAULTY, undefined);
      for (const id of acknowledged) {
        const read = await client.send(getItem(id));
        expect(read.Item?.id).toEqual({ S: id });
      }
    });
  },
);
