import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseTooLargeError } from '../errors.js';
import { httpGet } from './http-get.js';

// `/localnodes` answers no real node gives: a stub server, since only a stub can misbehave so.
let answer: (res: ServerResponse) => void;
let server: Server;
let url: URL;
// No keep-alive: a socket each test's server closes must not be reused by the next test.
const agent = new Agent({ keepAlive: false });

beforeAll(async () => {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/localnodes`);
});
afterEach(() => server.closeAllConnections());
afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('httpGet', () => {
  it('reads a normal answer', async () => {
    answer = (res) => res.writeHead(200).end('["127.0.0.1"]');
    await expect(httpGet(url, agent, 2000)).resolves.toEqual({
      status: 200,
      body: '["127.0.0.1"]',
    });
  });

  it('stops reading a body past 1 MiB and names the node', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    answer = (res) => {
      res.writeHead(200);
      const writeMore = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', writeMore);
      };
      writeMore();
    };
    const error = (await rejection(httpGet(url, agent, 10000))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.node).toBe(url.origin);
    expect(error.limitBytes).toBe(1024 * 1024);
    expect(error.message).toContain('more than 1048576 bytes arrived');
  });

  it('refuses a declared Content-Length past 1 MiB without reading it', async () => {
    answer = (res) => res.writeHead(200, { 'Content-Length': String(2 ** 32) }).write('[');
    const error = (await rejection(httpGet(url, agent, 10000))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain(`its Content-Length is ${2 ** 32}`);
  });

  it('refuses headers past 16 KiB', async () => {
    answer = (res) => res.writeHead(200, { 'X-Padding': 'x'.repeat(17 * 1024) }).end('[]');
    const error = (await rejection(httpGet(url, agent, 10000))) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.part).toBe('headers');
  });

  it('gives up on headers trickled a byte at a time once the deadline passes', async () => {
    answer = (res) => {
      const head = Buffer.from('HTTP/1.1 200 OK\r\nX-Slow: ' + 'x'.repeat(1000));
      let sent = 0;
      const trickle = setInterval(() => {
        if (res.socket?.destroyed || sent >= head.length) clearInterval(trickle);
        else res.socket?.write(head.subarray(sent, ++sent));
      }, 10);
    };
    const error = (await rejection(httpGet(url, agent, 300))) as Error;
    expect(error.message).toBe(`no answer from ${url.host} within 300 ms`);
  });
});
