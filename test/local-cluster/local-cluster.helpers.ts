import {
  request,
  type Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalAlternatorCluster, LocalClusterCredentials } from '../../lib/testing/index.js';

export const CREDENTIALS: LocalClusterCredentials = {
  accessKeyId: 'alternator',
  secretAccessKey: 'salted-hash-of-alternator',
};

export const ERROR_NAMESPACE = 'com.amazonaws.dynamodb.v20120810#';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  host: string;
  port: number;
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  /** Default: a fresh connection closed after the reply. */
  agent?: Agent | false;
}

/** Status, headers and body (as text) of an answer, once it has all arrived. */
export function readReply(incoming: IncomingMessage): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('error', reject);
    incoming.on('end', () =>
      resolve({
        status: incoming.statusCode ?? 0,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
}

/** One HTTP exchange on loopback, for what the SDK cannot express. */
export function rawRequest(options: RawRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: options.host,
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (incoming) => {
        readReply(incoming).then(resolve, reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** The address node `index` listens on. */
export function hostOf(cluster: LocalAlternatorCluster, index: number): string {
  return new URL(cluster.endpoint(index)).hostname;
}

/** GET /localnodes on one node, parsed. */
export async function localNodes(
  cluster: LocalAlternatorCluster,
  index: number,
  query = '',
): Promise<string[]> {
  const reply = await rawRequest({
    host: hostOf(cluster, index),
    port: cluster.port,
    path: `/localnodes${query}`,
  });
  if (reply.status !== 200 || reply.headers['content-type'] !== 'application/json') {
    throw new Error(`/localnodes answered ${reply.status} ${reply.headers['content-type']}`);
  }
  return JSON.parse(reply.body) as string[];
}

export interface SignOptions {
  /** Host header value to sign, e.g. '127.0.0.1:8000'. */
  host: string;
  target: string;
  body: Buffer | string;
  credentials?: LocalClusterCredentials;
  region?: string;
  signingDate?: Date;
  extraHeaders?: Record<string, string>;
}

/** Signs an API request like the SDK does (x-amz-content-sha256 included) and returns its headers. */
export async function signedHeaders(options: SignOptions): Promise<Record<string, string>> {
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  const signer = new SignatureV4({
    credentials: options.credentials ?? CREDENTIALS,
    region: options.region ?? 'us-east-1',
    service: 'dynamodb',
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: options.host.split(':')[0],
      path: '/',
      headers: {
        host: options.host,
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(body.length),
        'x-amz-target': options.target,
        ...options.extraHeaders,
      },
      body,
    }),
    { signingDate: options.signingDate },
  );
  return signed.headers;
}

/** A plain SDK client on one node; maxAttempts 1 so that errors surface at once. */
export function sdkClient(
  endpoint: string,
  credentials: LocalClusterCredentials = CREDENTIALS,
  region = 'us-east-1',
): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** Plain SDK clients made during a test, destroyed together (in afterEach). */
export class TestClients {
  private readonly made: DynamoDBClient[] = [];

  /** A plain SDK client (maxAttempts 1) on `endpoint`, destroyed by `destroyAll`. */
  on(endpoint: string): DynamoDBClient {
    const created = sdkClient(endpoint);
    this.made.push(created);
    return created;
  }

  destroyAll(): void {
    this.made.splice(0).forEach((created) => created.destroy());
  }
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error: unknown) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject');
}
