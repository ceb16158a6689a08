import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ResolvedAlternatorConfig } from '../alternator-config.js';

/**
 * The keep-alive agents shared by data traffic, discovery and probes, so every kind of request to
 * a node reuses the same sockets and the same TLS settings. Node's agents pool per host:port, so
 * `maxSockets` bounds the connections to each node.
 */
export class ConnectionPool {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;

  constructor(config: ResolvedAlternatorConfig) {
    const pooling = {
      keepAlive: true,
      maxSockets: config.maxPoolConnections,
      scheduling: 'lifo' as const,
    };
    this.httpAgent = new HttpAgent(pooling);
    this.httpsAgent = new HttpsAgent({
      ...pooling,
      ...(config.scheme === 'https' ? config.tls.toAgentOptions() : {}),
    });
  }

  agentFor(scheme: 'http' | 'https'): HttpAgent {
    return scheme === 'https' ? this.httpsAgent : this.httpAgent;
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
