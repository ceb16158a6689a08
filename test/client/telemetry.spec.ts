import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { context, metrics, trace, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { createAlternatorClient, type AlternatorClient } from '../../lib/core/alternator-client.js';
import {
  resolveAlternatorConfig,
  type AlternatorConfig,
} from '../../lib/core/config/alternator-config.js';
import { LocalAlternatorCluster } from '../../lib/testing/index.js';
import { createItemsTable, TEST_CREDENTIALS } from '../support/alternator-test-kit.js';
import {
  connectToLocalCluster,
  overrideLocalNodesOnEveryNode,
} from '../support/local-cluster-client.js';

/** A meter provider whose metrics the test collects when it wants, cumulative. */
class CollectedMetrics {
  private readonly exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  private readonly reader = new PeriodicExportingMetricReader({
    exporter: this.exporter,
    // Exports happen on collect() only.
    exportIntervalMillis: 3_600_000,
  });
  readonly provider = new MeterProvider({ readers: [this.reader] });

  /** The data points of every instrument, by name, as of now. */
  async collect(): Promise<Map<string, { unit: string; points: DataPoint<unknown>[] }>> {
    this.exporter.reset();
    await this.reader.forceFlush();
    const instruments = new Map<string, { unit: string; points: DataPoint<unknown>[] }>();
    for (const resource of this.exporter.getMetrics()) {
      for (const scope of resource.scopeMetrics) {
        for (const metric of scope.metrics) {
          instruments.set(metric.descriptor.name, {
            unit: metric.descriptor.unit,
            points: metric.dataPoints,
          });
        }
      }
    }
    return instruments;
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

const nodeAttributes = (address: string, port: number): Attributes => ({
  'db.system.name': 'aws.dynamodb',
  'server.address': address,
  'server.port': port,
});

/** Each point's attributes with its value, for exact comparison. */
const valuesOf = (points: DataPoint<unknown>[] | undefined) =>
  (points ?? []).map((point) => ({ attributes: point.attributes, value: point.value }));

describe('OpenTelemetry (LocalAlternatorCluster, SigV4 enforced)', () => {
  let cluster: LocalAlternatorCluster;
  let client: AlternatorClient | undefined;
  let collected: CollectedMetrics;

  beforeAll(() => {
    // What the OpenTelemetry Node SDK registers: without a context manager no span is active.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });

  afterAll(() => {
    context.disable();
  });

  afterEach(async () => {
    client?.destroy();
    client = undefined;
    metrics.disable();
    trace.disable();
    await collected?.shutdown();
    await cluster?.stop();
  });

  async function start(
    nodes: number,
    overrides: Partial<AlternatorConfig> = {},
    startBackgroundTasks = true,
  ) {
    collected = new CollectedMetrics();
    cluster = await LocalAlternatorCluster.start({ nodes, auth: TEST_CREDENTIALS });
    const connect = (config: Partial<AlternatorConfig>, background: boolean) =>
      connectToLocalCluster(cluster, config, { startBackgroundTasks: background });
    // Made by another client: a slow CreateTable would make its node look slow to this one.
    const setup = await connect({ telemetry: { enabled: false } }, false);
    try {
      await createItemsTable(setup);
    } finally {
      setup.destroy();
    }
    client = await connect(
      { telemetry: { meterProvider: collected.provider }, ...overrides },
      startBackgroundTasks,
    );
    return client;
  }

  /**
   * Two nodes, the second killed (or, with `resets`, closing every connection it reads a request
   * from) but still listed, so reads keep meeting it until it is DOWN.
   */
  async function startWithDeadNode(resets = false) {
    await start(2, { nodeHealth: { activeFailureThreshold: 1, quarantineFailureThreshold: 1 } });
    overrideLocalNodesOnEveryNode(cluster, JSON.stringify(cluster.seedHosts));
    if (resets) cluster.setFault(1, { mode: 'applyThenReset' });
    else await cluster.kill(1);
    return { live: cluster.seedHosts[0], dead: cluster.seedHosts[1] };
  }

  /** Reads until one attempt met the dead node; the next attempt goes to the live one. */
  async function readUntilFailed(dead: string, read: (id: string) => Promise<unknown> = get) {
    const failuresOfDead = () =>
      client!.cluster.stats().find((node) => node.url.includes(dead))?.failures ?? 0;
    for (let i = 0; i < 40 && failuresOfDead() === 0; i++) await read(`k${i}`);
    expect(failuresOfDead()).toBe(1);
  }

  const get = (id: string) =>
    client!.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: id } } }));

  it('counts requests and their duration per node, under the conventions attributes', async () => {
    await start(3);
    for (let i = 0; i < 12; i++) await get(`k${i}`);

    const instruments = await collected.collect();
    const stats = client!.cluster.stats();
    const expected = client!.cluster.nodes().map((node, index) => ({
      attributes: nodeAttributes(node.address, cluster.port),
      value: stats[index].requests,
    }));
    expect(expected.map((node) => node.attributes['server.address']).sort()).toEqual(
      [...cluster.seedHosts].sort(),
    );
    expect(expected.reduce((sum, node) => sum + node.value, 0)).toBe(12);
    const requests = instruments.get('alternator.client.requests');
    expect(valuesOf(requests?.points)).toEqual(expect.arrayContaining(expected));
    expect(requests?.points).toHaveLength(expected.length);

    const duration = instruments.get('alternator.client.request.duration');
    expect(duration?.unit).toBe('s');
    expect(
      duration?.points.map((point) => ({
        attributes: point.attributes,
        value: (point.value as Histogram).count,
      })),
    ).toEqual(expect.arrayContaining(expected));
    for (const node of stats) {
      const point = duration?.points.find(
        (each) =>
          node.url === `http://${String(each.attributes['server.address'])}:${cluster.port}`,
      );
      // Seconds: the client's own mean latency is in milliseconds.
      expect((point?.value as Histogram).sum).toBeCloseTo(
        (node.meanLatencyMs * node.requests) / 1000,
        6,
      );
    }
    expect(instruments.get('alternator.client.failures')?.points ?? []).toEqual([]);
  });

  it('reports each node state as 1 for the state it is in and 0 for the others', async () => {
    const { live, dead } = await startWithDeadNode();
    await readUntilFailed(dead);

    const states = valuesOf(
      (await collected.collect()).get('alternator.client.node.state')?.points,
    );
    const state = (address: string, value: string) =>
      states.find(
        (point) =>
          point.attributes['server.address'] === address &&
          point.attributes['alternator.node.state'] === value,
      )?.value;
    expect(states).toHaveLength(6);
    expect([state(live, 'active'), state(live, 'quarantined'), state(live, 'down')]).toEqual([
      1, 0, 0,
    ]);
    expect([state(dead, 'active'), state(dead, 'quarantined'), state(dead, 'down')]).toEqual([
      0, 0, 1,
    ]);
  });

  it('counts a reset attempt as a failure of its node, with error.type', async () => {
    const { live, dead } = await startWithDeadNode(true);
    await readUntilFailed(dead);

    const instruments = await collected.collect();
    const reset = { ...nodeAttributes(dead, cluster.port), 'error.type': 'ECONNRESET' };
    expect(valuesOf(instruments.get('alternator.client.failures')?.points)).toEqual([
      { attributes: reset, value: 1 },
    ]);
    const durations = instruments.get('alternator.client.request.duration')?.points ?? [];
    expect(durations.map((point) => point.attributes)).toEqual(
      expect.arrayContaining([reset, nodeAttributes(live, cluster.port)]),
    );
  });

  it('does not count an answer below 500, an error the application sees, as a failure', async () => {
    await start(1);
    await expect(
      client!.send(new PutItemCommand({ TableName: 'missing', Item: { id: { S: 'a' } } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const instruments = await collected.collect();
    expect(instruments.get('alternator.client.failures')?.points ?? []).toEqual([]);
    expect(valuesOf(instruments.get('alternator.client.requests')?.points)).toEqual([
      { attributes: nodeAttributes(cluster.seedHosts[0], cluster.port), value: 1 },
    ]);
  });

  it('counts refreshes of the node list, and the ones that fail with error.type', async () => {
    await start(1, {}, false);
    const before = await collected.collect();
    const refreshesBefore = valuesOf(before.get('alternator.client.discovery.refreshes')?.points)[0]
      .value as number;
    expect(refreshesBefore).toBeGreaterThanOrEqual(1);
    expect(before.get('alternator.client.discovery.errors')?.points ?? []).toEqual([]);

    await cluster.kill(0);
    await client!.cluster.refresh();

    const after = await collected.collect();
    expect(valuesOf(after.get('alternator.client.discovery.refreshes')?.points)).toEqual([
      { attributes: { 'db.system.name': 'aws.dynamodb' }, value: refreshesBefore + 1 },
    ]);
    expect(valuesOf(after.get('alternator.client.discovery.errors')?.points)).toEqual([
      {
        // The node's own error: refused, or reset where a kept-alive connection was reused.
        attributes: {
          'db.system.name': 'aws.dynamodb',
          'error.type': expect.stringMatching(/^ECONN(REFUSED|RESET)$/),
        },
        value: 1,
      },
    ]);
  });

  describe('on the active span', () => {
    let spans: InMemorySpanExporter;

    function registerTracer() {
      spans = new InMemorySpanExporter();
      trace.setGlobalTracerProvider(
        new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
      );
    }

    /** Sends a read inside a span, as @opentelemetry/instrumentation-aws-sdk wraps each command. */
    const tracedGet = (id: string) =>
      trace.getTracer('test').startActiveSpan('DynamoDB.GetItem', async (span) => {
        try {
          return await get(id);
        } finally {
          span.end();
        }
      });

    const attemptsOf = (span: ReadableSpan) =>
      span.events
        .filter((event) => event.name === 'alternator.attempt')
        .map((event) => event.attributes);

    it('sets the node and attempt number, with one event per attempt', async () => {
      registerTracer();
      const { live, dead } = await startWithDeadNode();
      await readUntilFailed(dead, tracedGet);

      const finished = spans.getFinishedSpans();
      const movedOn = finished.filter((span) => attemptsOf(span).length > 1);
      expect(movedOn).toHaveLength(1);
      expect(attemptsOf(movedOn[0])).toEqual([
        { 'server.address': dead, 'server.port': cluster.port, 'alternator.attempt': 1 },
        { 'server.address': live, 'server.port': cluster.port, 'alternator.attempt': 2 },
      ]);
      expect(movedOn[0].attributes).toMatchObject({
        'alternator.node': `http://${live}:${cluster.port}`,
        'alternator.attempt': 2,
      });
      for (const span of finished.filter((each) => each !== movedOn[0])) {
        expect(span.attributes).toMatchObject({
          'alternator.node': `http://${live}:${cluster.port}`,
          'alternator.attempt': 1,
        });
      }
    });

    it('leaves spans alone with spanAttributes: false', async () => {
      registerTracer();
      await start(1, { telemetry: { meterProvider: new MeterProvider(), spanAttributes: false } });
      await tracedGet('a');

      const [span] = spans.getFinishedSpans();
      expect(span.attributes).toEqual({});
      expect(span.events).toEqual([]);
    });
  });

  it('reports to the global meter provider by default, and to none when disabled', async () => {
    await start(1, { telemetry: undefined });
    client!.destroy();
    // Only clients made once a provider is registered see it, as the SDK's docs ask.
    metrics.setGlobalMeterProvider(collected.provider);
    client = await createAlternatorClient({
      seedHosts: cluster.seedHosts,
      port: cluster.port,
      credentials: TEST_CREDENTIALS,
    });
    const disabled = await createAlternatorClient({
      seedHosts: cluster.seedHosts,
      port: cluster.port,
      credentials: TEST_CREDENTIALS,
      telemetry: { enabled: false },
    });
    try {
      await get('a');
      await disabled.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'b' } } }));
    } finally {
      disabled.destroy();
    }

    expect(valuesOf((await collected.collect()).get('alternator.client.requests')?.points)).toEqual(
      [{ attributes: nodeAttributes(cluster.seedHosts[0], cluster.port), value: 1 }],
    );
  });

  it('names the telemetry option in configuration errors', () => {
    const config = { seedHosts: ['127.0.0.1'], port: 8000 };
    expect(() =>
      resolveAlternatorConfig({
        ...config,
        telemetry: { meterProvider: {} as never },
      }),
    ).toThrow('telemetry.meterProvider must be an OpenTelemetry MeterProvider');
    expect(() =>
      resolveAlternatorConfig({ ...config, telemetry: { enable: false } as never }),
    ).toThrow('telemetry has unknown options (enable)');
    expect(resolveAlternatorConfig(config).telemetry).toEqual({
      enabled: true,
      spanAttributes: true,
    });
  });
});
