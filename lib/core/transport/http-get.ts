import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpGetResult {
  status: number;
  body: string;
}

/** Bodies we read for discovery and probes are tiny; a larger one is refused, not buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A bounded GET on the shared agents, for `/localnodes` and health probes. The timeout covers the
 * whole exchange, so a paused node cannot hold a refresh or a probe forever.
 */
export function httpGet(
  url: URL,
  agent: Agent,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpGetResult> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // A timer of our own rather than AbortSignal.timeout, so none outlives the exchange.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    timer.unref();
    const abort = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const req = send(url, { method: 'GET', agent, signal: abort }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(
            new Error(`response from ${url.host} is larger than ${MAX_BODY_BYTES} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', (error: Error) =>
      reject(
        deadline.signal.aborted
          ? new Error(`no answer from ${url.host} within ${timeoutMs} ms`)
          : error,
      ),
    );
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}
