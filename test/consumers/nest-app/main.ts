/**
 * One Nest application, compiled and run unchanged by the Nest 12 ESM consumer and the Nest 11
 * CommonJS consumer (run.sh copies it into each as src/main.ts). It imports the package the
 * way an application does, from the installed tarball, and checks what a user would notice:
 * GET /health up with every node, and an item written and read back over HTTP.
 */
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Body, Controller, Get, Module, Param, Put, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
  type HealthCheckResult,
} from '@nestjs/terminus';
import {
  AlternatorModule,
  getAlternatorClientToken,
  InjectAlternatorDocumentClient,
} from 'nestjs-alternator';
// From the core entry on purpose: the module's client must be the class the core hands out.
import { AlternatorClient, type AlternatorConfig } from 'nestjs-alternator/core';
import { AlternatorHealthIndicator, AlternatorHealthModule } from 'nestjs-alternator/health';
import { LocalAlternatorCluster } from 'nestjs-alternator/testing';
import { float32List, float32VectorOf } from 'nestjs-alternator/vector';

const credentials = { accessKeyId: 'consumer', secretAccessKey: 'consumer-secret' };

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly alternator: AlternatorHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.alternator.isHealthy('alternator')]);
  }
}

@Controller('notes')
class NotesController {
  constructor(
    @InjectAlternatorDocumentClient() private readonly documents: DynamoDBDocumentClient,
  ) {}

  @Put(':id')
  async put(@Param('id') id: string, @Body() body: { text: string }): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: 'notes', Item: { id, text: body.text } }),
    );
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: 'notes', Key: { id } }));
    return Item;
  }
}

@Module({})
class AppModule {
  static register(config: AlternatorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AlternatorModule.forRoot(config), TerminusModule, AlternatorHealthModule],
      controllers: [HealthController, NotesController],
    };
  }
}

async function main(): Promise<void> {
  const cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: credentials });
  const app = await NestFactory.create(
    AppModule.register({ seedHosts: cluster.seedHosts, port: cluster.port, credentials }),
    { logger: ['error', 'warn'] },
  );
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    const client = app.get<AlternatorClient>(getAlternatorClientToken());
    assert.ok(
      client instanceof AlternatorClient,
      'the injected client is the core AlternatorClient',
    );
    await client.send(
      new CreateTableCommand({
        TableName: 'notes',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );

    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { details: { alternator: { liveNodes: number } } };
    assert.equal(body.details.alternator.liveNodes, 3);

    const put = await fetch(`${url}/notes/n1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    assert.equal(put.status, 200);
    const got = await fetch(`${url}/notes/n1`);
    assert.deepEqual(await got.json(), { id: 'n1', text: 'hello' });
    assert.deepEqual(float32VectorOf(float32List([0.5, 2])), new Float32Array([0.5, 2]));
    console.log(`ok: /health up with 3 nodes, note written and read back (${process.version})`);
  } finally {
    await app.close();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
