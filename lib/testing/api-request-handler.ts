import type { IncomingMessage, ServerResponse } from 'node:http';
import { AlternatorErrorReply } from './alternator-errors.js';
import { routeOperation } from './alternator-operations.js';
import type { StoreReply } from './dynalite-backend.js';
import { sendAnswer } from './faulty-answer.js';
import type { LocalNodeFault } from './local-cluster-options.interface.js';
import { decodeBody, MAX_REQUEST_BYTES, readBody } from './request-body.js';
import { encodeResponse } from './response-encoding.js';
import type { SigV4Verifier } from './sigv4-verifier.js';
import type { VectorRequestInterceptor } from './vector/vector-request-interceptor.js';

/** What one run of a node (from listen to kill) lends to the requests it serves. */
export interface NodeRun {
  /** Aborted when the node is killed: work still pending is dropped unanswered. */
  readonly signal: AbortSignal;
  /** Resolves when the node may answer: at once, or when a paused node is resumed. */
  answerable(): Promise<void>;
  /**
   * Resolves once the node's capacity model (if any) admits the request and its service time
   * has passed; the function returned frees the slot and must be called once.
   */
  enterService(): Promise<() => void>;
}

/**
 * Serves `POST /` in the server's order: size limit, signature over the raw bytes,
 * decompression, operation lookup, then the shared store behind its vector-search layer.
 * A node's fault changes only how the answer is sent: the request is served in full first.
 */
export class ApiRequestHandler {
  constructor(
    private readonly store: VectorRequestInterceptor,
    private readonly verifier: SigV4Verifier | undefined,
  ) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    operation: string,
    run: NodeRun,
    fault: LocalNodeFault | undefined,
  ): Promise<void> {
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    const raw = declaredLength > MAX_REQUEST_BYTES ? undefined : await readBody(req);
    const reply =
      raw === undefined
        ? replyOf(AlternatorErrorReply.payloadTooLarge(MAX_REQUEST_BYTES))
        : await this.process(req, operation, raw, run);
    const encoded = await encodeResponse(req.headers['accept-encoding'], reply.body);
    await run.answerable();
    if (run.signal.aborted || res.destroyed) {
      return;
    }
    if (raw === undefined) {
      // The rest of the body is never read, so the connection cannot carry another request.
      res.setHeader('Connection', 'close');
    }
    await sendAnswer(res, { status: reply.status, ...encoded }, fault, run.signal);
  }

  private async process(
    req: IncomingMessage,
    operation: string,
    raw: Buffer,
    run: NodeRun,
  ): Promise<StoreReply> {
    const authError = await this.verifier?.verify(req.headers, raw);
    if (authError !== undefined) {
      return replyOf(authError);
    }
    const body = await decodeBody(req.headers['content-encoding'], raw);
    if (body instanceof AlternatorErrorReply) {
      return replyOf(body);
    }
    switch (this.store.serves(operation) ? 'store' : routeOperation(operation)) {
      case 'store':
        return this.serve(operation, body, run);
      case 'describe-endpoints':
        return describeEndpoints(req.headers.host ?? '');
      case 'not-emulated':
        return replyOf(
          new AlternatorErrorReply(
            400,
            'UnknownOperationException',
            `Operation ${operation} is supported by Alternator but not emulated by ` +
              'LocalAlternatorCluster (its dynalite store lacks it)',
          ),
        );
      case 'unsupported':
        return replyOf(AlternatorErrorReply.unknownOperation(operation));
    }
  }

  private async serve(operation: string, body: Buffer, run: NodeRun): Promise<StoreReply> {
    let release: (() => void) | undefined;
    try {
      release = await run.enterService();
      return await this.store.forward(operation, body);
    } catch (error: unknown) {
      if (run.signal.aborted) {
        throw error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      return replyOf(
        AlternatorErrorReply.internal(`Internal server error: local store failed: ${reason}`),
      );
    } finally {
      release?.();
    }
  }
}

function replyOf(error: AlternatorErrorReply): StoreReply {
  return { status: error.status, body: error.toBody() };
}

/** Alternator's default `alternator_describe_endpoints` echoes the request's Host. */
function describeEndpoints(host: string): StoreReply {
  return {
    status: 200,
    body: Buffer.from(
      JSON.stringify({ Endpoints: [{ Address: host, CachePeriodInMinutes: 1440 }] }),
    ),
  };
}
