import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  ALTERNATOR_MIDDLEWARE_TAG,
  AlternatorClient,
  COMPRESSION_MIDDLEWARE_NAME,
  CompressionAlgorithm,
  DROP_SDK_HEADERS_MIDDLEWARE_NAME,
  RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME,
  ROUTING_MIDDLEWARE_NAME,
  STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME,
  type AlternatorConfig,
} from '../../lib/core/index.js';
import * as core from '../../lib/core/index.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import { connectToLocalCluster } from '../support/local-cluster-client.js';

/** Every option that adds a middleware of this package to the client's stack. */
const EVERYTHING_ON: Partial<AlternatorConfig> = {
  optimizeHeaders: true,
  compression: CompressionAlgorithm.GZIP,
  minCompressionSizeBytes: 1024,
  responseCompression: [CompressionAlgorithm.GZIP],
};

/** The names `identify()` lists, without the step and the aliases. */
function stackNames(client: AlternatorClient): string[] {
  return client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);
}

/** The `*_MIDDLEWARE_NAME` constants of the public entry. */
const exportedNames = Object.entries<unknown>(core)
  .filter(([key]) => key.endsWith('_MIDDLEWARE_NAME'))
  .map(([, value]) => value);

/**
 * The headers of every API request the local nodes receive, seen by the nodes' own HTTP servers
 * (they run in this process, on `port`), so nothing the client does afterwards can hide a header.
 */
function recordArrivals(port: number): { arrivals: IncomingHttpHeaders[]; stop(): void } {
  const arrivals: IncomingHttpHeaders[] = [];
  const onRequest = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.method === 'POST' && request.socket.localPort === port) {
      arrivals.push(request.headers);
    }
  };
  subscribe('http.server.request.start', onRequest);
  return { arrivals, stop: () => unsubscribe('http.server.request.start', onRequest) };
}

const signedHeadersOf = (headers: IncomingHttpHeaders) =>
  /SignedHeaders=([^,]+)/.exec(headers.authorization ?? '')?.[1].split(';') ?? [];

describe('middleware names (SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient;
  let recording: ReturnType<typeof recordArrivals>;
  const bigText = Array.from({ length: 400 }, (_, i) => `line ${i} of a large document`).join('\n');

  beforeAll(async () => {
    cluster = await LocalAlternatorCluster.start({ nodes: 3, auth: TEST_CREDENTIALS });
  });

  afterEach(() => {
    recording?.stop();
    client?.destroy();
  });

  afterAll(async () => {
    await cluster.stop();
  });

  async function clientWith(options: Partial<AlternatorConfig>): Promise<AlternatorClient> {
    client = await connectToLocalCluster(cluster, options);
    await createItemsTable(client, 'middleware');
    recording = recordArrivals(cluster.port);
    return client;
  }

  const putBig = (id: string) =>
    client.send(
      new PutItemCommand({
        TableName: 'middleware',
        Item: { id: { S: id }, text: { S: bigText } },
      }),
    );

  it('puts a middleware under every exported name on a configured client, and no other', () => {
    const configured = new AlternatorClient({
      seedHosts: ['127.0.0.1'],
      port: 8000,
      credentials: TEST_CREDENTIALS,
      ...EVERYTHING_ON,
    });
    try {
      const ours = stackNames(configured).filter((name) => name.startsWith('alternator'));
      expect(ours.sort()).toEqual(
        [
          COMPRESSION_MIDDLEWARE_NAME,
          DROP_SDK_HEADERS_MIDDLEWARE_NAME,
          RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME,
          ROUTING_MIDDLEWARE_NAME,
          STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME,
        ].sort(),
      );
      expect([...exportedNames].sort()).toEqual(ours);
      configured.middlewareStack.removeByTag(ALTERNATOR_MIDDLEWARE_TAG);
      expect(stackNames(configured).filter((name) => name.startsWith('alternator'))).toEqual([]);
    } finally {
      configured.destroy();
    }
  });

  it('sends large bodies uncompressed, still signed, once compression is removed', async () => {
    await clientWith(EVERYTHING_ON);
    await putBig('compressed');
    client.middlewareStack.remove(COMPRESSION_MIDDLEWARE_NAME);
    await putBig('plain');

    const [compressed, plain] = recording.arrivals;
    expect(compressed['content-encoding']).toBe('gzip');
    expect(Number(compressed['content-length'])).toBeLessThan(bigText.length / 4);
    expect(plain['content-encoding']).toBeUndefined();
    expect(Number(plain['content-length'])).toBeGreaterThan(bigText.length);
    expect(signedHeadersOf(plain)).toContain('content-length');
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'middleware', Key: { id: { S: 'plain' } } }),
    );
    expect(Item?.text).toEqual({ S: bigText });
  });

  it("sends and signs the SDK's bookkeeping headers once the drop middleware is removed", async () => {
    await clientWith(EVERYTHING_ON);
    await putBig('optimized');
    client.middlewareStack.remove(DROP_SDK_HEADERS_MIDDLEWARE_NAME);
    await putBig('sdk-headers');

    const [optimized, sdkHeaders] = recording.arrivals;
    const bookkeeping = ['amz-sdk-invocation-id', 'amz-sdk-request'];
    const userAgents = ['user-agent', 'x-amz-user-agent'];
    for (const name of [...bookkeeping, ...userAgents]) expect(optimized[name]).toBeUndefined();
    for (const name of bookkeeping) {
      expect(sdkHeaders[name]).toBeDefined();
      expect(signedHeadersOf(sdkHeaders)).toContain(name);
    }
    // Header optimization also takes the SDK's user-agent middleware off the stack.
    for (const name of userAgents) expect(sdkHeaders[name]).toBeUndefined();
  });

  it('sends unsigned headers once the strip middleware is removed', async () => {
    // A whitelisted user-agent header keeps the SDK's user-agent middleware, which also writes
    // `user-agent`: SigV4 never signs that one, so only the strip middleware removes it.
    await clientWith({ ...EVERYTHING_ON, headersWhitelist: ['X-Amz-User-Agent'] });
    await putBig('stripped');
    client.middlewareStack.remove(STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME);
    await putBig('unstripped');

    const [stripped, unstripped] = recording.arrivals;
    expect(stripped['x-amz-user-agent']).toBeDefined();
    expect(signedHeadersOf(stripped)).toContain('x-amz-user-agent');
    expect(stripped['user-agent']).toBeUndefined();
    expect(unstripped['user-agent']).toBeDefined();
  });

  it('asks for no compressed responses once response decompression is removed', async () => {
    await clientWith(EVERYTHING_ON);
    await putBig('big');
    const get = () =>
      client.send(new GetItemCommand({ TableName: 'middleware', Key: { id: { S: 'big' } } }));
    await get();
    client.middlewareStack.remove(RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME);
    const { Item } = await get();

    const [, asked, notAsked] = recording.arrivals;
    expect(asked['accept-encoding']).toBe('gzip');
    expect(notAsked['accept-encoding']).toBeUndefined();
    expect(Item?.text).toEqual({ S: bigText });
  });

  it('sends every request to the first seed once routing is removed', async () => {
    await clientWith({});
    const getMany = async () => {
      cluster.resetCounts();
      for (let i = 0; i < 30; i++) {
        await client.send(
          new GetItemCommand({ TableName: 'middleware', Key: { id: { S: `k${i}` } } }),
        );
      }
      return cluster.requestCounts();
    };
    const routed = await getMany();
    client.middlewareStack.remove(ROUTING_MIDDLEWARE_NAME);
    const unrouted = await getMany();

    expect(routed.filter((count) => count > 0).length).toBeGreaterThan(1);
    expect(unrouted).toEqual([30, 0, 0]);
  });
});
