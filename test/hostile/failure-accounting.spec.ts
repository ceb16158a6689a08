import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { MalformedResponseError, ResponseTooLargeError } from '../../lib/core/errors.js';
import { NodeState } from '../../lib/core/node-health.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster } from '../support/local-cluster-client.js';

/**
 * What each kind of bad answer costs: whether the request goes to another node, whether a write
 * is sent again, whether the node's health pays. Node 0 misbehaves; nodes 1 and 2 behave.
 */
const MiB = 1024 * 1024;
const FAULTY = 0;

let cluster: LocalAlternatorCluster;
let client: AlternatorClient | undefined;

beforeAll(async () => {
  cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
  const setup = await connect();
  await createItemsTable(setup);
  await setup.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'known' } } }));
  setup.destroy();
});
afterAll(() => cluster.stop());
afterEach(() => {
  cluster.setFault(FAULTY, undefined);
  client?.destroy();
  client = undefined;
});

async function connect(options: Partial<AlternatorConfig> = {}): Promise<AlternatorClient> {
  client = await connectToLocalCluster(cluster, {
    maxResponseBytes: 4 * MiB,
    requestTimeoutMs: 3000,
    connectTimeoutMs: 1000,
    // The faulty node must keep meeting requests; the latency-aware choice would shun it for
    // seconds after one slow failure (a gzip bomb takes a while to find out).
    latencyAwareRouting: false,
    ...options,
  });
  return client;
}

const read = () =>
  new GetItemCommand({ TableName: 'items', Key: { id: { S: 'known' } }, ConsistentRead: true });
let written = 0;
const write = () =>
  new PutItemCommand({ TableName: 'items', Item: { id: { S: `w${written++}` } } });
const totalRequests = () => cluster.requestCounts().reduce((sum, count) => sum + count, 0);

/** Reads until the faulty node has been sent three of them; every read must succeed. */
async function readsReachingFaultyNode(alternator: AlternatorClient): Promise<void> {
  cluster.resetCounts();
  for (let sent = 0; sent < 100 && cluster.requestCounts()[FAULTY] < 3; sent++) {
    const answer = await alternator.send(read());
    expect(answer.Item?.id).toEqual({ S: 'known' });
  }
  expect(cluster.requestCounts()[FAULTY]).toBeGreaterThanOrEqual(3);
}

/**
 * Writes until three of them failed (those the faulty node answered); checks each failed write
 * went out once, to one node, and returns the errors.
 */
async function failedWrites(alternator: AlternatorClient): Promise<Error[]> {
  const errors: Error[] = [];
  for (let sent = 0; sent < 100 && errors.length < 3; sent++) {
    const before = totalRequests();
    const error = await alternator.send(write()).then(
      () => undefined,
      (failure: Error) => failure,
    );
    if (error === undefined) continue;
    errors.push(error);
    expect(totalRequests() - before).toBe(1);
  }
  expect(errors).toHaveLength(3);
  return errors;
}

describe('an answer over maxResponseBytes', () => {
  beforeEach(() => cluster.setFault(FAULTY, { mode: 'oversizedBody', bytes: 64 * MiB }));

  it('sends a read to another node and never takes the node down', async () => {
    // With this threshold a single failure would mark the node DOWN.
    const alternator = await connect({ nodeHealth: { activeFailureThreshold: 1 } });
    await readsReachingFaultyNode(alternator);
    expect(alternator.cluster.nodes()[FAULTY].state).toBe(NodeState.ACTIVE);
  });

  it('fails a write, naming the node and the limit, without sending it again', async () => {
    const alternator = await connect({ maxAttempts: 3 });
    for (const error of await failedWrites(alternator)) {
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.message).toBe(
        `The response body from ${cluster.endpoint(FAULTY)} exceeds the ${4 * MiB}-byte limit ` +
          `(its Content-Length is ${64 * MiB}); raise maxResponseBytes if such answers are expected`,
      );
    }
  });
});

describe('a compressed answer that inflates past maxResponseBytes', () => {
  beforeEach(() => cluster.setFault(FAULTY, { mode: 'gzipBomb', inflatedBytes: 64 * MiB }));

  it('sends a read to another node, and fails a write naming what it would inflate', async () => {
    const alternator = await connect({ responseCompression: [CompressionAlgorithm.GZIP] });
    await readsReachingFaultyNode(alternator);
    for (const error of await failedWrites(alternator)) {
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).part).toBe('decoded body');
      expect(error.message).toMatch(/\(\d+ gzip bytes inflate past it\)/);
    }
  });
});

describe('a successful answer that is not JSON', () => {
  beforeEach(() => cluster.setFault(FAULTY, { mode: 'garbageBody' }));

  it('sends a read to another node, and fails a write naming the node', async () => {
    const alternator = await connect();
    await readsReachingFaultyNode(alternator);
    for (const error of await failedWrites(alternator)) {
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(error.message).toBe(
        `The response from ${cluster.endpoint(FAULTY)} (HTTP 200) is not a DynamoDB answer: ` +
          'its body starts with "<", not "{"',
      );
    }
  });
});
