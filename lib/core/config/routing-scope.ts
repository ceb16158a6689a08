import { ConfigurationError } from '../errors.js';
import { matchInstancesAcrossBuilds } from '../cross-build-instanceof.js';

/**
 * Which nodes receive traffic. When a scope has no live node, routing falls back along
 * `fallback` (by default rack -> its datacenter -> the whole cluster).
 *
 * @publicApi
 */
export abstract class RoutingScope {
  static {
    matchInstancesAcrossBuilds(this, 'RoutingScope');
  }

  abstract readonly kind: 'cluster' | 'datacenter' | 'rack';
  /** Datacenter of a datacenter or rack scope. */
  readonly datacenter?: string;
  /** Rack of a rack scope. */
  readonly rack?: string;
  /** Scope to use when this one has no node; `null` ends the chain. */
  readonly fallback: RoutingScope | null;

  protected constructor(fallback: RoutingScope | null, datacenter?: string, rack?: string) {
    this.fallback = fallback;
    this.datacenter = datacenter;
    this.rack = rack;
  }

  /** This scope followed by its fallbacks, narrowest first. */
  chain(): RoutingScope[] {
    const scopes: RoutingScope[] = [this];
    // Scopes are immutable, but a hand-built subclass could still loop: stop at a repeat.
    for (let next = this.fallback; next && !scopes.includes(next); next = next.fallback) {
      scopes.push(next);
    }
    return scopes;
  }

  /** For logs and health output, e.g. `rack dc1/rack1`. */
  toString(): string {
    switch (this.kind) {
      case 'cluster':
        return 'cluster';
      case 'datacenter':
        return `datacenter ${this.datacenter}`;
      case 'rack':
        return `rack ${this.datacenter}/${this.rack}`;
    }
  }
}

/**
 * Every node of the cluster. The default scope, and the end of every default fallback chain.
 *
 * @publicApi
 */
export class ClusterScope extends RoutingScope {
  static {
    matchInstancesAcrossBuilds(this, 'ClusterScope');
  }

  readonly kind = 'cluster';

  constructor() {
    super(null);
  }
}

/**
 * The nodes of one datacenter.
 *
 * @publicApi
 */
export class DatacenterScope extends RoutingScope {
  static {
    matchInstancesAcrossBuilds(this, 'DatacenterScope');
  }

  readonly kind = 'datacenter';

  /**
   * @param datacenter datacenter name as ScyllaDB reports it
   * @param fallback scope to use when the datacenter has no node; `null` for none.
   *   Default: `new ClusterScope()`
   */
  constructor(datacenter: string, fallback?: RoutingScope | null) {
    super(
      fallback === undefined ? new ClusterScope() : fallback,
      requireName(datacenter, 'datacenter'),
    );
  }
}

/**
 * The nodes of one rack of one datacenter.
 *
 * @publicApi
 */
export class RackScope extends RoutingScope {
  static {
    matchInstancesAcrossBuilds(this, 'RackScope');
  }

  readonly kind = 'rack';

  /**
   * @param datacenter datacenter of the rack
   * @param rack rack name as ScyllaDB reports it
   * @param fallback scope to use when the rack has no node; `null` for none.
   *   Default: `new DatacenterScope(datacenter)` (which falls back to the cluster)
   */
  constructor(datacenter: string, rack: string, fallback?: RoutingScope | null) {
    const dc = requireName(datacenter, 'datacenter');
    super(
      fallback === undefined ? new DatacenterScope(dc) : fallback,
      dc,
      requireName(rack, 'rack'),
    );
  }
}

function requireName(value: unknown, what: 'datacenter' | 'rack'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(
      `routingScope: the ${what} name must be a non-empty string`,
      'Invalid Alternator routing scope',
    );
  }
  return value;
}
