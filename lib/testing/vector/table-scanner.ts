import type { StoreReply } from '../dynalite-backend.js';
import { decodeFloat32Vectors } from './float32-vector-codec.js';
import {
  callStore,
  isJsonObject,
  type AttributeMap,
  type JsonObject,
  type StoreForwarder,
} from './json-values.js';

export type ScanResult = { ok: true; items: AttributeMap[] } | { ok: false; reply: StoreReply };

/**
 * Every item of a table that `request` (a Scan without TableName and ExclusiveStartKey, e.g. a
 * FilterExpression) selects, read page by page from the store, vectors decoded. Exact k-NN reads
 * the whole table: fine for the test-sized tables this cluster serves.
 */
export async function scanTable(
  store: StoreForwarder,
  tableName: string,
  request: JsonObject = {},
): Promise<ScanResult> {
  const items: AttributeMap[] = [];
  let startKey: unknown;
  do {
    const page = await callStore(store, 'Scan', {
      ...request,
      TableName: tableName,
      ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
    });
    if (!page.ok) {
      return page;
    }
    const pageItems = Array.isArray(page.json.Items) ? (page.json.Items as unknown[]) : [];
    decodeFloat32Vectors(pageItems);
    items.push(...pageItems.filter(isJsonObject));
    startKey = page.json.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { ok: true, items };
}

/** The table's description (DescribeTable's `Table`), or the store's error. */
export async function describeTable(
  store: StoreForwarder,
  tableName: string,
): Promise<{ ok: true; table: JsonObject } | { ok: false; reply: StoreReply }> {
  const described = await callStore(store, 'DescribeTable', { TableName: tableName });
  if (!described.ok) {
    return described;
  }
  return { ok: true, table: isJsonObject(described.json.Table) ? described.json.Table : {} };
}
