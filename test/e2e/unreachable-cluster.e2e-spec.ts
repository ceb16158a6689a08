import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsoleLogger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  getAlternatorClusterToken,
  AlternatorModule,
  type AlternatorCluster,
} from '../../lib/index.js';
import { AlternatorHealthIndicator, AlternatorHealthModule } from '../../lib/health/index.js';

/** Records what reaches Nest's logging, by context. */
class RecordingLogger extends ConsoleLogger {
  readonly warnings: Array<{ context: unknown; message: unknown }> = [];

  override warn(message: unknown, context?: unknown): void {
    this.warnings.push({ context, message });
  }

  override log(): void {}
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a cluster that cannot be reached at start-up', () => {
  const logger = new RecordingLogger();
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        AlternatorModule.forRoot({
          seedHosts: ['127.0.0.1'],
          port: await closedPort(),
          discoveryTimeoutMs: 500,
        }),
        AlternatorHealthModule,
      ],
    })
      .setLogger(logger)
      .compile();
    await moduleRef.init();
  });

  afterAll(() => moduleRef?.close());

  it('does not stop the application, and warns through Nest Logger with the Alternator context', () => {
    const warning = logger.warnings.find(({ message }) => String(message).includes('discovery'));
    expect(warning).toEqual({ context: 'Alternator', message: expect.any(String) });
  });

  it('routes to the seeds and reports the cluster down', () => {
    const cluster = moduleRef.get<AlternatorCluster>(getAlternatorClusterToken());
    expect(cluster.nodes()).toHaveLength(1);
    const result = moduleRef.get(AlternatorHealthIndicator).isHealthy('alternator');
    expect(result.alternator).toMatchObject({ status: 'down', liveNodes: 0, knownNodes: 1 });
  });
});
