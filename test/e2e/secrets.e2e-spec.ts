import { inspect } from 'node:util';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  AlternatorConfigBuilder,
  alternatorConfigFromEnv,
  createAlternatorClient,
  getAlternatorClientToken,
  getAlternatorClusterToken,
  SealedCredentials,
  type AlternatorClient,
  type AlternatorConfig,
} from '../../lib/index.js';
import { resolveAlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { AlternatorHealthIndicator } from '../../lib/health/index.js';
import { getAlternatorModuleOptionsToken } from '../../lib/nest/common/alternator.utils.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { captureLogger, createItemsTable, waitFor } from '../support/alternator-test-kit.js';
import { HealthAppModule } from './app/health-app.module.js';

/** Distinctive enough that any appearance is a leak, never a coincidence. */
const SECRET = 'S3CR3T-salted-hash-7c41e9b0d2';
const SESSION_TOKEN = 'S3SS10N-token-5f2a8c';
const CREDENTIALS = { accessKeyId: 'secret-walk-role', secretAccessKey: SECRET };

/** What an operator could read of `value`: inspected, serialized, stringified, or logged by Nest. */
function views(value: unknown): string[] {
  const shown = [
    inspect(value),
    inspect(value, { depth: 8, showHidden: true, getters: true }),
    jsonOf(value),
    stringOf(value),
  ];
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    for (const json of [false, true]) {
      const logger = new ConsoleLogger('SecretWalk', { json, colors: false });
      logger.log(value);
      logger.error(value);
    }
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return [...shown, ...written];
}

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    // The SDK client is circular; what the failure says is what an operator would read.
    return String(error);
  }
}

function stringOf(value: unknown): string {
  try {
    return String(value);
  } catch (error) {
    return String(error);
  }
}

function expectNoSecret(what: string, value: unknown): void {
  for (const view of views(value)) {
    const leaked = view.includes(SECRET) || view.includes(SESSION_TOKEN);
    expect({ what, leaked }).toEqual({ what, leaked: false });
  }
}

describe('no public object shows the secret', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let app: INestApplication;
  const logger = captureLogger();
  const events: unknown[] = [];

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: CREDENTIALS });
    client = await createAlternatorClient({
      seedHosts: [cluster.seedHosts[0]],
      port: cluster.port,
      credentials: { ...CREDENTIALS },
      activeRefreshIntervalMs: 100,
      idleRefreshIntervalMs: 500,
      connectTimeoutMs: 500,
      requestTimeoutMs: 1000,
      nodeHealth: { backgroundProbePeriodMs: 100 },
      logger,
    });
    for (const name of [
      'topologyChange',
      'nodeStateChange',
      'scopeChange',
      'discoveryError',
    ] as const) {
      client.cluster.on(name, (payload: unknown) => events.push(payload));
    }
    await createItemsTable(client);
    const moduleRef = await Test.createTestingModule({
      imports: [
        HealthAppModule.register({
          seedHosts: [...cluster.seedHosts],
          port: cluster.port,
          credentials: { ...CREDENTIALS },
          logger,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    client?.destroy();
    await app?.close();
    await cluster?.stop();
  });

  it('signs with the secret while hiding it from every view', async () => {
    const put = (id: string) =>
      client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: id } } }));
    await put('signed');

    // Drive every event: a dead node, a new node, and a discovery that finds nothing usable.
    await cluster.kill(1);
    await waitFor(async () => {
      await put(`down-${Date.now()}`).catch(() => undefined);
      return events.length > 0;
    }, 'the cluster to notice the dead node');
    const addedIndex = await cluster.addNode();
    const added = cluster.nodes().find((node) => node.index === addedIndex)?.address;
    await waitFor(
      () => client.cluster.nodes().some((node) => node.address === added),
      'the added node to be discovered',
    );
    for (const node of cluster.nodes()) cluster.setLocalNodesOverride(node.index, '<html/>');
    await client.cluster.refresh();
    expect(events.length).toBeGreaterThan(2);

    expectNoSecret('client', client);
    expectNoSecret('client.cluster', client.cluster);
    expectNoSecret('cluster.nodes()', client.cluster.nodes());
    expectNoSecret('cluster.stats()', client.cluster.stats());
    expectNoSecret('cluster.health()', client.cluster.health());
    expectNoSecret('events', events);
    expectNoSecret('log lines', logger.lines);
  });

  it('hides it in the Nest container and the health indicator result', async () => {
    expectNoSecret('Nest client', app.get(getAlternatorClientToken()));
    expectNoSecret('Nest cluster', app.get(getAlternatorClusterToken()));
    expectNoSecret('Nest options', app.get(getAlternatorModuleOptionsToken()));
    expectNoSecret('health result', app.get(AlternatorHealthIndicator).isHealthy('alternator'));
    const response = await request(app.getHttpServer() as Server).get('/health');
    expectNoSecret('GET /health', response.text);
  });

  it('hides it in the configs this package builds', () => {
    const built = new AlternatorConfigBuilder()
      .withSeeds('127.0.0.1')
      .withPort(8000)
      .withCredentials('role', SECRET, SESSION_TOKEN);
    expectNoSecret('builder', built);
    expectNoSecret('built config', built.build());
    const fromEnv = alternatorConfigFromEnv(
      (key) =>
        ({
          ALTERNATOR_SEEDS: '127.0.0.1',
          ALTERNATOR_PORT: '8000',
          ALTERNATOR_ACCESS_KEY_ID: 'role',
          ALTERNATOR_SECRET_ACCESS_KEY: SECRET,
        })[key],
    );
    expectNoSecret('config from env', fromEnv);
    expectNoSecret('resolved config', resolveAlternatorConfig(fromEnv));
    const sealed = SealedCredentials.of({ ...CREDENTIALS, sessionToken: SESSION_TOKEN });
    expectNoSecret('sealed credentials', sealed);
    expect(sealed.secretAccessKey).toBe(SECRET);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an empty access key', { credentials: { accessKeyId: '', secretAccessKey: SECRET } }],
    ['the secret as a key', { credentials: { ...CREDENTIALS, [SECRET]: true } }],
    ['a non-string secret', { credentials: { accessKeyId: 'r', secretAccessKey: [SECRET] } }],
    ['the secret as credentials', { credentials: SECRET }],
    ['the secret in the region', { credentials: CREDENTIALS, region: { SECRET } }],
  ])('keeps it out of the ConfigurationError for %s', (_, bad) => {
    const config = { seedHosts: ['127.0.0.1'], port: 8000, ...bad } as unknown as AlternatorConfig;
    let failure: unknown;
    try {
      resolveAlternatorConfig(config);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    expectNoSecret('ConfigurationError', failure);
    expectNoSecret('its problems', (failure as { problems: string[] }).problems);
  });
});
