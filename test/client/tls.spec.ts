import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import {
  resolveAlternatorConfig,
  type AlternatorConfig,
} from '../../lib/core/config/alternator-config.js';
import { AlternatorError } from '../../lib/core/errors.js';
import { NodeState } from '../../lib/core/node-health.js';
import { TlsConfig } from '../../lib/core/config/tls-config.js';
import { ConnectionPool } from '../../lib/core/transport/connection-pool.js';
import { TlsVerificationError } from '../../lib/core/transport/tls-errors.js';
import { LocalAlternatorCluster, type LocalClusterTlsOptions } from '../../lib/testing/index.js';
import {
  captureLogger,
  createItemsTable,
  runConcurrently,
  TEST_CREDENTIALS,
  waitFor,
  type CapturedLogger,
} from '../support/alternator-test-kit.js';
import { connectToLocalCluster, restoreStoppedNodes } from '../support/local-cluster-client.js';
import {
  createTestCertificates,
  TEST_CLIENT_COMMON_NAME,
  TEST_SERVER_NAME,
  type TestCertificate,
  type TestCertificates,
} from '../support/test-certificates.js';

const TRUST_ALL_WARNING = 'TLS certificate verification is off';

describe('AlternatorClient over HTTPS (SigV4 enforced)', () => {
  let certs: TestCertificates;
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient | undefined;
  let logger: CapturedLogger;

  const serveWith = (server: TestCertificate): LocalClusterTlsOptions => ({
    certPem: server.certPem,
    keyPem: server.keyPem,
    caPem: certs.ca.certPem,
    requestClientCertificate: true,
  });

  /** A client of `target` over https; the first discovery has run when this resolves. */
  async function connect(
    tls: TlsConfig,
    overrides: Partial<AlternatorConfig> = {},
    target: LocalAlternatorCluster = cluster,
  ): Promise<AlternatorClient> {
    logger = captureLogger();
    client = await connectToLocalCluster(target, { scheme: 'https', tls, logger, ...overrides });
    return client;
  }

  const put = (id: string) =>
    client!.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: id } } }));
  const traffic = (count: number, prefix: string, concurrency = 4) =>
    runConcurrently(count, concurrency, (i) => put(`${prefix}${i}`).then(() => undefined));
  const urlOf = (target: LocalAlternatorCluster, index: number) => target.endpoint(index);

  beforeAll(async () => {
    certs = createTestCertificates();
    cluster = await LocalAlternatorCluster.start({
      nodes: 3,
      auth: TEST_CREDENTIALS,
      tls: serveWith(certs.server),
    });
    await createItemsTable(await connect(TlsConfig.withCustomCa(certs.ca.certPath)));
  });

  afterEach(async () => {
    client?.destroy();
    client = undefined;
    await restoreStoppedNodes(cluster);
    cluster.resetCounts();
  });

  afterAll(async () => {
    await cluster?.stop();
    certs?.remove();
  });

  it('discovers, probes and sends traffic over TLS with the right custom CA', async () => {
    await connect(TlsConfig.withCustomCa(certs.ca.certPath), {
      activeRefreshIntervalMs: 60000,
      nodeHealth: { activeFailureThreshold: 1, backgroundProbePeriodMs: 100 },
    });
    // One seed listed the others, and probes over TLS promoted them from quarantine.
    expect(client!.cluster.nodes().map(({ url, state }) => ({ url, state }))).toEqual(
      [0, 1, 2].map((i) => ({ url: urlOf(cluster, i), state: NodeState.ACTIVE })),
    );
    expect(await traffic(150, 'a')).toEqual([]);
    expect(cluster.requestCounts().every((count) => count > 0)).toBe(true);
    expect(logger.warnings()).toEqual([]);

    await cluster.kill(2);
    await waitFor(async () => {
      expect(await traffic(20, 'b')).toEqual([]);
      return client!.cluster.nodes()[2].state === NodeState.DOWN;
    }, 'the killed node to go DOWN');
    const recovered = new Promise<void>((resolve) =>
      client!.cluster.on('nodeStateChange', ({ url, from }) => {
        if (url === urlOf(cluster, 2) && from === NodeState.DOWN) resolve();
      }),
    );
    await cluster.restart(2);
    await recovered; // only successful probes over TLS move a node out of DOWN
    cluster.resetCounts();
    expect(await traffic(150, 'c')).toEqual([]);
    expect(cluster.requestCounts()[2]).toBeGreaterThan(0);
  });

  it('fails with an error naming the node, the cause and the CA option for a wrong CA', async () => {
    await connect(TlsConfig.withCustomCa(certs.otherCa.certPath));
    const seed = urlOf(cluster, 0);
    const warning = logger.warnings().find((line) => line.includes('First discovery failed'));
    expect(warning).toContain(`TLS verification of ${seed} failed (SELF_SIGNED_CERT_IN_CHAIN`);
    expect(warning).toContain("tls: TlsConfig.withCustomCa('/path/to/ca.pem')");

    const error = await client!.send(new ListTablesCommand({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect(error).toBeInstanceOf(AlternatorError);
    const failure = error as TlsVerificationError;
    expect(failure.node).toBe(seed);
    expect(failure.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(failure.message).toContain(`TLS verification of ${seed} failed`);
    expect(failure.message).toContain('TlsConfig.withCustomCa');
    expect((failure.cause as { code?: string }).code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(cluster.requestCounts()).toEqual([0, 0, 0]);
  });

  it('fails the same way when only the system CAs are trusted', async () => {
    await connect(TlsConfig.systemDefault());
    const error = await client!.send(new ListTablesCommand({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect((error as TlsVerificationError).message).toContain('TlsConfig.withCustomCa');
  });

  it('works with trustAll and warns exactly once, at creation', async () => {
    await connect(TlsConfig.trustAll());
    const trustAllWarnings = () =>
      logger.warnings().filter((line) => line.includes(TRUST_ALL_WARNING));
    expect(trustAllWarnings()).toHaveLength(1);
    expect(trustAllWarnings()[0]).toContain('TlsConfig.trustAll()');
    expect(await traffic(60, 't')).toEqual([]);
    expect(client!.cluster.nodes()).toHaveLength(3);
    expect(cluster.requestCounts().every((count) => count > 0)).toBe(true);
    expect(trustAllWarnings()).toHaveLength(1);
  });

  it('does not warn about trustAll for plain http', async () => {
    const plain = await LocalAlternatorCluster.start({ nodes: 1 });
    try {
      await connect(TlsConfig.trustAll(), { scheme: 'http', credentials: undefined }, plain);
      expect(logger.warnings().filter((line) => line.includes(TRUST_ALL_WARNING))).toEqual([]);
    } finally {
      client?.destroy();
      await plain.stop();
    }
  });

  it('presents the client certificate on every request when one is configured', async () => {
    await connect(
      new TlsConfig({
        customCaCertPaths: [certs.ca.certPath],
        clientCertPath: certs.client.certPath,
        clientKeyPath: certs.client.keyPath,
      }),
    );
    expect(await traffic(30, 'm')).toEqual([]);
    const seen = [0, 1, 2].flatMap((i) => cluster.requestLog(i).map((e) => e.clientCertificate));
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(new Set([TEST_CLIENT_COMMON_NAME]));

    client!.destroy();
    cluster.resetCounts();
    await connect(TlsConfig.withCustomCa(certs.ca.certPath));
    expect(await traffic(10, 'n')).toEqual([]);
    const without = [0, 1, 2].flatMap((i) => cluster.requestLog(i).map((e) => e.clientCertificate));
    expect(new Set(without)).toEqual(new Set([undefined]));
  });

  it('resumes TLS sessions on new connections unless the session cache is disabled', async () => {
    const reusedFlags = () =>
      [0, 1, 2].flatMap((i) => cluster.requestLog(i).map((e) => e.tlsSessionReused));
    // 12 requests at once on 3 nodes open new connections after the first one to each node.
    await connect(TlsConfig.withCustomCa(certs.ca.certPath));
    expect(await traffic(48, 's', 12)).toEqual([]);
    expect(reusedFlags()).toContain(true);

    client!.destroy();
    cluster.resetCounts();
    await connect(
      new TlsConfig({ customCaCertPaths: [certs.ca.certPath], sessionCache: { enabled: false } }),
    );
    expect(await traffic(48, 'u', 12)).toEqual([]);
    expect(reusedFlags()).toHaveLength(48);
    expect(reusedFlags()).not.toContain(true);
  });

  it('sizes the shared agent session cache from sessionCache', () => {
    const agentOptionsFor = (tls: TlsConfig) => {
      const pool = new ConnectionPool(
        resolveAlternatorConfig({ seedHosts: ['127.0.0.1'], port: 8043, scheme: 'https', tls }),
      );
      pool.destroy();
      return pool.httpsAgent.options;
    };
    const ca = certs.ca.certPath;
    expect(
      agentOptionsFor(new TlsConfig({ customCaCertPaths: [ca], sessionCache: { cacheSize: 7 } }))
        .maxCachedSessions,
    ).toBe(7);
    expect(
      agentOptionsFor(new TlsConfig({ customCaCertPaths: [ca], sessionCache: { enabled: false } }))
        .maxCachedSessions,
    ).toBe(0);
    expect(agentOptionsFor(TlsConfig.withCustomCa(ca)).maxCachedSessions).toBe(1024);
  });

  describe('with a certificate that names only alternator.test', () => {
    let dnsOnly: LocalAlternatorCluster;

    beforeAll(async () => {
      dnsOnly = await LocalAlternatorCluster.start({
        nodes: 2,
        auth: TEST_CREDENTIALS,
        tls: serveWith(certs.dnsOnlyServer),
      });
    });

    afterAll(() => dnsOnly?.stop());

    it('fails on a hostname mismatch with an error pointing at servername', async () => {
      await connect(TlsConfig.withCustomCa(certs.ca.certPath), {}, dnsOnly);
      const seed = urlOf(dnsOnly, 0);
      const warning = logger.warnings().find((line) => line.includes('First discovery failed'));
      expect(warning).toContain(`TLS verification of ${seed} failed (ERR_TLS_CERT_ALTNAME_INVALID`);
      expect(warning).toContain('tls.servername');

      const error = await client!
        .send(new ListTablesCommand({}))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TlsVerificationError);
      expect((error as TlsVerificationError).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      expect((error as TlsVerificationError).message).toContain('tls.verifyHostname: false');
    });

    it.each([
      ['servername', { servername: TEST_SERVER_NAME }],
      ['verifyHostname: false', { verifyHostname: false }],
    ])('works on every node with %s', async (_, option) => {
      await connect(
        new TlsConfig({ customCaCertPaths: [certs.ca.certPath], ...option }),
        {},
        dnsOnly,
      );
      expect(logger.warnings()).toEqual([]);
      expect(client!.cluster.nodes().map((node) => node.state)).toEqual([
        NodeState.ACTIVE,
        NodeState.ACTIVE,
      ]);
      dnsOnly.resetCounts();
      for (let i = 0; i < 20; i++) {
        await client!.send(new ListTablesCommand({}));
      }
      expect(dnsOnly.requestCounts().every((count) => count > 0)).toBe(true);
    });
  });
});
