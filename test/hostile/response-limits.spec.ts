import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createAlternatorClient, type AlternatorClient } from '../../lib/core/alternator-client.js';
import type { AlternatorConfig } from '../../lib/core/config/alternator-config.js';
import { CompressionAlgorithm } from '../../lib/core/config/compression-algorithm.js';
import {
  AlternatorError,
  MalformedResponseError,
  ResponseInterruptedError,
  ResponseTimeoutError,
  ResponseTooLargeError,
} from '../../lib/core/errors.js';
import { captureLogger } from '../support/alternator-test-kit.js';
import { peakMemoryGrowth, streamRepeated, StubNodes } from './stub-nodes.js';

const MiB = 1024 * 1024;
/** What a hostile node offers: far beyond any bound, so only a bound can stop the client. */
const OFFERED = 512 * MiB;
/** Generous: the bound under test is 4 MiB; without it the client takes all 512 MiB or more. */
const MEMORY_BOUND = 64 * MiB;
const JSON_TYPE = { 'Content-Type': 'application/x-amz-json-1.0' };

const nodes = new StubNodes();
let client: AlternatorClient | undefined;

beforeAll(() => nodes.start());
afterAll(() => nodes.stop());
afterEach(() => {
  client?.destroy();
  client = undefined;
  nodes.answer(undefined);
});

async function connect(options: Partial<AlternatorConfig> = {}): Promise<AlternatorClient> {
  client = await createAlternatorClient({
    seedHosts: ['127.0.0.1'],
    port: nodes.port,
    maxResponseBytes: 4 * MiB,
    requestTimeoutMs: 3000,
    connectTimeoutMs: 1000,
    logger: captureLogger(),
    ...options,
  });
  return client;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const getItem = () => new GetItemCommand({ TableName: 't', Key: { id: { S: 'k' } } });
const putItem = () => new PutItemCommand({ TableName: 't', Item: { id: { S: 'k' } } });
/** A body too large to send at once: zeros forever, as fast as the client reads. */
const endlessBody = () => (res: Parameters<typeof streamRepeated>[0]) => {
  res.writeHead(200, JSON_TYPE);
  streamRepeated(res, Buffer.alloc(64 * 1024, 0x20), OFFERED);
};

describe('a response body over maxResponseBytes', () => {
  it('fails the attempt at the bound, naming the node and the limit, in bounded memory', async () => {
    nodes.answer(endlessBody());
    const alternator = await connect({ maxAttempts: 1 });
    let error: unknown;
    const growth = await peakMemoryGrowth(async () => {
      error = await failure(alternator.send(putItem()));
    });
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(AlternatorError);
    const tooLarge = error as ResponseTooLargeError;
    expect(tooLarge.part).toBe('body');
    expect(tooLarge.limitBytes).toBe(4 * MiB);
    expect(tooLarge.node).toMatch(new RegExp(`^http://127\\.0\\.0\\.[12]:${nodes.port}$`));
    expect(tooLarge.message).toContain(tooLarge.node);
    expect(tooLarge.message).toContain(`${4 * MiB}-byte limit`);
    expect(tooLarge.message).toContain('raise maxResponseBytes');
    expect(growth).toBeLessThan(MEMORY_BOUND);
  });

  it('fails before reading a byte when Content-Length declares too much', async () => {
    const declaresFiveGigabytes = (res: Parameters<typeof streamRepeated>[0]) => {
      res.writeHead(200, { ...JSON_TYPE, 'Content-Length': String(5 * 1024 * MiB) });
      res.write('{');
    };
    nodes.answer(declaresFiveGigabytes);
    const alternator = await connect({ maxAttempts: 1 });
    const error = (await failure(alternator.send(putItem()))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain(`its Content-Length is ${5 * 1024 * MiB}`);
  });
});

describe('response headers over 16 KiB', () => {
  it('fail the attempt with the node named', async () => {
    const hugeHeaders = (res: Parameters<typeof streamRepeated>[0]) =>
      res.writeHead(200, { ...JSON_TYPE, 'X-Padding': 'x'.repeat(20 * 1024) }).end('{}');
    nodes.answer(hugeHeaders);
    const alternator = await connect({ maxAttempts: 1 });
    const error = (await failure(alternator.send(putItem()))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.part).toBe('headers');
    expect(error.limitBytes).toBe(16 * 1024);
    expect(error.message).toContain(error.node);
  });
});

describe('a body that stops coming after the headers', () => {
  it('fails within requestTimeoutMs of the attempt, naming the node', async () => {
    const stall = (res: Parameters<typeof streamRepeated>[0]) => {
      res.writeHead(200, { ...JSON_TYPE, 'Content-Length': '100' });
      res.write('{"Items":');
    };
    nodes.answer(stall);
    const alternator = await connect({ maxAttempts: 1, requestTimeoutMs: 1000 });
    const error = (await failure(alternator.send(getItem()))) as ResponseTimeoutError;
    expect(error).toBeInstanceOf(ResponseTimeoutError);
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toContain(error.node);
    expect(error.message).toContain('requestTimeoutMs (1000 ms; 9 bytes received)');
  });
});

describe('a compressed successful answer that is not a JSON object once decoded', () => {
  it('fails naming the node and what came instead', async () => {
    const compressedPage = (res: Parameters<typeof streamRepeated>[0]) =>
      res.writeHead(200, { ...JSON_TYPE, 'Content-Encoding': 'gzip' }).end(gzipSync('  <html>'));
    nodes.answer(compressedPage);
    const alternator = await connect({
      maxAttempts: 1,
      responseCompression: [CompressionAlgorithm.GZIP],
    });
    const error = (await failure(alternator.send(putItem()))) as MalformedResponseError;
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error.message).toBe(
      `The response from ${error.node} (HTTP 200) is not a DynamoDB answer: ` +
        'its body starts with "<", not "{"',
    );
  });
});

describe('a body that breaks off mid-way', () => {
  it('fails naming the node and how much arrived', async () => {
    const breakOff = (res: Parameters<typeof streamRepeated>[0]) => {
      res.writeHead(200, { ...JSON_TYPE, 'Content-Length': '100' });
      res.write('{"Item":', () => res.destroy());
    };
    nodes.answer(breakOff);
    const alternator = await connect({ maxAttempts: 1 });
    let error = await failure(alternator.send(getItem()));
    // Routing may wrap the last reset it saw in the error it gives up with.
    while (!(error instanceof ResponseInterruptedError) && error instanceof Error)
      error = error.cause;
    expect(error).toBeInstanceOf(ResponseInterruptedError);
    const interrupted = error as ResponseInterruptedError;
    expect(interrupted.code).toBe('ECONNRESET');
    expect(interrupted.message).toBe(
      `The response body from ${interrupted.node} broke off after 8 bytes (ECONNRESET)`,
    );
  });
});
