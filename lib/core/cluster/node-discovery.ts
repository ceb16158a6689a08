import { nodeUrl } from '../endpoint.js';
import type { ResolvedAlternatorConfig } from '../config/alternator-config.js';
import type { RoutingScope } from '../config/routing-scope.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { httpGet } from '../transport/http-get.js';
import { withTlsContext } from '../transport/tls-errors.js';
import { parseLocalNodes } from './local-nodes.js';

/** Distinct skipped `/localnodes` entries remembered, so a bad entry is not logged every refresh. */
const REPORTED_ENTRIES_KEPT = 1000;
/** Skipped entries listed in one warning; the rest are counted. */
const ENTRIES_SHOWN_PER_WARNING = 10;

/** What one successful discovery found: node URLs, the scope that produced them, who answered. */
export interface DiscoveryResult {
  nodeUrls: string[];
  scope: RoutingScope;
  answeredBy: string;
  /** Nodes of the widest scope of the chain, when asked for: more places to ask next time. */
  widerNodeUrls?: string[];
}

/**
 * Asks `/localnodes` for the configured scope and walks its fallback chain (rack -> datacenter ->
 * cluster) while the answer is empty. The chain restarts from the configured scope on every
 * discovery, so traffic returns to the preferred rack as soon as it has live nodes again.
 */
export class NodeDiscovery {
  /** Skipped entries already logged, oldest first: each is logged once while remembered. */
  private readonly reportedEntries = new Set<string>();

  constructor(
    private readonly config: ResolvedAlternatorConfig,
    private readonly pool: ConnectionPool,
    private readonly warn: (message: string) => void,
  ) {}

  /** Seeds become base URLs with the configured scheme and port, as `/localnodes` entries do. */
  seedUrls(): string[] {
    return this.config.seedHosts.map((host) => nodeUrl(this.config.scheme, host, this.config.port));
  }

  nodeUrlOf(address: string): string {
    return nodeUrl(this.config.scheme, address, this.config.port);
  }

  /** Tries the candidates in order until one gives a usable answer. */
  async discoverSequentially(
    candidates: readonly string[],
    signal: AbortSignal,
    learnWider: boolean,
  ): Promise<DiscoveryResult> {
    const failures: string[] = [];
    let lastError: unknown;
    for (const candidate of candidates) {
      if (signal.aborted) break;
      try {
        return await this.discoverFrom(candidate, signal, learnWider);
      } catch (error) {
        failures.push(`${candidate}: ${describe(error)}`);
        lastError = error;
      }
    }
    throw new Error(
      `no node answered /localnodes usefully (${failures.join('; ') || 'no candidates'})`,
      { cause: lastError },
    );
  }

  /** Asks every candidate at once and takes the first usable answer; the rest are cancelled. */
  async discoverInParallel(
    candidates: readonly string[],
    signal: AbortSignal,
  ): Promise<DiscoveryResult> {
    const race = new AbortController();
    const both = AbortSignal.any([signal, race.signal]);
    try {
      return await Promise.any(
        candidates.map((candidate) => this.discoverFrom(candidate, both, true)),
      );
    } catch (error) {
      const reasons =
        error instanceof AggregateError ? error.errors.map(describe) : [describe(error)];
      throw new Error(`no seed answered /localnodes usefully (${reasons.join('; ')})`, {
        cause: error,
      });
    } finally {
      race.abort();
    }
  }

  private async discoverFrom(
    baseUrl: string,
    signal: AbortSignal,
    learnWider: boolean,
  ): Promise<DiscoveryResult> {
    const chain = this.config.routingScope.chain();
    for (const scope of chain) {
      const nodeUrls = await this.askLocalNodes(baseUrl, scope, signal);
      if (nodeUrls.length === 0) continue;
      const widest = chain[chain.length - 1];
      const result: DiscoveryResult = { nodeUrls, scope, answeredBy: baseUrl };
      if (learnWider && scope !== widest) {
        // A narrow scope only lists its own nodes; if they all die, discovery needs other nodes
        // to ask, so the widest scope's list is learned too (errors here change nothing).
        result.widerNodeUrls = await this.askLocalNodes(baseUrl, widest, signal).catch(
          () => undefined,
        );
      }
      return result;
    }
    throw new Error(`no live node in ${chain.map(String).join(' or ')}`);
  }

  private async askLocalNodes(
    baseUrl: string,
    scope: RoutingScope,
    signal: AbortSignal,
  ): Promise<string[]> {
    const url = new URL('/localnodes', baseUrl);
    if (scope.datacenter) url.searchParams.set('dc', scope.datacenter);
    if (scope.rack) url.searchParams.set('rack', scope.rack);
    const response = await httpGet(
      url,
      this.pool.agentFor(this.config.scheme),
      this.config.discoveryTimeoutMs,
      signal,
    ).catch((error: unknown) => {
      throw withTlsContext(error, baseUrl);
    });
    if (response.status !== 200) {
      throw new Error(`/localnodes answered HTTP ${response.status}`);
    }
    const answer = parseLocalNodes(response.body);
    this.reportSkipped(answer.rejected, baseUrl);
    return answer.addresses.map((address) => this.nodeUrlOf(address));
  }

  /** Warns about each skipped entry the first time it is seen, not on every refresh. */
  private reportSkipped(rejected: readonly string[], baseUrl: string): void {
    const fresh = rejected.filter((entry) => !this.reportedEntries.has(entry));
    if (fresh.length === 0) return;
    for (const entry of fresh) {
      if (this.reportedEntries.size >= REPORTED_ENTRIES_KEPT) {
        this.reportedEntries.delete(this.reportedEntries.values().next().value as string);
      }
      this.reportedEntries.add(entry);
    }
    const shown = fresh.slice(0, ENTRIES_SHOWN_PER_WARNING).join(', ');
    const more = fresh.length - ENTRIES_SHOWN_PER_WARNING;
    this.warn(
      `Skipping /localnodes entries from ${baseUrl} that are not usable IP addresses ` +
        `(host-id UUIDs, host names, IPv6 zone ids, non-strings): ${shown}` +
        (more > 0 ? ` and ${more} more` : ''),
    );
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
