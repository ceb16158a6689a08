import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { AlternatorErrorReply, toAlternatorErrorBody } from './alternator-errors.js';
import { mergeBatchWriteReplies, planBatchWrite } from './batch-write-splitter.js';

/** A reply ready to go back to the client: status and an Alternator-shaped JSON body. */
export interface StoreReply {
  status: number;
  body: Buffer;
}

const STORE_HOST = '127.0.0.1';
// dynalite checks no signature but refuses requests without a well-formed Authorization header.
const PLACEHOLDER_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20200101/local/dynamodb/aws4_request, ' +
  'SignedHeaders=host;x-amz-date, Signature=0';
const PLACEHOLDER_DATE = '20200101T000000Z';

/**
 * The one in-process dynalite store every local node forwards to, over a keep-alive agent, so
 * that all nodes see the same data, like replicas of one real cluster.
 */
export class DynaliteBackend {
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(): Promise<DynaliteBackend> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, STORE_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new DynaliteBackend(server, (server.address() as AddressInfo).port);
  }

  /** Sends one decompressed request body to the store and shapes its reply for Alternator. */
  async forward(operation: string, body: Buffer): Promise<StoreReply> {
    if (operation !== 'BatchWriteItem') {
      return this.send(operation, body);
    }
    const plan = planBatchWrite(body);
    if (plan.kind === 'as-is') {
      return this.send(operation, body);
    }
    if (plan.kind === 'too-many') {
      const error = AlternatorErrorReply.validation(
        `BatchWriteItem has ${plan.items} items; at most 100 are allowed in one request`,
      );
      return { status: error.status, body: error.toBody() };
    }
    const replies: Buffer[] = [];
    // One part after the other, so a write to a key never overtakes an earlier one.
    for (const part of plan.requests) {
      const reply = await this.send(operation, Buffer.from(JSON.stringify(part)));
      if (reply.status !== 200) {
        return reply;
      }
      replies.push(reply.body);
    }
    return { status: 200, body: mergeBatchWriteReplies(replies) };
  }

  /** Closes the agent's sockets first: dynalite's close waits for open connections. */
  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error?: Error) => (error ? reject(error) : resolve()));
    });
  }

  private async send(operation: string, body: Buffer): Promise<StoreReply> {
    const reply = await this.post(operation, body);
    return reply.status < 400
      ? reply
      : { status: reply.status, body: toAlternatorErrorBody(reply.body, reply.status) };
  }

  private post(operation: string, body: Buffer): Promise<StoreReply> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: STORE_HOST,
          port: this.port,
          method: 'POST',
          path: '/',
          headers: {
            'Content-Type': 'application/x-amz-json-1.0',
            'Content-Length': body.length,
            'X-Amz-Target': `DynamoDB_20120810.${operation}`,
            'X-Amz-Date': PLACEHOLDER_DATE,
            Authorization: PLACEHOLDER_AUTHORIZATION,
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 500, body: Buffer.concat(chunks) }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
