import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient } from '../../lib/core/alternator-client.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import { ResponseDecompressionError } from '../../lib/core/middleware/response-decompression.middleware.js';
import { captureLogger } from '../support/alternator-test-kit.js';

// A node that claims gzip but sends garbage: no real server does this on purpose, so a stub.
let server: Server;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/localnodes')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('["127.0.0.1"]');
      return;
    }
    req.resume();
    req.on('end', () =>
      res
        .writeHead(200, {
          'Content-Type': 'application/x-amz-json-1.0',
          'Content-Encoding': 'gzip',
        })
        .end('this is not gzip'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('fails with a decompression error instead of parsing corrupt compressed bytes', async () => {
  const client = await createAlternatorClient({
    seedHosts: ['127.0.0.1'],
    port: (server.address() as AddressInfo).port,
    responseCompression: [CompressionAlgorithm.GZIP],
    logger: captureLogger(),
  });
  try {
    const failure = await client.send(new ListTablesCommand({})).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseDecompressionError);
    const port = (server.address() as AddressInfo).port;
    expect((failure as Error).message).toContain(
      `gzip response (HTTP 200) from http://127.0.0.1:${port} could not be decoded`,
    );
  } finally {
    client.destroy();
  }
});
