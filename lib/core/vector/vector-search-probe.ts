import {
  DescribeTableCommand,
  PutItemCommand,
  SearchVectorsCommand,
  UpdateTableCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { AlternatorError } from '../errors.js';
import { float32Vector } from './float32-vector.js';
import { VectorSearchUnsupportedError } from './vector-errors.js';

const PROBE_NAME = 'alternator_vector_probe';

/**
 * Which vector-search API a server speaks, as {@link probeVectorSearchSupport} found out.
 *
 * | server | searchVectors | vectorIndexes | float32Vector |
 * | --- | --- | --- | --- |
 * | ScyllaDB 2026.1 and older | false | false | false |
 * | ScyllaDB 2026.2 (Query + VectorSearch) | false | true | false |
 * | ScyllaDB 2026.3 (+ SimilarityFunction, scores, FLOAT32VECTOR) | false | true | true |
 * | ScyllaDB 2026.4+ (DynamoDB's API) | true | true | true |
 * | Amazon DynamoDB | true | true | false |
 *
 * @publicApi
 */
export interface VectorSearchSupport {
  /** `SearchVectors` and DynamoDB's index shape. */
  searchVectors: boolean;
  /** Vector indexes through `UpdateTable.VectorIndexUpdates`; undefined without `probeTable`. */
  vectorIndexes: boolean | undefined;
  /** `FLOAT32VECTOR` attribute values; undefined without `probeTable`. */
  float32Vector: boolean | undefined;
  /** The row of the table above, in words, for logs and error messages. */
  summary: string;
}

/**
 * Options of {@link probeVectorSearchSupport}.
 *
 * @publicApi
 */
export interface VectorSearchProbeOptions {
  /**
   * An existing table the probes may use. Nothing is written to it: the `FLOAT32VECTOR` probe is
   * a `PutItem` whose condition cannot hold, and the index probe deletes a vector index that
   * does not exist. Without it, only `searchVectors` is probed. Default: undefined
   */
  probeTable?: string;
}

/**
 * Finds out which vector-search API the server speaks, with requests that change nothing (see
 * {@link VectorSearchSupport} for what each answer means), so an application can fail at start
 * with a clear message instead of sending requests an older server would ignore.
 *
 * @throws the probe's own error when the server answered none of the probes (unreachable,
 *   unauthorized, or `probeTable` missing)
 * @publicApi
 */
export async function probeVectorSearchSupport(
  client: DynamoDBClient,
  options: VectorSearchProbeOptions = {},
): Promise<VectorSearchSupport> {
  const searchVectors = await answers(
    client.send(
      new SearchVectorsCommand({
        TableName: options.probeTable ?? PROBE_NAME,
        IndexName: PROBE_NAME,
        SearchVector: [{ N: '0' }],
        TopK: 1,
      }),
    ),
    (error) =>
      error instanceof VectorSearchUnsupportedError ||
      nameOf(error) === 'UnknownOperationException',
    // A server with SearchVectors looks the probe's table or index up, and finds neither.
    (error) => ['ResourceNotFoundException', 'ValidationException'].includes(nameOf(error) ?? ''),
  );
  if (options.probeTable === undefined) {
    return {
      searchVectors,
      vectorIndexes: undefined,
      float32Vector: undefined,
      summary: summarize(searchVectors, undefined, undefined),
    };
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: options.probeTable }));
  const vectorIndexes = await deletesAbsentIndex(client, options.probeTable);
  const float32 = await acceptsFloat32Vector(client, options.probeTable, Table);
  return {
    searchVectors,
    vectorIndexes,
    float32Vector: float32,
    summary: summarize(searchVectors, vectorIndexes, float32),
  };
}

/** A server that manages vector indexes says the index to delete does not exist. */
async function deletesAbsentIndex(client: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await client.send(
      new UpdateTableCommand({
        TableName: table,
        VectorIndexUpdates: [{ Delete: { IndexName: `${PROBE_NAME}_absent` } }],
      }),
    );
    return false;
  } catch (error) {
    if (nameOf(error) === 'ResourceNotFoundException') return true;
    if (isServiceError(error)) return false;
    throw error;
  }
}

/** A `PutItem` with a `FLOAT32VECTOR` and a condition that cannot hold: nothing is written. */
async function acceptsFloat32Vector(
  client: DynamoDBClient,
  table: string,
  description: TableDescription | undefined,
): Promise<boolean> {
  const key = probeKey(description);
  const hashKey = description?.KeySchema?.find((element) => element.KeyType === 'HASH');
  if (key === undefined || hashKey?.AttributeName === undefined) {
    throw new AlternatorError(
      `Cannot probe FLOAT32VECTOR on table '${table}': its key schema is unknown`,
    );
  }
  return answers(
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...key, [PROBE_NAME]: float32Vector([0]) },
        ConditionExpression: 'attribute_exists(#k) AND attribute_not_exists(#k)',
        ExpressionAttributeNames: { '#k': hashKey.AttributeName },
      }),
    ),
    (error) =>
      error instanceof VectorSearchUnsupportedError ||
      (nameOf(error) === 'ValidationException' &&
        /FLOAT32VECTOR|AttributeValue/i.test((error as Error).message)),
    (error) => nameOf(error) === 'ConditionalCheckFailedException',
  );
}

function probeKey(
  description: TableDescription | undefined,
): Record<string, AttributeValue> | undefined {
  const types = new Map(
    (description?.AttributeDefinitions ?? []).map((definition) => [
      definition.AttributeName,
      definition.AttributeType,
    ]),
  );
  const key: Record<string, AttributeValue> = {};
  for (const element of description?.KeySchema ?? []) {
    const type = types.get(element.AttributeName);
    if (element.AttributeName === undefined || type === undefined) return undefined;
    key[element.AttributeName] =
      type === 'N' ? { N: '0' } : type === 'B' ? { B: new Uint8Array([0]) } : { S: PROBE_NAME };
  }
  return Object.keys(key).length > 0 ? key : undefined;
}

/**
 * True when the server took the request or refused it for a reason that shows it understood it;
 * false when `refused` says it did not; any other failure is rethrown.
 */
async function answers(
  request: Promise<unknown>,
  refused: (error: unknown) => boolean,
  understood: (error: unknown) => boolean = isServiceError,
): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (refused(error)) return false;
    if (understood(error)) return true;
    throw error;
  }
}

/** An error the server sent (as opposed to a connection or client-side failure). */
function isServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$fault' in error;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function summarize(
  searchVectors: boolean,
  vectorIndexes: boolean | undefined,
  float32: boolean | undefined,
): string {
  if (searchVectors) {
    return float32
      ? "DynamoDB's vector API (SearchVectors) with FLOAT32VECTOR: ScyllaDB 2026.4 or later"
      : "DynamoDB's vector API (SearchVectors)" +
          (float32 === false ? ' without FLOAT32VECTOR' : '');
  }
  if (vectorIndexes === undefined) {
    return 'no SearchVectors; give probeTable to probe Query + VectorSearch and FLOAT32VECTOR';
  }
  if (!vectorIndexes) return 'no vector search (ScyllaDB 2026.1 or older)';
  return float32
    ? 'Query + VectorSearch with SimilarityFunction, scores and FLOAT32VECTOR: ScyllaDB 2026.3'
    : 'Query + VectorSearch, COSINE only, no scores, no FLOAT32VECTOR: ScyllaDB 2026.2';
}
