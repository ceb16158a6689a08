export * from './alternator-client.js';
export type {
  AlternatorConfig,
  AlternatorCredentials,
  HedgingConfig,
  NodeHealthConfig,
} from './alternator-config.js';
export * from './alternator-config.builder.js';
export * from './alternator-logger.js';
export * from './cluster/alternator-cluster.js';
export type { AlternatorNodeSnapshot } from './cluster/alternator-node.js';
export type { AlternatorClusterEvents } from './cluster/cluster-events.js';
export type { AlternatorClusterHealth } from './cluster/cluster-health.js';
export * from './compression-algorithm.js';
export * from './errors.js';
export { KeyRouteAffinityMode, type KeyRouteAffinityConfig } from './key-route-affinity.js';
export { NodeState } from './node-health.js';
export { ClusterScope, DatacenterScope, RackScope, RoutingScope } from './routing-scope.js';
export * from './sealed-credentials.js';
export * from './tls-config.js';
export type {
  AlternatorTelemetryConfig,
  TelemetryMeterProvider,
} from './telemetry/telemetry-config.js';
// The options of createAlternatorDocumentClient; the rest of vector search is in ../vector.
export { VectorEncoding, type AlternatorDocumentClientOptions } from './vector/vector-encoding.js';
