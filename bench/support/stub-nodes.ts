import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Fixed answers: the stub does no work, so whatever limits throughput is the client. */
const GET_ITEM_REPLY = Buffer.from(
  JSON.stringify({ Item: { id: { S: 'key' }, name: { S: 'stub item' }, count: { N: '1' } } }),
);
const EMPTY_REPLY = Buffer.from('{}');
const REPLY_HEADERS = { 'content-type': 'application/x-amz-json-1.0' };

/** Minimal Alternator stand-ins on 127.0.0.1, .2, ... sharing one port. */
export interface StubNodes {
  readonly seedHosts: string[];
  readonly port: number;
  /** API requests each node answered, by node index. */
  requestCounts(): number[];
  /**
   * Bytes each API request occupied on the wire (request line, headers and body), in arrival
   * order over all nodes since the last call; the list is emptied by the call.
   */
  takeRequestSizes(): number[];
  stop(): Promise<void>;
}

/**
 * Starts `count` stub nodes. Each answers `GetItem` and `PutItem` (any `POST /`) at once with a
 * fixed body and serves `GET /localnodes` listing every stub, so an AlternatorClient discovers
 * them all. The wire size of a request is read from the socket's byte counter: clients here never
 * pipeline, so the bytes read between two requests on one socket are exactly one request.
 */
export async function startStubNodes(count: number): Promise<StubNodes> {
  const seedHosts = Array.from({ length: count }, (_, i) => `127.0.0.${i + 1}`);
  const localNodes = Buffer.from(JSON.stringify(seedHosts));
  const counts = new Array<number>(count).fill(0);
  let sizes: number[] = [];
  const sockets = new Set<Socket>();
  const bytesSeen = new WeakMap<Socket, number>();

  const servers = seedHosts.map((_, index) => {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'GET') {
        res.writeHead(req.url?.startsWith('/localnodes') ? 200 : 404, REPLY_HEADERS);
        res.end(localNodes);
        return;
      }
      counts[index]++;
      const target = String(req.headers['x-amz-target'] ?? '');
      req.resume();
      req.on('end', () => {
        const socket = req.socket;
        const previous = bytesSeen.get(socket) ?? 0;
        bytesSeen.set(socket, socket.bytesRead);
        sizes.push(socket.bytesRead - previous);
        res.writeHead(200, REPLY_HEADERS);
        res.end(target.endsWith('GetItem') ? GET_ITEM_REPLY : EMPTY_REPLY);
      });
    });
    server.keepAliveTimeout = 0;
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    return server;
  });

  let port = 0;
  for (const [index, server] of servers.entries()) {
    port = await listen(server, seedHosts[index], port);
  }
  return {
    seedHosts,
    port,
    requestCounts: () => counts.slice(),
    takeRequestSizes: () => {
      const taken = sizes;
      sizes = [];
      return taken;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
