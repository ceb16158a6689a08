import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { AlternatorErrorReply, sendError } from './alternator-errors.js';
import { operationFromTarget } from './alternator-operations.js';
import type { ApiRequestHandler, NodeRun } from './api-request-handler.js';
import { CapacityLimiter } from './capacity-limiter.js';
import { listLocalNodes, type TopologyMember } from './cluster-topology.js';
import type {
  LocalClusterTlsOptions,
  LocalNodeCapacity,
  LocalNodeFault,
  LocalNodeInfo,
  LocalRequestLogEntry,
} from './local-cluster-options.interface.js';
import { createNodeServer, tlsFactsOf } from './node-server.js';

/** Requests kept in a node's log; the oldest go first, so long benchmarks stay bounded. */
const REQUEST_LOG_LIMIT = 100_000;

export interface LocalNodeDependencies {
  readonly api: ApiRequestHandler;
  /** Every member of the cluster, for `/localnodes`. */
  members(): readonly TopologyMember[];
  /** Present when the cluster serves HTTPS. */
  readonly tls?: LocalClusterTlsOptions;
}

interface ActiveRun extends NodeRun {
  readonly server: Server;
  readonly controller: AbortController;
  /** Admits requests to the store; unlimited while the node has no capacity model. */
  readonly limiter: CapacityLimiter;
}

/**
 * One emulated Alternator node: an HTTP(S) server on its own loopback address that can be killed
 * (sockets destroyed), paused (requests held unanswered) and started again on the same port.
 */
export class LocalNode implements TopologyMember {
  /** Set by removeNode: the node is decommissioned and never listed again. */
  removed = false;
  /** Raw body served by `GET /localnodes` instead of the real list, when set. */
  localNodesOverride: string | undefined;
  /** How API answers go wrong; read when a request arrives. */
  fault: LocalNodeFault | undefined;
  private run: ActiveRun | undefined;
  private paused = false;
  private held: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();
  private requestCount = 0;
  /** Aborted (and replaced) when the capacity model changes, to wake requests being served. */
  private capacityChange = new AbortController();
  private log: LocalRequestLogEntry[] = [];

  constructor(
    readonly index: number,
    readonly address: string,
    public datacenter: string,
    public rack: string,
    private capacityModel: LocalNodeCapacity | undefined,
    private readonly dependencies: LocalNodeDependencies,
  ) {}

  get capacity(): LocalNodeCapacity | undefined {
    return this.capacityModel;
  }

  /** Takes effect at once, also for requests waiting for a slot or being served. */
  set capacity(capacity: LocalNodeCapacity | undefined) {
    this.capacityModel = capacity;
    this.run?.limiter.resize(capacity?.maxConcurrent ?? Infinity);
    this.capacityChange.abort();
    this.capacityChange = new AbortController();
  }

  get state(): LocalNodeInfo['state'] {
    if (this.run === undefined) {
      return 'killed';
    }
    return this.paused ? 'paused' : 'running';
  }

  /** A paused node still counts as alive: a hung node keeps gossiping for a while. */
  isAlive(): boolean {
    return !this.removed && this.run !== undefined;
  }

  /** Starts listening on this node's address; resolves to the port actually bound. */
  async listen(port: number): Promise<number> {
    if (this.run !== undefined) {
      throw new Error(`Node ${this.index} (${this.address}) is already listening`);
    }
    const server = createNodeServer(this.dependencies.tls);
    // Alternator keeps idle connections open; a 5 s idle close would race with client reuse.
    server.keepAliveTimeout = 0;
    const controller = new AbortController();
    const run: ActiveRun = {
      server,
      controller,
      signal: controller.signal,
      answerable: () => this.answerable(),
      enterService: () => this.enterService(run),
      limiter: new CapacityLimiter(this.capacityModel?.maxConcurrent ?? Infinity),
    };
    server.on('request', (req: IncomingMessage, res: ServerResponse) =>
      this.onRequest(req, res, run),
    );
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.run = run;
    this.paused = false;
    return (server.address() as AddressInfo).port;
  }

  /** Closes the server and destroys every socket; held and in-flight requests are dropped. */
  async kill(): Promise<void> {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    this.run = undefined;
    this.paused = false;
    this.held = [];
    run.controller.abort();
    const closed = new Promise<void>((resolve) => run.server.close(() => resolve()));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
    await closed;
  }

  pause(): void {
    if (this.run === undefined) {
      throw new Error(`Node ${this.index} (${this.address}) is not running: restart it first`);
    }
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const release of held) {
      release();
    }
  }

  info(): LocalNodeInfo {
    return {
      index: this.index,
      address: this.address,
      datacenter: this.datacenter,
      rack: this.rack,
      state: this.state,
      requestCount: this.requestCount,
      capacity: this.capacityModel === undefined ? undefined : { ...this.capacityModel },
      fault: this.fault === undefined ? undefined : { ...this.fault },
    };
  }

  get requests(): number {
    return this.requestCount;
  }

  requestLog(): ReadonlyArray<LocalRequestLogEntry> {
    return this.log.slice();
  }

  resetCounts(): void {
    this.requestCount = 0;
    this.log = [];
  }

  private answerable(): Promise<void> {
    return this.paused ? new Promise((resolve) => this.held.push(resolve)) : Promise.resolve();
  }

  /**
   * Holds the request for the service time of the model in effect; a model change while it is
   * held (a node recovering) recomputes the remaining time from the new model.
   */
  private async enterService(run: ActiveRun): Promise<() => void> {
    if (this.capacityModel === undefined) {
      return noSlot;
    }
    const release = await run.limiter.acquire();
    const admittedAt = performance.now();
    try {
      for (;;) {
        const elapsedMs = performance.now() - admittedAt;
        const remainingMs = (this.capacityModel?.serviceTimeMs ?? 0) - elapsedMs;
        if (remainingMs <= 0) {
          return release;
        }
        const signal = AbortSignal.any([run.signal, this.capacityChange.signal]);
        try {
          await delay(remainingMs, undefined, { signal });
          return release;
        } catch (error: unknown) {
          if (run.signal.aborted) {
            throw error;
          }
        }
      }
    } catch (error: unknown) {
      release();
      throw error;
    }
  }

  private onRequest(req: IncomingMessage, res: ServerResponse, run: ActiveRun): void {
    const url = new URL(req.url ?? '/', 'http://node');
    const isApiRequest = req.method === 'POST' && url.pathname === '/';
    const operation = isApiRequest
      ? operationFromTarget(firstValue(req.headers['x-amz-target']))
      : '';
    if (isApiRequest) {
      this.record(operation, req);
    }
    const fault = isApiRequest ? this.fault : undefined;
    this.dispatch(req, res, url, operation, fault, run, isApiRequest).catch((error: unknown) => {
      if (run.signal.aborted || res.destroyed) {
        return;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      sendError(res, AlternatorErrorReply.internal(`Internal server error: ${reason}`));
    });
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    operation: string,
    fault: LocalNodeFault | undefined,
    run: ActiveRun,
    isApiRequest: boolean,
  ): Promise<void> {
    await run.answerable();
    if (run.signal.aborted) {
      return;
    }
    if (isApiRequest) {
      await this.dependencies.api.handle(req, res, operation, run, fault);
    } else if (req.method === 'GET' && url.pathname === '/localnodes') {
      const body =
        this.localNodesOverride ??
        JSON.stringify(listLocalNodes(this.dependencies.members(), this, url.searchParams));
      sendText(res, 200, 'application/json', body);
    } else if (req.method === 'GET' && url.pathname === '/') {
      sendText(res, 200, 'text/plain', `healthy: ${req.headers.host ?? ''}`);
    } else {
      sendText(res, 404, 'text/plain', 'Not found');
    }
  }

  private record(operation: string, req: IncomingMessage): void {
    this.requestCount++;
    if (this.log.length >= REQUEST_LOG_LIMIT) {
      this.log.splice(0, REQUEST_LOG_LIMIT / 10);
    }
    this.log.push({
      operation,
      at: Date.now(),
      authorization: req.headers.authorization !== undefined,
      ...tlsFactsOf(req),
    });
  }
}

function noSlot(): void {}

function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
