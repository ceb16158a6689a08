export * from './alternator-client.js';
export type {
  AlternatorConfig,
  AlternatorCredentials,
  HedgingConfig,
  NodeHealthConfig,
} from './config/alternator-config.js';
export * from './config/alternator-config.builder.js';
export * from './config/alternator-config-from-env.js';
export * from './alternator-logger.js';
export { AlternatorCluster, type AlternatorNodeStats } from './cluster/alternator-cluster.js';
export type { AlternatorNodeSnapshot } from './cluster/alternator-node.js';
export type { AlternatorClusterEvents } from './cluster/cluster-events.js';
export type { AlternatorClusterHealth } from './cluster/cluster-health.js';
export * from './config/compression-algorithm.js';
export * from './errors.js';
// Middleware names, for client.middlewareStack.remove(...) and relative placement. The plugins
// stay internal: routing's takes cluster internals, and the client's options already turn each
// of the others on and off.
export { ALTERNATOR_MIDDLEWARE_TAG } from './middleware/middleware-tag.js';
export { COMPRESSION_MIDDLEWARE_NAME } from './middleware/compression.middleware.js';
export {
  DROP_SDK_HEADERS_MIDDLEWARE_NAME,
  STRIP_UNSIGNED_HEADERS_MIDDLEWARE_NAME,
} from './middleware/header-optimization.middleware.js';
export { RESPONSE_DECOMPRESSION_MIDDLEWARE_NAME } from './middleware/response-decompression.middleware.js';
export { ROUTING_MIDDLEWARE_NAME } from './middleware/routing.middleware.js';
export { KeyRouteAffinityMode, type KeyRouteAffinityConfig } from './config/key-route-affinity.js';
export { NodeState } from './node-health.js';
export { ClusterScope, DatacenterScope, RackScope, RoutingScope } from './config/routing-scope.js';
export * from './sealed-credentials.js';
export * from './config/tls-config.js';
export type {
  AlternatorTelemetryConfig,
  TelemetryMeterProvider,
} from './config/telemetry-config.js';
// The options of createAlternatorDocumentClient; the rest of vector search is in ../vector.
export { VectorEncoding, type AlternatorDocumentClientOptions } from './vector/vector-encoding.js';
