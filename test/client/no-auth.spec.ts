import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient, type AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import {
  createItemsTable,
  runConcurrently,
  TEST_CREDENTIALS,
} from '../support/alternator-test-kit.js';

type AuthSettings = Pick<AlternatorConfig, 'authenticationEnabled' | 'credentials'>;

const UNSIGNED: Array<[string, AuthSettings]> = [
  ['authenticationEnabled: false', { authenticationEnabled: false, credentials: TEST_CREDENTIALS }],
  ['no credentials', {}],
];

/** AWS credential chain inputs that must not matter to an unsigned client. */
const AWS_ENVIRONMENT = {
  AWS_ACCESS_KEY_ID: 'AKIAGARBAGEGARBAGE00',
  AWS_SECRET_ACCESS_KEY: 'garbage-secret',
  AWS_SESSION_TOKEN: 'garbage-token',
  AWS_PROFILE: 'no-such-profile',
};

describe('AlternatorClient without authentication', () => {
  let open: LocalAlternatorCluster;
  let enforcing: LocalAlternatorCluster;
  let client: AlternatorClient | undefined;

  const connect = async (target: LocalAlternatorCluster, auth: AuthSettings) => {
    client = await createAlternatorClient({
      seedHosts: target.seedHosts,
      port: target.port,
      maxAttempts: 1,
      ...auth,
    });
    return client;
  };
  const put = (id: string) =>
    client!.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: id } } }));
  const logOf = (target: LocalAlternatorCluster) =>
    [0, 1, 2].flatMap((index) => target.requestLog(index));

  beforeAll(async () => {
    [open, enforcing] = await Promise.all([
      LocalAlternatorCluster.start({ nodes: 3 }),
      LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS }),
    ]);
    await createItemsTable(await connect(open, {}));
    client!.destroy();
    open.resetCounts();
  });

  afterEach(() => {
    client?.destroy();
    client = undefined;
    open.resetCounts();
    enforcing.resetCounts();
  });

  afterAll(async () => {
    await Promise.all([open?.stop(), enforcing?.stop()]);
  });

  it.each(UNSIGNED)(
    'with %s, sends requests without an Authorization header to every node',
    async (_, auth) => {
      await connect(open, auth);
      expect(await runConcurrently(60, 4, (i) => put(`u${i}`).then(() => undefined))).toEqual([]);
      const log = logOf(open);
      expect(log).toHaveLength(60);
      expect(log.filter((entry) => entry.authorization)).toEqual([]);
      expect(open.requestCounts().every((count) => count > 0)).toBe(true);
    },
  );

  it('signs every request when credentials are given (the header check can fail)', async () => {
    await connect(enforcing, { credentials: TEST_CREDENTIALS });
    await client!.send(new ListTablesCommand({}));
    expect(logOf(enforcing).map((entry) => entry.authorization)).toEqual([true]);
  });

  it.each(UNSIGNED)(
    'with %s, fails clearly against a cluster that enforces authorization',
    async (_, auth) => {
      await connect(enforcing, auth);
      const error = await client!
        .send(new ListTablesCommand({}))
        .catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('MissingAuthenticationTokenException');
      expect((error as Error).message).toBe(
        'Authorization header is mandatory for signature verification',
      );
      expect(logOf(enforcing).map((entry) => entry.authorization)).toEqual([false]);
    },
  );

  describe('with AWS credentials in the environment', () => {
    const saved: Record<string, string | undefined> = {};

    beforeAll(() => {
      for (const [name, value] of Object.entries(AWS_ENVIRONMENT)) {
        saved[name] = process.env[name];
        process.env[name] = value;
      }
    });

    afterAll(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it.each(UNSIGNED)('with %s, still sends unsigned requests', async (_, auth) => {
      await connect(open, auth);
      await client!.send(new ListTablesCommand({}));
      await put('env');
      expect(logOf(open).map((entry) => entry.authorization)).toEqual([false, false]);
    });
  });
});
