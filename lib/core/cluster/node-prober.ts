import type { ResolvedAlternatorConfig } from '../config/alternator-config.js';
import { classifyAttemptOutcome, type HealthObservation } from '../node-health.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { httpGet } from '../transport/http-get.js';
import type { AlternatorNode } from './alternator-node.js';

/**
 * Direct health probes (`GET /localnodes`, HTTP 200 = success) for nodes that are not ACTIVE: they
 * validate new and recovering nodes without risking user traffic on them. At most
 * `probeConcurrency` run at once, and a node already being probed shares that probe.
 */
export class NodeProber {
  private readonly running = new Map<AlternatorNode, Promise<void>>();

  constructor(
    private readonly config: ResolvedAlternatorConfig,
    private readonly pool: ConnectionPool,
    private readonly report: (node: AlternatorNode, observation: HealthObservation) => void,
  ) {}

  /** Probes `nodes` in the order given; resolves once every probe has settled. */
  async probe(nodes: readonly AlternatorNode[], signal: AbortSignal): Promise<void> {
    const queue = [...nodes];
    const shared: Promise<void>[] = [];
    const worker = async () => {
      for (let node = queue.shift(); node && !signal.aborted; node = queue.shift()) {
        const existing = this.running.get(node);
        if (existing) {
          shared.push(existing);
          continue;
        }
        const probe = this.probeOne(node, signal).finally(() => this.running.delete(node));
        this.running.set(node, probe);
        await probe;
      }
    };
    const workers = Math.min(this.config.nodeHealth.probeConcurrency, queue.length);
    await Promise.all(Array.from({ length: workers }, worker));
    await Promise.all(shared);
  }

  private async probeOne(node: AlternatorNode, signal: AbortSignal): Promise<void> {
    const outcome = await httpGet(
      new URL('/localnodes', node.url),
      this.pool.agentFor(this.config.scheme),
      this.config.nodeHealth.probeTimeoutMs,
      signal,
    ).then(
      (response) => ({ statusCode: response.status }),
      (error: unknown) => ({ error }),
    );
    if (signal.aborted) return;
    const observation = classifyAttemptOutcome(outcome, 'probe');
    if (observation) this.report(node, observation);
  }
}
