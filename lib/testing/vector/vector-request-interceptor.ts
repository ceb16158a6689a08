import type { StoreReply } from '../dynalite-backend.js';
import type { LocalAlternatorServerVersion } from '../local-cluster-options.interface.js';
import {
  decodeFloat32Vectors,
  encodeFloat32Vectors,
  mayHoldFloat32Vectors,
  mayHoldStoredVectors,
} from './float32-vector-codec.js';
import {
  errorReply,
  jsonReply,
  parseJsonObject,
  serialization,
  validation,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';
import { SearchVectorsOperation } from './search-vectors.js';
import { vectorApiOf, type VectorApiFeatures } from './vector-api-generation.js';
import { VectorIndexRegistry } from './vector-index-registry.js';
import { VectorQueryOperation } from './vector-query.js';
import { VectorTableDdl } from './vector-table-ddl.js';
import { VectorUpdateTable } from './vector-update-table.js';
import { VectorWriteValidator } from './vector-write-validator.js';

export interface VectorEmulationOptions {
  serverVersion: LocalAlternatorServerVersion;
  /** How long a new vector index stays CREATING. */
  activationDelayMs: number;
  /** Clock for index status; tests inject one. Default: Date.now */
  now?: () => number;
}

const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'BatchWriteItem']);

/**
 * Serves vector search on top of dynalite, which knows none of it: index definitions (kept in
 * a side registry), index status, write validation, FLOAT32VECTOR storage, SearchVectors (2026.4)
 * and Query + VectorSearch (2026.2, 2026.3), as the configured server version does. Requests that touch
 * none of it pass straight through.
 */
export class VectorRequestInterceptor implements StoreForwarder {
  private readonly api: VectorApiFeatures;
  private readonly registry: VectorIndexRegistry;
  private readonly ddl: VectorTableDdl;
  private readonly updates: VectorUpdateTable;
  private readonly searchVectors: SearchVectorsOperation;
  private readonly vectorQuery: VectorQueryOperation;
  private readonly writes: VectorWriteValidator;

  constructor(
    private readonly store: StoreForwarder,
    options: VectorEmulationOptions,
  ) {
    this.api = vectorApiOf(options.serverVersion);
    this.registry = new VectorIndexRegistry(options.activationDelayMs, options.now);
    this.ddl = new VectorTableDdl(store, this.registry, this.api);
    this.updates = new VectorUpdateTable(store, this.registry, this.api, this.ddl);
    this.searchVectors = new SearchVectorsOperation(store, this.registry);
    this.vectorQuery = new VectorQueryOperation(store, this.registry, this.api);
    this.writes = new VectorWriteValidator(this.registry, this.api.release);
  }

  /** Whether this layer serves an operation the store lacks: SearchVectors from 2026.4 on. */
  serves(operation: string): boolean {
    return operation === 'SearchVectors' && this.api.searchVectors;
  }

  async forward(operation: string, body: Buffer): Promise<StoreReply> {
    const reply = await this.serve(operation, body);
    if (!mayHoldStoredVectors(reply.body)) {
      return reply;
    }
    const parsed = parseJsonObject(reply.body);
    if (parsed === undefined) {
      return reply;
    }
    decodeFloat32Vectors(parsed);
    return jsonReply(parsed, reply.status);
  }

  private async serve(operation: string, body: Buffer): Promise<StoreReply> {
    switch (operation) {
      case 'SearchVectors':
        return this.withRequest(operation, body, (request) => this.searchVectors.search(request));
      case 'CreateTable':
        return this.withRequest(operation, body, (request) => this.ddl.createTable(body, request));
      case 'UpdateTable':
        return this.withRequest(operation, body, (request) =>
          request.VectorIndexUpdates === undefined
            ? this.store.forward(operation, body)
            : this.updates.updateTable(request),
        );
      case 'DescribeTable':
      case 'DeleteTable':
        if (this.registry.isEmpty()) {
          return this.store.forward(operation, body);
        }
        return this.withRequest(operation, body, (request) =>
          operation === 'DescribeTable'
            ? this.ddl.describeTable(body, String(request.TableName))
            : this.ddl.deleteTable(body, String(request.TableName)),
        );
      case 'Query':
      case 'Scan':
        return this.read(operation, body);
      default:
        return this.itemOperation(operation, body);
    }
  }

  private async read(operation: string, body: Buffer): Promise<StoreReply> {
    if (this.registry.isEmpty() && !body.includes('VectorSearch') && !mayHoldFloat32Vectors(body)) {
      return this.store.forward(operation, body);
    }
    return this.withRequest(operation, body, (request) => {
      if (
        operation === 'Query' &&
        this.api.queryVectorSearch &&
        request.VectorSearch !== undefined
      ) {
        return this.vectorQuery.query(request);
      }
      const table = String(request.TableName);
      const index = request.IndexName;
      if (typeof index === 'string' && this.registry.find(table, index) !== undefined) {
        return Promise.resolve(
          errorReply(
            validation(
              this.api.release === '2026.4'
                ? `${operation} operation not supported on this index type.`
                : `IndexName '${index}' is a vector index for table '${table}, so VectorSearch ` +
                    'is mandatory in Query.',
            ),
          ),
        );
      }
      return this.forwardEncoded(operation, request);
    });
  }

  private async itemOperation(operation: string, body: Buffer): Promise<StoreReply> {
    const mayBreakAnIndex = WRITE_OPERATIONS.has(operation) && !this.registry.isEmpty();
    if (!mayBreakAnIndex && !mayHoldFloat32Vectors(body)) {
      return this.store.forward(operation, body);
    }
    return this.withRequest(operation, body, (request) => this.forwardEncoded(operation, request));
  }

  /** Stores FLOAT32VECTOR values in their binary form, checks index rules, then forwards. */
  private forwardEncoded(operation: string, request: JsonObject): Promise<StoreReply> {
    // Alternator names PutItem in the error of a BatchWriteItem's bad item, too.
    const caller = operation === 'BatchWriteItem' ? 'PutItem' : operation;
    const error =
      encodeFloat32Vectors(request, caller, this.api.float32Vector) ??
      this.writes.check(operation, request);
    if (error !== undefined) {
      return Promise.resolve(errorReply(error));
    }
    return this.store.forward(operation, Buffer.from(JSON.stringify(request)));
  }

  /** Parses the body; one that is not a JSON object goes to the store, which reports it. */
  private withRequest(
    operation: string,
    body: Buffer,
    serve: (request: JsonObject) => Promise<StoreReply>,
  ): Promise<StoreReply> {
    const request = parseJsonObject(body);
    if (request !== undefined) {
      return serve(request);
    }
    return operation === 'SearchVectors'
      ? Promise.resolve(errorReply(serialization('The request body is not a JSON object')))
      : this.store.forward(operation, body);
  }
}
