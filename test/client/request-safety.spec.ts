import { afterEach, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { NoNodesAvailableError } from '../../lib/core/errors.js';
import { NodeState } from '../../lib/core/node-health.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  captureLogger,
  createItemsTable,
  putOneAtATime,
  recordAttempts,
  TEST_CREDENTIALS,
  type CapturedLogger,
} from '../support/alternator-test-kit.js';
import {
  connectToLocalCluster,
  overrideLocalNodesOnEveryNode,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';
import { startStuckListener, type StuckListener } from '../support/stuck-listener.js';

describe('what user code and odd nodes cannot break (3 nodes, SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let logger: CapturedLogger;
  let stuck: StuckListener | undefined;

  afterEach(async () => {
    stuck?.stop();
    stuck = undefined;
    await stopClientAndCluster(client, cluster);
  });

  async function startCluster() {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
  }

  async function connect(overrides: Partial<AlternatorConfig> = {}, withTable = true) {
    logger = captureLogger();
    client = await connectToLocalCluster(cluster, { logger, ...overrides });
    if (withTable) await createItemsTable(client);
  }

  const put = (id: string, options?: { abortSignal?: AbortSignal }) =>
    client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: id } } }), options);

  it('keeps serving and counting when a nodeStateChange listener throws', async () => {
    await startCluster();
    // Dead nodes stay listed, so requests keep meeting them until they are DOWN.
    overrideLocalNodesOnEveryNode(cluster, JSON.stringify(cluster.seedHosts));
    // Both dead nodes must meet requests: without the latency-aware choice, which could shun one
    // for a few seconds for having been slow on the table creation.
    await connect({ nodeHealth: { activeFailureThreshold: 1 }, latencyAwareRouting: false });
    let thrown = 0;
    const seen: string[] = [];
    client.cluster.on('nodeStateChange', () => {
      thrown++;
      throw new Error('listener bug');
    });
    client.cluster.on('nodeStateChange', ({ url, to }) => seen.push(`${url} ${to}`));
    await cluster.kill(1);
    await cluster.kill(2);

    for (let i = 0; i < 20; i++) await put(`l${i}`);

    expect(thrown).toBeGreaterThanOrEqual(2);
    expect(seen).toHaveLength(thrown);
    expect(seen.filter((change) => change.endsWith(NodeState.DOWN))).toHaveLength(2);
    expect(client.cluster.stats().map((node) => node.inFlight)).toEqual([0, 0, 0]);
    const reports = logger.lines.filter((line) => line.message.includes('listener threw'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ level: 'error' });
    expect(reports[0].message).toContain("'nodeStateChange'");
  });

  it('honours the abort signal while it waits for the refresh after every node refused', async () => {
    await startCluster();
    // The seed lists the two other nodes only, so it stays out of plans but is asked in refreshes.
    const others = JSON.stringify(cluster.seedHosts.slice(1));
    overrideLocalNodesOnEveryNode(cluster, others);
    await connect({ discoveryTimeoutMs: 20000 });
    const attempts = recordAttempts(client);
    await cluster.kill(1);
    await cluster.kill(2);
    cluster.pause(0);

    const failure = await put('aborted', { abortSignal: AbortSignal.timeout(500) }).catch(
      (error: unknown) => error,
    );
    cluster.resume(0);

    expect((failure as Error).name).toBe('AbortError');
    expect(new Set(attempts.map((attempt) => attempt.host))).toEqual(
      new Set(cluster.seedHosts.slice(1)),
    );
  });

  it('fails after one sweep when every node refuses: the SDK does not retry the sweep', async () => {
    await startCluster();
    // Routed nodes the client never opened a connection to (no probes with health off), so
    // each attempt is refused rather than reset on a pooled socket; the seed stays reachable.
    const others = JSON.stringify(cluster.seedHosts.slice(1));
    overrideLocalNodesOnEveryNode(cluster, others);
    await connect({ nodeHealth: { enabled: false } }, false);
    const attempts = recordAttempts(client);
    await cluster.kill(1);
    await cluster.kill(2);

    const failure = await put('nowhere').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NoNodesAvailableError);
    expect((failure as { $metadata?: object }).$metadata).toMatchObject({ attempts: 1 });
    expect(attempts.map((attempt) => attempt.host).sort()).toEqual(cluster.seedHosts.slice(1));
    const message = (failure as Error).message;
    expect(message).toContain('No Alternator node accepted the connection');
    for (const host of cluster.seedHosts.slice(1)) {
      expect(message).toContain(`http://${host}:${cluster.port} (ECONNREFUSED)`);
    }
  });

  it('starts and serves with requestTimeoutMs below the default connect timeout', async () => {
    await startCluster();
    await connect({ requestTimeoutMs: 1000 });

    await put('short');
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'items', Key: { id: { S: 'short' } } }),
    );
    expect(Item?.id).toEqual({ S: 'short' });
  });

  it.each([
    ['connectTimeoutMs: 200', { connectTimeoutMs: 200 }],
    // The connect deadline is capped at the request deadline, so a hung connect still counts
    // as a connect timeout rather than a request timeout.
    ['requestTimeoutMs: 300 alone', { requestTimeoutMs: 300 }],
  ])(
    'moves a request whose connection times out on to the next node within one attempt (%s)',
    async (_, timeouts) => {
      await startCluster();
      stuck = await startStuckListener('127.0.0.9', cluster.port);
      const listed = JSON.stringify([...cluster.seedHosts, stuck.hostname]);
      overrideLocalNodesOnEveryNode(cluster, listed);
      // Health off keeps the stuck node in every plan, so many requests meet it first.
      await connect({ ...timeouts, nodeHealth: { enabled: false } });

      const metadata = await putOneAtATime(client, 30, 'c');

      const stuckNode = client.cluster.nodes().find((node) => node.address === stuck!.hostname);
      expect(stuckNode?.failures).toBeGreaterThan(0);
      for (const meta of metadata) expect(meta).toMatchObject({ attempts: 1, totalRetryDelay: 0 });
    },
  );
});
