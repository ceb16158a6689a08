import type { Readable } from 'node:stream';

/**
 * Reads a whole SDK response body (a Node stream, or bytes already in memory) for middleware that
 * must see it before the SDK parses it; the caller puts a fresh stream back in its place.
 */
export async function readResponseBody(body: Readable | Uint8Array | undefined): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
