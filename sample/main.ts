import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getAlternatorClusterToken, type AlternatorCluster } from '../lib/index.js';
import { AppModule } from './app.module.js';

const logger = new Logger('Sample');

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  // Without this, Ctrl+C skips the hooks that stop node refresh and close the client's sockets.
  app.enableShutdownHooks();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');

  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const cluster = app.get<AlternatorCluster>(getAlternatorClusterToken());
  const nodes = cluster.nodes().map((node) => `${node.url} (${node.state})`);
  logger.log(`Listening on ${url}`);
  logger.log(`Alternator nodes: ${nodes.join(', ')}`);
  logger.log(
    `Try: curl -s -X POST ${url}/items -H 'content-type: application/json' ` +
      `-d '{"name":"apple","quantity":3}' && curl -s ${url}/nodes`,
  );
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
