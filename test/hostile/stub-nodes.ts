import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one stub node answers an API request (`POST /`), after reading the request body. */
export type StubAnswer = (res: ServerResponse, req: IncomingMessage) => void;

/**
 * Nodes that answer the API however a test says, for faults no real server produces on purpose
 * (5 GB bodies, endless headers): two servers on 127.0.0.1 and 127.0.0.2 sharing one port, each
 * listing both on `/localnodes`. Until told otherwise, a node answers `{}` to every request.
 */
export class StubNodes {
  readonly hosts = ['127.0.0.1', '127.0.0.2'];
  /** API requests each node received, by host. */
  readonly received = new Map<string, number>();
  private readonly answers = new Map<string, StubAnswer>();
  private servers: Server[] = [];
  port = 0;

  async start(): Promise<void> {
    for (const host of this.hosts) {
      const server = createServer((req, res) => this.handle(host, req, res));
      await new Promise<void>((resolve) => server.listen(this.port, host, resolve));
      this.port = (server.address() as AddressInfo).port;
      this.servers.push(server);
    }
  }

  /** Makes `host` answer API requests with `answer` (`undefined` restores `{}`). */
  answer(host: string, answer: StubAnswer | undefined): void {
    if (answer) this.answers.set(host, answer);
    else this.answers.delete(host);
  }

  reset(): void {
    this.answers.clear();
    this.received.clear();
  }

  async stop(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  private handle(host: string, req: IncomingMessage, res: ServerResponse): void {
    if (req.url?.startsWith('/localnodes')) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(this.hosts));
      return;
    }
    req.resume();
    req.on('end', () => {
      this.received.set(host, (this.received.get(host) ?? 0) + 1);
      const answer = this.answers.get(host);
      if (answer) answer(res, req);
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
