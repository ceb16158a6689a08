export * from './alternator-client.js';
export * from './alternator-config.js';
export * from './alternator-config.builder.js';
export * from './alternator-logger.js';
export * from './cluster/alternator-cluster.js';
export type { AlternatorNodeSnapshot } from './cluster/alternator-node.js';
export type { AlternatorClusterEvents } from './cluster/cluster-events.js';
export type { AlternatorClusterHealth } from './cluster/cluster-health.js';
export * from './compression-algorithm.js';
export * from './errors.js';
export * from './key-route-affinity.js';
export { NodeState, type HealthObservation } from './node-health.js';
export * from './routing-scope.js';
export * from './sealed-credentials.js';
export * from './tls-config.js';
export type {
  AlternatorTelemetryConfig,
  TelemetryMeterProvider,
} from './telemetry/telemetry-config.js';
export {
  float32List,
  float32Vector,
  float32VectorOf,
  isFloat32VectorValue,
  type Float32VectorAttributeValue,
  type VectorValues,
} from './vector/float32-vector.js';
export * from './vector/scylla-vector-api.js';
export * from './vector/vector-commands.js';
export * from './vector/vector-document-commands.js';
export * from './vector/vector-encoding.js';
export * from './vector/vector-search-probe.js';
export * from './vector/wait-for-vector-index.js';
