// Shared by metrics.mjs and metrics.cjs: one request through a client with default telemetry,
// then the metrics the global meter provider collected. @opentelemetry/api is an optional peer
// that the package loads itself, so this checks that each build finds it and the providers that
// the application registered.
const assert = require('node:assert/strict');
const { ListTablesCommand } = require('@aws-sdk/client-dynamodb');

module.exports = async function checkMetrics({ metrics, sdk, core, testing, label }) {
  const reader = new sdk.PeriodicExportingMetricReader({
    exporter: new sdk.InMemoryMetricExporter(sdk.AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  metrics.setGlobalMeterProvider(new sdk.MeterProvider({ readers: [reader] }));
  const cluster = await testing.LocalAlternatorCluster.start({ nodes: 1 });
  const client = await core.createAlternatorClient({
    seedHosts: cluster.seedHosts,
    port: cluster.port,
  });
  try {
    await client.send(new ListTablesCommand({}));
    const { resourceMetrics } = await reader.collect();
    const requests = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'alternator.client.requests');
    assert.ok(requests, 'alternator.client.requests is reported');
    assert.deepEqual(
      requests.dataPoints.map((point) => [point.attributes, point.value]),
      [
        [
          {
            'db.system.name': 'aws.dynamodb',
            'server.address': cluster.seedHosts[0],
            'server.port': cluster.port,
          },
          1,
        ],
      ],
    );
    console.log(`ok: ${label} reports to the OpenTelemetry meter provider`);
  } finally {
    client.destroy();
    await cluster.stop();
  }
};
