import { afterEach, describe, expect, it } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import { resolveAlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { ConfigurationError } from '../../lib/core/errors.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  captureLogger,
  createItemsTable,
  runConcurrently,
  TEST_CREDENTIALS,
  type CapturedLogger,
} from '../support/alternator-test-kit.js';
import {
  connectToLocalCluster,
  overrideLocalNodesOnEveryNode,
  stopClientAndCluster,
} from '../support/local-cluster-client.js';

/** Entries a node should never send, each of which once made discovery throw the answer away. */
const BAD_ENTRIES: unknown[] = [
  'fe80::1%eth0',
  '[fe80::2%25lo]',
  'not-an-ip',
  '10.0.0.300',
  '7f4c3c52-8b8e-4a8e-9d4e-0f0f0f0f0f0f',
  42,
  null,
  { address: '127.0.0.9' },
];

describe('/localnodes answers mixing usable and unusable entries', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let logger: CapturedLogger;

  afterEach(() => stopClientAndCluster(client, cluster));

  it('routes to every usable entry, stays healthy, and logs each bad entry once', async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
    const [first, second, third] = cluster.nodes().map((node) => node.address);
    const body = JSON.stringify(
      [BAD_ENTRIES[0], first, ...BAD_ENTRIES.slice(1, 5), second].concat(BAD_ENTRIES.slice(5), [
        third,
        first,
      ]),
    );
    overrideLocalNodesOnEveryNode(cluster, body);

    logger = captureLogger();
    client = await connectToLocalCluster(cluster, {
      activeRefreshIntervalMs: 100,
      idleRefreshIntervalMs: 500,
      logger,
    });
    for (let i = 0; i < 3; i++) await client.cluster.refresh();

    expect(
      client.cluster
        .nodes()
        .map((node) => node.address)
        .sort(),
    ).toEqual([first, second, third].sort());
    const health = client.cluster.health();
    expect(health).toMatchObject({ liveNodes: 3, knownNodes: 3 });
    expect(health.lastRefreshError).toBeUndefined();

    await createItemsTable(client);
    cluster.resetCounts();
    const errors = await runConcurrently(150, 4, (i) =>
      client
        .send(new PutItemCommand({ TableName: 'items', Item: { id: { S: `m${i}` } } }))
        .then(() => undefined),
    );
    expect(errors).toEqual([]);
    expect(cluster.nodes().every((node) => node.requestCount > 0)).toBe(true);

    const warnings = logger.warnings();
    for (const entry of ['fe80::1%eth0', '[fe80::2%25lo]', 'not-an-ip', '10.0.0.300', '42']) {
      expect({ entry, lines: warnings.filter((line) => line.includes(entry)).length }).toEqual({
        entry,
        lines: 1,
      });
    }
  });

  it('refuses a seed with an IPv6 zone id, naming it', () => {
    let failure: unknown;
    try {
      resolveAlternatorConfig({ seedHosts: ['127.0.0.1', 'fe80::1%eth0'], port: 8000 });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as ConfigurationError).problems).toEqual([
      'seedHosts must not carry an IPv6 zone id, which a node URL cannot hold: use a global or ' +
        'unique-local address, got "fe80::1%eth0"',
    ]);
    expect(() => resolveAlternatorConfig({ seedHosts: ['[fe80::1%25eth0]'], port: 8000 })).toThrow(
      /zone id/,
    );
  });
});
