import {
  CreateTableCommand,
  DescribeTableCommand,
  QueryCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type CreateTableCommandOutput,
  type DescribeTableCommandInput,
  type DescribeTableCommandOutput,
  type DynamoDBClientResolvedConfig,
  type QueryCommandInput,
  type QueryCommandOutput,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type UpdateTableCommandInput,
  type UpdateTableCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { Command } from '@smithy/core/client';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import type {
  ScyllaVectorIndex,
  ScyllaVectorIndexUpdate,
  VectorSearch,
  VectorTableDescription,
} from './scylla-vector-api.js';
import { getVectorWirePlugin } from './vector-wire.middleware.js';
import { WidenedCommand } from './widened-command.js';

/** `CreateTable` with ScyllaDB vector indexes (2026.2+). @publicApi */
export type VectorCreateTableCommandInput = Omit<CreateTableCommandInput, 'VectorIndexes'> & {
  VectorIndexes?: ScyllaVectorIndex[];
};
/** @publicApi */
export type VectorCreateTableCommandOutput = Omit<CreateTableCommandOutput, 'TableDescription'> & {
  TableDescription?: VectorTableDescription;
};
/** `UpdateTable` creating or deleting one ScyllaDB vector index (2026.2+). @publicApi */
export type VectorUpdateTableCommandInput = Omit<UpdateTableCommandInput, 'VectorIndexUpdates'> & {
  VectorIndexUpdates: [ScyllaVectorIndexUpdate];
};
/** @publicApi */
export type VectorUpdateTableCommandOutput = Omit<UpdateTableCommandOutput, 'TableDescription'> & {
  TableDescription?: VectorTableDescription;
};
/** @publicApi */
export type VectorDescribeTableCommandInput = DescribeTableCommandInput;
/** `DescribeTable` whose vector indexes keep `Dimensions` and `SimilarityFunction`. @publicApi */
export type VectorDescribeTableCommandOutput = Omit<DescribeTableCommandOutput, 'Table'> & {
  Table?: VectorTableDescription;
};
/**
 * A k-nearest-neighbour `Query` on a ScyllaDB vector index (2026.2+): `IndexName` is the vector
 * index, `Limit` is k, `VectorSearch.QueryVector` the vector to search near.
 * @publicApi
 */
export type VectorQueryCommandInput = QueryCommandInput & { VectorSearch: VectorSearch };
/**
 * `Items` come best first; `Scores` (with `ReturnScores: 'SIMILARITY'`, 2026.3+) are parallel to
 * them, higher meaning closer.
 * @publicApi
 */
export type VectorQueryCommandOutput = QueryCommandOutput & { Scores?: number[] };

/** The standard command a widened one runs. */
type StandardCommand = Command<
  ServiceInputTypes,
  ServiceOutputTypes,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;

/** A low-level command with ScyllaDB's vector members in its types and its own vector middleware. */
abstract class VectorCommand<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes,
> extends WidenedCommand<
  Input,
  Output,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
> {
  protected constructor(input: Input, standard: StandardCommand) {
    super(input, standard);
    // On the command itself, so that it works through any client.
    (this.middlewareStack as unknown as MiddlewareStack<object, MetadataBearer>).use(
      getVectorWirePlugin(),
    );
  }
}

// Each command is exported as a constructor typed with the SDK's `Command`, so the published
// declarations name SDK types only, never the internal base class.

/** What `new VectorCreateTableCommand(input)` returns: a command for `client.send`. @publicApi */
export type VectorCreateTableCommand = Command<
  VectorCreateTableCommandInput,
  VectorCreateTableCommandOutput,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;
/**
 * `CreateTableCommand` typed for ScyllaDB's vector indexes (`VectorAttribute.Dimensions`,
 * `SimilarityFunction`). Like every command here it carries its own vector middleware, so it
 * works through any DynamoDB client; the standard command carries these members only through an
 * `AlternatorClient`.
 * @publicApi
 */
export const VectorCreateTableCommand: new (
  input: VectorCreateTableCommandInput,
) => VectorCreateTableCommand = class VectorCreateTableCommand extends VectorCommand<
  VectorCreateTableCommandInput,
  VectorCreateTableCommandOutput
> {
  constructor(input: VectorCreateTableCommandInput) {
    super(input, new CreateTableCommand(input as CreateTableCommandInput) as StandardCommand);
  }
};

/** What `new VectorUpdateTableCommand(input)` returns: a command for `client.send`. @publicApi */
export type VectorUpdateTableCommand = Command<
  VectorUpdateTableCommandInput,
  VectorUpdateTableCommandOutput,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;
/**
 * `UpdateTableCommand` that creates or deletes one ScyllaDB vector index.
 * @publicApi
 */
export const VectorUpdateTableCommand: new (
  input: VectorUpdateTableCommandInput,
) => VectorUpdateTableCommand = class VectorUpdateTableCommand extends VectorCommand<
  VectorUpdateTableCommandInput,
  VectorUpdateTableCommandOutput
> {
  constructor(input: VectorUpdateTableCommandInput) {
    super(input, new UpdateTableCommand(input as UpdateTableCommandInput) as StandardCommand);
  }
};

/** What `new VectorDescribeTableCommand(input)` returns: a command for `client.send`. @publicApi */
export type VectorDescribeTableCommand = Command<
  VectorDescribeTableCommandInput,
  VectorDescribeTableCommandOutput,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;
/**
 * `DescribeTableCommand` whose output types ScyllaDB's vector index members, including
 * `IndexStatus` and `Backfilling`.
 * @publicApi
 */
export const VectorDescribeTableCommand: new (
  input: VectorDescribeTableCommandInput,
) => VectorDescribeTableCommand = class VectorDescribeTableCommand extends VectorCommand<
  VectorDescribeTableCommandInput,
  VectorDescribeTableCommandOutput
> {
  constructor(input: VectorDescribeTableCommandInput) {
    super(input, new DescribeTableCommand(input) as StandardCommand);
  }
};

/** What `new VectorQueryCommand(input)` returns: a command for `client.send`. @publicApi */
export type VectorQueryCommand = Command<
  VectorQueryCommandInput,
  VectorQueryCommandOutput,
  DynamoDBClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;
/**
 * `QueryCommand` with ScyllaDB's `VectorSearch`: the k items nearest to `QueryVector`, and their
 * `Scores` when asked.
 * @publicApi
 */
export const VectorQueryCommand: new (input: VectorQueryCommandInput) => VectorQueryCommand =
  class VectorQueryCommand extends VectorCommand<
    VectorQueryCommandInput,
    VectorQueryCommandOutput
  > {
    constructor(input: VectorQueryCommandInput) {
      super(input, new QueryCommand(input) as StandardCommand);
    }
  };
