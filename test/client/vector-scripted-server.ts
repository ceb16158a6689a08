import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';

/** One request as the scripted server received it, body decoded. */
export interface ScriptedRequest {
  operation: string;
  headers: IncomingMessage['headers'];
  /** Bytes on the wire (compressed when the client compressed). */
  wireBytes: number;
  /** SHA-256 of the bytes on the wire, hex: what a SigV4 signature must cover. */
  wireSha256: string;
  body: Record<string, unknown>;
}

/** What the server answers: a JSON body, or a DynamoDB error. */
export type ScriptedAnswer =
  { body: Record<string, unknown> } | { error: string; message: string; status?: number };

/**
 * A DynamoDB endpoint on 127.0.0.1 that records every request and answers from a script, for
 * unit specs that need wire shapes no server in this repository produces (an older server's
 * refusals, a response missing a member). `gzipResponses` answers `Accept-Encoding: gzip`.
 */
export class ScriptedDynamoDbServer {
  private constructor(
    private readonly server: Server,
    readonly requests: ScriptedRequest[],
  ) {}

  static async start(
    answer: (request: ScriptedRequest) => ScriptedAnswer,
    options: { gzipResponses?: boolean } = {},
  ): Promise<ScriptedDynamoDbServer> {
    const requests: ScriptedRequest[] = [];
    const server = createServer((req, res) => {
      if (req.method === 'GET') {
        // Discovery and health probes of an AlternatorClient: this one node is the cluster.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url?.startsWith('/localnodes') ? '["127.0.0.1"]' : '');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const wire = Buffer.concat(chunks);
        const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire;
        const target = String(req.headers['x-amz-target'] ?? '');
        const request: ScriptedRequest = {
          operation: target.slice(target.indexOf('.') + 1),
          headers: req.headers,
          wireBytes: wire.length,
          wireSha256: createHash('sha256').update(wire).digest('hex'),
          body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>,
        };
        requests.push(request);
        const reply = answer(request);
        const json =
          'body' in reply
            ? JSON.stringify(reply.body)
            : JSON.stringify({
                __type: `com.amazonaws.dynamodb.v20120810#${reply.error}`,
                message: reply.message,
              });
        let payload = Buffer.from(json);
        const headers: Record<string, string> = {
          'content-type': 'application/x-amz-json-1.0',
        };
        if (options.gzipResponses && /gzip/.test(String(req.headers['accept-encoding']))) {
          payload = gzipSync(payload);
          headers['content-encoding'] = 'gzip';
        }
        headers['content-length'] = String(payload.length);
        res.writeHead('body' in reply ? 200 : (reply.status ?? 400), headers);
        res.end(payload);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ScriptedDynamoDbServer(server, requests);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  last(operation: string): ScriptedRequest {
    const found = this.requests.filter((request) => request.operation === operation).at(-1);
    if (!found) throw new Error(`no ${operation} request was received`);
    return found;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
