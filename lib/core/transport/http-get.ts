import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ResponseTooLargeError } from '../errors.js';
import {
  isHeaderOverflow,
  MAX_LOCAL_NODES_BYTES,
  MAX_RESPONSE_HEADER_BYTES,
} from './response-limits.js';

export interface HttpGetResult {
  status: number;
  body: string;
}

/**
 * A bounded GET on the shared agents, for `/localnodes` and health probes. The timeout covers the
 * whole exchange, so a paused or trickling node cannot hold a refresh or a probe forever, and a
 * body over 1 MiB (or headers over 16 KiB) is refused, not buffered.
 */
export function httpGet(
  url: URL,
  agent: Agent,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpGetResult> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const node = url.origin;
    // A timer of our own rather than AbortSignal.timeout, so none outlives the exchange.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    timer.unref();
    const abort = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const options = {
      method: 'GET',
      agent,
      signal: abort,
      maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
    };
    const req = send(url, options, (res) => {
      // Settles first, then closes the connection: the errors that closing raises come too late.
      const refuse = (detail: string) => {
        reject(
          new ResponseTooLargeError(node, 'body', MAX_LOCAL_NODES_BYTES, {
            detail,
            statusCode: res.statusCode,
            retryable: false,
          }),
        );
        req.destroy();
      };
      const declared = Number(res.headers['content-length']);
      if (declared > MAX_LOCAL_NODES_BYTES) {
        refuse(`its Content-Length is ${declared}`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_LOCAL_NODES_BYTES)
          refuse(`more than ${MAX_LOCAL_NODES_BYTES} bytes arrived`);
        else chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', (error: Error) => {
      if (deadline.signal.aborted)
        reject(new Error(`no answer from ${url.host} within ${timeoutMs} ms`));
      else if (isHeaderOverflow(error)) {
        reject(
          new ResponseTooLargeError(node, 'headers', MAX_RESPONSE_HEADER_BYTES, {
            detail: 'the HTTP parser stopped reading them',
            retryable: false,
            cause: error,
          }),
        );
      } else reject(error);
    });
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}
