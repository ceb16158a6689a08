import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gunzipSync, inflateSync } from 'node:zlib';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  MetadataBearer,
} from '@smithy/types';
import type { AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME } from '../../lib/core/middleware/response-decompression.middleware.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster } from '../support/local-cluster-client.js';

interface WireRequest {
  headers: Record<string, string>;
  body: Uint8Array;
}

interface WireResponse {
  headers: Record<string, string>;
}

/** Records each response's headers as they arrive, before the client decodes the body. */
function captureResponses(client: AlternatorClient): WireResponse[] {
  const seen: WireResponse[] = [];
  client.middlewareStack.addRelativeTo(
    (next: DeserializeHandler<object, MetadataBearer>) =>
      async (args: DeserializeHandlerArguments<object>) => {
        const result = await next(args);
        if (HttpResponse.isInstance(result.response))
          seen.push({ headers: { ...result.response.headers } });
        return result;
      },
    {
      relation: 'after',
      toMiddleware: RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME,
      name: 'testResponseCapture',
    },
  );
  return seen;
}

/** Captures each request exactly as it goes on the wire: after signing and every header change. */
function captureWire(client: AlternatorClient): WireRequest[] {
  const seen: WireRequest[] = [];
  client.middlewareStack.add(
    (next: DeserializeHandler<object, MetadataBearer>) =>
      (args: DeserializeHandlerArguments<object>) => {
        if (HttpRequest.isInstance(args.request)) {
          const body = args.request.body as Uint8Array | string;
          seen.push({
            headers: { ...args.request.headers },
            body: typeof body === 'string' ? Buffer.from(body) : body,
          });
        }
        return next(args);
      },
    { step: 'deserialize', priority: 'low', name: 'testWireCapture' },
  );
  return seen;
}

const headerBytes = (request: WireRequest) =>
  Object.entries(request.headers).reduce(
    (sum, [name, value]) => sum + name.length + value.length + 4,
    0,
  );

describe('what goes on the wire (SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  const clients: AlternatorClient[] = [];

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 2, auth: TEST_CREDENTIALS });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster.stop();
  });

  async function clientWith(options: Partial<AlternatorConfig>) {
    const client = await connectToLocalCluster(cluster, {
      seedHosts: cluster.seedHosts,
      ...options,
    });
    clients.push(client);
    return { client, wire: captureWire(client) };
  }

  const bigText = Array.from({ length: 400 }, (_, i) => `line ${i} of a large document`).join('\n');

  it.each([
    [CompressionAlgorithm.GZIP, 'gzip', gunzipSync],
    [CompressionAlgorithm.DEFLATE, 'deflate', inflateSync],
  ])(
    'sends large bodies %s-compressed and signed, small ones as they are',
    async (algorithm, coding, decode) => {
      const { client, wire } = await clientWith({
        compression: algorithm,
        minCompressionSizeBytes: 1024,
      });
      await createItemsTable(client, `compressed_${coding}`);
      const table = `compressed_${coding}`;

      await client.send(
        new PutItemCommand({ TableName: table, Item: { id: { S: 'big' }, text: { S: bigText } } }),
      );
      const large = wire[wire.length - 1];
      // Under the threshold yet very compressible: only the size rule keeps it uncompressed.
      const smallText = 'x'.repeat(600);
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { id: { S: 'small' }, text: { S: smallText } },
        }),
      );
      const small = wire[wire.length - 1];
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table, Key: { id: { S: 'big' } } }),
      );

      expect(Item?.text).toEqual({ S: bigText });
      expect(large.headers['content-encoding']).toBe(coding);
      expect(Number(large.headers['content-length'])).toBe(large.body.byteLength);
      const original = decode(large.body).toString();
      expect(JSON.parse(original).Item.text.S).toBe(bigText);
      expect(large.body.byteLength).toBeLessThan(original.length / 4);
      expect(small.body.byteLength).toBeLessThan(1024);
      expect(small.headers['content-encoding']).toBeUndefined();
    },
  );

  it('drops the headers Alternator ignores and keeps requests valid, saving bytes on each', async () => {
    const plain = await clientWith({});
    const optimized = await clientWith({
      optimizeHeaders: true,
      compression: CompressionAlgorithm.GZIP,
    });
    await createItemsTable(plain.client, 'headers');
    const put = (client: AlternatorClient, id: string, text: string) =>
      client.send(
        new PutItemCommand({ TableName: 'headers', Item: { id: { S: id }, text: { S: text } } }),
      );

    await put(plain.client, 'p', 'x');
    await put(optimized.client, 'o', 'x');
    await put(optimized.client, 'o-big', bigText);

    const before = plain.wire[plain.wire.length - 1];
    const [after, afterCompressed] = optimized.wire.slice(-2);
    for (const name of [
      'amz-sdk-invocation-id',
      'amz-sdk-request',
      'x-amz-user-agent',
      'user-agent',
    ]) {
      expect(after.headers[name]).toBeUndefined();
    }
    expect(Object.keys(after.headers).sort()).toEqual(
      [
        'authorization',
        'content-length',
        'content-type',
        'host',
        'x-amz-content-sha256',
        'x-amz-date',
        'x-amz-target',
      ].sort(),
    );
    // Only what Alternator uses is signed, so the server checks no header that could be gone.
    expect(after.headers.authorization).toContain(
      'SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,',
    );
    expect(afterCompressed.headers['content-encoding']).toBe('gzip');
    const saved = headerBytes(before) - headerBytes(after);
    process.stdout.write(
      `optimizeHeaders: ${headerBytes(before)} -> ${headerBytes(after)} header bytes per request (${saved} saved)\n`,
    );
    expect(saved).toBeGreaterThan(100);
    const { Item } = await plain.client.send(
      new GetItemCommand({ TableName: 'headers', Key: { id: { S: 'o-big' } } }),
    );
    expect(Item?.text).toEqual({ S: bigText });
  });

  it.each([
    [[CompressionAlgorithm.GZIP], 'gzip', 'gzip'],
    [[CompressionAlgorithm.DEFLATE], 'deflate', 'deflate'],
    [
      [CompressionAlgorithm.DEFLATE, CompressionAlgorithm.GZIP, CompressionAlgorithm.DEFLATE],
      'deflate, gzip',
      'gzip',
    ],
  ])('asks for %p responses and decodes them', async (responseCompression, advertised, coding) => {
    const { client, wire } = await clientWith({ responseCompression, optimizeHeaders: true });
    const responses = captureResponses(client);
    const table = `responses_${responseCompression.join('_').toLowerCase()}`;
    await createItemsTable(client, table);
    await client.send(
      new PutItemCommand({ TableName: table, Item: { id: { S: 'big' }, text: { S: bigText } } }),
    );

    const { Item } = await client.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: 'big' } } }),
    );
    const { Item: missing } = await client.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: 'none' } } }),
    );

    expect(Item?.text).toEqual({ S: bigText });
    expect(missing).toBeUndefined();
    expect(wire[wire.length - 1].headers['accept-encoding']).toBe(advertised);
    const [large, small] = responses.slice(-2);
    expect(large.headers['content-encoding']).toBe(coding);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('neither asks for nor decodes compressed responses by default', async () => {
    const { client, wire } = await clientWith({});
    await createItemsTable(client, 'responses_off');
    await client.send(
      new PutItemCommand({
        TableName: 'responses_off',
        Item: { id: { S: 'big' }, text: { S: bigText } },
      }),
    );
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'responses_off', Key: { id: { S: 'big' } } }),
    );
    expect(Item?.text).toEqual({ S: bigText });
    expect(wire[wire.length - 1].headers['accept-encoding']).toBeUndefined();
  });
});
