import type { Readable } from 'node:stream';
import {
  MalformedResponseError,
  ResponseInterruptedError,
  ResponseTimeoutError,
  ResponseTooLargeError,
} from '../errors.js';

/**
 * Reads a whole SDK response body (a Node stream, or bytes already in memory) for middleware that
 * must see it before the SDK parses it; the caller puts a fresh stream back in its place. Bodies
 * from the network are already bounded by the time middleware sees them (see
 * {@link readBoundedBody}).
 */
export async function readResponseBody(body: Readable | Uint8Array | undefined): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How much of a response body to accept, from whom, and until when. */
export interface BodyBounds {
  /** Base URL of the node that answers, for errors. */
  node: string;
  /** Most bytes accepted. */
  maxBytes: number;
  /** The option that raises `maxBytes`, for errors. */
  option?: string;
  /** Milliseconds left to receive the whole body, and the deadline they come from, for errors. */
  remainingMs: number;
  timeoutMs: number;
  /** The response's HTTP status, carried by a size error. */
  statusCode: number;
  /** Whether a size error may be retried on another node. */
  retryable: boolean;
}

/**
 * Reads `body` whole, failing as soon as it goes over `maxBytes` or past the deadline; the stream
 * is then destroyed, which closes its connection, so the rest is never read. A declared
 * `Content-Length` over the bound fails before a single byte is read, and a connection that
 * breaks mid-body fails naming the node.
 */
export function readBoundedBody(
  body: Readable,
  headers: Record<string, string>,
  bounds: BodyBounds,
): Promise<Buffer> {
  const tooLarge = (detail: string) =>
    new ResponseTooLargeError(bounds.node, 'body', bounds.maxBytes, {
      detail,
      option: bounds.option,
      statusCode: bounds.statusCode,
      retryable: bounds.retryable,
    });
  const declared = contentLength(headers);
  if (declared !== undefined && declared > bounds.maxBytes) {
    body.destroy();
    return Promise.reject(tooLarge(`its Content-Length is ${declared}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const read: PendingRead = {
      deadline: performance.now() + bounds.remainingMs,
      expire: () => fail(new ResponseTimeoutError(bounds.node, bounds.timeoutMs, size)),
    };
    const fail = (error: Error) => {
      bodyDeadlines.delete(read);
      body.off('data', onData);
      body.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > bounds.maxBytes) fail(tooLarge(`more than ${bounds.maxBytes} bytes arrived`));
      else chunks.push(chunk);
    };
    bodyDeadlines.add(read);
    body.on('data', onData);
    body.once('end', () => {
      bodyDeadlines.delete(read);
      // Most answers arrive in one chunk, which needs no copy.
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    body.once('error', (error) => {
      bodyDeadlines.delete(read);
      reject(new ResponseInterruptedError(bounds.node, size, error));
    });
  });
}

interface PendingRead {
  /** `performance.now()` past which the read fails. */
  deadline: number;
  expire(): void;
}

/**
 * The deadlines of every body being read, watched by one timer armed for the earliest: a timer of
 * its own per response would cost each request more than the read itself. Reads end long before
 * their deadline, so the timer rarely fires; it does not keep the process alive, the socket being
 * read does.
 */
class DeadlineWatch {
  private readonly pending = new Set<PendingRead>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  add(read: PendingRead): void {
    this.pending.add(read);
    if (read.deadline < this.armedFor) this.arm(read.deadline);
  }

  delete(read: PendingRead): void {
    this.pending.delete(read);
  }

  private arm(deadline: number): void {
    clearTimeout(this.timer);
    this.armedFor = deadline;
    this.timer = setTimeout(() => this.expire(), Math.max(deadline - performance.now(), 0));
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const read of this.pending) {
      if (read.deadline > now) next = Math.min(next, read.deadline);
      else {
        this.pending.delete(read);
        read.expire();
      }
    }
    if (next < Infinity) this.arm(next);
  }
}

const bodyDeadlines = new DeadlineWatch();

function contentLength(headers: Record<string, string>): number | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-length' || typeof value !== 'string') continue;
    const length = Number(value);
    return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  }
  return undefined;
}

/** Bytes JSON allows before a value. */
const JSON_WHITE_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;

/**
 * Checks that a successful answer's body opens a JSON object, as every DynamoDB answer does; one
 * byte of it is looked at, so a proxy's HTML page is refused without parsing anything. Error
 * answers are left to the SDK, which reads whatever a failing node sends.
 */
export function checkJsonObjectBody(
  body: Buffer,
  answer: { node: string; statusCode: number; retryable: boolean },
): void {
  if (answer.statusCode < 200 || answer.statusCode >= 300) return;
  let at = 0;
  while (at < body.length && JSON_WHITE_SPACE.has(body[at])) at++;
  if (body[at] === OPEN_BRACE) return;
  const first = at < body.length ? String.fromCharCode(body[at]) : undefined;
  throw new MalformedResponseError(answer.node, answer.statusCode, first, answer.retryable);
}
