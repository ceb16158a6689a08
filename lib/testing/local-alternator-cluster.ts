import { ApiRequestHandler } from './api-request-handler.js';
import { DynaliteBackend } from './dynalite-backend.js';
import type {
  LocalAlternatorClusterOptions,
  LocalNodeCapacity,
  LocalNodeFault,
  LocalNodeInfo,
  LocalNodeSpec,
  LocalRequestLogEntry,
} from './local-cluster-options.interface.js';
import { LocalNode } from './local-node.js';
import { checkFault } from './check-fault.js';
import {
  checkCapacity,
  loopbackAddress,
  resolveClusterOptions,
  resolveNodeSpec,
  type ResolvedClusterOptions,
  type ResolvedNodeSpec,
} from './resolve-cluster-options.js';
import { SigV4Verifier } from './sigv4-verifier.js';
import { VectorRequestInterceptor } from './vector/vector-request-interceptor.js';

/** Tries with a fresh port when another process holds the picked one on some node address. */
const PORT_ATTEMPTS = 20;

/**
 * An in-process Alternator cluster for tests, samples and benchmarks: one HTTP (or, with `tls`,
 * HTTPS) server per loopback address (127.0.0.1, .2, ...) on one shared port, all backed by one
 * dynalite store. Nodes serve `/localnodes`, health checks, compressed bodies and (optionally)
 * SigV4, and can be killed, paused, restarted, added, removed, moved between datacenters and
 * racks, slowed down (`setCapacity`) and made to misbehave on API requests (`setFault`).
 * @publicApi
 */
export class LocalAlternatorCluster {
  /** Addresses of the nodes at start, e.g. ['127.0.0.1', '127.0.0.2', '127.0.0.3']. */
  readonly seedHosts: string[];
  private readonly members: LocalNode[] = [];
  private readonly api: ApiRequestHandler;
  private boundPort = 0;
  private stopped = false;

  private constructor(
    private readonly options: ResolvedClusterOptions,
    private readonly backend: DynaliteBackend,
  ) {
    const verifier = options.auth ? new SigV4Verifier(options.auth) : undefined;
    this.api = new ApiRequestHandler(
      new VectorRequestInterceptor(backend, options.vector),
      verifier,
    );
    for (const spec of options.nodes) {
      this.members.push(this.createNode(this.members.length, spec));
    }
    this.seedHosts = this.members.map((node) => node.address);
  }

  /** Starts the store and every node; rejects with a clear message if a port cannot be bound. */
  static async start(options?: LocalAlternatorClusterOptions): Promise<LocalAlternatorCluster> {
    const resolved = resolveClusterOptions(options);
    const cluster = new LocalAlternatorCluster(resolved, await DynaliteBackend.start());
    try {
      await cluster.listenAll();
    } catch (error: unknown) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The port every node listens on. */
  get port(): number {
    return this.boundPort;
  }

  /** 'https' when the cluster was started with `tls`, else 'http'. */
  get scheme(): 'http' | 'https' {
    return this.options.tls === undefined ? 'http' : 'https';
  }

  /** 'http://127.0.0.1:PORT' (or 'https://...' with `tls`) of node `index`. Default: node 0 */
  endpoint(index = 0): string {
    return `${this.scheme}://${this.node(index).address}:${this.boundPort}`;
  }

  /** Every node that was not removed, in index order. */
  nodes(): LocalNodeInfo[] {
    return this.members.filter((node) => !node.removed).map((node) => node.info());
  }

  /** Closes the node's server and destroys its sockets (ECONNREFUSED / ECONNRESET after). */
  kill(index: number): Promise<void> {
    return this.node(index).kill();
  }

  /** The node keeps accepting connections but answers nothing until `resume`. */
  pause(index: number): void {
    this.liveNode(index).pause();
  }

  /** Serves, late, every request held since `pause`. */
  resume(index: number): void {
    this.liveNode(index).resume();
  }

  /** Listens again on the same address and port (a running node is killed first). */
  async restart(index: number): Promise<void> {
    const node = this.liveNode(index);
    this.assertNotStopped();
    await node.kill();
    await node.listen(this.boundPort);
  }

  /** Starts a node on the next unused loopback address; resolves to its index. */
  async addNode(spec?: LocalNodeSpec): Promise<number> {
    this.assertNotStopped();
    const node = this.createNode(this.members.length, resolveNodeSpec(spec));
    await node.listen(this.boundPort);
    this.members.push(node);
    return node.index;
  }

  /** Decommissions the node: killed, and no longer listed by `/localnodes` or `nodes()`. */
  async removeNode(index: number): Promise<void> {
    const node = this.node(index);
    node.removed = true;
    await node.kill();
  }

  /**
   * Moves the node to another datacenter and/or rack (and gives it `capacity`, when set);
   * omitted fields keep their value.
   */
  moveNode(index: number, spec: LocalNodeSpec): void {
    const node = this.liveNode(index);
    const moved = resolveNodeSpec(spec, node, `moveNode(${index})`);
    node.datacenter = moved.datacenter;
    node.rack = moved.rack;
    node.capacity = moved.capacity;
  }

  /**
   * Makes the node misbehave on its next API requests (see {@link LocalNodeFault}); undefined
   * clears. Requests already in progress keep the fault they arrived with. Throws on an unknown
   * mode or a bad number, naming the field.
   */
  setFault(index: number, fault: LocalNodeFault | undefined): void {
    const node = this.node(index);
    node.fault = fault === undefined ? undefined : checkFault(fault, 'fault');
  }

  /**
   * Gives the node its own capacity model from now on (a node turning slow), also for requests
   * already waiting for a slot; undefined returns it to the cluster-wide `capacity` option (a
   * node recovering). Throws on a bad number, naming the field.
   */
  setCapacity(index: number, capacity: LocalNodeCapacity | undefined): void {
    const node = this.node(index);
    node.capacity = checkCapacity(capacity, 'capacity') ?? this.options.capacity;
  }

  /** Makes the node answer `GET /localnodes` with this raw body (status 200); undefined clears. */
  setLocalNodesOverride(index: number, body: string | undefined): void {
    this.node(index).localNodesOverride = body;
  }

  /** API requests (POST /) each node received since start or `resetCounts()`, by node index. */
  requestCounts(): number[] {
    return this.members.map((node) => node.requests);
  }

  /** Sets every request count to 0 and empties every request log. */
  resetCounts(): void {
    for (const node of this.members) {
      node.resetCounts();
    }
  }

  /** The node's API requests in arrival order (the latest 100 000 at most). */
  requestLog(index: number): ReadonlyArray<LocalRequestLogEntry> {
    return this.node(index).requestLog();
  }

  /** Kills every node and closes the store; nothing is left to keep the process alive. */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    await Promise.all(this.members.map((node) => node.kill()));
    await this.backend.close();
  }

  private async listenAll(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let port = this.options.port;
      try {
        for (const node of this.members) {
          port = await node.listen(port);
        }
        this.boundPort = port;
        return;
      } catch (error: unknown) {
        await Promise.all(this.members.map((node) => node.kill()));
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' || this.options.port !== 0 || attempt >= PORT_ATTEMPTS) {
          throw bindError(error, code, port);
        }
      }
    }
  }

  private createNode(index: number, spec: ResolvedNodeSpec): LocalNode {
    return new LocalNode(
      index,
      loopbackAddress(this.options.firstAddress, index),
      spec.datacenter,
      spec.rack,
      spec.capacity ?? this.options.capacity,
      {
        api: this.api,
        members: () => this.members,
        tls: this.options.tls,
      },
    );
  }

  private node(index: number): LocalNode {
    const node = this.members[index];
    if (!Number.isInteger(index) || node === undefined) {
      throw new RangeError(
        `LocalAlternatorCluster has no node ${index}: indexes run from 0 to ${this.members.length - 1}`,
      );
    }
    return node;
  }

  /** A node that was not removed: removed nodes cannot be paused, moved or restarted. */
  private liveNode(index: number): LocalNode {
    const node = this.node(index);
    if (node.removed) {
      throw new Error(`Node ${index} was removed from the cluster; add a new one with addNode()`);
    }
    return node;
  }

  private assertNotStopped(): void {
    if (this.stopped) {
      throw new Error('This LocalAlternatorCluster was stopped; start a new one');
    }
  }
}

function bindError(error: unknown, code: string | undefined, port: number): Error {
  if (code === 'EADDRINUSE') {
    return new Error(
      `LocalAlternatorCluster: port ${port} is already in use on a node address; ` +
        "pass another 'port', or 0 to pick a free one",
      { cause: error },
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new Error(
      'LocalAlternatorCluster: a node address is not available on this machine; on macOS add ' +
        'loopback aliases first (sudo ifconfig lo0 alias 127.0.0.2 up, and so on)',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
