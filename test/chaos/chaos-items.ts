import {
  BatchGetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export const CHAOS_TABLE = 'chaos';

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_KEYS = 100;
/** Rounds of re-reading UnprocessedKeys before an id counts as missing. */
const UNPROCESSED_ROUNDS = 10;

export interface ReadBackReport {
  /** Items found with the expected value. */
  verified: number;
  /** Ids with no item at all. */
  missing: string[];
  /** `id: expected X, read Y` for each item with another value. */
  wrong: string[];
}

/** An item of the chaos table: its id and a `value` attribute (a string, or a counter). */
export function putItem(id: string, value: AttributeValue): PutItemCommand {
  return new PutItemCommand({ TableName: CHAOS_TABLE, Item: { id: { S: id }, value } });
}

/** The fixed value written under `id`, so a repeated write of it changes nothing. */
export function valueOf(id: string): string {
  return `value-of-${id}`;
}

export function counterId(worker: number): string {
  return `counter-${worker}`;
}

export function valueText(value: AttributeValue | undefined): string | undefined {
  return value?.S ?? value?.N;
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code ? ` (${code})` : ''}: ${error.message}`;
}

/** Reads every id of `expected` with consistent BatchGetItem calls and compares the values. */
export async function readBack(
  client: DynamoDBClient,
  expected: ReadonlyMap<string, string>,
): Promise<ReadBackReport> {
  const found = new Map<string, string | undefined>();
  const ids = [...expected.keys()];
  for (let start = 0; start < ids.length; start += BATCH_GET_KEYS) {
    let keys: Array<Record<string, AttributeValue>> = ids
      .slice(start, start + BATCH_GET_KEYS)
      .map((id) => ({ id: { S: id } }));
    for (let round = 0; keys.length > 0 && round < UNPROCESSED_ROUNDS; round++) {
      const { Responses, UnprocessedKeys } = await client.send(
        new BatchGetItemCommand({
          RequestItems: { [CHAOS_TABLE]: { Keys: keys, ConsistentRead: true } },
        }),
      );
      for (const item of Responses?.[CHAOS_TABLE] ?? []) {
        found.set(item.id.S!, valueText(item.value));
      }
      keys = UnprocessedKeys?.[CHAOS_TABLE]?.Keys ?? [];
    }
  }
  const missing = ids.filter((id) => !found.has(id));
  const wrong = ids
    .filter((id) => found.has(id) && found.get(id) !== expected.get(id))
    .map((id) => `${id}: expected ${expected.get(id)}, read ${found.get(id)}`);
  return { verified: ids.length - missing.length - wrong.length, missing, wrong };
}
