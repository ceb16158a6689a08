// An application that both imports and requires the package holds the ESM and the CommonJS
// copy at once. Errors, scopes and clients made by one copy must pass the other's instanceof
// checks, including the configuration validation that checks `routingScope`.
const assert = require('node:assert/strict');
const cjs = require('nestjs-alternator/core');
const { LocalAlternatorCluster } = require('nestjs-alternator/testing');

async function main() {
  const esm = await import('nestjs-alternator/core');
  assert.notEqual(esm.RackScope, cjs.RackScope, 'two copies are loaded');

  const error = new esm.ConfigurationError('bad');
  assert.ok(error instanceof cjs.ConfigurationError);
  assert.ok(error instanceof cjs.AlternatorError);
  assert.ok(!(error instanceof cjs.NoNodesAvailableError));
  assert.ok(new cjs.RackScope('dc1', 'rack1') instanceof esm.RoutingScope);

  const cluster = await LocalAlternatorCluster.start({ nodes: 2 });
  const client = await esm.createAlternatorClient({
    seedHosts: cluster.seedHosts,
    port: cluster.port,
    routingScope: new cjs.ClusterScope(),
    tls: cjs.TlsConfig.systemDefault(),
  });
  try {
    assert.ok(client instanceof cjs.AlternatorClient);
    console.log('ok: classes from the ESM and the CommonJS build recognise each other');
  } finally {
    client.destroy();
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
