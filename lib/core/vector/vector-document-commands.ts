import {
  QueryCommand,
  type DynamoDBDocumentClientResolvedConfig,
  type QueryCommandInput,
  type QueryCommandOutput,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/lib-dynamodb';
import type { Command } from '@smithy/core/client';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { VectorReturnScores } from './scylla-vector-api.js';
import { getVectorWirePlugin } from './vector-wire.middleware.js';
import { WidenedCommand } from './widened-command.js';

/**
 * `VectorSearch` in the document client: `QueryVector` is plain numbers. A `Float32Array` is
 * written as the client's `vectorEncoding` says; a `number[]` as a list of numbers.
 * @publicApi
 */
export interface DocumentVectorSearch {
  QueryVector: Float32Array | readonly number[];
  /** `SIMILARITY` adds `Scores`, parallel to `Items` (2026.3+). Default: `NONE` */
  ReturnScores?: VectorReturnScores;
}

/** @publicApi */
export type VectorDocumentQueryCommandInput = QueryCommandInput & {
  VectorSearch: DocumentVectorSearch;
};
/** @publicApi */
export type VectorDocumentQueryCommandOutput = QueryCommandOutput & { Scores?: number[] };

/** What `new VectorDocumentQueryCommand(input)` returns: a command for `client.send`. @publicApi */
export type VectorDocumentQueryCommand = Command<
  VectorDocumentQueryCommandInput,
  VectorDocumentQueryCommandOutput,
  DynamoDBDocumentClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;
/**
 * The document client's `QueryCommand` with ScyllaDB's `VectorSearch` (2026.2+): `Items` are
 * plain objects, best first, with `FLOAT32VECTOR` attributes as `Float32Array`; `Scores` are
 * parallel to them. Send it through a client from `createAlternatorDocumentClient`.
 * @publicApi
 */
export const VectorDocumentQueryCommand: new (
  input: VectorDocumentQueryCommandInput,
) => VectorDocumentQueryCommand = class VectorDocumentQueryCommand extends WidenedCommand<
  VectorDocumentQueryCommandInput,
  VectorDocumentQueryCommandOutput,
  DynamoDBDocumentClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
> {
  constructor(input: VectorDocumentQueryCommandInput) {
    const standard = new QueryCommand(input);
    super(
      input,
      standard as unknown as Command<
        ServiceInputTypes,
        ServiceOutputTypes,
        DynamoDBDocumentClientResolvedConfig,
        ServiceInputTypes,
        ServiceOutputTypes
      >,
    );
    (this.middlewareStack as unknown as MiddlewareStack<object, MetadataBearer>).use(
      getVectorWirePlugin(),
    );
  }
};
