/**
 * A service without Nest: the core entry must load and work when no @nestjs package is
 * installed, which is what npm gives an application that does not depend on Nest itself.
 */
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConfigurationError,
  createAlternatorClient,
  createAlternatorDocumentClient,
  DatacenterScope,
} from 'nestjs-alternator/core';
import { LocalAlternatorCluster } from 'nestjs-alternator/testing';
import { float32Vector, float32VectorOf } from 'nestjs-alternator/vector';

const require = createRequire(import.meta.url);
assert.throws(() => require.resolve('@nestjs/common'), 'no @nestjs package may be installed');
// The vector entry loads without Nest too.
assert.deepEqual(float32VectorOf(float32Vector([0.5, 2])), new Float32Array([0.5, 2]));

await assert.rejects(
  createAlternatorClient({ seedHosts: [], port: 8000 }),
  (error: unknown) => error instanceof ConfigurationError && /seedHosts/.test(error.message),
);

const credentials = { accessKeyId: 'consumer', secretAccessKey: 'consumer-secret' };
const cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: credentials });
const client = await createAlternatorClient({
  seedHosts: cluster.seedHosts,
  port: cluster.port,
  credentials,
  routingScope: new DatacenterScope(cluster.nodes()[0].datacenter),
});
try {
  assert.equal(client.cluster.nodes().length, 3);
  await client.send(
    new CreateTableCommand({
      TableName: 'events',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const documents = createAlternatorDocumentClient(client);
  await documents.send(new PutCommand({ TableName: 'events', Item: { id: 'e1', kind: 'start' } }));
  const { Item } = await documents.send(new GetCommand({ TableName: 'events', Key: { id: 'e1' } }));
  assert.deepEqual(Item, { id: 'e1', kind: 'start' });
  console.log(`ok: core entry without Nest, item written and read back (${process.version})`);
} finally {
  client.destroy();
  await cluster.stop();
}
