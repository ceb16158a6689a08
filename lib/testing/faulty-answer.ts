import { STATUS_CODES, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { AMZ_JSON_CONTENT_TYPE, sendJson } from './alternator-errors.js';
import type { LocalNodeFault } from './local-cluster-options.interface.js';

/** A reply ready to go: status, body as it goes on the wire, and its Content-Encoding. */
export interface ReadyAnswer {
  status: number;
  body: Buffer;
  coding?: string;
}

/** What a broken proxy in front of a node typically sends: HTML, not JSON. */
const GARBAGE_BODY = Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>\n');

/**
 * `oversizedBody` looks like a Query answer whose one item has a huge string attribute; the
 * skeleton stays under the smallest size the fault accepts (MIN_OVERSIZED_BODY_BYTES).
 */
const OVERSIZED_PREFIX = Buffer.from('{"Items":[{"padding":{"S":"');
const OVERSIZED_SUFFIX = Buffer.from('"}}],"Count":1,"ScannedCount":1}');
const STREAM_CHUNK_BYTES = 64 * 1024;
const PADDING_CHUNK = Buffer.alloc(STREAM_CHUNK_BYTES, 'x');
const ZERO_CHUNK = Buffer.alloc(STREAM_CHUNK_BYTES);

/** Gzip bombs by inflated size: building a large one costs seconds of CPU, so each is built once. */
const gzipBombs = new Map<number, Promise<Buffer>>();

/**
 * Sends `answer` as a healthy node does, or misbehaves as `fault` says. Resolves once done
 * (or once the client or a kill closed the connection); rejects only when `signal` aborts a wait.
 */
export async function sendAnswer(
  res: ServerResponse,
  answer: ReadyAnswer,
  fault: LocalNodeFault | undefined,
  signal: AbortSignal,
): Promise<void> {
  switch (fault?.mode) {
    case undefined:
      sendJson(res, answer.status, answer.body, answer.coding);
      return;
    case 'applyThenReset':
      res.destroy();
      return;
    case 'answerLate':
      await delay(fault.delayMs, undefined, { signal });
      if (!res.destroyed) {
        sendJson(res, answer.status, answer.body, answer.coding);
      }
      return;
    case 'garbageBody':
      sendJson(res, 200, GARBAGE_BODY);
      return;
    case 'truncatedBody':
      sendTruncated(res, answer);
      return;
    case 'oversizedBody':
      await streamOversized(res, fault.bytes);
      return;
    case 'gzipBomb':
      sendJson(res, 200, await gzipBomb(fault.inflatedBytes), 'gzip');
      return;
    case 'trickleHeaders':
      await trickleHead(res, answer, fault.byteIntervalMs, signal);
      return;
  }
}

/** The real headers and half the body; the socket is destroyed once that half is flushed. */
function sendTruncated(res: ServerResponse, answer: ReadyAnswer): void {
  res.writeHead(200, {
    'Content-Type': AMZ_JSON_CONTENT_TYPE,
    'Content-Length': answer.body.length,
    ...(answer.coding ? { 'Content-Encoding': answer.coding } : {}),
  });
  res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => res.destroy());
}

async function streamOversized(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': AMZ_JSON_CONTENT_TYPE, 'Content-Length': bytes });
  let padding = bytes - OVERSIZED_PREFIX.length - OVERSIZED_SUFFIX.length;
  if (!(await written(res, OVERSIZED_PREFIX))) {
    return;
  }
  while (padding > 0) {
    const chunk =
      padding >= STREAM_CHUNK_BYTES ? PADDING_CHUNK : PADDING_CHUNK.subarray(0, padding);
    padding -= chunk.length;
    if (!(await written(res, chunk))) {
      return;
    }
  }
  res.end(OVERSIZED_SUFFIX);
}

/** Writes with backpressure; false when the connection closed, so streaming must stop. */
function written(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) {
    return Promise.resolve(false);
  }
  if (res.write(chunk)) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const settle = (open: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(open);
    };
    const onDrain = (): void => settle(true);
    const onClose = (): void => settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  let bomb = gzipBombs.get(inflatedBytes);
  if (bomb === undefined) {
    bomb = buildGzipBomb(inflatedBytes);
    gzipBombs.set(inflatedBytes, bomb);
    bomb.catch(() => gzipBombs.delete(inflatedBytes));
  }
  return bomb;
}

async function buildGzipBomb(inflatedBytes: number): Promise<Buffer> {
  const compressed: Buffer[] = [];
  await pipeline(
    Readable.from(zeroChunks(inflatedBytes)),
    createGzip({ level: 9 }),
    async (gzipped: AsyncIterable<Buffer>) => {
      for await (const chunk of gzipped) {
        compressed.push(chunk);
      }
    },
  );
  return Buffer.concat(compressed);
}

function* zeroChunks(total: number): Generator<Buffer> {
  for (let left = total; left > 0; left -= STREAM_CHUNK_BYTES) {
    yield left >= STREAM_CHUNK_BYTES ? ZERO_CHUNK : ZERO_CHUNK.subarray(0, left);
  }
}

/**
 * Writes the response head itself, one byte at a time on the connection (TLS included), then the
 * body, and closes the connection: the server's own response writer never runs for this request.
 */
async function trickleHead(
  res: ServerResponse,
  answer: ReadyAnswer,
  byteIntervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  const socket = res.socket;
  if (socket === null) {
    return;
  }
  const head = Buffer.from(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n` +
      `Content-Type: ${AMZ_JSON_CONTENT_TYPE}\r\n` +
      `Content-Length: ${answer.body.length}\r\n` +
      (answer.coding ? `Content-Encoding: ${answer.coding}\r\n` : '') +
      'Connection: close\r\n\r\n',
    'latin1',
  );
  for (let offset = 0; offset < head.length; offset++) {
    await delay(byteIntervalMs, undefined, { signal });
    if (socket.destroyed) {
      return;
    }
    socket.write(head.subarray(offset, offset + 1));
  }
  socket.end(answer.body);
}
