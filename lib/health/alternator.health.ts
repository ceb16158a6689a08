import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { AlternatorCluster } from '../core/index.js';
import { getAlternatorClusterToken } from '../nest/index.js';

/**
 * Options of {@link AlternatorHealthIndicator.isHealthy}.
 * @publicApi
 */
export interface AlternatorHealthCheckOptions {
  /** Cluster to check, as given to `AlternatorModule.forRoot`/`forRootAsync`. Default: the default cluster. */
  name?: string;
  /** The check is up while at least this many nodes are ACTIVE. Default: 1. */
  minLiveNodes?: number;
}

/**
 * One node in the health details.
 * @publicApi
 */
export interface AlternatorNodeHealthDetail {
  /** The address `/localnodes` listed. */
  address: string;
  /** `ACTIVE`, `QUARANTINED` or `DOWN`. */
  state: string;
  /**
   * The client's latency estimate for the node, in milliseconds, to 0.1 ms (see
   * `AlternatorNodeSnapshot.latencyEstimateMs`): a node far above its peers gets little traffic.
   */
  latencyMs: number;
}

/**
 * Terminus health indicator of an Alternator cluster, from the client's in-memory view (no
 * request is sent): up while enough nodes are live. Its data carries `liveNodes`,
 * `quarantinedNodes`, `downNodes`, `knownNodes`, the effective `scope`, `lastRefreshAgeMs` and
 * `nodes`: each node's address, state and latency estimate ({@link AlternatorNodeHealthDetail}).
 * Node addresses are internal details: keep the health endpoint away from the public, as usual.
 *
 * @example health.check([() => alternator.isHealthy('alternator')])
 * @publicApi
 */
@Injectable()
export class AlternatorHealthIndicator {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly healthIndicatorService: HealthIndicatorService,
  ) {}

  /**
   * @param key the key of this check in the health report, e.g. `'alternator'`
   * @throws Error when no cluster of that name is registered, or `minLiveNodes` is not a
   *   non-negative integer: both are set-up mistakes, not cluster health.
   */
  isHealthy<const Key extends string>(
    key: Key,
    options: AlternatorHealthCheckOptions = {},
  ): HealthIndicatorResult<Key> {
    const minLiveNodes = options.minLiveNodes ?? 1;
    if (!Number.isInteger(minLiveNodes) || minLiveNodes < 0) {
      throw new Error(
        `AlternatorHealthIndicator: minLiveNodes must be a non-negative integer, got ${minLiveNodes}`,
      );
    }
    const cluster = this.clusterNamed(options.name);
    const { lastRefreshError, ...counts } = cluster.health();
    const health = { ...counts, nodes: nodeDetails(cluster) };
    const check = this.healthIndicatorService.check(key);
    if (health.liveNodes >= minLiveNodes) return check.up(health);
    const reasons = [`${health.liveNodes} live node(s), at least ${minLiveNodes} required`];
    if (lastRefreshError) reasons.push(`last discovery failed: ${lastRefreshError}`);
    return check.down({ ...health, message: reasons.join('; ') });
  }

  private clusterNamed(name: string | undefined): AlternatorCluster {
    const token = getAlternatorClusterToken(name);
    try {
      return this.moduleRef.get<AlternatorCluster>(token, { strict: false });
    } catch {
      const registration = name === undefined ? '' : `{ name: '${name}', ... }`;
      throw new Error(
        `AlternatorHealthIndicator: no Alternator cluster ${name === undefined ? '(default)' : `named "${name}"`} ` +
          `is registered (token "${token}"). Register it with AlternatorModule.forRoot(${registration}) ` +
          'or forRootAsync, or pass the right name to isHealthy.',
      );
    }
  }
}

function nodeDetails(cluster: AlternatorCluster): AlternatorNodeHealthDetail[] {
  return cluster.nodes().map(({ address, state, latencyEstimateMs }) => ({
    address,
    state,
    latencyMs: Math.round(latencyEstimateMs * 10) / 10,
  }));
}
