import { describe, expect, it } from '@jest/globals';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AlternatorModule,
  ConfigurationError,
  alternatorConfigFromEnv,
  type AlternatorConfig,
  type AlternatorModuleFactoryOptions,
} from '../../lib/index.js';

const SECRET = 'wJalrXUtnFEMI-never-print-this';

/** Compiles an app importing `alternator` and returns the error that stopped it. */
async function bootstrapError(alternator: DynamicModule): Promise<ConfigurationError> {
  const error: unknown = await Test.createTestingModule({ imports: [alternator] })
    .compile()
    .then(
      () => undefined,
      (reason: unknown) => reason,
    );
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

const badOptions = {
  seedHosts: [],
  port: 70000,
  maxAttempts: 0,
  credentials: { accessKeyId: '', secretAccessKey: SECRET },
  seedHost: '10.0.0.1',
};

describe('invalid options fail the bootstrap', () => {
  it('with forRoot: one error naming the cluster and each bad option, without the secret', async () => {
    const error = await bootstrapError(
      AlternatorModule.forRoot({ name: 'orders', ...(badOptions as unknown as AlternatorConfig) }),
    );
    expect(error.message).toMatch(
      /^Invalid Alternator configuration for AlternatorModule \(cluster "orders"\):\n/,
    );
    for (const option of [
      'seedHosts',
      'port',
      'maxAttempts',
      'credentials.accessKeyId',
      'seedHost',
    ]) {
      expect(error.problems.some((problem) => problem.includes(option))).toBe(true);
    }
    expect(error.message).not.toContain(SECRET);
  });

  it('with forRootAsync, after the factory resolved', async () => {
    const error = await bootstrapError(
      AlternatorModule.forRootAsync({
        useFactory: async () =>
          Promise.resolve(badOptions as unknown as AlternatorModuleFactoryOptions),
      }),
    );
    expect(error.message).toContain('AlternatorModule (cluster "default")');
    expect(error.problems.length).toBeGreaterThanOrEqual(5);
    expect(error.message).not.toContain(SECRET);
  });

  it('when the factory returns the structural name or isGlobal', async () => {
    const error = await bootstrapError(
      AlternatorModule.forRootAsync({
        name: 'orders',
        useFactory: () =>
          ({ seedHosts: ['127.0.0.1'], port: 8000, name: 'orders', isGlobal: false }) as never,
      }),
    );
    expect(error.problems).toEqual([
      expect.stringMatching(/^name must not be returned by the options factory/),
      expect.stringMatching(/^isGlobal must not be returned by the options factory/),
    ]);
  });

  it('when the factory returns nothing', async () => {
    const error = await bootstrapError(
      AlternatorModule.forRootAsync({ useFactory: () => undefined as never }),
    );
    expect(error.problems).toEqual([
      'the options factory must return an options object, got undefined',
    ]);
  });

  it('when ALTERNATOR_* variables are invalid, naming each variable', async () => {
    const env: Record<string, string> = {
      ALTERNATOR_SEEDS: '10.0.0.1',
      ALTERNATOR_PORT: 'eight-thousand',
      ALTERNATOR_SECRET_ACCESS_KEY: SECRET,
    };
    const error = await bootstrapError(
      AlternatorModule.forRootAsync({
        useFactory: () => alternatorConfigFromEnv((key) => env[key]),
      }),
    );
    expect(error.message).toContain('Invalid Alternator environment variables');
    expect(error.problems).toEqual([
      expect.stringContaining('ALTERNATOR_PORT'),
      expect.stringContaining('ALTERNATOR_ACCESS_KEY_ID and ALTERNATOR_SECRET_ACCESS_KEY'),
    ]);
    expect(error.message).not.toContain(SECRET);
  });
});
