import { Controller, Get } from '@nestjs/common';
import { InjectAlternatorCluster, type AlternatorCluster } from '../../lib/index.js';

/** What the client knows about one node. */
export interface NodeView {
  url: string;
  state: string;
  requests: number;
  failures: number;
  inFlight: number;
  meanLatencyMs: number;
}

@Controller('nodes')
export class NodesController {
  constructor(@InjectAlternatorCluster() private readonly cluster: AlternatorCluster) {}

  /** Each node's state and how many requests this app sent it. */
  @Get()
  list(): { scope: string; nodes: NodeView[] } {
    const latency = new Map(this.cluster.stats().map((s) => [s.url, s.meanLatencyMs]));
    const nodes = this.cluster.nodes().map(({ url, state, requests, failures, inFlight }) => ({
      url,
      state,
      requests,
      failures,
      inFlight,
      meanLatencyMs: latency.get(url) ?? 0,
    }));
    return { scope: this.cluster.health().scope, nodes };
  }
}
