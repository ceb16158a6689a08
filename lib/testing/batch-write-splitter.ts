/** Alternator's default `alternator_max_items_in_batch_write` (DynamoDB and dynalite allow 25). */
export const MAX_BATCH_WRITE_ITEMS = 100;
/** The largest batch dynalite accepts. */
export const STORE_BATCH_WRITE_ITEMS = 25;

type JsonObject = Record<string, unknown>;

export type BatchWritePlan =
  | { kind: 'as-is' }
  | { kind: 'too-many'; items: number }
  | { kind: 'split'; requests: JsonObject[] };

/**
 * Decides how a BatchWriteItem reaches the store: unchanged when it is small or malformed (the
 * store then validates it), refused above Alternator's limit, or cut into store-sized requests
 * that keep every other top-level field.
 */
export function planBatchWrite(body: Buffer): BatchWritePlan {
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'as-is' };
  }
  if (!isObject(request) || !isObject(request.RequestItems)) {
    return { kind: 'as-is' };
  }
  const writes: Array<[table: string, write: unknown]> = [];
  for (const [table, tableWrites] of Object.entries(request.RequestItems)) {
    if (!Array.isArray(tableWrites)) {
      return { kind: 'as-is' };
    }
    for (const write of tableWrites) {
      writes.push([table, write]);
    }
  }
  if (writes.length > MAX_BATCH_WRITE_ITEMS) {
    return { kind: 'too-many', items: writes.length };
  }
  if (writes.length <= STORE_BATCH_WRITE_ITEMS) {
    return { kind: 'as-is' };
  }
  const requests: JsonObject[] = [];
  for (let start = 0; start < writes.length; start += STORE_BATCH_WRITE_ITEMS) {
    const items: Record<string, unknown[]> = {};
    for (const [table, write] of writes.slice(start, start + STORE_BATCH_WRITE_ITEMS)) {
      (items[table] ??= []).push(write);
    }
    requests.push({ ...request, RequestItems: items });
  }
  return { kind: 'split', requests };
}

/** Joins the successful replies of a split batch into one reply. */
export function mergeBatchWriteReplies(replies: Buffer[]): Buffer {
  const unprocessed: Record<string, unknown[]> = {};
  const consumed: unknown[] = [];
  const metrics: Record<string, unknown[]> = {};
  for (const reply of replies) {
    const parsed: unknown = JSON.parse(reply.toString('utf8'));
    if (!isObject(parsed)) {
      continue;
    }
    appendPerTable(unprocessed, parsed.UnprocessedItems);
    appendPerTable(metrics, parsed.ItemCollectionMetrics);
    if (Array.isArray(parsed.ConsumedCapacity)) {
      consumed.push(...(parsed.ConsumedCapacity as unknown[]));
    }
  }
  const merged: JsonObject = { UnprocessedItems: unprocessed };
  if (consumed.length > 0) {
    merged.ConsumedCapacity = consumed;
  }
  if (Object.keys(metrics).length > 0) {
    merged.ItemCollectionMetrics = metrics;
  }
  return Buffer.from(JSON.stringify(merged));
}

function appendPerTable(target: Record<string, unknown[]>, perTable: unknown): void {
  if (!isObject(perTable)) {
    return;
  }
  for (const [table, entries] of Object.entries(perTable)) {
    if (Array.isArray(entries)) {
      (target[table] ??= []).push(...(entries as unknown[]));
    }
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
