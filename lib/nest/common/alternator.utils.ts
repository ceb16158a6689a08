import { DEFAULT_ALTERNATOR_CLUSTER_NAME } from '../alternator.constants.js';

/**
 * Tokens are plain strings for every name, including the default one: using the SDK classes as
 * the default token would collide with a `DynamoDBClient` the application provides itself.
 */
function scopedToken(suffix: string, name: string = DEFAULT_ALTERNATOR_CLUSTER_NAME): string {
  return name === DEFAULT_ALTERNATOR_CLUSTER_NAME ? suffix : `${name}${suffix}`;
}

/**
 * Injection token of the `AlternatorClient` (a `DynamoDBClient`) of a cluster.
 * @param name cluster name given to `AlternatorModule.forRoot`/`forRootAsync`. Default: the default cluster.
 * @returns `'AlternatorClient'` for the default cluster, `'<name>AlternatorClient'` otherwise.
 * @publicApi
 */
export function getAlternatorClientToken(name?: string): string {
  return scopedToken('AlternatorClient', name);
}

/**
 * Injection token of the `DynamoDBDocumentClient` of a cluster (it shares the cluster's client).
 * @param name cluster name. Default: the default cluster.
 * @returns `'AlternatorDocumentClient'` or `'<name>AlternatorDocumentClient'`.
 * @publicApi
 */
export function getAlternatorDocumentClientToken(name?: string): string {
  return scopedToken('AlternatorDocumentClient', name);
}

/**
 * Injection token of the live `AlternatorCluster` view (nodes, stats, health) of a cluster.
 * @param name cluster name. Default: the default cluster.
 * @returns `'AlternatorCluster'` or `'<name>AlternatorCluster'`.
 * @publicApi
 */
export function getAlternatorClusterToken(name?: string): string {
  return scopedToken('AlternatorCluster', name);
}

/**
 * Token of a cluster's validated module options. Internal: the providers of the same module
 * instance are its only consumers.
 */
export function getAlternatorModuleOptionsToken(name?: string): string {
  return scopedToken('AlternatorModuleOptions', name);
}
