import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { AlternatorErrorReply } from './alternator-errors.js';

/** Alternator's request size limit, applied to the received and to the decompressed body. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * Reads the whole body, or stops as soon as it passes `limit` bytes and resolves to undefined
 * (the caller then answers 413 and closes the connection, as the server does).
 */
export function readBody(
  req: IncomingMessage,
  limit = MAX_REQUEST_BYTES,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', reject);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > limit) {
        stop();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
    };
    const onClose = (): void => {
      stop();
      reject(new Error('client closed the connection before the request body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
    req.on('close', onClose);
  });
}

/**
 * Undoes `Content-Encoding` exactly as Alternator 2026.1 does: `gzip` (several members
 * allowed) or zlib-wrapped `deflate`, case-sensitive; anything else is a 500.
 */
export async function decodeBody(
  encoding: string | undefined,
  body: Buffer,
): Promise<Buffer | AlternatorErrorReply> {
  if (encoding === undefined || encoding === '') {
    return body;
  }
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    return AlternatorErrorReply.internal('Unsupported Content-Encoding');
  }
  if (body.length === 0) {
    return AlternatorErrorReply.internal(`Truncated ${encoding} in request body`);
  }
  const options = { maxOutputLength: MAX_REQUEST_BYTES };
  try {
    return encoding === 'gzip'
      ? await gunzipAsync(body, options)
      : await inflateAsync(body, options);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return AlternatorErrorReply.payloadTooLarge(MAX_REQUEST_BYTES);
    }
    return AlternatorErrorReply.internal(`Error during ${encoding} decompression of request body`);
  }
}
