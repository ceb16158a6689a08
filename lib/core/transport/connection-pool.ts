import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ResolvedAlternatorConfig } from '../config/alternator-config.js';
import { MAX_RESPONSE_HEADER_BYTES } from './response-limits.js';

/**
 * The keep-alive agents shared by data traffic, discovery and probes, so every kind of request to
 * a node reuses the same sockets and the same TLS settings. Node's agents pool per host:port, so
 * `maxSockets` bounds the connections to each node. Every request through them accepts at most
 * 16 KiB of response headers.
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
    this.httpAgent = boundResponseHeaders(new HttpAgent(pooling));
    this.httpsAgent = boundResponseHeaders(
      new HttpsAgent({
        ...pooling,
        ...(config.scheme === 'https' ? config.tls.toAgentOptions() : {}),
      }),
    );
  }

  agentFor(scheme: 'http' | 'https'): HttpAgent {
    return scheme === 'https' ? this.httpsAgent : this.httpAgent;
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** The agent method Node calls with each new request, before the response parser is set up. */
type AddRequest = (request: ClientRequest, options: object) => void;

/**
 * Caps the response headers of every request handed to `agent`. The SDK's handler does not pass
 * `maxHeaderSize` to `http.request`, so the agent sets it the way that option does: on the request,
 * which Node reads when it sets up the response parser, after the agent has been handed the
 * request. Node then fails the request with `HPE_HEADER_OVERFLOW` past the bound.
 */
function boundResponseHeaders<A extends HttpAgent>(agent: A): A {
  const pooled = agent as unknown as { addRequest: AddRequest };
  const addRequest = pooled.addRequest.bind(agent);
  pooled.addRequest = (request, options) => {
    (request as ClientRequest & { maxHeaderSize?: number }).maxHeaderSize =
      MAX_RESPONSE_HEADER_BYTES;
    addRequest(request, options);
  };
  return agent;
}
