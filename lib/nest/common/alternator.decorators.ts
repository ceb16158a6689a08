import { Inject } from '@nestjs/common';
import {
  getAlternatorClientToken,
  getAlternatorClusterToken,
  getAlternatorDocumentClientToken,
} from './alternator.utils.js';

/**
 * Injects the `AlternatorClient` (a `DynamoDBClient` whose requests are load-balanced over the
 * cluster's live nodes).
 * @param name cluster name given to `AlternatorModule.forRoot`/`forRootAsync`. Default: the default cluster.
 * @publicApi
 */
export const InjectAlternatorClient = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getAlternatorClientToken(name));

/**
 * Injects the `DynamoDBDocumentClient` of a cluster, routed like its `AlternatorClient`.
 * @param name cluster name. Default: the default cluster.
 * @publicApi
 */
export const InjectAlternatorDocumentClient = (
  name?: string,
): PropertyDecorator & ParameterDecorator => Inject(getAlternatorDocumentClientToken(name));

/**
 * Injects the `AlternatorCluster` of a cluster: its nodes, per-node stats, health and events.
 * @param name cluster name. Default: the default cluster.
 * @publicApi
 */
export const InjectAlternatorCluster = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getAlternatorClusterToken(name));
