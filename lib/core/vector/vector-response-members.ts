import { VectorSearchUnsupportedError } from './vector-errors.js';
import { requestedVectorIndexes } from './vector-request-members.js';

/** Commands whose responses carry members the SDK's model drops. */
const DESCRIBING_COMMANDS: Record<string, 'Table' | 'TableDescription'> = {
  DescribeTableCommand: 'Table',
  CreateTableCommand: 'TableDescription',
  UpdateTableCommand: 'TableDescription',
};

/** Whether the raw response body is needed: vector queries and table descriptions only. */
export function needsRawResponse(commandName: string | undefined, input: object): boolean {
  if (commandName === 'QueryCommand') {
    return (input as { VectorSearch?: unknown }).VectorSearch !== undefined;
  }
  return commandName !== undefined && commandName in DESCRIBING_COMMANDS;
}

/**
 * Copies what the SDK dropped from the raw response onto the parsed output: a vector query's
 * `Scores`, and the vector indexes of a table description as the server wrote them
 * (`VectorAttribute.Dimensions`, `SimilarityFunction`, `IndexStatus`, `Backfilling`).
 *
 * @throws VectorSearchUnsupportedError when the server ignored what it does not know (before
 *   ScyllaDB 2026.3): `ReturnScores` (items but no scores), or `SimilarityFunction` (an index
 *   described without it).
 */
export function copyServerOnlyMembers(
  commandName: string | undefined,
  input: object,
  output: object,
  raw: Record<string, unknown>,
): void {
  if (commandName === 'QueryCommand') {
    copyScores(input, output, raw);
    return;
  }
  const container = commandName === undefined ? undefined : DESCRIBING_COMMANDS[commandName];
  if (container === undefined) return;
  const rawIndexes = (raw[container] as { VectorIndexes?: unknown } | undefined)?.VectorIndexes;
  const description = (output as Record<string, { VectorIndexes?: unknown } | undefined>)[
    container
  ];
  if (!Array.isArray(rawIndexes)) return;
  if (description !== undefined) description.VectorIndexes = rawIndexes;
  checkSimilarityFunctionsKept(input, rawIndexes as Array<Record<string, unknown>>);
}

/**
 * ScyllaDB 2026.2 ignores `SimilarityFunction` and ranks by cosine. When a new index is described
 * without the function it was asked to use, say so instead of letting it rank by another metric.
 */
function checkSimilarityFunctionsKept(
  input: object,
  described: ReadonlyArray<Record<string, unknown>>,
): void {
  const requested = requestedVectorIndexes(input);
  for (const index of requested) {
    const asked = index.SimilarityFunction;
    if (typeof asked !== 'string' || asked === 'COSINE') continue;
    const found = described.find((candidate) => candidate.IndexName === index.IndexName);
    if (found !== undefined && found.SimilarityFunction === undefined) {
      throw new VectorSearchUnsupportedError(
        `The server created vector index '${String(index.IndexName)}' but ignored its ` +
          `SimilarityFunction ${asked}: it predates ScyllaDB 2026.3 and ranks by COSINE. ` +
          'Delete the index, or use COSINE on this server',
      );
    }
  }
}

function copyScores(input: object, output: { Scores?: unknown }, raw: Record<string, unknown>) {
  if (Array.isArray(raw.Scores)) {
    output.Scores = raw.Scores;
    return;
  }
  const search = (input as { VectorSearch?: { ReturnScores?: unknown } }).VectorSearch;
  const items = raw.Items;
  if (search?.ReturnScores === 'SIMILARITY' && Array.isArray(items) && items.length > 0) {
    throw new VectorSearchUnsupportedError(
      'The server answered a vector Query that asked for ReturnScores: SIMILARITY with items ' +
        'but no Scores: it predates ScyllaDB 2026.3, which added scores. Leave ReturnScores out ' +
        'on this server, or upgrade it',
    );
  }
}
