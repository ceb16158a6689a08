import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one stub node answers an API request (`POST /`), after reading the request body. */
export type StubAnswer = (res: ServerResponse, req: IncomingMessage) => void;

/**
 * Nodes that answer the API however a test says, for what LocalAlternatorCluster's faults do not
 * send (a body with no length that never ends, a length the body never reaches, a stall after the
 * headers, oversized headers): two servers on 127.0.0.1 and 127.0.0.2 sharing one port, each
 * listing both on `/localnodes`, so a client has somewhere to retry. Until told otherwise, they
 * answer `{}` to every request.
 */
export class StubNodes {
  readonly hosts = ['127.0.0.1', '127.0.0.2'];
  private currentAnswer: StubAnswer | undefined;
  private servers: Server[] = [];
  port = 0;

  async start(): Promise<void> {
    for (const host of this.hosts) {
      const server = createServer((req, res) => this.handle(req, res));
      await new Promise<void>((resolve) => server.listen(this.port, host, resolve));
      this.port = (server.address() as AddressInfo).port;
      this.servers.push(server);
    }
  }

  /** Makes every node answer API requests with `answer` (`undefined` restores `{}`). */
  answer(answer: StubAnswer | undefined): void {
    this.currentAnswer = answer;
  }

  async stop(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.url?.startsWith('/localnodes')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(this.hosts));
      return;
    }
    req.resume();
    req.on('end', () => {
      if (this.currentAnswer) this.currentAnswer(res, req);
      else res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' }).end('{}');
    });
  }
}

/**
 * Writes `totalBytes` of `chunk` repeated, as fast as the client reads and no faster, so the
 * server never holds more than one chunk; stops when the client hangs up.
 */
export function streamRepeated(res: ServerResponse, chunk: Buffer, totalBytes: number): void {
  let sent = 0;
  const writeMore = () => {
    while (sent < totalBytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', writeMore);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  writeMore();
}

/**
 * The highest growth of the process's resident memory while `work` runs, sampled every few
 * milliseconds, in bytes.
 */
export async function peakMemoryGrowth(work: () => Promise<unknown>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return peak - baseline;
}
