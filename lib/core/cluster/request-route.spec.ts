import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/protocol-http';
import { NoNodesAvailableError } from '../errors.js';
import { resolveNodeHealthConfig } from '../config/node-health-config.js';
import { NodeState, type HealthObservation } from '../node-health.js';
import { AlternatorNode } from './alternator-node.js';
import { provesNotDelivered, RequestRoute, type RouteCluster } from './request-route.js';
import type { AttemptTelemetry } from '../telemetry/alternator-telemetry.js';
import { startStuckListener } from '../../../test/support/stuck-listener.js';

const health = resolveNodeHealthConfig({ activeFailureThreshold: 2 });

function activeNode(address: string): AlternatorNode {
  const node = new AlternatorNode(`http://${address}:8000`, health);
  node.health.observe('PROBE_SUCCESS');
  return node;
}

/** A cluster as far as a route sees it: it records outcomes and hands out a prepared replan. */
class FakeCluster implements RouteCluster {
  readonly recorded: Array<{ url: string; observation: HealthObservation | null }> = [];
  replans = 0;
  constructor(
    private readonly all: AlternatorNode[],
    private readonly replan: AlternatorNode[] = all,
  ) {}
  replanAfterRefusals(): Promise<AlternatorNode[]> {
    this.replans++;
    return Promise.resolve(this.replan);
  }
  recordAttempt(
    node: AlternatorNode,
    latencyMs: number,
    observation: HealthObservation | null,
    generation: number,
  ): void {
    this.recorded.push({ url: node.url, observation });
    node.attemptEnded(latencyMs, observation, generation);
  }
  nodes() {
    return this.all.map((node) => node.snapshot());
  }
}

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' });
const reset = () =>
  Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });

describe('RequestRoute', () => {
  it('sends each attempt to the next node of the plan and counts it in flight until settled', async () => {
    const [a, b, c] = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(activeNode);
    const cluster = new FakeCluster([a, b, c]);
    const route = new RequestRoute(cluster, [a, b, c]);

    const first = await route.next();
    expect(first).toBe(a);
    expect(a.inFlight).toBe(1);
    expect(route.settle(a, { statusCode: 500 })).toBe(false);
    expect(a.inFlight).toBe(0);

    expect(await route.next()).toBe(b);
    expect(route.settle(b, { statusCode: 200 })).toBe(false);
    expect(cluster.recorded).toEqual([
      { url: a.url, observation: null },
      { url: b.url, observation: 'TRAFFIC_SUCCESS' },
    ]);
  });

  it('moves on within the attempt after a refusal, and never offers the refusing node again', async () => {
    const [a, b] = ['10.0.0.1', '10.0.0.2'].map(activeNode);
    const route = new RequestRoute(new FakeCluster([a, b]), [a, b]);

    await route.next();
    expect(route.settle(a, { error: refused() })).toBe(true);
    expect(await route.next()).toBe(b);
    route.settle(b, { error: reset() });
    // The retry after the reset wraps around, past the node that refused.
    expect(await route.next()).toBe(b);
  });

  it('moves on after a connection reset while connecting: nothing was sent yet', async () => {
    const [a, b] = ['10.0.0.1', '10.0.0.2'].map(activeNode);
    const route = new RequestRoute(new FakeCluster([a, b]), [a, b]);
    // What Node raises when the listener goes away between the handshake and the connect event.
    const resetWhileConnecting = Object.assign(new Error('connect ECONNRESET 10.0.0.1:8000'), {
      code: 'ECONNRESET',
      syscall: 'connect',
    });

    await route.next();
    expect(route.settle(a, { error: resetWhileConnecting })).toBe(true);
    expect(await route.next()).toBe(b);
  });

  it('ends the attempt on a reset: the retry, not the same attempt, takes the next node', async () => {
    const [a, b] = ['10.0.0.1', '10.0.0.2'].map(activeNode);
    const route = new RequestRoute(new FakeCluster([a, b]), [a, b]);

    await route.next();
    expect(route.settle(a, { error: reset() })).toBe(false);
    expect(await route.next()).toBe(b);
  });

  it('refreshes once when every node refused, then tries the nodes discovery lists', async () => {
    const [a, b, c] = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(activeNode);
    const cluster = new FakeCluster([a, b, c], [a, b, c]);
    const route = new RequestRoute(cluster, [a, b]);

    await route.next();
    route.settle(a, { error: refused() });
    await route.next();
    route.settle(b, { error: refused() });
    expect(await route.next()).toBe(c);
    expect(cluster.replans).toBe(1);
  });

  it('fails with a NoNodesAvailableError the SDK does not retry, naming the nodes and the check', async () => {
    const [a, b] = ['10.0.0.1', '10.0.0.2'].map(activeNode);
    const cluster = new FakeCluster([a, b]);
    const route = new RequestRoute(cluster, [a, b]);
    await route.next();
    route.settle(a, { error: reset() });
    await route.next();
    route.settle(b, { error: refused() });
    await route.next();
    route.settle(a, { error: refused() });

    const failure = await route.next().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NoNodesAvailableError);
    const error = failure as NoNodesAvailableError;
    expect(error.message).toContain('No Alternator node accepted the connection');
    expect(error.message).toContain(`${b.url} (ECONNREFUSED)`);
    expect(error.message).toContain(`may have been applied: ${a.url} (ECONNRESET)`);
    expect(error.message).toContain('Check that the nodes are running');
    expect(error.cause).toBeUndefined();
    // What the SDK's retry strategy asks before it retries an error.
    const asSeenBySdk = error as Parameters<typeof isTransientError>[0];
    expect(isTransientError(asSeenBySdk)).toBe(false);
    expect(isThrottlingError(asSeenBySdk)).toBe(false);
    expect(cluster.replans).toBe(1);
  });

  it('says every known node is DOWN when the plan holds none that may be tried', async () => {
    const [a, b] = ['10.0.0.1', '10.0.0.2'].map(activeNode);
    for (const node of [a, b]) {
      node.health.observe('TRAFFIC_FAILURE');
      node.health.observe('TRAFFIC_FAILURE');
    }
    expect(a.state).toBe(NodeState.DOWN);
    const route = new RequestRoute(new FakeCluster([a, b], []), [a, b]);

    await expect(route.next()).rejects.toThrow(
      `every known node is DOWN (${a.url}, ${b.url}) and is probed in the background`,
    );
  });

  it('settles an attempt once: in-flight counts never go below zero', async () => {
    const [a] = ['10.0.0.1'].map(activeNode);
    const cluster = new FakeCluster([a]);
    const route = new RequestRoute(cluster, [a]);
    await route.next();

    route.settle(a, { statusCode: 200 });
    route.settle(a, { error: reset() });
    a.attemptEnded(1, null, 0);

    expect(a.inFlight).toBe(0);
    expect(cluster.recorded).toHaveLength(1);
  });

  it('reports each attempt to telemetry with its number, and each settle once with its outcome', async () => {
    const [a, b, c] = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(activeNode);
    const reported: unknown[] = [];
    const telemetry: AttemptTelemetry = {
      attemptStarted: (node, attempt) => reported.push(['started', node.url, attempt]),
      attemptEnded: (node, latencyMs, outcome) =>
        reported.push(['ended', node.url, latencyMs >= 0, outcome]),
    };
    const route = new RequestRoute(new FakeCluster([a, b, c]), [a, b, c], telemetry);
    const error = refused();

    route.settle(await route.next(), { error });
    route.settle(await route.next(), { statusCode: 503 });
    const third = await route.next();
    route.settle(third, { statusCode: 200 });
    route.settle(third, { statusCode: 200 });

    expect(reported).toEqual([
      ['started', a.url, 1],
      ['ended', a.url, true, { error }],
      ['started', b.url, 2],
      ['ended', b.url, true, { statusCode: 503 }],
      ['started', c.url, 3],
      ['ended', c.url, true, { statusCode: 200 }],
    ]);
  });
});

describe('provesNotDelivered, on errors the SDK request handler really raises', () => {
  const host = '127.0.0.1';
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  /** What the server does with each request it gets. */
  let onRequest: (socket: Socket) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => onRequest(socket));
    });
    server.listen(0, host);
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  });

  async function failureOf(target: { hostname: string; port: number }, handlerOptions = {}) {
    const handler = new NodeHttpHandler({ throwOnRequestTimeout: true, ...handlerOptions });
    try {
      const request = new HttpRequest({ ...target, method: 'POST', path: '/', body: '{}' });
      return await handler.handle(request).then(
        () => undefined,
        (error: unknown) => error,
      );
    } finally {
      handler.destroy();
    }
  }

  it('holds for a refused connection', async () => {
    const closed = createServer();
    closed.listen(0, host);
    await once(closed, 'listening');
    const closedPort = (closed.address() as { port: number }).port;
    closed.close();
    await once(closed, 'close');

    const error = await failureOf({ hostname: host, port: closedPort });
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(provesNotDelivered(error)).toBe(true);
  });

  it('holds for a connect timeout (a node whose accept queue is full)', async () => {
    const stuck = await startStuckListener();
    try {
      const error = await failureOf(stuck, { connectionTimeout: 200, requestTimeout: 5000 });
      expect((error as Error).name).toBe('TimeoutError');
      expect(provesNotDelivered(error)).toBe(true);
    } finally {
      stuck.stop();
    }
  });

  it('does not hold for a request timeout: the node may be working on the request', async () => {
    onRequest = () => undefined;
    const error = await failureOf({ hostname: host, port }, { requestTimeout: 200 });
    expect((error as NodeJS.ErrnoException).code).toBe('ETIMEDOUT');
    expect(provesNotDelivered(error)).toBe(false);
  });

  it('does not hold for a reset after the request was sent', async () => {
    onRequest = (socket) => socket.resetAndDestroy();
    const error = await failureOf({ hostname: host, port });
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect(provesNotDelivered(error)).toBe(false);
  });

  it('does not hold for a connection closed before the answer', async () => {
    onRequest = (socket) => socket.destroy();
    const error = await failureOf({ hostname: host, port });
    expect(provesNotDelivered(error)).toBe(false);
  });
});
